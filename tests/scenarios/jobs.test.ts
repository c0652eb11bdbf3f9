/**
 * #4 acceptance 7 and the Job controller's upstream behaviour on a whole cluster under the virtual clock:
 * completions/parallelism, pod-failure backoff and backoffLimit, Indexed completion, ttlSecondsAfterFinished,
 * and a `*\/1 * * * *` CronJob creating one Job per virtual minute while keeping its history limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { EVENTS, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' };
const CRONJOBS = { group: 'batch', version: 'v1', resource: 'cronjobs', namespace: 'default' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function job(name: string, spec: Record<string, unknown>, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command }] } } },
  };
}

const phase = (p: KubeObject) => (p['status'] as { phase?: string } | undefined)?.phase;
const jobStatus = async (s: SimCluster, name: string) => (await s.admin.get({ ...JOBS, name }))['status'] as Record<string, any>;
const conditionTypes = (st: Record<string, any>) => (st['conditions'] ?? []).map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`);

describe('Job controller', () => {
  it('completions 5, parallelism 2: five pods succeed, never more than two at a time, then SuccessCriteriaMet and Complete', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 2 });
    const s = sim;
    const list = await s.admin.list({ ...PODS, namespace: 'default' });
    const live = new Map<string, KubeObject>();
    let maxRunning = 0;
    const watch = await s.admin.watch({ ...PODS, namespace: 'default' }, { resourceVersion: list.metadata.resourceVersion }, (e) => {
      if (e.type === 'DELETED') live.delete(e.object.metadata!.name!);
      else live.set(e.object.metadata!.name!, e.object);
      const running = [...live.values()].filter((p) => phase(p) !== 'Succeeded' && phase(p) !== 'Failed' && !p.metadata?.deletionTimestamp);
      maxRunning = Math.max(maxRunning, running.length);
    }, () => {});
    await s.admin.create(JOBS, job('five', { completions: 5, parallelism: 2 }, ['sh', '-c', 'sleep 5']));
    await s.advanceUntil(async () => conditionTypes(await jobStatus(s, 'five')).includes('Complete/CompletionsReached'), 300_000);
    watch.dispose();

    const st = await jobStatus(s, 'five');
    expect(conditionTypes(st)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
    expect(st['conditions'][1]['message']).toBe('Reached expected number of succeeded pods');
    expect(st).toMatchObject({ succeeded: 5, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(st['failed']).toBeUndefined();
    expect(Date.parse(st['completionTime'])).toBeGreaterThan(Date.parse(st['startTime']));
    expect(maxRunning).toBe(2);
    const pods = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'batch.kubernetes.io/job-name=five' })).items;
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => phase(p) === 'Succeeded' && !(p.metadata?.finalizers ?? []).includes('batch.kubernetes.io/job-tracking'))).toBe(true);
    expect(pods.every((p) => /^five-[a-z0-9]{5}$/.test(p.metadata!.name!))).toBe(true);
    const events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=five' })).items.map((e) => `${e['reason']}: ${e['message']}`);
    expect(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: five-'))).toHaveLength(5);
    expect(events).toContain('Completed: Job completed');
  });

  it('backoffLimit 2: three failures with growing backoff between replacements, then FailureTarget and Failed', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 3 });
    const s = sim;
    await s.admin.create(JOBS, job('flaky', { backoffLimit: 2 }, ['sh', '-c', 'exit 1']));
    await s.advanceUntil(async () => conditionTypes(await jobStatus(s, 'flaky')).includes('Failed/BackoffLimitExceeded'), 600_000);
    const st = await jobStatus(s, 'flaky');
    expect(conditionTypes(st)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(st['conditions'][1]['message']).toBe('Job has reached the specified backoff limit');
    expect(st).toMatchObject({ failed: 3, active: 0 });
    expect(st['completionTime']).toBeUndefined();
    const created = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'batch.kubernetes.io/job-name=flaky' })).items
      .map((p) => Date.parse(p.metadata!.creationTimestamp!))
      .sort((a, b) => a - b);
    expect(created).toHaveLength(3);
    // Replacements wait 10 s, then 20 s, after the failure was counted (each pod runs briefly first).
    expect(created[1]! - created[0]!).toBeGreaterThanOrEqual(10_000);
    expect(created[2]! - created[1]!).toBeGreaterThanOrEqual(20_000);
    const events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=flaky' })).items;
    expect(events.some((e) => e['type'] === 'Warning' && e['reason'] === 'BackoffLimitExceeded' && e['message'] === 'Job has reached the specified backoff limit')).toBe(true);
  });

  it('Indexed completion: one pod per index with its hostname and JOB_COMPLETION_INDEX, completedIndexes 0-2', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 4 });
    const s = sim;
    await s.admin.create(JOBS, job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }, ['sh', '-c', 'echo $JOB_COMPLETION_INDEX; sleep 2']));
    await s.advanceUntil(async () => conditionTypes(await jobStatus(s, 'idx')).includes('Complete/CompletionsReached'), 300_000);
    expect(await jobStatus(s, 'idx')).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'batch.kubernetes.io/job-name=idx' })).items;
    const byIndex = pods.map((p) => [p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], (p['spec'] as { hostname?: string }).hostname, p.metadata?.name?.replace(/[a-z0-9]{5}$/, '')]);
    expect(byIndex.sort()).toEqual([
      ['0', '0', 'idx-0', 'idx-0-'],
      ['1', '1', 'idx-1', 'idx-1-'],
      ['2', '2', 'idx-2', 'idx-2-'],
    ]);
  });

  it('ttlSecondsAfterFinished deletes the Job and its pods that long after it finished', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 5 });
    const s = sim;
    await s.admin.create(JOBS, job('short', { ttlSecondsAfterFinished: 30 }, ['sh', '-c', 'true']));
    await s.advanceUntil(async () => conditionTypes(await jobStatus(s, 'short')).includes('Complete/CompletionsReached'), 120_000);
    const finished = Date.parse((await jobStatus(s, 'short'))['conditions'][1]['lastTransitionTime']);
    await s.advanceUntil(async () => !(await s.admin.list(JOBS)).items.some((j) => j.metadata?.name === 'short'), 120_000, 500);
    expect(s.clock.now() - finished).toBeGreaterThanOrEqual(30_000);
    expect(s.clock.now() - finished).toBeLessThan(40_000);
    await s.advanceUntil(async () => (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'batch.kubernetes.io/job-name=short' })).items.length === 0, 60_000);
  });
});

describe('CronJob controller', () => {
  it('*/1 * * * * creates one Job per virtual minute, named after the scheduled minute, and keeps 3 successful Jobs', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 6 });
    const s = sim;
    await s.admin.create(CRONJOBS, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36', command: ['sh', '-c', 'date; echo Hello'] }] } } } },
      },
    });
    const seen = new Set<string>();
    const start = s.clock.now();
    // Six schedule times pass; each Job is created 100 ms after its minute (upstream's requeue margin).
    for (let minute = 0; minute < 6; minute++) {
      await s.advance(60_000, 5_000);
      for (const j of (await s.admin.list(JOBS)).items) seen.add(j.metadata!.name!);
    }
    await s.advance(1_000, 500);
    for (const j of (await s.admin.list(JOBS)).items) seen.add(j.metadata!.name!);
    const names = [...seen].sort();
    expect(names).toHaveLength(6);
    for (const name of names) {
      const minutes = Number(name.replace('tick-', ''));
      expect(minutes * 60_000).toBeGreaterThan(start);
      expect(minutes * 60_000).toBeLessThanOrEqual(s.clock.now());
    }
    // Consecutive minutes, one Job each.
    expect(names.map((n) => Number(n.replace('tick-', '')))).toEqual(Array.from({ length: 6 }, (_, i) => Number(names[0]!.replace('tick-', '')) + i));
    await s.advance(20_000, 5_000);
    const remaining = (await s.admin.list(JOBS)).items;
    const complete = remaining.filter((j) => ((j['status'] as { conditions?: Array<{ type: string }> }).conditions ?? []).some((c) => c.type === 'Complete'));
    expect(complete.length).toBeLessThanOrEqual(3);
    const cj = await s.admin.get({ ...CRONJOBS, name: 'tick' });
    const st = cj['status'] as { lastScheduleTime?: string; lastSuccessfulTime?: string };
    expect(Date.parse(st.lastScheduleTime!) % 60_000).toBe(0);
    expect(st.lastSuccessfulTime).toBeDefined();
    const job0 = remaining[0]!;
    expect(job0.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(new Date(Number(job0.metadata!.name!.replace('tick-', '')) * 60_000).toISOString().replace('.000Z', 'Z'));
    const events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=tick' })).items.map((e) => e['reason']);
    expect(events).toContain('SuccessfulCreate');
    expect(events).toContain('SawCompletedJob');
    expect(events).toContain('SuccessfulDelete');
  });
});
