/**
 * Node selectors as component-helpers/scheduling/corev1/nodeaffinity compiles them: NodeSelectorTerms are
 * ORed, each term ANDs its matchExpressions (node labels) and matchFields (only `metadata.name`); a term with
 * neither selects nothing, and so does a term whose requirements do not parse (wrong value count, Gt/Lt
 * without one integer, unknown operator) — the lazy-error selector skips it.
 */
import type { KubeObject } from '../../../api/objects';
import { requirementMatches, type LabelOperator, type Requirement } from '../../../apiserver/selectors';

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinitySpec {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

export type NodeMatcher = (node: KubeObject) => boolean;

const OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };
const INTEGER = /^[+-]?[0-9]+$/;

function labelRequirement(r: NodeSelectorRequirement): Requirement | undefined {
  const op = Object.prototype.hasOwnProperty.call(OPERATORS, r.operator) ? OPERATORS[r.operator] : undefined;
  const values = r.values ?? [];
  switch (op) {
    case 'in':
    case 'notin':
      return values.length > 0 ? { key: r.key, operator: op, values } : undefined;
    case 'exists':
    case '!':
      return values.length === 0 ? { key: r.key, operator: op, values } : undefined;
    case 'gt':
    case 'lt':
      return values.length === 1 && INTEGER.test(values[0] as string) ? { key: r.key, operator: op, values } : undefined;
    default:
      return undefined;
  }
}

/**
 * A matchFields requirement: In/NotIn with exactly one value, compared with the node's field set, which holds
 * only `metadata.name` (any other key reads as '').
 */
function fieldMatcher(r: NodeSelectorRequirement): NodeMatcher | undefined {
  const values = r.values ?? [];
  if (values.length !== 1) return undefined;
  const want = values[0] as string;
  const field = (node: KubeObject): string => (r.key === 'metadata.name' ? (node.metadata?.name ?? '') : '');
  if (r.operator === 'In') return (node) => field(node) === want;
  if (r.operator === 'NotIn') return (node) => field(node) !== want;
  return undefined;
}

const NEVER: NodeMatcher = () => false;

/** Compiles one term; undefined when it selects nothing. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm | undefined): NodeMatcher | undefined {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const labelReqs: Requirement[] = [];
  for (const e of exprs) {
    const r = labelRequirement(e);
    if (!r) return undefined;
    labelReqs.push(r);
  }
  const fieldMatchers: NodeMatcher[] = [];
  for (const f of fields) {
    const m = fieldMatcher(f);
    if (!m) return undefined;
    fieldMatchers.push(m);
  }
  return (node) => {
    const labels = node.metadata?.labels ?? {};
    for (const r of labelReqs) if (!requirementMatches(r, labels)) return false;
    for (const m of fieldMatchers) if (!m(node)) return false;
    return true;
  };
}

/** NodeSelector.Match: any term matches. No usable term → matches nothing. */
export function compileNodeSelectorTerms(terms: readonly NodeSelectorTerm[] | undefined): NodeMatcher {
  const compiled: NodeMatcher[] = [];
  for (const t of terms ?? []) {
    const m = compileNodeSelectorTerm(t);
    if (m) compiled.push(m);
  }
  if (compiled.length === 0) return NEVER;
  if (compiled.length === 1) return compiled[0] as NodeMatcher;
  return (node) => compiled.some((m) => m(node));
}

/** labels.SelectorFromSet over spec.nodeSelector: every pair must be present. */
export function compileNodeLabelSet(set: Record<string, string>): NodeMatcher {
  const entries = Object.entries(set);
  return (node) => {
    const labels = node.metadata?.labels;
    for (const [k, v] of entries) if (labels?.[k] !== v) return false;
    return true;
  };
}

interface PodSchedulingSpec {
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: NodeAffinitySpec };
}

export function podNodeAffinity(pod: KubeObject): NodeAffinitySpec | undefined {
  return (pod['spec'] as PodSchedulingSpec | undefined)?.affinity?.nodeAffinity;
}

/**
 * nodeaffinity.GetRequiredNodeAffinity(pod).Match: spec.nodeSelector AND the required node affinity terms.
 * Undefined when the pod states neither (every node matches).
 */
export function requiredNodeAffinity(pod: KubeObject): NodeMatcher | undefined {
  const spec = pod['spec'] as PodSchedulingSpec | undefined;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const selector = spec?.nodeSelector;
  const bySelector = selector ? compileNodeLabelSet(selector) : undefined;
  const byAffinity = required ? compileNodeSelectorTerms(required.nodeSelectorTerms) : undefined;
  if (bySelector && byAffinity) return (node) => bySelector(node) && byAffinity(node);
  return bySelector ?? byAffinity;
}
