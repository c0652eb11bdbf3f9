/**
 * Builders for plugin tests: Nodes, Pods, NodeInfos (the cache's MutableNodeInfo), a Snapshot over them and a
 * Handle, plus helpers that run a plugin's PreFilter→Filter and PreScore→Score→NormalizeScore like the runtime.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeObject } from '../../../../engine/api/objects';
import {
  CycleState,
  Status,
  type FilterPlugin,
  type Handle,
  type ImageStateSummary,
  type NodeInfo,
  type NodeScore,
  type Plugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Snapshot,
} from '../../../../engine/scheduler/framework/interface';
import { MutableNodeInfo } from '../../../../engine/scheduler/framework/node-info';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';

let uid = 0;

export interface NodeOptions {
  labels?: Record<string, string>;
  allocatable?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  unschedulable?: boolean;
  images?: Map<string, ImageStateSummary>;
}

export function makeNode(name: string, o: NodeOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: o.labels ?? {} },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: o.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110' } },
  };
}

export function makePod(name: string, spec: Record<string, unknown> = {}, meta: Partial<NonNullable<KubeObject['metadata']>> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${++uid}`, ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
}

/** A pod asking for `cpu`/`memory` in one container. */
export function podWithRequests(name: string, requests: Record<string, string>, meta: Partial<NonNullable<KubeObject['metadata']>> = {}): KubeObject {
  return makePod(name, { containers: [{ name: 'c', image: 'nginx', resources: { requests } }] }, meta);
}

export function makeNodeInfo(node: KubeObject, pods: KubeObject[] = [], images = new Map<string, ImageStateSummary>()): MutableNodeInfo {
  const ni = new MutableNodeInfo(node.metadata?.name ?? '');
  ni.setNode(node, images);
  for (const p of pods) ni.addPod(newPodInfo(p));
  return ni;
}

export interface SnapshotExtras {
  objects?: Partial<Record<Parameters<Snapshot['objects']>[0], KubeObject[]>>;
  namespaceLabels?: Record<string, Record<string, string>>;
}

export function makeSnapshot(nodes: NodeInfo[], extras: SnapshotExtras = {}): Snapshot {
  return {
    list: () => nodes,
    get: (name) => nodes.find((n) => n.name === name),
    havePodsWithAffinity: () => nodes.filter((n) => n.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinity: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
    namespaceLabels: (ns) => extras.namespaceLabels?.[ns] ?? (ns === 'default' ? { 'kubernetes.io/metadata.name': 'default' } : undefined),
    objects: (kind) => extras.objects?.[kind] ?? [],
  };
}

export function makeHandle(snapshot: Snapshot): Handle {
  return {
    clock: undefined as never,
    snapshot: () => snapshot,
    bind: () => Promise.reject(new Error('not in plugin tests')),
    evictVictim: () => Promise.reject(new Error('not in plugin tests')),
    runFilterPlugins: () => Status.success(),
  };
}

type AnyPlugin = Plugin & Partial<PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin>;

export interface FilterRun {
  /** PreFilter's status when it ended the cycle (not Success/Skip). */
  preFilter?: Status;
  nodeNames?: Set<string>;
  /** Per node: the Filter status (Success when PreFilter Skipped). */
  byNode: Map<string, Status>;
}

/** PreFilter then Filter on every node, as the runtime does for one plugin. */
export function runFilter(plugin: AnyPlugin, pod: KubeObject, nodes: NodeInfo[], state = new CycleState()): FilterRun {
  const byNode = new Map<string, Status>();
  let skip = false;
  let nodeNames: Set<string> | undefined;
  if (plugin.preFilter) {
    const r = plugin.preFilter(state, pod, nodes);
    if (r.status.code === 'Skip') skip = true;
    else if (!r.status.isSuccess()) return { preFilter: r.status, byNode };
    nodeNames = r.result?.nodeNames;
  }
  for (const n of nodes) byNode.set(n.name, skip || !plugin.filter ? Status.success() : plugin.filter(state, pod, n));
  return { nodeNames, byNode };
}

/** Reasons per node ('' for success), handy for table expectations. */
export function reasonsByNode(run: FilterRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, s] of run.byNode) out[n] = s.isSuccess() ? '' : `${s.code}: ${s.message()}`;
  return out;
}

/** PreScore, Score and NormalizeScore over `nodes`; undefined when PreScore Skips. */
export function runScore(plugin: AnyPlugin, pod: KubeObject, nodes: NodeInfo[], state = new CycleState()): NodeScore[] | undefined {
  if (plugin.preScore) {
    const s = plugin.preScore(state, pod, nodes);
    if (s.code === 'Skip') return undefined;
    if (!s.isSuccess()) throw new Error(s.message());
  }
  const scores: NodeScore[] = nodes.map((n) => {
    const r = (plugin as ScorePlugin).score(state, pod, n);
    if (!r.status.isSuccess()) throw new Error(r.status.message());
    return { name: n.name, score: r.score };
  });
  plugin.normalizeScore?.(state, pod, scores);
  return scores;
}

export function loadExample(path: string): KubeObject {
  const obj = parse(readFileSync(`/work/shared/k8s-examples/${path}`, 'utf8')) as KubeObject;
  obj.metadata = { namespace: 'default', uid: `uid-${++uid}`, ...obj.metadata };
  return obj;
}
