/**
 * KubeSchedulerProfile, as the lab's configuration states it (kubescheduler.config.k8s.io/v1 shape): a
 * schedulerName, plugin sets per extension point or `multiPoint`, pluginConfig args, percentageOfNodesToScore.
 * Profiles are merged onto upstream 1.32's defaults the way mergePlugins does: a profile's `multiPoint.enabled`
 * adds or re-weights, `disabled` (by name, or `*`) removes, per-extension-point sets override multiPoint there.
 */
export interface PluginRef {
  name: string;
  weight?: number;
}

export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: Array<{ name: string }>;
}

export type ExtensionPoint =
  | 'preEnqueue'
  | 'queueSort'
  | 'preFilter'
  | 'filter'
  | 'postFilter'
  | 'preScore'
  | 'score'
  | 'reserve'
  | 'permit'
  | 'preBind'
  | 'bind'
  | 'postBind';

export type Plugins = Partial<Record<ExtensionPoint | 'multiPoint', PluginSet>>;

export interface ProfileConfig {
  schedulerName: string;
  plugins?: Plugins;
  pluginConfig?: Array<{ name: string; args?: Record<string, unknown> }>;
  /** 0 or undefined: the adaptive default. */
  percentageOfNodesToScore?: number;
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** getDefaultPlugins (pkg/scheduler/apis/config/v1/default_plugins.go, 1.32, DynamicResourceAllocation off). */
export const DEFAULT_MULTI_POINT: readonly PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultProfile(): ProfileConfig {
  return { schedulerName: DEFAULT_SCHEDULER_NAME };
}
