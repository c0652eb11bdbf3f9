/** Namespace, Node, Event, ComponentStatus, Lease, PriorityClass and RuntimeClass printers. */
import { age, arr, num, obj, str, stringMap, type Json } from './cell-formats';
import { timestampSince } from './human-duration';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);

export const namespacePrinter: KindPrinter = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), str(obj(o.status).phase), age(o, now)] }),
};

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` value, sorted and unique. */
function findNodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function nodeAddress(status: Json, type: string): string {
  return str(arr(status.addresses).find((a) => a.type === type)?.address) || '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    docColumn('Version', 'string', 'nodeInfo.kubeletVersion'),
    docColumn('Internal-IP', 'string', 'nodeStatus.addresses', { priority: 1 }),
    docColumn('External-IP', 'string', 'nodeStatus.addresses', { priority: 1 }),
    docColumn('OS-Image', 'string', 'nodeInfo.osImage', { priority: 1 }),
    docColumn('Kernel-Version', 'string', 'nodeInfo.kernelVersion', { priority: 1 }),
    docColumn('Container-Runtime', 'string', 'nodeInfo.containerRuntimeVersion', { priority: 1 }),
  ],
  print(o, now) {
    const status = obj(o.status);
    const info = obj(status.nodeInfo);
    // Go fills a map from the conditions, so the last Ready condition wins.
    const ready = arr(status.conditions).filter((c) => c.type === 'Ready').pop();
    const states: string[] = [];
    if (ready !== undefined) states.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (states.length === 0) states.push('Unknown');
    if (obj(o.spec).unschedulable === true) states.push('SchedulingDisabled');
    const roles = findNodeRoles(stringMap(obj(o.metadata).labels)).join(',');
    return {
      cells: [
        name(o),
        states.join(','),
        roles === '' ? '<none>' : roles,
        age(o, now),
        str(info.kubeletVersion),
        nodeAddress(status, 'InternalIP'),
        nodeAddress(status, 'ExternalIP'),
        str(info.osImage) || '<unknown>',
        str(info.kernelVersion) || '<unknown>',
        str(info.containerRuntimeVersion) || '<unknown>',
      ],
    };
  },
};

/** translateMicroTimestampSince. */
const microSince = (v: unknown, now: number): string => timestampSince(typeof v === 'string' ? v : undefined, now);

export const eventPrinter: KindPrinter = {
  columns: [
    docColumn('Last Seen', 'string', 'event.lastTimestamp'),
    docColumn('Type', 'string', 'event.type'),
    docColumn('Reason', 'string', 'event.reason'),
    docColumn('Object', 'string', 'event.involvedObject'),
    docColumn('Subobject', 'string', 'objectReference.fieldPath', { priority: 1 }),
    docColumn('Source', 'string', 'event.source', { priority: 1 }),
    docColumn('Message', 'string', 'event.message'),
    docColumn('First Seen', 'string', 'event.firstTimestamp', { priority: 1 }),
    docColumn('Count', 'string', 'event.count', { priority: 1 }),
    docColumn('Name', 'string', 'meta.name', { priority: 1, format: 'name' }),
  ],
  print(o, now) {
    const firstTimestamp = str(o.firstTimestamp) !== '' ? timestampSince(str(o.firstTimestamp), now) : microSince(o.eventTime, now);
    let lastTimestamp = str(o.lastTimestamp) !== '' ? timestampSince(str(o.lastTimestamp), now) : firstTimestamp;
    let count = num(o.count);
    if (o.series !== undefined && o.series !== null) {
      const series = obj(o.series);
      lastTimestamp = microSince(series.lastObservedTime, now);
      count = num(series.count);
    } else if (count === 0) {
      count = 1;
    }
    const involved = obj(o.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) !== '' ? `${kind}/${str(involved.name)}` : kind;
    const source = obj(o.source);
    const component = str(source.component) || str(o.reportingComponent);
    const instance = str(source.host) || str(o.reportingInstance);
    return {
      cells: [
        lastTimestamp,
        str(o.type),
        str(o.reason),
        target,
        str(involved.fieldPath),
        instance === '' ? component : `${component}, ${instance}`,
        str(o.message).trim(),
        firstTimestamp,
        count,
        name(o),
      ],
    };
  },
};

export const componentStatusPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  print(o) {
    const healthy = arr(o.conditions).find((c) => c.type === 'Healthy');
    const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return { cells: [name(o), status, str(healthy?.message), str(healthy?.error)] };
  },
};

export const leasePrinter: KindPrinter = {
  columns: [NAME_COLUMN, docColumn('Holder', 'string', 'leaseSpec.holderIdentity'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), str(obj(o.spec).holderIdentity), age(o, now)] }),
};

export const priorityClassPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Value', 'integer', 'priorityClass.value'),
    docColumn('Global-Default', 'boolean', 'priorityClass.globalDefault'),
    AGE_COLUMN,
    docColumn('PreemptionPolicy', 'string', 'priorityClass.preemptionPolicy'),
  ],
  print: (o, now) => ({ cells: [name(o), num(o.value), o.globalDefault === true, age(o, now), str(o.preemptionPolicy)] }),
};

export const runtimeClassPrinter: KindPrinter = {
  // Upstream looks the description up under ObjectMeta's "handler" key, which does not exist: ''.
  columns: [NAME_COLUMN, docColumn('Handler', 'string', ''), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), str(o.handler), age(o, now)] }),
};
