// Expected cells are written by hand from upstream: pkg/printers/internalversion/printers.go and
// printers_test.go, and the `kubectl get` output shown in the Kubernetes docs. The API server always
// prints wide, so rows carry the priority-1 cells too.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { toTable } from '../../../../engine/apiserver/printers';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const MIN = 60_000;

const cellsOf = (kindKey: string, obj: KubeObject): unknown[] => toTable(kindKey, [obj], { now: NOW, includeObject: 'None' }).rows?.[0]?.cells ?? [];
const columnsOf = (kindKey: string): Array<[string, number]> =>
  (toTable(kindKey, [], { now: NOW, includeObject: 'None' }).columnDefinitions ?? []).map((c) => [c.name, c.priority]);

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(5 * MIN), ...meta },
    spec: { containers: [{ name: 'a', image: 'nginx' }], ...spec },
    status,
  };
}

describe('column definitions per kind', () => {
  it('matches upstream names and wide priorities', () => {
    expect(columnsOf('core/Pod')).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
      ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
    expect(columnsOf('apps/Deployment')).toEqual([
      ['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
    expect(columnsOf('batch/Job')).toEqual([
      ['Name', 0], ['Status', 0], ['Completions', 0], ['Duration', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
    expect(columnsOf('batch/CronJob').map(([n]) => n)).toEqual(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector']);
    expect(columnsOf('core/Service')).toEqual([['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1]]);
    expect(columnsOf('core/Node')).toEqual([
      ['Name', 0], ['Status', 0], ['Roles', 0], ['Age', 0], ['Version', 0],
      ['Internal-IP', 1], ['External-IP', 1], ['OS-Image', 1], ['Kernel-Version', 1], ['Container-Runtime', 1],
    ]);
    expect(columnsOf('core/Event')).toEqual([
      ['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1], ['Source', 1], ['Message', 0], ['First Seen', 1], ['Count', 1], ['Name', 1],
    ]);
    expect(columnsOf('apps/DaemonSet').map(([n]) => n)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector']);
    expect(columnsOf('rbac.authorization.k8s.io/RoleBinding')).toEqual([['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]]);
    expect(columnsOf('core/PersistentVolumeClaim').map(([n]) => n)).toEqual(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode']);
    expect(columnsOf('core/Secret').map(([n]) => n)).toEqual(['Name', 'Type', 'Data', 'Age']);
  });

  it('writes every column field, with the name column formatted as name', () => {
    const [nameCol, ready] = toTable('core/Pod', [], { now: NOW, includeObject: 'None' }).columnDefinitions ?? [];
    expect(nameCol).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(nameCol?.description).toMatch(/^Name must be unique within a namespace\./);
    expect(ready).toEqual({ name: 'Ready', type: 'string', format: '', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0 });
  });
});

describe('printPod', () => {
  const running = { running: { startedAt: ago(4 * MIN) } };

  it('prints a running pod with wide cells and <none> placeholders', () => {
    const cells = cellsOf('core/Pod', pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }] }));
    expect(cells).toEqual(['web', '1/1', 'Running', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('adds "(… ago)" from the latest lastState.terminated.finishedAt', () => {
    const cells = cellsOf(
      'core/Pod',
      pod({
        phase: 'Running',
        containerStatuses: [{ name: 'a', ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * MIN) } } }],
      }),
    );
    expect(cells.slice(0, 4)).toEqual(['web', '1/1', 'Running', '3 (10m ago)']);
  });

  it('shows a waiting reason: CrashLoopBackOff, ContainerCreating', () => {
    const crash = pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    expect(cellsOf('core/Pod', crash).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5']);
    const creating = pod({ phase: 'Pending', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(cellsOf('core/Pod', creating)[2]).toBe('ContainerCreating');
  });

  it('shows Completed / Error / ExitCode for terminated containers and marks the row Completed', () => {
    const done = pod({ phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    const table = toTable('core/Pod', [done], { now: NOW, includeObject: 'None' });
    expect(table.rows?.[0]?.cells[2]).toBe('Completed');
    expect(table.rows?.[0]?.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    const failed = pod({ phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 2, reason: 'Error' } } }] });
    expect(cellsOf('core/Pod', failed)[2]).toBe('Error');
    const noReason = pod({ phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137 } } }] });
    expect(cellsOf('core/Pod', noReason)[2]).toBe('ExitCode:137');
    const signal = pod({ phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, signal: 9 } } }] });
    expect(cellsOf('core/Pod', signal)[2]).toBe('Signal:9');
  });

  it('reports init progress: Init:x/y, Init:CrashLoopBackOff, Init:Error, PodInitializing', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    const progress = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'i2', state: { running: {} } },
        ],
        containerStatuses: [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }],
      },
      spec,
    );
    expect(cellsOf('core/Pod', progress)[2]).toBe('Init:1/2');
    const backoff = pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, spec);
    expect(cellsOf('core/Pod', backoff).slice(2, 4)).toEqual(['Init:CrashLoopBackOff', '4']);
    const error = pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, spec);
    expect(cellsOf('core/Pod', error)[2]).toBe('Init:Error');
    const initializing = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'i1', state: { terminated: { exitCode: 0 } } },
          { name: 'i2', state: { terminated: { exitCode: 0 } } },
        ],
        containerStatuses: [{ name: 'a', ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      },
      spec,
    );
    expect(cellsOf('core/Pod', initializing)[2]).toBe('PodInitializing');
  });

  it('counts started sidecars (restartable init containers) as containers', () => {
    const p = pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'side', ready: true, started: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }],
      },
      { initContainers: [{ name: 'side', restartPolicy: 'Always' }] },
    );
    expect(cellsOf('core/Pod', p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('shows Terminating, Unknown for NodeLost, and SchedulingGated', () => {
    const deleting = pod({ phase: 'Running' }, {}, { deletionTimestamp: ago(0) });
    expect(cellsOf('core/Pod', deleting)[2]).toBe('Terminating');
    const lost = pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(0) });
    expect(cellsOf('core/Pod', lost)[2]).toBe('Unknown');
    const gated = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(cellsOf('core/Pod', gated)[2]).toBe('SchedulingGated');
  });

  it('prints IP, node, nominated node and readiness gates when set', () => {
    const p = pod(
      { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }], nominatedNodeName: 'n2', conditions: [{ type: 'example.com/gate', status: 'True' }] },
      { nodeName: 'n1', readinessGates: [{ conditionType: 'example.com/gate' }, { conditionType: 'other' }] },
    );
    expect(cellsOf('core/Pod', p).slice(5)).toEqual(['10.244.1.5', 'n1', 'n2', '1/2']);
  });
});

describe('workloads', () => {
  const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }, { name: 'side', image: 'busybox' }] } };
  it('Deployment: READY ready/desired, UP-TO-DATE, AVAILABLE, wide containers/images/selector', () => {
    const d = {
      metadata: { name: 'nginx-deployment', creationTimestamp: ago(18_000) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
      status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
    };
    expect(cellsOf('apps/Deployment', d)).toEqual(['nginx-deployment', '3/3', 3, 3, '18s', 'nginx,side', 'nginx:1.14.2,busybox', 'app=nginx']);
  });
  it('ReplicaSet: DESIRED CURRENT READY integers', () => {
    const rs = { metadata: { name: 'nginx-deployment-75675f5897', creationTimestamp: ago(18_000) }, spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '75675f5897' } }, template }, status: { replicas: 3, readyReplicas: 2 } };
    expect(cellsOf('apps/ReplicaSet', rs).slice(0, 5)).toEqual(['nginx-deployment-75675f5897', 3, 3, 2, '18s']);
    expect(cellsOf('apps/ReplicaSet', rs)[7]).toBe('app=nginx,pod-template-hash=75675f5897');
  });
  it('StatefulSet and DaemonSet', () => {
    expect(cellsOf('apps/StatefulSet', { metadata: { name: 'web' }, spec: { replicas: 2, template }, status: { readyReplicas: 1 } }).slice(0, 3)).toEqual(['web', '1/2', '<unknown>']);
    const ds = { metadata: { name: 'fluentd' }, spec: { template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } }, selector: { matchLabels: { name: 'fluentd' } } }, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 } };
    expect(cellsOf('apps/DaemonSet', ds)).toEqual(['fluentd', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '<unknown>', 'nginx,side', 'nginx:1.14.2,busybox', 'name=fluentd']);
  });
  it('Job: STATUS, COMPLETIONS and DURATION', () => {
    const base = { metadata: { name: 'pi', creationTimestamp: ago(3 * MIN) }, spec: { completions: 1, parallelism: 1, template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } } } };
    const complete = { ...base, status: { succeeded: 1, startTime: ago(3 * MIN), completionTime: ago(3 * MIN - 34_000), conditions: [{ type: 'Complete', status: 'True' }] } };
    expect(cellsOf('batch/Job', complete).slice(0, 5)).toEqual(['pi', 'Complete', '1/1', '34s', '3m']);
    const running = { ...base, status: { startTime: ago(3 * MIN) } };
    expect(cellsOf('batch/Job', running).slice(1, 4)).toEqual(['Running', '0/1', '3m']);
    const parallel = { ...base, spec: { ...base.spec, completions: undefined, parallelism: 3 }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } };
    expect(cellsOf('batch/Job', parallel).slice(1, 4)).toEqual(['Suspended', '0/1 of 3', '']);
  });
  it('CronJob: TIMEZONE <none>, SUSPEND False, LAST SCHEDULE', () => {
    const cj = { metadata: { name: 'hello', creationTimestamp: ago(10 * MIN) }, spec: { schedule: '* * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { lastScheduleTime: ago(40_000), active: [{ name: 'x' }] } };
    expect(cellsOf('batch/CronJob', cj).slice(0, 7)).toEqual(['hello', '* * * * *', '<none>', 'False', 1, '40s', '10m']);
    expect(cellsOf('batch/CronJob', cj)[9]).toBe('<none>');
  });
  it('ControllerRevision names its controller kind.group/name', () => {
    const cr = { metadata: { name: 'fluentd-5d7b', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u', controller: true }] }, revision: 1 };
    expect(cellsOf('apps/ControllerRevision', cr).slice(0, 3)).toEqual(['fluentd-5d7b', 'daemonset.apps/fluentd', 1]);
  });
});

describe('networking and cluster kinds', () => {
  it('Service: the kubernetes service and a NodePort / LoadBalancer', () => {
    const svc = { metadata: { name: 'kubernetes', creationTimestamp: ago(5 * 24 * 60 * MIN) }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } };
    expect(cellsOf('core/Service', svc)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '5d', '<none>']);
    const np = { metadata: { name: 'web' }, spec: { type: 'NodePort', clusterIPs: ['10.96.10.10'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } };
    expect(cellsOf('core/Service', np)).toEqual(['web', 'NodePort', '10.96.10.10', '<none>', '80:30080/TCP', '<unknown>', 'app=web']);
    const lb = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], ports: [] } };
    expect(cellsOf('core/Service', lb).slice(3, 5)).toEqual(['<pending>', '<none>']);
    const headless = { metadata: { name: 'h' }, spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] } };
    expect(cellsOf('core/Service', headless)[2]).toBe('None');
  });
  it('Endpoints: up to three addresses, then "+ N more..."', () => {
    const ep = { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }] };
    expect(cellsOf('core/Endpoints', ep)[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(cellsOf('core/Endpoints', { metadata: { name: 'none' } })[1]).toBe('<none>');
  });
  it('Node: Ready with roles, SchedulingDisabled, wide system info', () => {
    const node = {
      metadata: { name: 'cp', creationTimestamp: ago(60 * MIN), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'cp' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.24' },
      },
    };
    expect(cellsOf('core/Node', node)).toEqual(['cp', 'Ready,SchedulingDisabled', 'control-plane', '60m', 'v1.32.0', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0', 'containerd://1.7.24']);
    expect(cellsOf('core/Node', { metadata: { name: 'n' } }).slice(1, 3)).toEqual(['Unknown', '<none>']);
  });
  it('Event: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (+ wide)', () => {
    const ev = {
      metadata: { name: 'web.17a', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{a}' },
      reason: 'Pulled', message: 'Successfully pulled image\n', type: 'Normal',
      source: { component: 'kubelet', host: 'n1' },
      firstTimestamp: ago(2 * MIN), lastTimestamp: ago(MIN), count: 2,
    };
    expect(cellsOf('core/Event', ev)).toEqual(['60s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{a}', 'kubelet, n1', 'Successfully pulled image', '2m', 2, 'web.17a']);
  });
  it('ConfigMap, Secret, ServiceAccount, Namespace counts and phases', () => {
    expect(cellsOf('core/ConfigMap', { metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': 'x' }, binaryData: { b: 'eA==' } }).slice(0, 2)).toEqual(['kube-root-ca.crt', 2]);
    expect(cellsOf('core/Secret', { metadata: { name: 's' }, type: 'Opaque', data: { a: 'YQ==' } }).slice(0, 3)).toEqual(['s', 'Opaque', 1]);
    expect(cellsOf('core/ServiceAccount', { metadata: { name: 'default' } }).slice(0, 2)).toEqual(['default', 0]);
    expect(cellsOf('core/Namespace', { metadata: { name: 'default' }, status: { phase: 'Active' } }).slice(0, 2)).toEqual(['default', 'Active']);
  });
  it('PVC pending vs bound, StorageClass default marker', () => {
    const pending = { metadata: { name: 'data' }, spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
    expect(cellsOf('core/PersistentVolumeClaim', pending)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '<unknown>', '<unset>']);
    const bound = { metadata: { name: 'data' }, spec: { volumeName: 'pv1', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } };
    expect(cellsOf('core/PersistentVolumeClaim', bound).slice(0, 5)).toEqual(['data', 'Bound', 'pv1', '1Gi', 'RWO']);
    const sc = { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(cellsOf('storage.k8s.io/StorageClass', sc).slice(0, 5)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false]);
  });
  it('RoleBinding: ROLE kind/name and wide subjects', () => {
    const rb = { metadata: { name: 'rb' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'dev' }, { kind: 'Group', name: 'g' }] };
    expect(cellsOf('rbac.authorization.k8s.io/RoleBinding', rb)).toEqual(['rb', 'ClusterRole/view', '<unknown>', 'jane', 'g', 'dev/sa']);
  });
});

describe('tables without a dedicated printer', () => {
  it('uses the default NAME / CREATED AT table', () => {
    const table = toTable('rbac.authorization.k8s.io/Role', [{ metadata: { name: 'r', creationTimestamp: '2024-05-01T11:00:00Z' } }], { now: NOW, includeObject: 'None' });
    expect(table.columnDefinitions?.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(table.rows?.[0]?.cells).toEqual(['r', '2024-05-01T11:00:00Z']);
    expect(toTable('core/LimitRange', [], { now: NOW, includeObject: 'None' }).rows).toBeNull();
  });

  it('uses CRD additionalPrinterColumns with JSONPath, or the default Age column', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', creationTimestamp: ago(2 * MIN) }, spec: { size: 3, tags: ['a', 'b'], ports: [{ port: 80 }, { port: 81 }] }, status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True' }] } };
    const table = toTable('example.com/Widget', [obj], {
      now: NOW,
      includeObject: 'None',
      crdColumns: [
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: 'Readiness' },
        { name: 'First', type: 'string', jsonPath: '.spec.ports[0].port', priority: 1 },
        { name: 'Ports', type: 'string', jsonPath: '.spec.ports[*].port' },
        { name: 'Tags', type: 'string', jsonPath: '.spec.tags' },
        { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    });
    expect(table.rows?.[0]?.cells).toEqual(['w1', 3, 'True', '80', '80', '["a","b"]', null, '2m']);
    expect(table.columnDefinitions?.[1]).toEqual({ name: 'Size', type: 'integer', format: '', description: 'Custom resource definition column (in JSONPath format): .spec.size', priority: 0 });
    const defaulted = toTable('example.com/Widget', [obj], { now: NOW, includeObject: 'None', crdColumns: [] });
    expect(defaulted.columnDefinitions?.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(defaulted.rows?.[0]?.cells).toEqual(['w1', '2m']);
  });
});

describe('table envelope and includeObject', () => {
  const p = pod({ phase: 'Running' }, {}, { uid: 'u1', resourceVersion: '42', labels: { app: 'web' } });
  it('Metadata embeds a PartialObjectMetadata; Object the object; None null', () => {
    const table = toTable('core/Pod', [p], { now: NOW, includeObject: 'Metadata', listMeta: { resourceVersion: '100', continue: '' } });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '100' });
    expect(table.rows?.[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: p.metadata });
    expect(toTable('core/Pod', [p], { now: NOW, includeObject: 'Object' }).rows?.[0]?.object).toEqual(p);
    const none = toTable('core/Pod', [p], { now: NOW, includeObject: 'None' });
    expect(JSON.stringify(none.rows?.[0])).toMatch(/"object":null}$/);
    expect(Object.keys(none.rows?.[0] ?? {})).toEqual(['cells', 'object']);
  });
  it('an empty printer list is [] and noHeaders drops the column definitions', () => {
    const table = toTable('core/Pod', [], { now: NOW, includeObject: 'Metadata', noHeaders: true });
    expect(table.rows).toEqual([]);
    expect(table.columnDefinitions).toBeNull();
  });
});
