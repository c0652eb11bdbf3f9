/**
 * `kubectl rollout status|history|undo|pause|resume|restart` for Deployments (and status for DaemonSets and
 * StatefulSets), as kubectl/pkg/polymorphichelpers implements them: status prints each observed state until the
 * rollout finishes (watching the object); history lists owned ReplicaSets by revision; undo replaces the template
 * with a previous ReplicaSet's via a JSON patch; restart stamps `kubectl.kubernetes.io/restartedAt`.
 */
import { rfc3339 } from '../../base/clock';
import { groupResource, kindPrefix, resourcePath, type ResourceMapping } from '../discovery';
import { int, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import type { Json } from '../rest';
import { targetObjects, type TargetObject } from '../target-objects';
import { TabWriter } from '../printers/tabwriter';
import { deepEqual } from '../apply/three-way-patch';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

async function single(inv: Invocation): Promise<TargetObject[]> {
  if (inv.args.length === 0) throw new KubectlError(`error: required resource not specified\nSee '${inv.commandPath} -h' for help and examples\n`, true);
  const targets = await targetObjects(inv, inv.args);
  for (const t of targets) if (t.error) throw t.error;
  return targets;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** The status viewer's message and whether the rollout is done. */
export function rolloutStatus(kind: string, obj: Json): { message: string; done: boolean } {
  const meta = obj['metadata'] as Json;
  const spec = (obj['spec'] ?? {}) as Json;
  const status = (obj['status'] ?? {}) as Json;
  const name = meta['name'] as string;
  if (kind === 'Deployment') {
    if (num(meta['generation']) <= num(status['observedGeneration'])) {
      const cond = ((status['conditions'] as Json[] | undefined) ?? []).find((c) => c['type'] === 'Progressing');
      if (cond && cond['reason'] === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
      const replicas = spec['replicas'] as number | undefined;
      const updated = num(status['updatedReplicas']);
      if (replicas !== undefined && updated < replicas) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
      if (num(status['replicas']) > updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${num(status['replicas']) - updated} old replicas are pending termination...\n`, done: false };
      if (num(status['availableReplicas']) < updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${num(status['availableReplicas'])} of ${updated} updated replicas are available...\n`, done: false };
      return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (kind === 'DaemonSet') {
    if (num(meta['generation']) <= num(status['observedGeneration'])) {
      const desired = num(status['desiredNumberScheduled']);
      if (num(status['updatedNumberScheduled']) < desired) return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${num(status['updatedNumberScheduled'])} out of ${desired} new pods have been updated...\n`, done: false };
      if (num(status['numberAvailable']) < desired) return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${num(status['numberAvailable'])} of ${desired} updated pods are available...\n`, done: false };
      return { message: `daemon set ${JSON.stringify(name)} successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (kind === 'StatefulSet') {
    if (num(status['observedGeneration']) === 0 || num(meta['generation']) > num(status['observedGeneration'])) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const replicas = spec['replicas'] as number | undefined;
    if (replicas !== undefined && num(status['readyReplicas']) < replicas) return { message: `Waiting for ${replicas - num(status['readyReplicas'])} pods to be ready...\n`, done: false };
    if (status['updateRevision'] !== status['currentRevision']) return { message: `waiting for statefulset rolling update to complete ${num(status['updatedReplicas'])} pods at revision ${String(status['updateRevision'])}...\n`, done: false };
    return { message: `statefulset rolling update complete ${num(status['currentReplicas'])} pods at revision ${String(status['currentRevision'])}...\n`, done: true };
  }
  throw new KubectlError(`no status viewer has been implemented for ${kind}`);
}

const statusCmd: CommandDef = {
  name: 'status',
  flags: [
    { name: 'watch', short: 'w', kind: 'bool', default: true },
    { name: 'timeout', kind: 'string', default: '0s' },
    { name: 'revision', kind: 'int', default: 0 },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
  ],
  async run(inv) {
    const [t] = await single(inv);
    if (!t?.object) return 1;
    const kind = t.mapping.kind;
    const first = rolloutStatus(kind, t.object);
    inv.ctx.stdout(first.message);
    if (first.done || inv.flags.values.get('watch') === false) return 0;
    const rv = (t.object['metadata'] as Json)['resourceVersion'] as string;
    return new Promise<number>((resolve) => {
      let finished = false;
      let sub: { dispose(): void } | undefined;
      const finish = (code: number) => {
        if (finished) return;
        finished = true;
        abort.dispose();
        sub?.dispose();
        resolve(code);
      };
      const abort = inv.ctx.signal.onAbort(() => finish(0));
      inv.rest
        .stream(
          { method: 'GET', path: resourcePath(t.mapping, t.namespace), query: { watch: 'true', fieldSelector: `metadata.name=${t.name}`, resourceVersion: rv } },
          (line) => {
            if (finished) return;
            const ev = JSON.parse(line) as { type: string; object: Json };
            if (ev.type === 'DELETED') {
              inv.ctx.stderr(`error: object has been deleted\n`);
              finish(1);
              return;
            }
            if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
            try {
              const s = rolloutStatus(kind, ev.object);
              inv.ctx.stdout(s.message);
              if (s.done) finish(0);
            } catch (e) {
              inv.ctx.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
              finish(1);
            }
          },
          () => finish(0),
        )
        .then((d) => {
          sub = d;
          if (finished) d.dispose();
        })
        .catch(() => finish(1));
    });
  },
};

/** ReplicaSets the Deployment controls, by revision ascending. */
async function ownedReplicaSets(inv: Invocation, t: TargetObject): Promise<Json[]> {
  const rsMapping = await inv.discovery.resolve('replicasets.apps');
  const uid = (t.object?.['metadata'] as Json)['uid'];
  const list = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(rsMapping, t.namespace) });
  return ((list['items'] as Json[] | undefined) ?? [])
    .filter((rs) => (((rs['metadata'] as Json)['ownerReferences'] as Json[] | undefined) ?? []).some((o) => o['uid'] === uid && o['controller'] === true))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

function revisionOf(o: Json): number {
  return Number(((o['metadata'] as Json)['annotations'] as Record<string, string> | undefined)?.[REVISION] ?? 0);
}

function requireDeployment(m: ResourceMapping): void {
  if (m.kind !== 'Deployment') throw new KubectlError(`no history viewer has been implemented for ${m.kind === '' ? m.resource : `${m.kind}.${m.group}`}`);
}

const historyCmd: CommandDef = {
  name: 'history',
  flags: [
    { name: 'revision', kind: 'int', default: 0 },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
  ],
  async run(inv) {
    for (const t of await single(inv)) {
      requireDeployment(t.mapping);
      if (int(inv.flags, 'revision') > 0) throw new KubectlError('rollout history --revision is not available in the in-app kubectl; use kubectl describe replicaset');
      const rss = await ownedReplicaSets(inv, t);
      let out = `${kindPrefix(t.mapping)}/${t.name} \n`;
      if (rss.length === 0) {
        inv.ctx.stdout(`${out}No rollout history found.\n`);
        continue;
      }
      const w = new TabWriter((s) => (out += s));
      w.write('REVISION\tCHANGE-CAUSE\n');
      for (const rs of rss) {
        const cause = ((rs['metadata'] as Json)['annotations'] as Record<string, string> | undefined)?.[CHANGE_CAUSE];
        w.write(`${revisionOf(rs)}\t${cause ?? '<none>'}\n`);
      }
      w.flush();
      inv.ctx.stdout(`${out}\n`);
    }
    return 0;
  },
};

const undoCmd: CommandDef = {
  name: 'undo',
  flags: [
    { name: 'to-revision', kind: 'int', default: 0 },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
  ],
  async run(inv) {
    for (const t of await single(inv)) {
      requireDeployment(t.mapping);
      const deploy = t.object as Json;
      if ((deploy['spec'] as Json)['paused'] === true) throw new KubectlError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
      const rss = await ownedReplicaSets(inv, t);
      const toRevision = int(inv.flags, 'to-revision');
      let target: Json | undefined;
      if (toRevision > 0) {
        target = rss.find((rs) => revisionOf(rs) === toRevision);
        if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
      } else {
        const ordered = [...rss].sort((a, b) => revisionOf(b) - revisionOf(a));
        target = ordered[1];
        if (!target) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(t.name)}`);
      }
      const template = JSON.parse(JSON.stringify((target['spec'] as Json)['template'])) as Json;
      const labels = (template['metadata'] as Json | undefined)?.['labels'] as Record<string, string> | undefined;
      if (labels) delete labels['pod-template-hash'];
      const display = `${kindPrefix(t.mapping)}/${t.name}`;
      if (deepEqual(template, (deploy['spec'] as Json)['template'])) {
        inv.ctx.stdout(`${display} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
        continue;
      }
      // The Deployment keeps its own annotations except those copied from the ReplicaSet (deploymentutil's skip list).
      const skip = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(((deploy['metadata'] as Json)['annotations'] as Record<string, string> | undefined) ?? {})) annotations[k] = v;
      for (const [k, v] of Object.entries(((target['metadata'] as Json)['annotations'] as Record<string, string> | undefined) ?? {})) if (!skip.has(k)) annotations[k] = v;
      const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      await inv.rest.json({ method: 'PATCH', path: resourcePath(t.mapping, t.namespace, t.name), contentType: 'application/json-patch+json', body: JSON.stringify(patch), query: str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {} });
      inv.ctx.stdout(`${display} rolled back\n`);
    }
    return 0;
  },
};

function pauseLike(name: 'pause' | 'resume'): CommandDef {
  return {
    name,
    flags: [{ name: 'filename', short: 'f', kind: 'stringSlice', default: [] }, { name: 'selector', short: 'l', kind: 'string', default: '' }, { name: 'field-manager', kind: 'string', default: 'kubectl-rollout' }],
    async run(inv) {
      for (const t of await single(inv)) {
        const display = `${kindPrefix(t.mapping)}/${t.name}`;
        if (t.mapping.kind !== 'Deployment') throw new KubectlError(`${display} ${name === 'pause' ? 'pausing' : 'resuming'} is not supported`);
        const paused = ((t.object as Json)['spec'] as Json)['paused'] === true;
        if (paused === (name === 'pause')) {
          inv.ctx.stderr(`error: ${groupResource(t.mapping)} ${JSON.stringify(t.name)} ${name === 'pause' ? 'is already paused' : 'is not paused'}\n`);
          return 1;
        }
        await inv.rest.json({ method: 'PATCH', path: resourcePath(t.mapping, t.namespace, t.name), query: { fieldManager: str(inv.flags, 'field-manager') }, contentType: 'application/strategic-merge-patch+json', body: JSON.stringify({ spec: { paused: name === 'pause' ? true : null } }) });
        inv.ctx.stdout(`${display} ${name === 'pause' ? 'paused' : 'resumed'}\n`);
      }
      return 0;
    },
  };
}

const restartCmd: CommandDef = {
  name: 'restart',
  flags: [{ name: 'filename', short: 'f', kind: 'stringSlice', default: [] }, { name: 'selector', short: 'l', kind: 'string', default: '' }, { name: 'field-manager', kind: 'string', default: 'kubectl-rollout' }],
  async run(inv) {
    for (const t of await single(inv)) {
      const display = `${kindPrefix(t.mapping)}/${t.name}`;
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.mapping.kind)) throw new KubectlError(`${display} restarting is not supported`);
      if (((t.object as Json)['spec'] as Json)['paused'] === true) throw new KubectlError(`can't restart paused deployment (run rollout resume first)`);
      const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.ctx.clock.now()).replace('Z', '+00:00') } } } } };
      await inv.rest.json({ method: 'PATCH', path: resourcePath(t.mapping, t.namespace, t.name), query: { fieldManager: str(inv.flags, 'field-manager') }, contentType: 'application/strategic-merge-patch+json', body: JSON.stringify(patch) });
      inv.ctx.stdout(`${display} restarted\n`);
    }
    return 0;
  },
};

export const rolloutCommand: CommandDef = {
  name: 'rollout',
  flags: [] satisfies FlagSpec[],
  subcommands: [historyCmd, pauseLike('pause'), restartCmd, pauseLike('resume'), statusCmd, undoCmd],
};
