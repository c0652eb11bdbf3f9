/**
 * Golden transcripts of kubectl sessions: each file holds the commands run and what kubectl printed (stdout,
 * stderr, exit code), after normalize(). The expected text is what kubectl prints against a real 1.32 cluster:
 * headers and columns per upstream's printer definitions (pkg/printers/internalversion), messages per kubectl and
 * apiserver sources. `UPDATE_GOLDENS=1` rewrites a file from the current output — only for reviewing a diff;
 * a rewritten golden is checked against upstream by hand before it is committed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Step {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

export function renderTranscript(steps: readonly Step[]): string {
  return steps
    .map((s) => {
      let block = `$ ${s.command}\n# exit ${s.code}\n`;
      if (s.stdout !== '') block += s.stdout.endsWith('\n') ? s.stdout : `${s.stdout}\n# (no newline at end of stdout)\n`;
      if (s.stderr !== '') block += `# stderr:\n${s.stderr.endsWith('\n') ? s.stderr : `${s.stderr}\n`}`;
      return block;
    })
    .join('\n');
}

export function readGolden(path: string, actual: string): string {
  if (process.env['UPDATE_GOLDENS'] === '1' || !existsSync(path)) {
    if (process.env['UPDATE_GOLDENS'] !== '1') throw new Error(`missing golden file ${path} (write it from upstream's expected output)`);
    writeFileSync(path, actual);
  }
  return readFileSync(path, 'utf8');
}
