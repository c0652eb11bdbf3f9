/**
 * helper.DefaultNormalizeScore: scale scores so the highest becomes `maxPriority` (integer division, as Go);
 * `reverse` flips them (maxPriority - score). All-zero scores stay 0, or become maxPriority when reversed.
 */
import type { NodeScore } from '../../framework/interface';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / max);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
