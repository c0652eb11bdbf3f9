/**
 * Imperative shortcuts kubectl generates objects for: `run` (a Pod labelled run=NAME, kubectl/pkg/cmd/run),
 * `expose` (a Service selecting a workload's pods, kubectl/pkg/cmd/expose) and `taint` (node taints,
 * kubectl/pkg/cmd/taint: KEY[=VALUE]:EFFECT adds, KEY[:EFFECT]- removes).
 */
import { kindPrefix, resourcePath } from '../discovery';
import { bool, list, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, usageErrorf } from '../kubectl-error';
import { goJson } from '../printers/go-json';
import { goYaml } from '../printers/go-yaml';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';
import { clientDryRunObject } from './create';

function printResult(inv: Invocation, display: string, verb: string, obj: Json): void {
  const o = str(inv.flags, 'output');
  const dry = str(inv.flags, 'dry-run');
  if (o === 'yaml') inv.ctx.stdout(goYaml(obj));
  else if (o === 'json') inv.ctx.stdout(`${goJson(obj, '    ')}\n`);
  else if (o === 'name') inv.ctx.stdout(`${display}\n`);
  else inv.ctx.stdout(`${display} ${verb}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`);
}

async function create(inv: Invocation, path: string, obj: Json, manager: string): Promise<Json> {
  const dry = str(inv.flags, 'dry-run');
  if (dry === 'client') return clientDryRunObject(obj);
  return inv.rest.json<Json>({ method: 'POST', path, query: { fieldManager: manager, ...(dry === 'server' ? { dryRun: 'All' } : {}) }, body: JSON.stringify(obj) });
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export const runCommand: CommandDef = {
  name: 'run',
  flags: [
    { name: 'image', kind: 'string', default: '' },
    { name: 'port', kind: 'string', default: '' },
    { name: 'labels', short: 'l', kind: 'string', default: '' },
    { name: 'env', kind: 'stringArray', default: [] },
    { name: 'restart', kind: 'string', default: 'Always' },
    { name: 'command', kind: 'bool', default: false },
    { name: 'image-pull-policy', kind: 'string', default: '' },
    { name: 'annotations', kind: 'stringArray', default: [] },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'stdin', short: 'i', kind: 'bool', default: false },
    { name: 'tty', short: 't', kind: 'bool', default: false },
    { name: 'rm', kind: 'bool', default: false },
    { name: 'attach', kind: 'bool', default: false },
    { name: 'field-manager', kind: 'string', default: 'kubectl-run' },
  ] satisfies FlagSpec[],
  async run(inv) {
    const name = inv.args[0];
    if (!name || (inv.flags.argsLenAtDash === 0)) throw usageErrorf(inv.commandPath, 'NAME is required for run');
    const image = str(inv.flags, 'image');
    if (image === '') throw new KubectlError(`error: required flag(s) "image" not set\n`, true);
    if (bool(inv.flags, 'stdin') || bool(inv.flags, 'tty') || bool(inv.flags, 'attach') || bool(inv.flags, 'rm')) throw new KubectlError('interactive run (-i/-t/--attach/--rm) is not available in the in-app terminal');
    const restart = str(inv.flags, 'restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
    const labels = str(inv.flags, 'labels') !== '' ? parseLabels(str(inv.flags, 'labels')) : { run: name };
    const container: Json = { name, image, resources: {} };
    const rest = inv.flags.argsLenAtDash > 0 ? inv.args.slice(inv.flags.argsLenAtDash) : inv.args.slice(1);
    if (rest.length > 0) container[bool(inv.flags, 'command') ? 'command' : 'args'] = rest;
    const port = str(inv.flags, 'port');
    if (port !== '') container['ports'] = [{ containerPort: Number(port) }];
    const env = list(inv.flags, 'env');
    if (env.length > 0) container['env'] = env.map((e) => ({ name: e.slice(0, e.indexOf('=')), value: e.slice(e.indexOf('=') + 1) }));
    if (str(inv.flags, 'image-pull-policy') !== '') container['imagePullPolicy'] = str(inv.flags, 'image-pull-policy');
    const metadata: Json = { name, labels };
    const annotations = list(inv.flags, 'annotations');
    if (annotations.length > 0) metadata['annotations'] = parseLabels(annotations.join(','));
    // kubectl sets the namespace on generated objects only when -n was given.
    if (inv.namespaceExplicit) metadata['namespace'] = inv.namespace;
    const pod: Json = { kind: 'Pod', apiVersion: 'v1', metadata, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart }, status: {} };
    const created = await create(inv, `/api/v1/namespaces/${inv.namespace}/pods`, pod, str(inv.flags, 'field-manager'));
    printResult(inv, `pod/${name}`, 'created', created);
    return 0;
  },
};

export const exposeCommand: CommandDef = {
  name: 'expose',
  flags: [
    { name: 'port', kind: 'string', default: '' },
    { name: 'target-port', kind: 'string', default: '' },
    { name: 'protocol', kind: 'string', default: '' },
    { name: 'type', kind: 'string', default: '' },
    { name: 'name', kind: 'string', default: '' },
    { name: 'selector', kind: 'string', default: '' },
    { name: 'labels', short: 'l', kind: 'string', default: '' },
    { name: 'cluster-ip', kind: 'string', default: '' },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-expose' },
  ] satisfies FlagSpec[],
  async run(inv) {
    const [t] = await targetObjects(inv, inv.args);
    if (!t) throw usageErrorf(inv.commandPath, 'You must provide one or more resources by argument or filename.');
    if (t.error) throw t.error;
    const obj = t.object as Json;
    const spec = (obj['spec'] ?? {}) as Json;
    let selector: Record<string, string> | undefined;
    if (str(inv.flags, 'selector') !== '') selector = parseLabels(str(inv.flags, 'selector'));
    else if (t.mapping.kind === 'Pod') selector = (((obj['metadata'] as Json)['labels'] ?? undefined) as Record<string, string> | undefined);
    else if (t.mapping.kind === 'Service' || t.mapping.kind === 'ReplicationController') selector = spec['selector'] as Record<string, string> | undefined;
    else {
      const sel = spec['selector'] as Json | undefined;
      if (sel?.['matchExpressions']) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the ${t.mapping.kind} has matchExpressions, which expose cannot use`);
      selector = sel?.['matchLabels'] as Record<string, string> | undefined;
    }
    if (!selector || Object.keys(selector).length === 0) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the ${kindPrefix(t.mapping)} has no selector`);
    let ports: Json[] = [];
    if (str(inv.flags, 'port') !== '') ports = str(inv.flags, 'port').split(',').map((p) => ({ port: Number(p) }));
    else {
      const template = t.mapping.kind === 'Pod' ? spec : (((spec['template'] as Json | undefined)?.['spec'] ?? {}) as Json);
      for (const c of (template['containers'] as Json[] | undefined) ?? []) for (const p of (c['ports'] as Json[] | undefined) ?? []) ports.push({ port: p['containerPort'], protocol: p['protocol'] ?? 'TCP' });
      if (t.mapping.kind === 'Service') ports = ((spec['ports'] as Json[] | undefined) ?? []).map((p) => ({ port: p['port'], protocol: p['protocol'] ?? 'TCP' }));
    }
    if (ports.length === 0) throw new KubectlError(`couldn't find port via --port flag or introspection`);
    const target = str(inv.flags, 'target-port');
    const protocol = str(inv.flags, 'protocol') || 'TCP';
    ports = ports.map((p, i) => {
      const out: Json = {};
      if (ports.length > 1) out['name'] = `port-${i + 1}`;
      out['protocol'] = (p['protocol'] as string | undefined) ?? protocol;
      out['port'] = p['port'];
      out['targetPort'] = target !== '' ? (/^\d+$/.test(target) ? Number(target) : target) : p['port'];
      return out;
    });
    const name = str(inv.flags, 'name') || t.name;
    const labels = str(inv.flags, 'labels') !== '' ? parseLabels(str(inv.flags, 'labels')) : (((obj['metadata'] as Json)['labels'] ?? undefined) as Record<string, string> | undefined);
    const svcSpec: Json = { ports, selector };
    if (str(inv.flags, 'type') !== '') svcSpec['type'] = str(inv.flags, 'type');
    if (str(inv.flags, 'cluster-ip') !== '') svcSpec['clusterIP'] = str(inv.flags, 'cluster-ip');
    const metadata: Json = { name };
    if (labels) metadata['labels'] = labels;
    const svc: Json = { kind: 'Service', apiVersion: 'v1', metadata, spec: svcSpec, status: { loadBalancer: {} } };
    const created = await create(inv, `/api/v1/namespaces/${inv.namespace}/services`, svc, str(inv.flags, 'field-manager'));
    printResult(inv, `service/${name}`, 'exposed', created);
    return 0;
  },
};

interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseTaint(spec: string, removing: boolean): TaintSpec {
  const colon = spec.lastIndexOf(':');
  const kv = colon >= 0 ? spec.slice(0, colon) : spec;
  const effect = colon >= 0 ? spec.slice(colon + 1) : undefined;
  if (!removing && effect === undefined) throw new KubectlError(`invalid taint spec: ${spec}, unknown taint effect`);
  if (effect !== undefined && !EFFECTS.includes(effect)) throw new KubectlError(`invalid taint spec: ${spec}, unsupported taint effect`);
  const eq = kv.indexOf('=');
  return eq >= 0 ? { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect } : { key: kv, effect };
}

export const taintCommand: CommandDef = {
  name: 'taint',
  flags: [
    { name: 'overwrite', kind: 'bool', default: false },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'all', kind: 'bool', default: false },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-taint' },
  ] satisfies FlagSpec[],
  async run(inv) {
    const resources: string[] = [];
    const changes: string[] = [];
    for (const a of inv.args) {
      if ((a.includes(':') || a.includes('=') || a.endsWith('-')) && resources.length > 0) changes.push(a);
      else resources.push(a);
    }
    if (changes.length === 0) throw usageErrorf(inv.commandPath, 'at least one taint update is required');
    const add = changes.filter((c) => !c.endsWith('-')).map((c) => parseTaint(c, false));
    const remove = changes.filter((c) => c.endsWith('-')).map((c) => parseTaint(c.slice(0, -1), true));
    const targets = await targetObjects(inv, resources, { selector: str(inv.flags, 'selector'), all: bool(inv.flags, 'all') });
    for (const t of targets) {
      if (t.error) throw t.error;
      if (t.mapping.kind !== 'Node') throw new KubectlError(`invalid resource type ${t.mapping.resource}, only node types are supported`);
      const current = ((((t.object as Json)['spec'] as Json | undefined)?.['taints'] as Json[] | undefined) ?? []).map((x) => ({ ...x }));
      let next = current;
      for (const a of add) {
        const same = next.find((x) => x['key'] === a.key && x['effect'] === a.effect);
        if (same && !bool(inv.flags, 'overwrite')) throw new KubectlError(`node ${t.name} already has ${a.key} taint(s) with same effect(s) and --overwrite is false`);
        next = next.filter((x) => !(x['key'] === a.key && x['effect'] === a.effect));
        const taint: Json = { key: a.key, effect: a.effect };
        if (a.value) taint['value'] = a.value;
        next.push(taint);
      }
      let removed = false;
      for (const r of remove) {
        const before = next.length;
        next = next.filter((x) => !(x['key'] === r.key && (r.effect === undefined || x['effect'] === r.effect)));
        if (next.length === before) throw new KubectlError(`taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`);
        removed = true;
      }
      const updated = await inv.rest.json<Json>({
        method: 'PATCH',
        path: resourcePath(t.mapping, undefined, t.name),
        query: { fieldManager: str(inv.flags, 'field-manager'), ...(str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {}) },
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ spec: { taints: next.length > 0 ? next : null } }),
      });
      printResult(inv, `node/${t.name}`, removed && add.length === 0 ? 'untainted' : 'tainted', updated);
    }
    return 0;
  },
};
