/**
 * What the kubelet reads from the API server to build a container's environment and volumes (upstream's
 * configmap/secret managers and token manager). Errors carry the kubelet's wording: the managers report a
 * missing object with the singular resource name (`configmap "x" not found`).
 */
import type { KubeObject } from '../api/objects';
import type { ApiGate } from './api-gate';

export class ConfigLookupError extends Error {}

export interface PodConfigSource {
  configMap(namespace: string, name: string): Promise<KubeObject | undefined>;
  secret(namespace: string, name: string): Promise<KubeObject | undefined>;
  /** Services of a namespace plus `default/kubernetes` (the master service every pod sees). */
  services(namespace: string): Promise<KubeObject[]>;
  /** A bound service account token (TokenRequest), as the projected token volume gets it. */
  token(namespace: string, serviceAccount: string, pod: { name: string; uid: string }, expirationSeconds: number, audience?: string): Promise<string>;
}

/** A PodConfigSource over the API (no caching: the lab's API server is in-process). */
export function apiConfigSource(api: ApiGate): PodConfigSource {
  const getOrUndefined = async (resource: string, namespace: string, name: string) => {
    try {
      return await api.get({ group: '', version: 'v1', resource, namespace, name });
    } catch (err) {
      if ((err as { code?: number }).code === 404) return undefined;
      throw err;
    }
  };
  return {
    configMap: (ns, name) => getOrUndefined('configmaps', ns, name),
    secret: (ns, name) => getOrUndefined('secrets', ns, name),
    services: async (ns) => {
      const own = (await api.list({ group: '', version: 'v1', resource: 'services', namespace: ns })).items;
      if (ns === 'default') return own;
      const master = await getOrUndefined('services', 'default', 'kubernetes');
      return master ? [...own, master] : own;
    },
    token: async (ns, sa, pod, expirationSeconds, audience) => {
      const spec: Record<string, unknown> = { expirationSeconds, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: pod.name, uid: pod.uid } };
      spec['audiences'] = audience ? [audience] : [];
      const res = await api.create(
        { group: '', version: 'v1', resource: 'serviceaccounts', namespace: ns, name: sa, subresource: 'token' },
        { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec },
      );
      return ((res['status'] as { token?: string } | undefined)?.token ?? '') as string;
    },
  };
}
