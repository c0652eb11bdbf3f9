/**
 * One record per scheduling attempt, plain JSON, for the learner's "why did it land there / why is it
 * Pending" view: what PreFilter said, which plugin rejected which node and why, every score plugin's raw,
 * normalized and weighted scores per scored node, and the outcome (node, or the FailedScheduling message and
 * what preemption did). Score arrays are plugin-major and index `scoredNodes`, so a 5,000-node cluster costs
 * a few arrays per plugin, not an object per node and plugin.
 */
import type { Code } from '../framework/interface';

export interface PluginStatusTrace {
  plugin: string;
  code: Code;
  reasons: string[];
}

/** Nodes one Filter plugin rejected with the same status (grouped: a big cluster repeats a few statuses). */
export interface NodeRejectionTrace extends PluginStatusTrace {
  /** In evaluation order. */
  nodes: string[];
}

export interface ScorePluginTrace {
  plugin: string;
  weight: number;
  /** Score() per node in `scoredNodes` order. */
  raw: number[];
  /** After NormalizeScore (equal to raw when the plugin has none). */
  normalized: number[];
  /** normalized × weight. */
  weighted: number[];
}

export interface PreemptionTrace {
  /** Node the pod was nominated to, when preemption found one. */
  nominatedNode?: string;
  /** `namespace/name` of the pods evicted for it. */
  victims: string[];
  /** PostFilter's status message when it did not help. */
  message?: string;
}

export interface SchedulingTrace {
  pod: { namespace: string; name: string; uid: string };
  profile: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Virtual ms of the attempt. */
  timeMs: number;
  numAllNodes: number;
  /** Nodes PreFilter left (undefined = all). */
  preFilterNodes?: string[];
  /** A PreFilter rejection, when the cycle ended there. */
  preFilter?: PluginStatusTrace;
  /** Nodes Filter rejected, grouped by the first rejecting plugin's status, in order of first occurrence. */
  rejected: NodeRejectionTrace[];
  /** Nodes every Filter plugin passed, in evaluation order. */
  feasibleNodes: string[];
  scoredNodes: string[];
  scores: ScorePluginTrace[];
  /** Sum of weighted scores per node in `scoredNodes` order. */
  totals: number[];
  selectedNode?: string;
  /** The FailedScheduling message. */
  unschedulable?: string;
  /** An internal error that ended the attempt. */
  error?: string;
  preemption?: PreemptionTrace;
}

export function newTrace(pod: SchedulingTrace['pod'], profile: string, attempt: number, timeMs: number, numAllNodes: number): SchedulingTrace {
  return { pod, profile, attempt, timeMs, numAllNodes, rejected: [], feasibleNodes: [], scoredNodes: [], scores: [], totals: [] };
}
