/** Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet, Job, CronJob and ControllerRevision printers. */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { parseApiVersion } from '../../api/objects';
import { formatLabelSelector, formatLabels, labelSelectorRequirements } from '../selectors/label-selector-meta';
import { selectorFromRequirements } from '../selectors/label-matcher';
import { age, arr, layoutContainerCells, num, obj, printBoolPtr, str, timeMs, type Json } from './cell-formats';
import { humanDuration, timestampSince } from './human-duration';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);
const templateContainers = (spec: Json): [string, string] => layoutContainerCells(obj(obj(spec.template).spec).containers);
const selectorOf = (spec: Json): LabelSelector | undefined => (spec.selector === undefined || spec.selector === null ? undefined : (spec.selector as LabelSelector));

export const deploymentPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    docColumn('Up-to-date', 'string', 'deployStatus.updatedReplicas'),
    docColumn('Available', 'string', 'deployStatus.availableReplicas'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'deploySpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const sel = selectorOf(spec);
    // LabelSelectorAsSelector(...).String(): '' for a nil or empty selector, '<invalid>' on error.
    let selector = '';
    if (sel !== undefined) {
      const parsed = labelSelectorRequirements(sel);
      selector = 'error' in parsed ? '<invalid>' : selectorFromRequirements(parsed.requirements).toString();
    }
    const [containers, images] = templateContainers(spec);
    return {
      cells: [name(o), `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), age(o, now), containers, images, selector],
    };
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Desired', 'integer', 'rsSpec.replicas'),
    docColumn('Current', 'integer', 'rsStatus.replicas'),
    docColumn('Ready', 'integer', 'rsStatus.readyReplicas'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'rsSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const [containers, images] = templateContainers(spec);
    return {
      cells: [name(o), num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(o, now), containers, images, formatLabelSelector(selectorOf(spec))],
    };
  },
};

export const replicationControllerPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Desired', 'integer', 'rcSpec.replicas'),
    docColumn('Current', 'integer', 'rcStatus.replicas'),
    docColumn('Ready', 'integer', 'rcStatus.readyReplicas'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'rcSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const [containers, images] = templateContainers(spec);
    return {
      cells: [name(o), num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(o, now), containers, images, formatLabels(spec.selector as Record<string, string>)],
    };
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Desired', 'integer', 'dsStatus.desiredNumberScheduled'),
    docColumn('Current', 'integer', 'dsStatus.currentNumberScheduled'),
    docColumn('Ready', 'integer', 'dsStatus.numberReady'),
    docColumn('Up-to-date', 'integer', 'dsStatus.updatedNumberScheduled'),
    docColumn('Available', 'integer', 'dsStatus.numberAvailable'),
    docColumn('Node Selector', 'string', 'podSpec.nodeSelector'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'dsSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const [containers, images] = templateContainers(spec);
    return {
      cells: [
        name(o),
        num(status.desiredNumberScheduled),
        num(status.currentNumberScheduled),
        num(status.numberReady),
        num(status.updatedNumberScheduled),
        num(status.numberAvailable),
        formatLabels(obj(obj(spec.template).spec).nodeSelector as Record<string, string>),
        age(o, now),
        containers,
        images,
        formatLabelSelector(selectorOf(spec)),
      ],
    };
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [NAME_COLUMN, column('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN],
  print(o, now) {
    const spec = obj(o.spec);
    const [containers, images] = templateContainers(spec);
    return { cells: [name(o), `${num(obj(o.status).readyReplicas)}/${num(spec.replicas)}`, age(o, now), containers, images] };
  },
};

function hasJobCondition(conditions: Json[], type: string): boolean {
  const c = conditions.find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

export const jobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    docColumn('Completions', 'string', 'jobStatus.succeeded'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'jobSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const succeeded = num(status.succeeded);
    let completions: string;
    if (typeof spec.completions === 'number') completions = `${succeeded}/${spec.completions}`;
    else if (num(spec.parallelism) > 1) completions = `${succeeded}/1 of ${num(spec.parallelism)}`;
    else completions = `${succeeded}/1`;

    let duration = '';
    const start = timeMs(status.startTime);
    if (start !== Number.NEGATIVE_INFINITY) {
      const end = timeMs(status.completionTime);
      duration = humanDuration((end === Number.NEGATIVE_INFINITY ? now : end) - start);
    }

    const conditions = arr(status.conditions);
    let state: string;
    if (hasJobCondition(conditions, 'Complete')) state = 'Complete';
    else if (hasJobCondition(conditions, 'Failed')) state = 'Failed';
    else if (obj(o.metadata).deletionTimestamp !== undefined) state = 'Terminating';
    else if (hasJobCondition(conditions, 'Suspended')) state = 'Suspended';
    else if (hasJobCondition(conditions, 'FailureTarget')) state = 'FailureTarget';
    else state = 'Running';

    const [containers, images] = templateContainers(spec);
    return { cells: [name(o), state, completions, duration, age(o, now), containers, images, formatLabelSelector(selectorOf(spec))] };
  },
};

export const cronJobPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Schedule', 'string', 'cronJobSpec.schedule'),
    docColumn('Timezone', 'string', 'cronJobSpec.timeZone'),
    docColumn('Suspend', 'boolean', 'cronJobSpec.suspend'),
    docColumn('Active', 'integer', 'cronJobStatus.active'),
    docColumn('Last Schedule', 'string', 'cronJobStatus.lastScheduleTime'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    docColumn('Selector', 'string', 'jobSpec.selector', { priority: 1 }),
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const jobSpec = obj(obj(spec.jobTemplate).spec);
    const lastSchedule = typeof status.lastScheduleTime === 'string' ? timestampSince(status.lastScheduleTime, now) : '<none>';
    const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : '<none>';
    const [containers, images] = templateContainers(jobSpec);
    return {
      cells: [
        name(o),
        str(spec.schedule),
        timeZone,
        printBoolPtr(spec.suspend),
        arr(status.active).length,
        lastSchedule,
        age(o, now),
        containers,
        images,
        formatLabelSelector(selectorOf(jobSpec)),
      ],
    };
  },
};

export const controllerRevisionPrinter: KindPrinter = {
  columns: [NAME_COLUMN, column('Controller', 'string', 'Controller of the object'), docColumn('Revision', 'string', 'controllerRevision.revision'), AGE_COLUMN],
  print(o, now) {
    const owner = arr(obj(o.metadata).ownerReferences).find((r) => r.controller === true);
    let controller = '<none>';
    if (owner !== undefined) {
      // formatResourceName(GroupKind, name, withKind=true): `kind.group/name`, lower-cased.
      const group = parseApiVersion(str(owner.apiVersion)).group;
      const kind = str(owner.kind);
      const gk = group === '' ? kind : `${kind}.${group}`;
      controller = gk === '' ? str(owner.name) : `${gk.toLowerCase()}/${str(owner.name)}`;
    }
    return { cells: [name(o), controller, num(o.revision), age(o, now)] };
  },
};
