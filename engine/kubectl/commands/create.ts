/**
 * `kubectl create -f` and the generators kubectl's typed clients post (`create namespace|configmap|secret
 * generic|deployment|service clusterip`), with kubectl's field manager `kubectl-create` and strict field
 * validation, and each generator's own error wording.
 */
import { withSource } from '../apply/apply-manifests';
import { placeObject } from '../apply/object-mapping';
import { resourcePath, type ResourceMapping } from '../discovery';
import { readSources } from '../file-sources';
import { int, list, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { parseManifests } from '../manifests';
import { goYaml } from '../printers/go-yaml';
import { goJson } from '../printers/go-json';
import { printCollected } from '../print-errors';
import type { Json } from '../rest';
import { StatusError } from '../../apiserver/errors/status-error';
import { base64Encode } from '../../base/base64';

const COMMON: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string', default: '' },
  { name: 'dry-run', kind: 'string', default: 'none' },
  { name: 'field-manager', kind: 'string', default: 'kubectl-create' },
  { name: 'save-config', kind: 'bool', default: false },
  { name: 'validate', kind: 'string', default: 'strict' },
];

/**
 * What a client dry-run prints: the generated object as Go marshals it, so every zero ObjectMeta.creationTimestamp
 * (the object's and its pod template's) reads `null`.
 */
export function clientDryRunObject(obj: Json): Json {
  const out = JSON.parse(JSON.stringify(obj)) as Json;
  const stamp = (meta: unknown) => {
    if (meta && typeof meta === 'object' && !('creationTimestamp' in meta)) (meta as Json)['creationTimestamp'] = null;
  };
  stamp(out['metadata']);
  stamp(((out['spec'] as Json | undefined)?.['template'] as Json | undefined)?.['metadata']);
  return out;
}

/** Generators set metadata.namespace only when `-n` was given (kubectl's EnforceNamespace). */
function generatedMeta(inv: Invocation, meta: Json): Json {
  return inv.namespaceExplicit ? { ...meta, namespace: inv.namespace } : meta;
}

async function post(inv: Invocation, mapping: ResourceMapping, namespace: string | undefined, obj: Json): Promise<Json> {
  const dry = str(inv.flags, 'dry-run');
  if (dry === 'client') return clientDryRunObject(obj);
  return inv.rest.json<Json>({
    method: 'POST',
    path: resourcePath(mapping, namespace),
    query: { fieldManager: str(inv.flags, 'field-manager') || 'kubectl-create', fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) },
    body: JSON.stringify(obj),
  });
}

function report(inv: Invocation, display: string, created: Json): void {
  const o = str(inv.flags, 'output');
  const dry = str(inv.flags, 'dry-run');
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  if (o === 'yaml') inv.ctx.stdout(goYaml(created));
  else if (o === 'json') inv.ctx.stdout(`${goJson(created, '    ')}\n`);
  else if (o === 'name') inv.ctx.stdout(`${display}\n`);
  else inv.ctx.stdout(`${display} created${suffix}\n`);
}

async function mappingFor(inv: Invocation, word: string): Promise<ResourceMapping> {
  return inv.discovery.resolve(word);
}

function oneName(inv: Invocation, what: string): string {
  if (inv.args.length === 0) throw new KubectlError(`error: exactly one NAME is required, got 0\nSee '${inv.commandPath} -h' for help and examples\n`, true);
  if (inv.args.length > 1) throw new KubectlError(`error: exactly one NAME is required, got ${inv.args.length}\nSee '${inv.commandPath} -h' for help and examples\n`, true);
  void what;
  return inv.args[0] as string;
}

function wrapped(prefix: string, e: unknown): unknown {
  if (e instanceof StatusError) return new KubectlError(`${prefix}${e.message}`);
  return e;
}

const namespaceCmd: CommandDef = {
  name: 'namespace',
  aliases: ['ns'],
  flags: COMMON,
  async run(inv) {
    const name = oneName(inv, 'namespace');
    const m = await mappingFor(inv, 'namespaces');
    const created = await post(inv, m, undefined, { kind: 'Namespace', apiVersion: 'v1', metadata: { name }, spec: {}, status: {} });
    report(inv, `namespace/${name}`, created);
    return 0;
  },
};

/** `--from-literal=key=value` pairs, in order; kubectl rejects duplicates. */
function literals(values: readonly string[]): Array<[string, string]> {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid literal source ${v}, expected key=value`);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

const configmapCmd: CommandDef = {
  name: 'configmap',
  aliases: ['cm'],
  flags: [...COMMON, { name: 'from-literal', kind: 'stringArray', default: [] }, { name: 'from-file', kind: 'stringSlice', default: [] }, { name: 'from-env-file', kind: 'stringSlice', default: [] }, { name: 'append-hash', kind: 'bool', default: false }],
  async run(inv) {
    const name = oneName(inv, 'configmap');
    if (list(inv.flags, 'from-file').length > 0 || list(inv.flags, 'from-env-file').length > 0) throw new KubectlError('the in-app kubectl has no file system: use --from-literal');
    const data: Record<string, string> = {};
    for (const [k, v] of literals(list(inv.flags, 'from-literal'))) {
      if (k in data) throw new KubectlError(`cannot add key ${k}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
      data[k] = v;
    }
    const obj: Json = { kind: 'ConfigMap', apiVersion: 'v1', metadata: generatedMeta(inv, { name }) };
    if (Object.keys(data).length > 0) obj['data'] = data;
    const m = await mappingFor(inv, 'configmaps');
    let created: Json;
    try {
      created = await post(inv, m, inv.namespace, obj);
    } catch (e) {
      throw wrapped('failed to create configmap: ', e);
    }
    report(inv, `configmap/${name}`, created);
    return 0;
  },
};

const secretGenericCmd: CommandDef = {
  name: 'generic',
  flags: [...COMMON, { name: 'from-literal', kind: 'stringArray', default: [] }, { name: 'from-file', kind: 'stringSlice', default: [] }, { name: 'type', kind: 'string', default: '' }, { name: 'append-hash', kind: 'bool', default: false }],
  async run(inv) {
    const name = oneName(inv, 'secret');
    const data: Record<string, string> = {};
    for (const [k, v] of literals(list(inv.flags, 'from-literal'))) {
      if (k in data) throw new KubectlError(`cannot add key ${k}, another key by that name already exists in Data for Secret ${JSON.stringify(name)}`);
      data[k] = base64Encode(v);
    }
    const obj: Json = { kind: 'Secret', apiVersion: 'v1', metadata: generatedMeta(inv, { name }) };
    if (Object.keys(data).length > 0) obj['data'] = data;
    const type = str(inv.flags, 'type');
    if (type !== '') obj['type'] = type;
    const m = await mappingFor(inv, 'secrets');
    let created: Json;
    try {
      created = await post(inv, m, inv.namespace, obj);
    } catch (e) {
      throw wrapped('failed to create secret ', e);
    }
    report(inv, `secret/${name}`, created);
    return 0;
  },
};

const secretCmd: CommandDef = { name: 'secret', flags: COMMON, subcommands: [secretGenericCmd] };

/** The container name kubectl derives from an image: the last path element without tag or digest. */
function containerName(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0]?.split(':')[0] ?? last;
}

const deploymentCmd: CommandDef = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [...COMMON, { name: 'image', kind: 'stringSlice', default: [] }, { name: 'replicas', short: 'r', kind: 'int', default: 1 }, { name: 'port', kind: 'int', default: -1 }],
  async run(inv) {
    const name = oneName(inv, 'deployment');
    const images = list(inv.flags, 'image');
    if (images.length === 0) throw new KubectlError(`error: required flag(s) "image" not set\n`, true);
    const labels = { app: name };
    const port = int(inv.flags, 'port');
    const containers = images.map((image) => {
      const c: Json = { name: containerName(image), image, resources: {} };
      if (port >= 0) c['ports'] = [{ containerPort: port }];
      return c;
    });
    const obj: Json = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: generatedMeta(inv, { name, labels }),
      spec: { replicas: int(inv.flags, 'replicas'), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, strategy: {} },
      status: {},
    };
    const m = await mappingFor(inv, 'deployments.apps');
    let created: Json;
    try {
      created = await post(inv, m, inv.namespace, obj);
    } catch (e) {
      throw wrapped('failed to create deployment: ', e);
    }
    report(inv, `deployment.apps/${name}`, created);
    return 0;
  },
};

function serviceCmd(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer', word: string): CommandDef {
  return {
    name: word,
    flags: [...COMMON, { name: 'tcp', kind: 'stringSlice', default: [] }, { name: 'clusterip', kind: 'string', default: '' }, { name: 'node-port', kind: 'int', default: 0 }],
    async run(inv) {
      const name = oneName(inv, 'service');
      const tcp = list(inv.flags, 'tcp');
      const clusterIP = str(inv.flags, 'clusterip');
      if (tcp.length === 0 && clusterIP !== 'None') throw new KubectlError('at least one tcp port specifier must be provided');
      const ports = tcp.map((spec) => {
        const [p, t] = spec.split(':') as [string, string | undefined];
        const port = Number(p);
        const target = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t;
        const entry: Json = { name: `${p}-${t ?? p}`, protocol: 'TCP', port, targetPort: target };
        if (type === 'NodePort' && int(inv.flags, 'node-port') > 0) entry['nodePort'] = int(inv.flags, 'node-port');
        return entry;
      });
      const spec: Json = { ports, selector: { app: name }, type };
      if (clusterIP !== '') spec['clusterIP'] = clusterIP;
      const obj: Json = { kind: 'Service', apiVersion: 'v1', metadata: generatedMeta(inv, { name, labels: { app: name } }), spec, status: { loadBalancer: {} } };
      const m = await mappingFor(inv, 'services');
      let created: Json;
      try {
        created = await post(inv, m, inv.namespace, obj);
      } catch (e) {
        throw wrapped(`failed to create ${type} service: `, e);
      }
      report(inv, `service/${name}`, created);
      return 0;
    },
  };
}

const serviceGroup: CommandDef = {
  name: 'service',
  aliases: ['svc'],
  flags: COMMON,
  subcommands: [serviceCmd('ClusterIP', 'clusterip'), serviceCmd('NodePort', 'nodeport'), serviceCmd('LoadBalancer', 'loadbalancer')],
};

async function createFromFiles(inv: Invocation): Promise<number> {
  const files = list(inv.flags, 'filename');
  if (files.length === 0) {
    throw new KubectlError(`error: must specify one of -f and -k\n\n`, true);
  }
  const errors: string[] = [];
  let count = 0;
  for (const { source, text } of readSources(inv.ctx, files)) {
    for (const doc of parseManifests(text, source)) {
      try {
        const p = await placeObject(inv.discovery, doc.object, inv.namespace, inv.namespaceExplicit, source);
        let created: Json;
        try {
          created = await post(inv, p.mapping, p.namespace, p.object);
        } catch (e) {
          throw withSource(e, 'creating', source);
        }
        count++;
        report(inv, p.display, created);
      } catch (e) {
        errors.push(e instanceof StatusError ? statusErrorMessage(e) : e instanceof KubectlError && e.verbatim ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  if (count === 0 && errors.length === 0) throw new KubectlError('no objects passed to create');
  printCollected(inv.ctx.stderr, errors);
  return errors.length > 0 ? 1 : 0;
}

export const createCommand: CommandDef = {
  name: 'create',
  flags: [...COMMON, { name: 'filename', short: 'f', kind: 'stringSlice', default: [] }, { name: 'edit', kind: 'bool', default: false }, { name: 'raw', kind: 'string', default: '' }, { name: 'selector', short: 'l', kind: 'string', default: '' }],
  subcommands: [namespaceCmd, configmapCmd, secretCmd, deploymentCmd, serviceGroup],
  run: createFromFiles,
};
