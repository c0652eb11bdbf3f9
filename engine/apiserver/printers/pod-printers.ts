/** printPod and printPodTemplate (pkg/printers/internalversion/printers.go). */
import { formatLabels } from '../selectors/label-selector-meta';
import { arr, layoutContainerCells, obj, str, num, timeMs, age, type Json } from './cell-formats';
import { humanDuration } from './human-duration';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';
import type { TableRowCondition } from './table-types';

const POD_SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const POD_FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** node.NodeUnreachablePodReason. */
const NODE_LOST = 'NodeLost';

const isRestartableInit = (c: Json | undefined): boolean => c !== undefined && c.restartPolicy === 'Always';

/** isPodInitializedConditionTrue: the first condition of the type decides. */
function firstConditionTrue(conditions: Json[], type: string): boolean {
  const c = conditions.find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

/** hasPodReadyCondition: any Ready=True condition. */
const hasPodReadyCondition = (conditions: Json[]): boolean => conditions.some((c) => c.type === 'Ready' && c.status === 'True');

export const podPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COLUMN,
    docColumn('IP', 'string', 'podStatus.podIP', { priority: 1 }),
    docColumn('Node', 'string', 'podSpec.nodeName', { priority: 1 }),
    docColumn('Nominated Node', 'string', 'podStatus.nominatedNodeName', { priority: 1 }),
    docColumn('Readiness Gates', 'string', 'podSpec.readinessGates', { priority: 1 }),
  ],
  print(pod, now) {
    const spec = obj(pod.spec);
    const status = obj(pod.status);
    const meta = obj(pod.metadata);
    const conditions = arr(status.conditions);
    const specInit = arr(spec.initContainers);

    let restarts = 0;
    let restartableInitRestarts = 0;
    let totalContainers = arr(spec.containers).length;
    let readyContainers = 0;
    let lastRestart = Number.NEGATIVE_INFINITY;
    let lastRestartableInitRestart = Number.NEGATIVE_INFINITY;

    const phase = str(status.phase);
    let reason = str(status.reason) !== '' ? str(status.reason) : phase;
    for (const c of conditions) {
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }

    let conditionsOut: TableRowCondition[] | undefined;
    if (phase === 'Succeeded') conditionsOut = POD_SUCCEEDED;
    else if (phase === 'Failed') conditionsOut = POD_FAILED;

    const initByName = new Map<string, Json>();
    for (const c of specInit) {
      initByName.set(str(c.name), c);
      if (isRestartableInit(c)) totalContainers++;
    }

    let initializing = false;
    const initStatuses = arr(status.initContainerStatuses);
    for (let i = 0; i < initStatuses.length; i++) {
      const cs = initStatuses[i] as Json;
      const state = obj(cs.state);
      const lastTerminated = obj(cs.lastState).terminated;
      restarts += num(cs.restartCount);
      if (lastTerminated !== undefined) lastRestart = Math.max(lastRestart, timeMs(obj(lastTerminated).finishedAt));
      const restartable = isRestartableInit(initByName.get(str(cs.name)));
      if (restartable) {
        restartableInitRestarts += num(cs.restartCount);
        if (lastTerminated !== undefined) lastRestartableInitRestart = Math.max(lastRestartableInitRestart, timeMs(obj(lastTerminated).finishedAt));
      }
      const terminated = state.terminated === undefined ? undefined : obj(state.terminated);
      const waiting = state.waiting === undefined ? undefined : obj(state.waiting);
      if (terminated !== undefined && num(terminated.exitCode) === 0) continue;
      if (restartable && cs.started === true) {
        if (cs.ready === true) readyContainers++;
        continue;
      }
      if (terminated !== undefined) {
        if (str(terminated.reason) === '') {
          reason = num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
        } else {
          reason = `Init:${str(terminated.reason)}`;
        }
      } else if (waiting !== undefined && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
        reason = `Init:${str(waiting.reason)}`;
      } else {
        reason = `Init:${i}/${specInit.length}`;
      }
      initializing = true;
      break;
    }

    if (!initializing || firstConditionTrue(conditions, 'Initialized')) {
      restarts = restartableInitRestarts;
      lastRestart = lastRestartableInitRestart;
      let hasRunning = false;
      const statuses = arr(status.containerStatuses);
      for (let i = statuses.length - 1; i >= 0; i--) {
        const cs = statuses[i] as Json;
        const state = obj(cs.state);
        restarts += num(cs.restartCount);
        const lastTerminated = obj(cs.lastState).terminated;
        if (lastTerminated !== undefined) lastRestart = Math.max(lastRestart, timeMs(obj(lastTerminated).finishedAt));
        const waiting = state.waiting === undefined ? undefined : obj(state.waiting);
        const terminated = state.terminated === undefined ? undefined : obj(state.terminated);
        if (waiting !== undefined && str(waiting.reason) !== '') {
          reason = str(waiting.reason);
        } else if (terminated !== undefined && str(terminated.reason) !== '') {
          reason = str(terminated.reason);
        } else if (terminated !== undefined) {
          reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
        } else if (cs.ready === true && state.running !== undefined) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(conditions) ? 'Running' : 'NotReady';
    }

    const deleting = meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null;
    if (deleting && str(status.reason) === NODE_LOST) reason = 'Unknown';
    else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

    let restartsText = String(restarts);
    if (restarts !== 0 && lastRestart !== Number.NEGATIVE_INFINITY) restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;

    const podIPs = arr(status.podIPs);
    const podIP = str(podIPs[0]?.ip) || '<none>';
    const gates = arr(spec.readinessGates);
    let readinessGates = '<none>';
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const gate of gates) {
        const c = conditions.find((x) => x.type === gate.conditionType);
        if (c !== undefined && c.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    const row = {
      cells: [
        str(meta.name),
        `${readyContainers}/${totalContainers}`,
        reason,
        restartsText,
        age(pod, now),
        podIP,
        str(spec.nodeName) || '<none>',
        str(status.nominatedNodeName) || '<none>',
        readinessGates,
      ],
    };
    return conditionsOut === undefined ? row : { ...row, conditions: conditionsOut };
  },
};

export const podTemplatePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  print(o) {
    const template = obj(o.template);
    const [names, images] = layoutContainerCells(obj(template.spec).containers);
    return { cells: [str(obj(o.metadata).name), names, images, formatLabels(obj(template.metadata).labels as Record<string, string>)] };
  },
};
