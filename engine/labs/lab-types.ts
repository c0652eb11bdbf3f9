/**
 * A lab as loaded from its folder (`labs/<id>/lab.yaml` plus Markdown step texts): every learner-facing text in
 * both languages, the cluster it needs, and steps with declarative checks, hints, fail checks and solutions.
 * The shapes the UI sees (summary, document, progress) are the bridge contract's; these are the same JSON.
 */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

/** A Kubernetes resource as checks name it: `pods`, `deployments.apps`, `faults.lab.clusterlab.dev`, … */
export interface ResourceSelector {
  resource: string;
  namespace?: string;
  name?: string;
  /** Label selector (`app=web`). */
  selector?: string;
}

/**
 * One condition over the cluster. Exactly one of `object`, `event`, `storeKey`, `trace` says what is looked at:
 * - object: the objects the selector picks — `count` (atLeast/exactly) of them satisfying `path`
 *   equals/contains/exists (default: at least one exists);
 * - event: an Event with `reason` (and optionally `involvedName`, `messageContains`) exists;
 * - storeKey: a key exists in the store (the notes' `etcdctl get /registry/... --prefix`);
 * - trace: the scheduler's last attempt for a pod chose `node` (or any node).
 */
export interface Condition {
  object?: ResourceSelector;
  path?: string;
  equals?: string | number | boolean;
  contains?: string;
  exists?: boolean;
  count?: { atLeast?: number; exactly?: number };
  event?: { namespace?: string; reason: string; involvedName?: string; messageContains?: string };
  storeKey?: string;
  trace?: { namespace: string; pod: string; node?: string };
}

export interface Check extends Condition {
  title: LocalizedText;
}

export interface Hint {
  /** State-aware: shown while this holds (iximiuz's hintcheck). */
  when?: Condition;
  /** Time-based: shown once the step has been active this many virtual seconds. */
  afterSeconds?: number;
  text: LocalizedText;
}

export interface FailCheck {
  when: Condition;
  text: LocalizedText;
}

/** What solves a step: kubectl command lines, optionally with a file of the lab folder as stdin (`-f -`). */
export interface SolutionCommand {
  kubectl: string;
  stdinFile?: string;
  /** Virtual seconds to let pass after it (e.g. for a rollout) before the next command. */
  waitSeconds?: number;
}

export interface LabStepDef {
  id: string;
  title: LocalizedText;
  body: LocalizedText;
  checks: Check[];
  hints: Hint[];
  fail: FailCheck[];
  solution: SolutionCommand[];
}

export interface Lab {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  intro: LocalizedText;
  source: string;
  estimatedMinutes: number;
  cluster: { nodes: number; zones: string[]; proxyMode: 'iptables' | 'ipvs' | 'userspace'; manifests: string[] };
  steps: LabStepDef[];
  /** Files of the folder, for solutions' stdin. */
  files: Record<string, string>;
}

export type StepState = 'locked' | 'active' | 'done' | 'failed';

export interface CheckReport {
  title: LocalizedText;
  passed: boolean;
  expected?: string;
  actual?: string;
}

export interface LabProgress {
  labId: string;
  steps: Array<{ id: string; state: StepState; checks: CheckReport[]; hint?: LocalizedText }>;
  failed?: LocalizedText;
  completedAt?: number;
}
