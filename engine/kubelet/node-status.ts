/**
 * The Node object as a kubelet registers and reports it (pkg/kubelet/kubelet_node_status.go and
 * nodestatus/setters.go): labels, capacity = allocatable, addresses, nodeInfo, the four conditions with their
 * exact reasons and messages, images, daemon endpoints.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339 } from '../base/clock';
import { KUBERNETES_VERSION } from '../apiserver/server-version';
import type { ImageInfo } from './runtime/container-runtime';
import type { NodeConfig } from './node-config';
import type { NodeIdentity } from './node-identity';

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.1.0-28-amd64';
/** nodestatus.MaxNamesPerImageInNodeStatus / maxImagesInNodeStatus. */
const MAX_IMAGES = 50;
const MAX_NAMES_PER_IMAGE = 5;

export function nodeInternalIp(config: NodeConfig): string {
  // kind's Docker network is 172.18.0.0/16: .0.1 the gateway, .0.2 the control plane, then node by node.
  const n = config.index + 2;
  return `172.18.${n >> 8}.${n & 255}`;
}

export function nodeLabels(config: NodeConfig): Record<string, string> {
  return {
    ...config.labels,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': config.name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/region': config.region,
    'topology.kubernetes.io/zone': config.zone,
  };
}

export function nodeCapacity(config: NodeConfig): Record<string, string> {
  return {
    cpu: config.cpu,
    'ephemeral-storage': config.ephemeralStorage ?? '61202244Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: config.memory,
    pods: String(config.pods),
  };
}

/** What the pressure and readiness setters observe. */
export interface NodeHealth {
  memoryPressure: boolean;
  ready: boolean;
}

interface ConditionText {
  type: string;
  /** status, reason, message when healthy / unhealthy. */
  ok: ['True' | 'False', string, string];
  bad: ['True' | 'False', string, string];
  /** Event reason recorded on a transition into ok / bad (recordNodeStatusEvent). */
  okEvent: string;
  badEvent: string;
}

const CONDITIONS: ConditionText[] = [
  {
    type: 'MemoryPressure',
    ok: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    bad: ['True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
    okEvent: 'NodeHasSufficientMemory',
    badEvent: 'NodeHasInsufficientMemory',
  },
  {
    type: 'DiskPressure',
    ok: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    bad: ['True', 'KubeletHasDiskPressure', 'kubelet has disk pressure'],
    okEvent: 'NodeHasNoDiskPressure',
    badEvent: 'NodeHasDiskPressure',
  },
  {
    type: 'PIDPressure',
    ok: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    bad: ['True', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
    okEvent: 'NodeHasSufficientPID',
    badEvent: 'NodeHasInsufficientPID',
  },
  {
    type: 'Ready',
    ok: ['True', 'KubeletReady', 'kubelet is posting ready status'],
    bad: ['False', 'KubeletNotReady', 'container runtime status check may not have completed yet'],
    okEvent: 'NodeReady',
    badEvent: 'NodeNotReady',
  },
];

export interface ConditionTransition {
  /** Event reason, e.g. NodeHasSufficientMemory; message is `Node <name> status is now: <reason>`. */
  eventReason: string;
}

/**
 * The next conditions given the previous ones: heartbeat is now, transition time moves only when the status
 * changes. Returns the transitions (for events), in condition order.
 */
export function nextConditions(previous: NodeCondition[], health: NodeHealth, nowMs: number): { conditions: NodeCondition[]; transitions: ConditionTransition[] } {
  const now = rfc3339(nowMs);
  const transitions: ConditionTransition[] = [];
  const conditions = CONDITIONS.map((c) => {
    const healthy = c.type === 'MemoryPressure' ? !health.memoryPressure : c.type === 'Ready' ? health.ready : true;
    const [status, reason, message] = healthy ? c.ok : c.bad;
    const old = previous.find((p) => p.type === c.type);
    const changed = !old || old.status !== status;
    // The Ready setter records an event only on a change of an existing condition; pressure setters also on first add.
    if (changed && (old || c.type !== 'Ready')) transitions.push({ eventReason: healthy ? c.okEvent : c.badEvent });
    return { type: c.type, status, lastHeartbeatTime: now, lastTransitionTime: changed ? now : (old?.lastTransitionTime ?? now), reason, message };
  });
  return { conditions, transitions };
}

export function nodeImages(images: ImageInfo[]): Array<{ names: string[]; sizeBytes: number }> {
  return [...images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...new Set([i.digest, i.ref])].slice(0, MAX_NAMES_PER_IMAGE), sizeBytes: i.sizeBytes }));
}

/** status fields other than conditions/images: capacity, allocatable, addresses, nodeInfo, daemonEndpoints. */
export function nodeStaticStatus(config: NodeConfig, identity: NodeIdentity, runtimeVersion: string): Record<string, unknown> {
  const capacity = nodeCapacity(config);
  return {
    capacity,
    allocatable: { ...capacity },
    addresses: [
      { type: 'InternalIP', address: nodeInternalIp(config) },
      { type: 'Hostname', address: config.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: identity.bootID,
      containerRuntimeVersion: runtimeVersion,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: KUBERNETES_VERSION,
      kubeletVersion: KUBERNETES_VERSION,
      machineID: identity.machineID,
      operatingSystem: 'linux',
      osImage: OS_IMAGE,
      systemUUID: identity.systemUUID,
    },
  };
}

/** The Node a kubelet creates when none exists (initialNode). */
export function initialNode(config: NodeConfig): KubeObject {
  const spec: Record<string, unknown> = {};
  if (config.taints && config.taints.length > 0) spec['taints'] = config.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.name,
      labels: nodeLabels(config),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec,
  };
}
