/** What every benchmark returns, and the one printed form CI logs and reviewers read. */
export interface BenchResult {
  name: string;
  /** Measured numbers, named with their unit (e.g. `fileStorePutsPerSec`). */
  figures: Record<string, number>;
  /** The headline ratio the goal is stated in (e.g. ours / baseline). */
  ratio: number;
  /** The goal in words, e.g. "file store ≥ 50× etcd sequential puts/s". */
  goal: string;
  pass: boolean;
  /** Set when the benchmark could not run here; the reason says why. */
  skipped?: string;
}

/**
 * Prints one stable block:
 *   == bench <name> ==
 *   <figure> = <value>      (one line each, in insertion order)
 *   ratio = <ratio>
 *   goal = <goal>
 *   result = PASS | FAIL | SKIPPED (<reason>)
 */
export function printBench(r: BenchResult, write: (line: string) => void = (l) => console.log(l)): void {
  write(`== bench ${r.name} ==`);
  const width = Math.max(5, ...Object.keys(r.figures).map((k) => k.length));
  for (const [k, v] of Object.entries(r.figures)) write(`${k.padEnd(width)} = ${formatNumber(v)}`);
  write(`${'ratio'.padEnd(width)} = ${formatNumber(r.ratio)}`);
  write(`${'goal'.padEnd(width)} = ${r.goal}`);
  write(`${'result'.padEnd(width)} = ${r.skipped !== undefined ? `SKIPPED (${r.skipped})` : r.pass ? 'PASS' : 'FAIL'}`);
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
