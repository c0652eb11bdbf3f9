/**
 * selectHost: the node with the highest total score; among equal tops, each is equally likely (reservoir
 * sampling: the k-th tie replaces the pick with probability 1/k), drawing from the clock's seeded random.
 */
import type { Random } from '../../base/clock';

export function selectHost(nodes: readonly string[], totals: readonly number[], random: Random): string | undefined {
  let selected: string | undefined;
  let best = -Infinity;
  let ties = 0;
  for (let i = 0; i < nodes.length; i++) {
    const score = totals[i] as number;
    if (score > best) {
      best = score;
      selected = nodes[i];
      ties = 1;
    } else if (score === best) {
      ties++;
      if (random.int(ties) === 0) selected = nodes[i];
    }
  }
  return selected;
}
