/**
 * Node maintenance (kubectl/pkg/cmd/drain): `cordon`/`uncordon` patch spec.unschedulable; `drain` cordons, then
 * evicts the node's pods through the Eviction API — refusing DaemonSet-managed pods without
 * `--ignore-daemonsets`, unmanaged pods without `--force`, emptyDir pods without `--delete-emptydir-data`;
 * mirror pods are skipped — and waits for each evicted pod to be gone.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { bool, int, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import type { Json } from '../rest';
import { resolveResourceArgs } from '../resource-args';
import { waitForDeletion } from '../wait-deletion';

async function nodeNames(inv: Invocation): Promise<string[]> {
  const selector = str(inv.flags, 'selector');
  if (inv.args.length === 0 && selector === '') throw new KubectlError(`error: USAGE: ${inv.commandPath.replace('kubectl ', '')} NODE [flags]\nSee '${inv.commandPath} -h' for help and examples\n`, true);
  if (selector !== '') {
    const list = await inv.rest.json<Json>({ method: 'GET', path: '/api/v1/nodes', query: { labelSelector: selector } });
    return ((list['items'] as Json[] | undefined) ?? []).map((n) => (n['metadata'] as Json)['name'] as string);
  }
  const args = inv.args.length === 1 && !(inv.args[0] as string).includes('/') ? ['nodes', inv.args[0] as string] : inv.args;
  const resolved = await resolveResourceArgs(inv.discovery, args);
  return resolved.requests.flatMap((r) => r.names);
}

async function setUnschedulable(inv: Invocation, name: string, value: boolean): Promise<'changed' | 'already'> {
  const node = await inv.rest.json<Json>({ method: 'GET', path: `/api/v1/nodes/${name}` });
  const current = ((node['spec'] as Json | undefined)?.['unschedulable'] as boolean | undefined) === true;
  if (current === value) return 'already';
  await inv.rest.json({ method: 'PATCH', path: `/api/v1/nodes/${name}`, contentType: 'application/strategic-merge-patch+json', body: JSON.stringify({ spec: { unschedulable: value ? true : null } }) });
  return 'changed';
}

const NODE_FLAGS: FlagSpec[] = [{ name: 'selector', short: 'l', kind: 'string', default: '' }, { name: 'dry-run', kind: 'string', default: 'none' }];

function cordonLike(name: 'cordon' | 'uncordon'): CommandDef {
  return {
    name,
    flags: NODE_FLAGS,
    async run(inv) {
      for (const n of await nodeNames(inv)) {
        const r = await setUnschedulable(inv, n, name === 'cordon');
        inv.ctx.stdout(`node/${n} ${r === 'already' ? 'already ' : ''}${name}ed\n`);
      }
      return 0;
    },
  };
}

export const cordonCommand = cordonLike('cordon');
export const uncordonCommand = cordonLike('uncordon');

export const drainCommand: CommandDef = {
  name: 'drain',
  flags: [
    ...NODE_FLAGS,
    { name: 'ignore-daemonsets', kind: 'bool', default: false },
    { name: 'delete-emptydir-data', kind: 'bool', default: false },
    { name: 'force', kind: 'bool', default: false },
    { name: 'grace-period', kind: 'int', default: -1 },
    { name: 'timeout', kind: 'string', default: '0s' },
    { name: 'disable-eviction', kind: 'bool', default: false },
    { name: 'pod-selector', kind: 'string', default: '' },
    { name: 'skip-wait-for-delete-timeout', kind: 'int', default: 0 },
  ],
  async run(inv) {
    for (const node of await nodeNames(inv)) {
      const r = await setUnschedulable(inv, node, true);
      inv.ctx.stdout(`node/${node} ${r === 'already' ? 'already ' : ''}cordoned\n`);
      const list = await inv.rest.json<Json>({ method: 'GET', path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${node}`, labelSelector: str(inv.flags, 'pod-selector') || undefined } });
      const pods = (list['items'] as Json[] | undefined) ?? [];
      const daemon: string[] = [];
      const unmanaged: string[] = [];
      const emptyDir: string[] = [];
      const evict: Json[] = [];
      for (const pod of pods) {
        const meta = pod['metadata'] as Json;
        const id = `${String(meta['namespace'])}/${String(meta['name'])}`;
        if (((meta['annotations'] as Record<string, string> | undefined) ?? {})['kubernetes.io/config.mirror']) continue;
        const phase = (pod['status'] as Json | undefined)?.['phase'];
        const controller = ((meta['ownerReferences'] as Json[] | undefined) ?? []).find((o) => o['controller'] === true);
        if (phase !== 'Succeeded' && phase !== 'Failed') {
          if (controller?.['kind'] === 'DaemonSet') {
            daemon.push(id);
            continue;
          }
          if (!controller) unmanaged.push(id);
          if ((((pod['spec'] as Json)['volumes'] as Json[] | undefined) ?? []).some((v) => v['emptyDir'] !== undefined)) emptyDir.push(id);
        }
        evict.push(pod);
      }
      const problems: string[] = [];
      if (daemon.length > 0 && !bool(inv.flags, 'ignore-daemonsets')) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(', ')}`);
      if (unmanaged.length > 0 && !bool(inv.flags, 'force')) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
      if (emptyDir.length > 0 && !bool(inv.flags, 'delete-emptydir-data')) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${emptyDir.join(', ')}`);
      if (problems.length > 0) {
        inv.ctx.stderr(`error: unable to drain node ${JSON.stringify(node)} due to error: [${problems.join(', ')}], continuing command...\nThere are pending nodes to be drained:\n ${node}\n${problems.join('\n')}\n`);
        return 1;
      }
      const warnings: string[] = [];
      if (daemon.length > 0) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(', ')}`);
      if (unmanaged.length > 0) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
      if (warnings.length > 0) inv.ctx.stderr(`Warning: ${warnings.join('; ')}\n`);
      const grace = int(inv.flags, 'grace-period');
      for (const pod of evict) {
        const meta = pod['metadata'] as Json;
        inv.ctx.stderr(`evicting pod ${String(meta['namespace'])}/${String(meta['name'])}\n`);
        const body: Json = { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name: meta['name'], namespace: meta['namespace'] } };
        if (grace >= 0) body['deleteOptions'] = { gracePeriodSeconds: grace };
        try {
          await inv.rest.json({ method: 'POST', path: `/api/v1/namespaces/${String(meta['namespace'])}/pods/${String(meta['name'])}/eviction`, body: JSON.stringify(body) });
        } catch (e) {
          if (e instanceof StatusError && e.code === 404) continue;
          inv.ctx.stderr(`error when evicting pods/${JSON.stringify(meta['name'])} -n ${JSON.stringify(meta['namespace'])} (will retry after 5s): ${e instanceof StatusError ? e.message : String(e)}\n`);
          return 1;
        }
      }
      for (const pod of evict) {
        const meta = pod['metadata'] as Json;
        const err = await waitForDeletion(inv.rest, inv.ctx.signal, `/api/v1/namespaces/${String(meta['namespace'])}/pods`, meta['name'] as string, meta['uid'] as string);
        if (err) inv.ctx.stderr(`${err}\n`);
        if (inv.ctx.signal.aborted) return 1;
        inv.ctx.stdout(`pod/${String(meta['name'])} evicted\n`);
      }
      inv.ctx.stdout(`node/${node} drained\n`);
    }
    return 0;
  },
};

