/**
 * The pod status the kubelet reports (kubelet_pods.go generateAPIPodStatus, getPhase,
 * convertToAPIContainerStatuses; pkg/kubelet/status/generate.go for conditions).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../base/clock';
import type { ContainerStatus } from '../runtime/container-runtime';

/** The kubelet's knowledge of one container (spec name) of a pod. */
export interface ContainerView {
  name: string;
  specImage: string;
  current?: ContainerStatus;
  previous?: ContainerStatus;
  restartCount: number;
  /** Why the container is not running (ContainerCreating, CrashLoopBackOff, ErrImagePull, …). */
  waiting?: { reason: string; message?: string };
  ready: boolean;
  started: boolean;
}

type Json = Record<string, unknown>;

function terminated(s: ContainerStatus, runtimeName: string): Json {
  const t: Json = {
    exitCode: s.exitCode,
    reason: s.reason || (s.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt: s.startedAt ? rfc3339(s.startedAt) : null,
    finishedAt: rfc3339(s.finishedAt),
    containerID: `${runtimeName}://${s.id}`,
  };
  if (s.message) t['message'] = s.message;
  return t;
}

/** `defaultWaiting`: PodInitializing when the pod has init containers, else ContainerCreating (convertToAPIContainerStatuses). */
export function apiContainerStatus(v: ContainerView, runtimeName: string, defaultWaiting: string): Json {
  const cur = v.current;
  let state: Json;
  let lastState: Json = {};
  if (v.waiting) {
    state = { waiting: v.waiting.message ? { reason: v.waiting.reason, message: v.waiting.message } : { reason: v.waiting.reason } };
    // A container waiting to be restarted shows the instance that exited as its last state.
    const last = cur?.state === 'exited' ? cur : v.previous;
    if (last?.state === 'exited') lastState = { terminated: terminated(last, runtimeName) };
  } else if (cur?.state === 'running') {
    state = { running: { startedAt: rfc3339(cur.startedAt) } };
    if (v.previous?.state === 'exited') lastState = { terminated: terminated(v.previous, runtimeName) };
  } else if (cur?.state === 'exited') {
    state = { terminated: terminated(cur, runtimeName) };
    if (v.previous?.state === 'exited') lastState = { terminated: terminated(v.previous, runtimeName) };
  } else {
    state = { waiting: { reason: defaultWaiting } };
  }
  const shown = cur ?? v.previous;
  const out: Json = {
    name: v.name,
    state,
    lastState,
    ready: v.ready,
    restartCount: v.restartCount,
    image: shown?.image || v.specImage,
    imageID: shown?.imageRef ?? '',
    started: cur?.state === 'running' && v.started,
  };
  if (shown) out['containerID'] = `${runtimeName}://${shown.id}`;
  return out;
}

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** getPhase (kubelet_pods.go, 1.32) over app and init container statuses as the API shows them. */
export function podPhase(pod: Pod, initStatuses: Json[], statuses: Json[], podIsTerminal: boolean): Phase {
  const spec = pod.spec ?? { containers: [] };
  const restartPolicy = spec.restartPolicy ?? 'Always';
  const sidecars = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let pendingInit = false;
  let failedInit = false;
  for (const s of initStatuses) {
    const st = s['state'] as Json;
    const name = s['name'] as string;
    if (sidecars.has(name)) {
      if (!st['running'] || s['started'] !== true) pendingInit = true;
      continue;
    }
    const term = st['terminated'] as { exitCode: number } | undefined;
    if (term?.exitCode === 0) continue;
    if (term || ((s['lastState'] as Json)['terminated'] && st['waiting'])) failedInit = true;
    pendingInit = true;
  }
  if (failedInit && restartPolicy === 'Never') return 'Failed';

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    const st = s['state'] as Json;
    if (st['running']) running++;
    else if (st['terminated']) {
      stopped++;
      if ((st['terminated'] as { exitCode: number }).exitCode === 0) succeeded++;
    } else if (st['waiting']) {
      const last = (s['lastState'] as Json)['terminated'] as { exitCode: number } | undefined;
      if (last) {
        stopped++;
        if (last.exitCode === 0) succeeded++;
      } else waiting++;
    } else unknown++;
  }
  if (pendingInit && !podIsTerminal) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

function condition(type: string, ok: boolean, previous: PodCondition[], nowMs: number, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(nowMs) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** PodReadyToStartContainers, Initialized, Ready, ContainersReady, then the kept PodScheduled (and any others). */
export function podConditions(pod: Pod, sandboxReady: boolean, initStatuses: Json[], statuses: Json[], phase: Phase, previous: PodCondition[], nowMs: number): PodCondition[] {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const incomplete = initStatuses
    .filter((s) => {
      const st = s['state'] as Json;
      if (sidecars.has(s['name'] as string)) return s['started'] !== true;
      return (st['terminated'] as { exitCode: number } | undefined)?.exitCode !== 0;
    })
    .map((s) => s['name'] as string);
  const initialized = incomplete.length === 0 || phase === 'Succeeded';
  const unready = statuses.filter((s) => s['ready'] !== true).map((s) => s['name'] as string);
  const ready = unready.length === 0;
  const out: PodCondition[] = [condition('PodReadyToStartContainers', sandboxReady, previous, nowMs)];
  out.push(initialized ? condition('Initialized', true, previous, nowMs, phase === 'Succeeded' && incomplete.length > 0 ? 'PodCompleted' : undefined) : condition('Initialized', false, previous, nowMs, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`));
  const notReady = (type: string) =>
    phase === 'Succeeded' ? condition(type, false, previous, nowMs, 'PodCompleted') : condition(type, false, previous, nowMs, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
  out.push(ready && phase !== 'Succeeded' ? condition('Ready', true, previous, nowMs) : notReady('Ready'));
  out.push(ready && phase !== 'Succeeded' ? condition('ContainersReady', true, previous, nowMs) : notReady('ContainersReady'));
  // generateAPIPodStatus always reports PodScheduled True (a pod created with spec.nodeName has none yet).
  if (!previous.some((c) => c.type === 'PodScheduled')) out.push(condition('PodScheduled', true, previous, nowMs));
  for (const c of previous) if (!out.some((o) => o.type === c.type)) out.push(c);
  return out;
}
