/**
 * A SchedulingTrace as the "why here / why pending" table: one row per node — the Filter plugin that rejected it and
 * why, or, for scored nodes, each Score plugin's raw, normalized and weighted score and the total — best first,
 * and the outcome (the chosen node, or the FailedScheduling message).
 */
import type { SchedulingTrace } from '../../main/bridge/contract';

export interface TraceRow {
  node: string;
  verdict: 'selected' | 'feasible' | 'rejected';
  /** Rejections: `Plugin: reason, reason`. */
  reason?: string;
  scores: Array<{ plugin: string; raw: number; normalized: number; weighted: number }>;
  total?: number;
}

export interface TraceTable {
  plugins: string[];
  rows: TraceRow[];
  outcome: string;
}

export function traceTable(t: SchedulingTrace): TraceTable {
  const rows: TraceRow[] = [];
  t.scoredNodes.forEach((node, i) => {
    rows.push({
      node,
      verdict: node === t.selectedNode ? 'selected' : 'feasible',
      scores: t.scores.map((s) => ({ plugin: s.plugin, raw: s.raw[i] ?? 0, normalized: s.normalized[i] ?? 0, weighted: s.weighted[i] ?? 0 })),
      total: t.totals[i],
    });
  });
  for (const node of t.feasibleNodes) if (!t.scoredNodes.includes(node)) rows.push({ node, verdict: node === t.selectedNode ? 'selected' : 'feasible', scores: [] });
  for (const group of t.rejected) for (const node of group.nodes) rows.push({ node, verdict: 'rejected', reason: `${group.plugin}: ${group.reasons.join(', ')}`, scores: [] });
  rows.sort((a, b) => (b.verdict === 'selected' ? 1 : 0) - (a.verdict === 'selected' ? 1 : 0) || (b.total ?? -1) - (a.total ?? -1) || a.node.localeCompare(b.node));
  const outcome = t.selectedNode ? `→ ${t.selectedNode}` : (t.unschedulable ?? t.error ?? t.preFilter?.reasons.join(', ') ?? '');
  return { plugins: t.scores.map((s) => s.plugin), rows, outcome };
}
