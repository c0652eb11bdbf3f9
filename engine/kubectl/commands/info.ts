/**
 * Read-only informational commands: `version`, `api-versions`, `api-resources`, `cluster-info`,
 * `config view|current-context|get-contexts`, `auth can-i`, in kubectl 1.32's words and layouts.
 */
import { groupVersion, type ResourceMapping } from '../discovery';
import { bool, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import { TabWriter } from '../printers/tabwriter';
import { goYaml } from '../printers/go-yaml';
import { goJson } from '../printers/go-json';
import type { Json } from '../rest';
import { byteOrder } from '../printers/go-json';

/** The kubectl build this in-app client stands for. */
export const CLIENT_VERSION = 'v1.32.4';
const KUSTOMIZE_VERSION = 'v5.5.0';

export const versionCommand: CommandDef = {
  name: 'version',
  flags: [{ name: 'client', kind: 'bool', default: false }, { name: 'output', short: 'o', kind: 'string', default: '' }],
  async run(inv) {
    const server = bool(inv.flags, 'client') ? undefined : await inv.rest.json<Json>({ method: 'GET', path: '/version', query: { timeout: '32s' } });
    const o = str(inv.flags, 'output');
    const client = { major: '1', minor: '32', gitVersion: CLIENT_VERSION, gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335', gitTreeState: 'clean', buildDate: '2025-04-22T16:03:52Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' };
    if (o === 'json' || o === 'yaml') {
      const doc: Json = { clientVersion: client, kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) doc['serverVersion'] = server;
      inv.ctx.stdout(o === 'json' ? `${goJson(doc, '  ')}\n` : goYaml(doc));
      return 0;
    }
    if (o !== '') throw new KubectlError(`--output must be 'yaml' or 'json'`);
    let out = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (server) out += `Server Version: ${String(server['gitVersion'])}\n`;
    inv.ctx.stdout(out);
    return 0;
  },
};

export const apiVersionsCommand: CommandDef = {
  name: 'api-versions',
  flags: [],
  async run(inv) {
    const gvs = [...(await inv.discovery.groupVersions())].sort(byteOrder);
    inv.ctx.stdout(gvs.map((g) => `${g}\n`).join(''));
    return 0;
  },
};

export const apiResourcesCommand: CommandDef = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'namespaced', kind: 'bool', default: true },
    { name: 'api-group', kind: 'string', default: '' },
    { name: 'verbs', kind: 'stringSlice', default: [] },
    { name: 'no-headers', kind: 'bool', default: false },
    { name: 'sort-by', kind: 'string', default: '' },
    { name: 'categories', kind: 'stringSlice', default: [] },
    { name: 'cached', kind: 'bool', default: false },
  ] satisfies FlagSpec[],
  async run(inv) {
    let rs: ResourceMapping[] = (await inv.discovery.resources()).filter((r) => r.preferred);
    if (inv.flags.changed.has('namespaced')) rs = rs.filter((r) => r.namespaced === bool(inv.flags, 'namespaced'));
    if (inv.flags.changed.has('api-group')) rs = rs.filter((r) => r.group === str(inv.flags, 'api-group'));
    const verbs = (inv.flags.values.get('verbs') as string[]) ?? [];
    if (verbs.length > 0) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = (inv.flags.values.get('categories') as string[]) ?? [];
    if (cats.length > 0) rs = rs.filter((r) => cats.every((c) => r.categories.includes(c)));
    const sortBy = str(inv.flags, 'sort-by');
    rs = [...rs].sort((a, b) => (sortBy === 'kind' ? byteOrder(a.kind, b.kind) : sortBy === 'name' ? byteOrder(a.resource, b.resource) : byteOrder(a.group, b.group) || byteOrder(a.resource, b.resource)));
    const o = str(inv.flags, 'output');
    if (o === 'name') {
      inv.ctx.stdout(rs.map((r) => (r.group === '' ? `${r.resource}\n` : `${r.resource}.${r.group}\n`)).join(''));
      return 0;
    }
    if (o !== '' && o !== 'wide') throw new KubectlError(`--output ${o} is not available`);
    const w = new TabWriter((s) => inv.ctx.stdout(s));
    const wide = o === 'wide';
    if (!bool(inv.flags, 'no-headers')) w.write(`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`);
    for (const r of rs) {
      let line = `${r.resource}\t${r.shortNames.join(',')}\t${groupVersion(r)}\t${r.namespaced}\t${r.kind}`;
      if (wide) line += `\t${r.verbs.join(',')}\t${r.categories.join(',')}`;
      w.write(`${line}\n`);
    }
    w.flush();
    return 0;
  },
};

export const clusterInfoCommand: CommandDef = {
  name: 'cluster-info',
  flags: [],
  async run(inv) {
    const server = inv.ctx.server ?? 'https://127.0.0.1:6443';
    // kubectl colours these only on a terminal (ct.ChangeColor is a no-op otherwise).
    const green = (s: string) => (inv.ctx.tty ? `\x1b[0;32m${s}\x1b[0m` : s);
    const yellow = (s: string) => (inv.ctx.tty ? `\x1b[0;33m${s}\x1b[0m` : s);
    let out = `${green('Kubernetes control plane')} is running at ${yellow(server)}\n`;
    const svcs = await inv.rest.json<Json>({ method: 'GET', path: '/api/v1/namespaces/kube-system/services', query: { labelSelector: 'kubernetes.io/cluster-service=true' } });
    for (const s of (svcs['items'] as Json[] | undefined) ?? []) {
      const meta = s['metadata'] as Json;
      const name = ((meta['labels'] as Record<string, string> | undefined)?.['kubernetes.io/name'] ?? meta['name']) as string;
      const port = (((s['spec'] as Json)['ports'] as Json[] | undefined) ?? [])[0];
      const portName = port ? (port['name'] ? `${String(port['name'])}` : String(port['port'])) : '';
      out += `${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${String(meta['name'])}:${portName}/proxy`)}\n`;
    }
    out += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
    inv.ctx.stdout(out);
    return 0;
  },
};

function kubeconfig(inv: Invocation): Json {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: inv.ctx.server ?? 'https://127.0.0.1:6443' }, name: 'cluster-lab' }],
    contexts: [{ context: { cluster: 'cluster-lab', namespace: inv.ctx.namespace ?? 'default', user: 'cluster-lab-admin' }, name: 'cluster-lab' }],
    'current-context': 'cluster-lab',
    kind: 'Config',
    preferences: {},
    users: [{ name: 'cluster-lab-admin', user: { token: 'REDACTED' } }],
  };
}

export const configCommand: CommandDef = {
  name: 'config',
  flags: [],
  subcommands: [
    {
      name: 'view',
      flags: [{ name: 'output', short: 'o', kind: 'string', default: 'yaml' }, { name: 'minify', kind: 'bool', default: false }, { name: 'raw', kind: 'bool', default: false }, { name: 'flatten', kind: 'bool', default: false }],
      async run(inv) {
        if (bool(inv.flags, 'raw')) throw new KubectlError('the in-app kubectl does not reveal credentials; the kubeconfig file shown under "Use your own kubectl" has them');
        const o = str(inv.flags, 'output');
        inv.ctx.stdout(o === 'json' ? `${goJson(kubeconfig(inv), '    ')}\n` : goYaml(kubeconfig(inv)));
        return 0;
      },
    },
    {
      name: 'current-context',
      flags: [],
      async run(inv) {
        inv.ctx.stdout('cluster-lab\n');
        return 0;
      },
    },
    {
      name: 'get-contexts',
      flags: [{ name: 'output', short: 'o', kind: 'string', default: '' }, { name: 'no-headers', kind: 'bool', default: false }],
      async run(inv) {
        if (str(inv.flags, 'output') === 'name') {
          inv.ctx.stdout('cluster-lab\n');
          return 0;
        }
        const w = new TabWriter((s) => inv.ctx.stdout(s));
        w.write(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\tcluster-lab\tcluster-lab\tcluster-lab-admin\t${inv.ctx.namespace ?? 'default'}\n`);
        w.flush();
        return 0;
      },
    },
  ],
};

export const authCommand: CommandDef = {
  name: 'auth',
  flags: [],
  subcommands: [
    {
      name: 'can-i',
      flags: [{ name: 'all-namespaces', short: 'A', kind: 'bool', default: false }, { name: 'quiet', short: 'q', kind: 'bool', default: false }, { name: 'subresource', kind: 'string', default: '' }, { name: 'list', kind: 'bool', default: false }, { name: 'no-headers', kind: 'bool', default: false }],
      async run(inv) {
        const [verb, resourceArg] = inv.args;
        if (!verb || !resourceArg) throw new KubectlError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee '${inv.commandPath} -h' for help and examples\n`, true);
        let resourceWord = resourceArg;
        let name = inv.args[2] ?? '';
        if (resourceArg.includes('/') && !resourceArg.startsWith('/')) [resourceWord, name] = resourceArg.split('/') as [string, string];
        const attrs: Json = { verb, namespace: inv.allNamespaces ? '' : inv.namespace };
        if (resourceArg.startsWith('/')) {
          delete attrs['namespace'];
        } else {
          const m = await inv.discovery.find(resourceWord);
          if (!m) inv.ctx.stderr(`Warning: the server doesn't have a resource type '${resourceWord}'\n\n`);
          attrs['group'] = m?.group ?? '';
          attrs['resource'] = m?.resource ?? resourceWord;
          if (name) attrs['name'] = name;
          if (str(inv.flags, 'subresource')) attrs['subresource'] = str(inv.flags, 'subresource');
        }
        const review = await inv.rest.json<Json>({
          method: 'POST',
          path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          body: JSON.stringify({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: resourceArg.startsWith('/') ? { nonResourceAttributes: { path: resourceArg, verb } } : { resourceAttributes: attrs } }),
        });
        const status = (review['status'] ?? {}) as Json;
        const allowed = status['allowed'] === true;
        if (!bool(inv.flags, 'quiet')) inv.ctx.stdout(allowed ? 'yes\n' : status['reason'] ? `no - ${String(status['reason'])}\n` : 'no\n');
        return allowed ? 0 : 1;
      },
    },
    {
      name: 'whoami',
      flags: [{ name: 'output', short: 'o', kind: 'string', default: '' }],
      async run(inv) {
        const review = await inv.rest.json<Json>({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: JSON.stringify({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {} }) });
        const user = ((review['status'] as Json | undefined)?.['userInfo'] ?? {}) as Json;
        const w = new TabWriter((s) => inv.ctx.stdout(s));
        w.write(`ATTRIBUTE\tVALUE\nUsername\t${String(user['username'] ?? '')}\nGroups\t[${((user['groups'] as string[] | undefined) ?? []).join(' ')}]\n`);
        w.flush();
        return 0;
      },
    },
  ],
};
