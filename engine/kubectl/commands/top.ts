/**
 * `kubectl top nodes|pods` (kubectl/pkg/cmd/top) over metrics.k8s.io/v1beta1: CPU in millicores, memory in Mi,
 * node percentages of allocatable; rows sorted by name (or `--sort-by=cpu|memory`); each header and row ends
 * with a tab, as kubectl's printer writes them.
 */
import { parseQuantity, quantityMilliValue, quantityValue } from '../../apiserver/admission/quantity';
import { bool, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import { TabWriter } from '../printers/tabwriter';
import type { Json } from '../rest';
import { StatusError } from '../../apiserver/errors/status-error';

function usage(obj: Json): { cpu: bigint; mem: bigint } {
  const u = (obj['usage'] ?? {}) as Record<string, string>;
  return { cpu: u['cpu'] ? quantityMilliValue(parseQuantity(u['cpu'])) : 0n, mem: u['memory'] ? quantityValue(parseQuantity(u['memory'])) : 0n };
}

const mi = (bytes: bigint) => `${bytes / (1024n * 1024n)}Mi`;

async function metrics(inv: Invocation, path: string, query: Record<string, string | undefined>): Promise<Json[]> {
  try {
    const list = await inv.rest.json<Json>({ method: 'GET', path, query });
    return (list['items'] as Json[] | undefined) ?? [];
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) throw new KubectlError('Metrics API not available');
    throw e;
  }
}

const nodeCmd: CommandDef = {
  name: 'node',
  aliases: ['nodes', 'no'],
  flags: [{ name: 'selector', short: 'l', kind: 'string', default: '' }, { name: 'sort-by', kind: 'string', default: '' }, { name: 'no-headers', kind: 'bool', default: false }, { name: 'show-capacity', kind: 'bool', default: false }],
  async run(inv) {
    const name = inv.args[0];
    const items = name
      ? [await inv.rest.json<Json>({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1/nodes/${name}` })]
      : await metrics(inv, '/apis/metrics.k8s.io/v1beta1/nodes', { labelSelector: str(inv.flags, 'selector') || undefined });
    const nodes = await inv.rest.json<Json>({ method: 'GET', path: '/api/v1/nodes' });
    const alloc = new Map<string, Record<string, string>>();
    for (const n of (nodes['items'] as Json[] | undefined) ?? []) alloc.set((n['metadata'] as Json)['name'] as string, ((n['status'] as Json)[bool(inv.flags, 'show-capacity') ? 'capacity' : 'allocatable'] ?? {}) as Record<string, string>);
    const rows = sortRows(items, str(inv.flags, 'sort-by'));
    const w = new TabWriter((s) => inv.ctx.stdout(s));
    if (!bool(inv.flags, 'no-headers')) w.write('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n');
    for (const m of rows) {
      const n = (m['metadata'] as Json)['name'] as string;
      const u = usage(m);
      const a = alloc.get(n) ?? {};
      const cpuA = a['cpu'] ? quantityMilliValue(parseQuantity(a['cpu'])) : 0n;
      const memA = a['memory'] ? quantityValue(parseQuantity(a['memory'])) : 0n;
      const pct = (x: bigint, of: bigint) => (of === 0n ? '<unknown>' : `${Math.floor((Number(x) * 100) / Number(of))}%`);
      w.write(`${n}\t${u.cpu}m\t${pct(u.cpu, cpuA)}\t${mi(u.mem)}\t${pct(u.mem, memA)}\t\n`);
    }
    w.flush();
    return 0;
  },
};

function sortRows(items: Json[], by: string): Json[] {
  const name = (m: Json) => (m['metadata'] as Json)['name'] as string;
  const sorted = [...items].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  if (by === 'cpu') return sorted.sort((a, b) => Number(usage(b).cpu - usage(a).cpu));
  if (by === 'memory') return sorted.sort((a, b) => Number(usage(b).mem - usage(a).mem));
  return sorted;
}

const podCmd: CommandDef = {
  name: 'pod',
  aliases: ['pods', 'po'],
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'sort-by', kind: 'string', default: '' },
    { name: 'no-headers', kind: 'bool', default: false },
    { name: 'containers', kind: 'bool', default: false },
    { name: 'field-selector', kind: 'string', default: '' },
  ] satisfies FlagSpec[],
  async run(inv) {
    const ns = inv.allNamespaces ? '' : `/namespaces/${inv.namespace}`;
    const name = inv.args[0];
    const items = name
      ? [await inv.rest.json<Json>({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1${ns}/pods/${name}` })]
      : await metrics(inv, `/apis/metrics.k8s.io/v1beta1${ns}/pods`, { labelSelector: str(inv.flags, 'selector') || undefined, fieldSelector: str(inv.flags, 'field-selector') || undefined });
    if (items.length === 0) {
      inv.ctx.stderr(inv.allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    const containers = bool(inv.flags, 'containers');
    const w = new TabWriter((s) => inv.ctx.stdout(s));
    if (!bool(inv.flags, 'no-headers')) w.write(`${inv.allNamespaces ? 'NAMESPACE\t' : ''}${containers ? 'POD\tNAME' : 'NAME'}\tCPU(cores)\tMEMORY(bytes)\t\n`);
    for (const m of sortRows(items, str(inv.flags, 'sort-by'))) {
      const meta = m['metadata'] as Json;
      const prefix = inv.allNamespaces ? `${String(meta['namespace'])}\t` : '';
      if (containers) {
        for (const c of (m['containers'] as Json[] | undefined) ?? []) {
          const u = usage(c);
          w.write(`${prefix}${String(meta['name'])}\t${String(c['name'])}\t${u.cpu}m\t${mi(u.mem)}\t\n`);
        }
        continue;
      }
      let cpu = 0n;
      let mem = 0n;
      for (const c of (m['containers'] as Json[] | undefined) ?? []) {
        const u = usage(c);
        cpu += u.cpu;
        mem += u.mem;
      }
      w.write(`${prefix}${String(meta['name'])}\t${cpu}m\t${mi(mem)}\t\n`);
    }
    w.flush();
    return 0;
  },
};

export const topCommand: CommandDef = { name: 'top', flags: [], subcommands: [nodeCmd, podCmd] };
