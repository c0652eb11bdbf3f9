/**
 * GNU `diff -u -N` output (3 lines of context) between two texts, as kubectl diff shows it: the `diff -u -N`
 * command line, `---`/`+++` headers with timestamps, and `@@ -a,b +c,d @@` hunks. Lines are matched by a
 * longest-common-subsequence table (manifests are small).
 */
type Op = { t: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) (lcs[i] as number[])[j] = a[i] === b[j] ? ((lcs[i + 1] as number[])[j + 1] as number) + 1 : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ t: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number)) ops.push({ t: '-', line: a[i++] as string });
    else ops.push({ t: '+', line: b[j++] as string });
  }
  while (i < n) ops.push({ t: '-', line: a[i++] as string });
  while (j < m) ops.push({ t: '+', line: b[j++] as string });
  return ops;
}

export function unifiedDiff(fromPath: string, toPath: string, from: string, to: string, stamp: string): string {
  const ops = diffOps(lines(from), lines(to));
  if (!ops.some((o) => o.t !== ' ')) return '';
  const CONTEXT = 3;
  let out = `diff -u -N ${fromPath} ${toPath}\n--- ${fromPath}\t${stamp}\n+++ ${toPath}\t${stamp}\n`;
  let idx = 0;
  while (idx < ops.length) {
    const firstChange = ops.findIndex((o, k) => k >= idx && o.t !== ' ');
    if (firstChange < 0) break;
    const start = Math.max(idx, firstChange - CONTEXT);
    let end = firstChange;
    let lastChange = firstChange;
    for (let k = firstChange; k < ops.length; k++) {
      if ((ops[k] as Op).t !== ' ') lastChange = k;
      else if (k - lastChange > 2 * CONTEXT) break;
      end = k;
    }
    end = Math.min(ops.length - 1, lastChange + CONTEXT);
    let aLine = 1;
    let bLine = 1;
    for (let k = 0; k < start; k++) {
      if ((ops[k] as Op).t !== '+') aLine++;
      if ((ops[k] as Op).t !== '-') bLine++;
    }
    const hunk = ops.slice(start, end + 1);
    const aCount = hunk.filter((o) => o.t !== '+').length;
    const bCount = hunk.filter((o) => o.t !== '-').length;
    const range = (line: number, count: number) => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
    out += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n`;
    for (const o of hunk) out += `${o.t}${o.line}\n`;
    idx = end + 1;
  }
  return out;
}
