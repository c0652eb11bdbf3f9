/**
 * What a fresh kube-apiserver + kubeadm control plane creates before anyone asks: the system namespaces,
 * the `kubernetes` Service with its Endpoints and EndpointSlice, the system PriorityClasses, the superuser
 * RBAC binding, and (here, until #3 brings kubelets) the Node objects, spread round-robin over the zones.
 */
import type { KubeObject } from '../api/objects';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

export interface BootstrapObject {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  object: KubeObject;
}

export function systemObjects(apiServerPort: number): BootstrapObject[] {
  const out: BootstrapObject[] = SYSTEM_NAMESPACES.map((name) => ({
    group: '',
    version: 'v1',
    resource: 'namespaces',
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  }));
  out.push({
    group: '',
    version: 'v1',
    resource: 'services',
    namespace: 'default',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiServerPort }], sessionAffinity: 'None', type: 'ClusterIP' },
    },
  });
  out.push({
    group: '',
    version: 'v1',
    resource: 'endpoints',
    namespace: 'default',
    object: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }] }],
    },
  });
  out.push({
    group: 'discovery.k8s.io',
    version: 'v1',
    resource: 'endpointslices',
    namespace: 'default',
    object: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
    },
  });
  // kind's default class: local volumes from rancher.io/local-path, bound once a pod is scheduled.
  out.push({
    group: 'storage.k8s.io',
    version: 'v1',
    resource: 'storageclasses',
    object: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  });
  for (const [name, value, description] of [
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
  ] as const) {
    out.push({
      group: 'scheduling.k8s.io',
      version: 'v1',
      resource: 'priorityclasses',
      object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' },
    });
  }
  out.push({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterroles',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
    },
  });
  out.push({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resource: 'clusterrolebindings',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }],
    },
  });
  return out;
}

function nodeCidr(i: number, count: number): string {
  if (count <= 255) return `10.244.${i}.0/24`;
  return `10.${128 + (i >> 8)}.${i & 255}.0/24`;
}

/** Node objects as a kubelet registers them (labels, capacity, addresses, nodeInfo), zone by zone. */
export function nodeObjects(count: number, zones: readonly string[]): BootstrapObject[] {
  const out: BootstrapObject[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `node-${i}`;
    const zone = zones.length > 0 ? (zones[(i - 1) % zones.length] as string) : undefined;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
    };
    if (zone) labels['topology.kubernetes.io/zone'] = zone;
    const resources = { cpu: '4', 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8148452Ki', pods: '110' };
    out.push({
      group: '',
      version: 'v1',
      resource: 'nodes',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
        // As the node IPAM controller would have assigned them (10.244.0.0/16 while it fits, else 10.128.0.0/9).
        spec: { podCIDR: nodeCidr(i, count), podCIDRs: [nodeCidr(i, count)] },
        status: {
          capacity: resources,
          allocatable: resources,
          addresses: [
            { type: 'InternalIP', address: `172.18.${(i + 2) >> 8}.${(i + 2) & 255}` },
            { type: 'Hostname', address: name },
          ],
          nodeInfo: {
            architecture: 'amd64',
            bootID: '',
            containerRuntimeVersion: 'containerd://1.7.24',
            kernelVersion: '6.1.0-lab',
            kubeProxyVersion: 'v1.32.4',
            kubeletVersion: 'v1.32.4',
            machineID: '',
            operatingSystem: 'linux',
            osImage: 'Cluster Lab simulated node',
            systemUUID: '',
          },
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        },
      },
    });
  }
  return out;
}
