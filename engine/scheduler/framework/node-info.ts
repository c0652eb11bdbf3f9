/**
 * The mutable NodeInfo the scheduler cache keeps per node (framework.NodeInfo): the Node, the pods on it
 * (assumed ones included), their summed requests, host ports, and the node's images. Every change bumps
 * `generation` from one process-wide counter so the snapshot can copy only what changed.
 */
import type { KubeObject } from '../../api/objects';
import type { HostPortInfo, ImageStateSummary, NodeInfo, PodInfo, Resource } from './interface';
import { addResourceList, emptyResource } from './pod-info';

let generationCounter = 0;
export function nextGeneration(): number {
  return ++generationCounter;
}

/** A stand-in for a node the cache has pods for but whose Node object it has not seen (never in a snapshot). */
const NO_NODE: KubeObject = Object.freeze({ apiVersion: 'v1', kind: 'Node', metadata: { name: '' } });

export function hasAffinity(p: PodInfo): boolean {
  return p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0;
}

export class MutableNodeInfo implements NodeInfo {
  node: KubeObject = NO_NODE;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts: HostPortInfo[] = [];
  requested: Resource = emptyResource();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource = emptyResource();
  imageStates = new Map<string, ImageStateSummary>();
  generation = nextGeneration();

  constructor(readonly name: string) {}

  get hasNode(): boolean {
    return this.node !== NO_NODE;
  }

  setNode(node: KubeObject | undefined, imageStates: Map<string, ImageStateSummary>): void {
    this.node = node ?? NO_NODE;
    const allocatable = emptyResource();
    addResourceList(allocatable, (node?.['status'] as { allocatable?: Record<string, string> } | undefined)?.allocatable);
    this.allocatable = allocatable;
    this.imageStates = imageStates;
    this.generation = nextGeneration();
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (hasAffinity(p)) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    this.applyRequests(p, 1);
    for (const port of hostPorts(p.pod)) this.usedPorts.push(port);
    this.generation = nextGeneration();
  }

  /** Removes the pod with `uid`; false when it is not here. */
  removePod(uid: string): PodInfo | undefined {
    const i = this.pods.findIndex((p) => p.pod.metadata?.uid === uid);
    if (i < 0) return undefined;
    const p = this.pods[i] as PodInfo;
    this.pods.splice(i, 1);
    this.podsWithAffinity = this.podsWithAffinity.filter((x) => x !== p);
    this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => x !== p);
    this.applyRequests(p, -1);
    for (const port of hostPorts(p.pod)) {
      const j = this.usedPorts.findIndex((u) => u.ip === port.ip && u.protocol === port.protocol && u.port === port.port);
      if (j >= 0) this.usedPorts.splice(j, 1);
    }
    this.generation = nextGeneration();
    return p;
  }

  private applyRequests(p: PodInfo, sign: 1 | -1): void {
    this.requested.milliCPU += sign * p.request.milliCPU;
    this.requested.memory += sign * p.request.memory;
    this.requested.ephemeralStorage += sign * p.request.ephemeralStorage;
    for (const [k, v] of Object.entries(p.request.scalar)) this.requested.scalar[k] = (this.requested.scalar[k] ?? 0) + sign * v;
    this.nonZeroRequested.milliCPU += sign * p.nonZeroRequest.milliCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroRequest.memory;
  }

  /** A copy whose arrays and totals are independent of this one (pods themselves are shared, immutable). */
  clone(): MutableNodeInfo {
    const c = new MutableNodeInfo(this.name);
    c.copyFrom(this);
    return c;
  }

  copyFrom(o: MutableNodeInfo): void {
    this.node = o.node;
    this.pods = o.pods.slice();
    this.podsWithAffinity = o.podsWithAffinity.slice();
    this.podsWithRequiredAntiAffinity = o.podsWithRequiredAntiAffinity.slice();
    this.usedPorts = o.usedPorts.slice();
    this.requested = { ...o.requested, scalar: { ...o.requested.scalar } };
    this.nonZeroRequested = { ...o.nonZeroRequested };
    this.allocatable = o.allocatable;
    this.imageStates = o.imageStates;
    this.generation = o.generation;
  }
}

/** The host ports a pod's containers claim (ip defaults to 0.0.0.0, protocol to TCP), as NodeInfo.UsedPorts counts them. */
export function hostPorts(pod: KubeObject): HostPortInfo[] {
  const out: HostPortInfo[] = [];
  const spec = pod['spec'] as { containers?: Array<{ ports?: Array<{ hostPort?: number; hostIP?: string; protocol?: string }> }> } | undefined;
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}
