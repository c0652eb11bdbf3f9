/**
 * Writes the kubeconfig that points kubectl and client libraries at the lab: cluster `cluster-lab`
 * (server + inline CA), user `cluster-lab-admin` (bearer token), context `cluster-lab` (namespace default)
 * as the current context. The file holds a credential: 0600, in a 0700 directory, replaced atomically.
 */
import { resolve, join } from 'node:path';
import { stringify } from 'yaml';
import { ensurePrivateDir, writeFileAtomic } from '../data-dir';

export interface KubeconfigInput {
  /** e.g. https://127.0.0.1:6443 */
  server: string;
  caPem: string;
  token: string;
}

export const KUBECONFIG_FILE = 'kubeconfig';
export const CLUSTER_NAME = 'cluster-lab';
export const USER_NAME = 'cluster-lab-admin';
export const CONTEXT_NAME = 'cluster-lab';

/** The kubeconfig document (clientcmd/api/v1 Config), as kubectl's own `config view --raw` would show it. */
export function kubeconfigDocument(input: KubeconfigInput): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: CLUSTER_NAME,
        cluster: {
          server: input.server,
          'certificate-authority-data': Buffer.from(input.caPem, 'utf8').toString('base64'),
        },
      },
    ],
    users: [{ name: USER_NAME, user: { token: input.token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CLUSTER_NAME, user: USER_NAME, namespace: 'default' } }],
    'current-context': CONTEXT_NAME,
  };
}

/** Writes `<dir>/kubeconfig` and returns its absolute path. */
export async function writeKubeconfig(dir: string, input: KubeconfigInput): Promise<string> {
  const absDir = resolve(dir);
  await ensurePrivateDir(absDir);
  const path = join(absDir, KUBECONFIG_FILE);
  await writeFileAtomic(path, stringify(kubeconfigDocument(input), { lineWidth: 0 }), 0o600);
  return path;
}
