/**
 * The scheduling framework's contracts (kube-scheduler pkg/scheduler/framework/interface.go, types.go): one tiny
 * interface per extension point, a Status with reasons, per-cycle state, and the NodeInfo snapshot plugins read.
 * Plugins are pure over the snapshot: they never call the API server, except the binder through `Handle`.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { ApiClient } from '../../client/api-client';

/** framework.Code. */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  constructor(
    readonly code: Code,
    /** Reasons as the FailedScheduling message lists them, e.g. `node(s) didn't match Pod's node affinity/selector`. */
    readonly reasons: string[] = [],
    /** The plugin that returned it (set by the framework runtime). */
    public plugin = '',
  ) {}
  static success(): Status {
    return SUCCESS;
  }
  isSuccess(): boolean {
    return this.code === 'Success';
  }
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }
  message(): string {
    return this.reasons.join(', ');
  }
}
const SUCCESS = new Status('Success');

/** Resource amounts in the units the scheduler compares: milli-CPU, bytes, counts. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended and hugepages resources, by name. */
  scalar: Record<string, number>;
}

export interface PodInfo {
  pod: KubeObject;
  /** The pod's effective request (max(init), sum(containers) + overhead), with upstream's non-zero defaults applied only in `nonZeroRequest`. */
  request: Resource;
  /** Requests with 100m CPU / 200Mi memory substituted for missing ones (scoring uses these). */
  nonZeroRequest: { milliCPU: number; memory: number };
  /** Parsed required pod affinity / anti-affinity terms, preferred terms (precomputed once per pod). */
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
}

export interface AffinityTerm {
  namespaces: Set<string>;
  /** Matches the labels of a candidate pod. */
  selector: (labels: Record<string, string>) => boolean;
  topologyKey: string;
  namespaceSelector: (nsLabels: Record<string, string>) => boolean;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPortInfo {
  ip: string;
  protocol: string;
  port: number;
}

export interface ImageStateSummary {
  size: number;
  /** How many nodes have the image (ImageLocality spreads by it). */
  numNodes: number;
}

/** A node and what the scheduler believes runs on it (assumed pods included). */
export interface NodeInfo {
  node: KubeObject;
  name: string;
  pods: PodInfo[];
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  usedPorts: HostPortInfo[];
  requested: Resource;
  nonZeroRequested: { milliCPU: number; memory: number };
  allocatable: Resource;
  /** Image name (normalized, every tag alias) → summary. */
  imageStates: Map<string, ImageStateSummary>;
  /** Bumped on every change; the snapshot copies only changed NodeInfos. */
  generation: number;
}

/** Read-only view of the cluster for one scheduling cycle. */
export interface Snapshot {
  list(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  havePodsWithAffinity(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[];
  /** Namespace labels for namespaceSelector in affinity terms. */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** Objects some plugins need (PVCs, PVs, StorageClasses, Services for default spreading). */
  objects(kind: 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | 'Service' | 'ReplicaSet' | 'StatefulSet' | 'ReplicationController' | 'PodDisruptionBudget'): readonly KubeObject[];
}

/** Per-attempt plugin state (framework.CycleState). Keys are plugin-private strings. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Set by the runtime: whether the cycle filters/scores every node (PostFilter dry runs reuse state). */
  skipFilterPlugins = new Set<string>();
  skipScorePlugins = new Set<string>();
  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, typeof (v as { clone?: () => unknown })?.clone === 'function' ? (v as { clone: () => unknown }).clone() : v);
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}

export interface NodeScore {
  name: string;
  score: number;
}

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** What plugins may reach beyond the snapshot. */
export interface Handle {
  readonly clock: Clock;
  /** The scheduler's API client (upstream's handle.ClientSet()); VolumeBinding's PreBind writes through it. */
  readonly client?: ApiClient;
  snapshot(): Snapshot;
  /** Writes the Binding (pods/binding); DefaultBinder uses it. */
  bind(pod: KubeObject, nodeName: string): Promise<void>;
  /** Deletes a preemption victim gracefully (or clears a nominated node), as DefaultPreemption does. */
  evictVictim(victim: KubeObject, preemptor: KubeObject): Promise<void>;
  /** Runs the Filter plugins for `pod` on `nodeInfo` with `state` (preemption's what-if). */
  runFilterPlugins(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status;
  /** PreFilterExtensions.AddPod/RemovePod of every PreFilter plugin (preemption's what-if keeps their state right). */
  runPreFilterExtensionAddPod?(state: CycleState, podToSchedule: KubeObject, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  runPreFilterExtensionRemovePod?(state: CycleState, podToSchedule: KubeObject, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status;
  /** Pods nominated to `nodeName` by earlier preemptions (the queue's nominator). */
  nominatedPodsForNode?(nodeName: string): readonly PodInfo[];
  /** Clears a pod's status.nominatedNodeName (and its nomination), as preemption does for lower-priority nominees. */
  clearNominatedNodeName?(pod: KubeObject): Promise<void>;
}

export interface Plugin {
  readonly name: string;
}

/** Cluster events a plugin cares about, to move pods from the unschedulable queue (EventsToRegister). */
export interface ClusterEvent {
  resource: 'Pod' | 'Node' | 'PersistentVolume' | 'PersistentVolumeClaim' | 'StorageClass' | 'Namespace' | 'Service';
  action: 'Add' | 'Delete' | 'Update' | 'UpdateNodeLabel' | 'UpdateNodeTaint' | 'UpdateNodeAllocatable' | 'UpdateNodeCondition' | 'UpdatePodLabel' | 'UpdatePodScaleDown' | 'UpdatePodSchedulingGatesEliminated' | 'UpdatePodTolerations' | 'All';
}

export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEvent[];
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: KubeObject): Status;
}

export interface PreFilterResult {
  /** Only these nodes can pass (NodeAffinity/NodeName narrow the set); undefined = all nodes. */
  nodeNames?: Set<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status };
  /** AddPod/RemovePod for preemption's what-if (PreFilterExtensions); absent when the plugin keeps no per-node state. */
  addPod?(state: CycleState, podToSchedule: KubeObject, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  removePod?(state: CycleState, podToSchedule: KubeObject, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status;
}

export interface PostFilterResult {
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** `filteredNodeStatuses`: node name → the status that rejected it. */
  postFilter(state: CycleState, pod: KubeObject, filteredNodeStatuses: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status }>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): { score: number; status: Status };
  /** ScoreExtensions.NormalizeScore: rescale `scores` in place to [0, MAX_NODE_SCORE]. */
  normalizeScore?(state: CycleState, pod: KubeObject, scores: NodeScore[]): Status;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: KubeObject, nodeName: string): Status;
  unreserve(state: CycleState, pod: KubeObject, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** `Wait` with a timeout in ms parks the pod until allowed or rejected. */
  permit(state: CycleState, pod: KubeObject, nodeName: string): { status: Status; timeoutMs: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: KubeObject, nodeName: string): Promise<Status>;
}

export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: KubeObject, nodeName: string): Promise<Status>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: KubeObject, nodeName: string): void;
}

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** Virtual ms the pod was added to the queue (PrioritySort's tie-break). */
  timestamp: number;
  attempts: number;
  /** Virtual ms of the first attempt. */
  initialAttemptTimestamp?: number;
  /** Plugins that rejected it last time (decides which cluster events requeue it). */
  unschedulablePlugins: Set<string>;
  /** Set while PreEnqueue (SchedulingGates) keeps it out of activeQ. */
  gated: boolean;
}

/** A plugin's factory; `args` are the profile's pluginConfig for it. */
export type PluginFactory = (args: Record<string, unknown> | undefined, handle: Handle) => Plugin;
