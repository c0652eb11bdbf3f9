/**
 * `-f` sources. The in-app kubectl has no file system: `-f -` reads the context's stdin (the golden tests and
 * the host pass text there); any other path answers as kubectl does for a missing file.
 */
import type { KubectlContext } from './context';
import { KubectlError } from './kubectl-error';

export interface SourceText {
  source: string;
  text: string;
}

export function readSources(ctx: KubectlContext, paths: readonly string[]): SourceText[] {
  return paths.map((p) => {
    if (p === '-') return { source: 'STDIN', text: ctx.stdin ?? '' };
    throw new KubectlError(`the path ${JSON.stringify(p)} does not exist`);
  });
}
