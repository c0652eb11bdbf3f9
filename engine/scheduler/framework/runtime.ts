/**
 * The framework runtime of one profile (framework/runtime.frameworkImpl): the profile's plugin instances per
 * extension point, in configured order, and the code that runs each point with upstream's rules —
 * Skip handling, PreFilterResult intersection, first-rejection-wins Filter, Score → NormalizeScore → range
 * check → weight, Reserve/Unreserve, Permit with Wait, PreBind, Bind (first non-Skip binder), PostBind.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { Disposable } from '../../base/disposable';
import {
  CycleState,
  MAX_NODE_SCORE,
  Status,
  type BindPlugin,
  type ClusterEvent,
  type EnqueueExtensions,
  type FilterPlugin,
  type NodeInfo,
  type NodeScore,
  type PermitPlugin,
  type Plugin,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './interface';
import type { MutableNodeInfo } from './node-info';
import type { PodInfo } from './interface';
import type { ScorePluginTrace } from '../trace/scheduling-trace';

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** The profile's plugins per extension point, in order. */
export interface ExtensionPoints {
  queueSort?: QueueSortPlugin;
  preEnqueue: PreEnqueuePlugin[];
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  reserve: ReservePlugin[];
  permit: PermitPlugin[];
  preBind: PreBindPlugin[];
  bind: BindPlugin[];
  postBind: PostBindPlugin[];
}

export interface PreFilterOutcome {
  /** Nodes every narrowing PreFilter allows; undefined = all. */
  nodeNames?: Set<string>;
  status: Status;
  /** Plugins that narrowed the node set (named in the absent nodes' reason). */
  pluginsWithNodes: string[];
}

export interface ScoreOutcome {
  status: Status;
  plugins: ScorePluginTrace[];
  /** Sum of weighted scores per node, in the input order. */
  totals: number[];
}

/** Gives the nominated pods that should count on a node for `pod` (priority ≥ pod's, not the pod itself). */
export type NominatedPodsFor = (pod: KubeObject, nodeName: string) => readonly PodInfo[];

const podPriority = (pod: KubeObject): number => ((pod['spec'] as { priority?: number } | undefined)?.priority ?? 0);

interface WaitingPod {
  pending: Set<string>;
  resolve: (s: Status) => void;
  timers: Disposable[];
}

export class FrameworkRuntime {
  private readonly waiting = new Map<string, WaitingPod>();
  private readonly activeFilterCache = new WeakMap<CycleState, { skipped: number; list: FilterPlugin[] }>();

  constructor(
    readonly profileName: string,
    readonly points: ExtensionPoints,
    /** Every plugin instance of the profile, by name. */
    readonly plugins: ReadonlyMap<string, Plugin>,
    readonly percentageOfNodesToScore: number | undefined,
    private readonly clock: Clock,
    private readonly nominatedPodsFor: NominatedPodsFor = () => [],
  ) {}

  /** EventsToRegister of a plugin; undefined when it implements no EnqueueExtensions (interested in all). */
  eventsOf(name: string): ClusterEvent[] | undefined {
    const p = this.plugins.get(name) as Partial<EnqueueExtensions> | undefined;
    return typeof p?.eventsToRegister === 'function' ? p.eventsToRegister() : undefined;
  }

  runPreEnqueuePlugins(pod: KubeObject): Status {
    for (const pl of this.points.preEnqueue) {
      const s = pl.preEnqueue(pod);
      if (!s.isSuccess()) {
        s.plugin = pl.name;
        return s;
      }
    }
    return Status.success();
  }

  runPreFilterPlugins(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    for (const pl of this.points.preFilter) {
      const { result, status } = pl.preFilter(state, pod, nodes);
      if (status.code === 'Skip') {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (!status.isSuccess()) {
        if (status.isRejected()) return { status: withPlugin(status, pl.name), pluginsWithNodes: [pl.name] };
        return { status: new Status('Error', [`running PreFilter plugin "${pl.name}": ${status.message()}`], pl.name), pluginsWithNodes };
      }
      if (result?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => result.nodeNames?.has(n))) : new Set(result.nodeNames);
        if (nodeNames.size === 0) {
          const msg =
            pluginsWithNodes.length === 1
              ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
              : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          return { status: new Status('Unschedulable', [msg]), pluginsWithNodes };
        }
      }
    }
    return { nodeNames, status: Status.success(), pluginsWithNodes };
  }

  /** The Filter plugins PreFilter did not skip, computed once per CycleState (skips are only added at PreFilter). */
  private activeFilters(state: CycleState): readonly FilterPlugin[] {
    if (state.skipFilterPlugins.size === 0) return this.points.filter;
    let cached = this.activeFilterCache.get(state);
    if (!cached || cached.skipped !== state.skipFilterPlugins.size) {
      cached = { skipped: state.skipFilterPlugins.size, list: this.points.filter.filter((p) => !state.skipFilterPlugins.has(p.name)) };
      this.activeFilterCache.set(state, cached);
    }
    return cached.list;
  }

  /** Filter plugins in order; the first rejection (or error) ends the run. */
  runFilterPlugins(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
    for (const pl of this.activeFilters(state)) {
      const s = pl.filter(state, pod, nodeInfo);
      if (s.isSuccess()) continue;
      if (s.isRejected()) return withPlugin(s, pl.name);
      return new Status('Error', [`running "${pl.name}" filter plugin: ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  /**
   * RunFilterPluginsWithNominatedPods: first with the node's nominated pods of equal or higher priority added
   * (they will take that room), then — if that passed and pods were added — again without them, because
   * some filters (inter-pod affinity) can only pass with them absent.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
    const nominated = this.nominatedPodsFor(pod, nodeInfo.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const prio = podPriority(pod);
    const uid = pod.metadata?.uid;
    const toAdd = nominated.filter((p) => p.pod.metadata?.uid !== uid && podPriority(p.pod) >= prio);
    if (toAdd.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const stateWith = state.clone();
    const infoWith = (nodeInfo as MutableNodeInfo).clone();
    for (const p of toAdd) {
      infoWith.addPod(p);
      const s = this.runPreFilterExtensionAddPod(stateWith, pod, p, infoWith);
      if (!s.isSuccess()) return s;
    }
    const first = this.runFilterPlugins(stateWith, pod, infoWith);
    if (!first.isSuccess()) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: KubeObject, toAdd: PodInfo, nodeInfo: NodeInfo): Status {
    for (const pl of this.points.preFilter) {
      if (!pl.addPod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.addPod(state, pod, toAdd, nodeInfo);
      if (!s.isSuccess()) return new Status('Error', [`running AddPod on PreFilter plugin "${pl.name}": ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: KubeObject, toRemove: PodInfo, nodeInfo: NodeInfo): Status {
    for (const pl of this.points.preFilter) {
      if (!pl.removePod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.removePod(state, pod, toRemove, nodeInfo);
      if (!s.isSuccess()) return new Status('Error', [`running RemovePod on PreFilter plugin "${pl.name}": ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  /** PostFilter plugins until one succeeds or says UnschedulableAndUnresolvable; messages joined as upstream. */
  async runPostFilterPlugins(state: CycleState, pod: KubeObject, statuses: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status }> {
    let result: PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejectedBy = '';
    for (const pl of this.points.postFilter) {
      const r = await pl.postFilter(state, pod, statuses);
      if (r.status.isSuccess()) return { result: r.result, status: r.status };
      if (r.status.code === 'UnschedulableAndUnresolvable') return { result: r.result, status: withPlugin(r.status, pl.name) };
      if (!r.status.isRejected()) return { status: new Status('Error', [`running PostFilter plugin "${pl.name}": ${r.status.message()}`], pl.name) };
      reasons.push(...r.status.reasons);
      if (!rejectedBy) rejectedBy = pl.name;
      if (r.result) result = r.result;
    }
    return { result, status: new Status('Unschedulable', reasons, rejectedBy) };
  }

  runPreScorePlugins(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]): Status {
    for (const pl of this.points.preScore) {
      const s = pl.preScore(state, pod, nodes);
      if (s.code === 'Skip') {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      if (!s.isSuccess()) return new Status('Error', [`running PreScore plugin "${pl.name}": ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  /** Score, NormalizeScore, range check, weight; per plugin arrays in `nodes` order. */
  runScorePlugins(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]): ScoreOutcome {
    const totals = new Array<number>(nodes.length).fill(0);
    const traces: ScorePluginTrace[] = [];
    for (const { plugin, weight } of this.points.score) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const raw = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const r = plugin.score(state, pod, nodes[i] as NodeInfo);
        if (!r.status.isSuccess()) return { status: new Status('Error', [`running Score plugin "${plugin.name}": ${r.status.message()}`], plugin.name), plugins: traces, totals };
        raw[i] = r.score;
      }
      // NodeScore objects only for plugins that normalize (the extension point's contract); others keep raw.
      let normalized = raw;
      if (plugin.normalizeScore) {
        const scores: NodeScore[] = raw.map((score, i) => ({ name: (nodes[i] as NodeInfo).name, score }));
        const s = plugin.normalizeScore(state, pod, scores);
        if (!s.isSuccess()) return { status: new Status('Error', [`running Normalize on Score plugin "${plugin.name}": ${s.message()}`], plugin.name), plugins: traces, totals };
        normalized = scores.map((x) => x.score);
      }
      const weighted = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const score = normalized[i] as number;
        if (score > MAX_NODE_SCORE || score < 0) {
          return {
            status: new Status('Error', [`plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`], plugin.name),
            plugins: traces,
            totals,
          };
        }
        weighted[i] = score * weight;
        totals[i] = (totals[i] as number) + score * weight;
      }
      traces.push({ plugin: plugin.name, weight, raw, normalized, weighted });
    }
    return { status: Status.success(), plugins: traces, totals };
  }

  /** Reserve plugins in order; on failure the caller runs Unreserve. */
  runReservePluginsReserve(state: CycleState, pod: KubeObject, nodeName: string): Status {
    for (const pl of this.points.reserve) {
      const s = pl.reserve(state, pod, nodeName);
      if (s.isSuccess()) continue;
      if (s.isRejected()) return withPlugin(s, pl.name);
      return new Status('Error', [`running Reserve plugin "${pl.name}": ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  /** Unreserve in reverse order (upstream runs it on every Reserve plugin, reversed). */
  runReservePluginsUnreserve(state: CycleState, pod: KubeObject, nodeName: string): void {
    for (let i = this.points.reserve.length - 1; i >= 0; i--) this.points.reserve[i]?.unreserve(state, pod, nodeName);
  }

  /**
   * Permit: a rejection ends it; `Wait` from any plugin parks the pod until every waiting plugin allows it,
   * one rejects it, or a plugin's own timeout passes (`rejected due to timeout after waiting <d> at plugin
   * <name>`; timeouts are capped at 15 minutes, maxTimeout).
   */
  runPermitPlugins(state: CycleState, pod: KubeObject, nodeName: string): Promise<Status> {
    const waits: Array<{ plugin: string; timeoutMs: number }> = [];
    for (const pl of this.points.permit) {
      const { status, timeoutMs } = pl.permit(state, pod, nodeName);
      if (status.isSuccess()) continue;
      if (status.code === 'Wait') {
        waits.push({ plugin: pl.name, timeoutMs: Math.min(timeoutMs, 15 * 60 * 1000) });
        continue;
      }
      if (status.isRejected()) return Promise.resolve(withPlugin(status, pl.name));
      return Promise.resolve(new Status('Error', [`running Permit plugin "${pl.name}": ${status.message()}`], pl.name));
    }
    if (waits.length === 0) return Promise.resolve(Status.success());
    const uid = pod.metadata?.uid ?? '';
    return new Promise<Status>((resolve) => {
      const wp: WaitingPod = { pending: new Set(waits.map((w) => w.plugin)), resolve, timers: [] };
      for (const w of waits) {
        wp.timers.push(
          this.clock.setTimer(w.timeoutMs, () => this.rejectWaitingPod(uid, w.plugin, `rejected due to timeout after waiting ${goDuration(w.timeoutMs)} at plugin ${w.plugin}`)),
        );
      }
      this.waiting.set(uid, wp);
    });
  }

  /** WaitingPod.Allow: the plugin lets the pod go; it proceeds once no plugin is pending. */
  allowWaitingPod(uid: string, plugin: string): void {
    const wp = this.waiting.get(uid);
    if (!wp) return;
    wp.pending.delete(plugin);
    if (wp.pending.size > 0) return;
    this.finishWaiting(uid, wp, Status.success());
  }

  /** WaitingPod.Reject. */
  rejectWaitingPod(uid: string, plugin: string, message: string): void {
    const wp = this.waiting.get(uid);
    if (wp) this.finishWaiting(uid, wp, new Status('Unschedulable', [message], plugin));
  }

  isWaiting(uid: string): boolean {
    return this.waiting.has(uid);
  }

  private finishWaiting(uid: string, wp: WaitingPod, s: Status): void {
    this.waiting.delete(uid);
    for (const t of wp.timers) t.dispose();
    wp.resolve(s);
  }

  async runPreBindPlugins(state: CycleState, pod: KubeObject, nodeName: string): Promise<Status> {
    for (const pl of this.points.preBind) {
      const s = await pl.preBind(state, pod, nodeName);
      if (s.isSuccess() || s.code === 'Skip') continue;
      if (s.isRejected()) return withPlugin(s, pl.name);
      return new Status('Error', [`running PreBind plugin "${pl.name}": ${s.message()}`], pl.name);
    }
    return Status.success();
  }

  /** The first binder that does not Skip binds. */
  async runBindPlugins(state: CycleState, pod: KubeObject, nodeName: string): Promise<Status> {
    if (this.points.bind.length === 0) return new Status('Skip');
    let last = new Status('Skip');
    for (const pl of this.points.bind) {
      last = await pl.bind(state, pod, nodeName);
      if (last.code === 'Skip') continue;
      if (last.isSuccess()) return last;
      if (last.isRejected()) return withPlugin(last, pl.name);
      return new Status('Error', [`running Bind plugin "${pl.name}": ${last.message()}`], pl.name);
    }
    return last;
  }

  runPostBindPlugins(state: CycleState, pod: KubeObject, nodeName: string): void {
    for (const pl of this.points.postBind) pl.postBind(state, pod, nodeName);
  }

  get hasFilterPlugins(): boolean {
    return this.points.filter.length > 0;
  }

  get hasScorePlugins(): boolean {
    return this.points.score.length > 0;
  }
}

function withPlugin(s: Status, plugin: string): Status {
  if (s.plugin !== plugin) s.plugin = plugin;
  return s;
}

/** Go's time.Duration.String for whole milliseconds: `1m0s`, `30s`, `1.5s`, `500ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
