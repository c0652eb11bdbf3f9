/**
 * Turns a ProfileConfig into a FrameworkRuntime: merges it onto the default multiPoint set, instantiates every
 * named plugin once (with its pluginConfig args) and registers it at each extension point it implements —
 * explicitly configured plugins of a point first, then multiPoint ones (expandMultiPointPlugins' order).
 * Default plugins missing from the registry are skipped and reported through `missing`; a plugin the profile
 * names explicitly must exist.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { Handle, Plugin, PluginFactory } from '../framework/interface';
import { FrameworkRuntime, type ExtensionPoints, type NominatedPodsFor, type WeightedScorePlugin } from '../framework/runtime';
import { DEFAULT_MULTI_POINT, type ExtensionPoint, type PluginRef, type ProfileConfig } from './profile-config';

/** The method whose presence makes a plugin part of an extension point. */
const POINT_METHOD: Record<ExtensionPoint, string> = {
  preEnqueue: 'preEnqueue',
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  reserve: 'reserve',
  permit: 'permit',
  preBind: 'preBind',
  bind: 'bind',
  postBind: 'postBind',
};

export interface BuildOptions {
  registry: Readonly<Record<string, PluginFactory>>;
  /** Everything a Handle offers but the plugin runners, which the built framework supplies. */
  handle: Omit<Handle, 'runFilterPlugins' | 'runPreFilterExtensionAddPod' | 'runPreFilterExtensionRemovePod'>;
  clock: Clock;
  nominatedPodsFor?: NominatedPodsFor;
  missing?: (pluginName: string) => void;
}

function mergeMultiPoint(cfg: ProfileConfig): PluginRef[] {
  const custom = cfg.plugins?.multiPoint;
  const disabled = new Set((custom?.disabled ?? []).map((d) => d.name));
  const merged: PluginRef[] = disabled.has('*') ? [] : DEFAULT_MULTI_POINT.filter((p) => !disabled.has(p.name)).map((p) => ({ ...p }));
  for (const e of custom?.enabled ?? []) {
    const existing = merged.find((p) => p.name === e.name);
    if (existing) existing.weight = e.weight ?? existing.weight;
    else merged.push({ ...e });
  }
  return merged;
}

export function buildFramework(cfg: ProfileConfig, opts: BuildOptions): FrameworkRuntime {
  const instances = new Map<string, Plugin>();
  const reported = new Set<string>();
  const defaults = new Set(DEFAULT_MULTI_POINT.map((p) => p.name));
  const explicit = new Set<string>();
  for (const set of Object.values(cfg.plugins ?? {})) for (const e of set?.enabled ?? []) explicit.add(e.name);

  // The handle's runners reach the framework built below (plugins get the handle before it exists).
  const built: { framework?: FrameworkRuntime } = {};
  const handle: Handle = {
    ...opts.handle,
    runFilterPlugins: (state, pod: KubeObject, nodeInfo) => (built.framework as FrameworkRuntime).runFilterPluginsWithNominatedPods(state, pod, nodeInfo),
    runPreFilterExtensionAddPod: (state, pod, info, nodeInfo) => (built.framework as FrameworkRuntime).runPreFilterExtensionAddPod(state, pod, info, nodeInfo),
    runPreFilterExtensionRemovePod: (state, pod, info, nodeInfo) => (built.framework as FrameworkRuntime).runPreFilterExtensionRemovePod(state, pod, info, nodeInfo),
  };
  const instance = (name: string): Plugin | undefined => {
    const have = instances.get(name);
    if (have) return have;
    const factory = opts.registry[name];
    if (!factory) {
      if (explicit.has(name) || !defaults.has(name)) throw new Error(`plugin "${name}" does not exist`);
      if (!reported.has(name)) opts.missing?.(name);
      reported.add(name);
      return undefined;
    }
    const args = cfg.pluginConfig?.find((c) => c.name === name)?.args;
    const p = factory(args, handle);
    instances.set(name, p);
    return p;
  };

  const multi = mergeMultiPoint(cfg);
  const lists = {} as Record<ExtensionPoint, Array<{ plugin: Plugin; weight: number }>>;
  for (const point of Object.keys(POINT_METHOD) as ExtensionPoint[]) {
    const set = cfg.plugins?.[point];
    const disabled = new Set((set?.disabled ?? []).map((d) => d.name));
    const out: Array<{ plugin: Plugin; weight: number }> = [];
    const seen = new Set<string>();
    const push = (ref: PluginRef, required: boolean) => {
      if (seen.has(ref.name)) return;
      const p = instance(ref.name);
      if (!p) return;
      if (typeof (p as unknown as Record<string, unknown>)[POINT_METHOD[point]] !== 'function') {
        if (required) throw new Error(`plugin "${ref.name}" does not extend ${point} plugin`);
        return;
      }
      seen.add(ref.name);
      out.push({ plugin: p, weight: ref.weight && ref.weight > 0 ? ref.weight : 1 });
    };
    for (const e of set?.enabled ?? []) push(e, true);
    if (!disabled.has('*')) for (const ref of multi) if (!disabled.has(ref.name)) push(ref, false);
    lists[point] = out;
  }
  const plain = <T>(point: ExtensionPoint): T[] => lists[point].map((e) => e.plugin as unknown as T);
  const points: ExtensionPoints = {
    queueSort: plain<NonNullable<ExtensionPoints['queueSort']>>('queueSort')[0],
    preEnqueue: plain('preEnqueue'),
    preFilter: plain('preFilter'),
    filter: plain('filter'),
    postFilter: plain('postFilter'),
    preScore: plain('preScore'),
    score: lists.score.map((e) => ({ plugin: e.plugin, weight: e.weight }) as WeightedScorePlugin),
    reserve: plain('reserve'),
    permit: plain('permit'),
    preBind: plain('preBind'),
    bind: plain('bind'),
    postBind: plain('postBind'),
  };
  built.framework = new FrameworkRuntime(cfg.schedulerName, points, instances, cfg.percentageOfNodesToScore, opts.clock, opts.nominatedPodsFor);
  return built.framework;
}
