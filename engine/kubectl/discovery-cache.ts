/** One Discovery per API handler, as kubectl keeps one cache per server (re-read when a command needs it fresh). */
import type { KubectlContext } from './context';
import { Discovery } from './discovery';
import { Rest } from './rest';

const discoveries = new WeakMap<object, Discovery>();

export function discoveryFor(ctx: Pick<KubectlContext, 'handler'>): { rest: Rest; discovery: Discovery } {
  const rest = new Rest(ctx.handler);
  let discovery = discoveries.get(ctx.handler);
  if (!discovery) {
    discovery = new Discovery(rest);
    discoveries.set(ctx.handler, discovery);
  }
  return { rest, discovery };
}
