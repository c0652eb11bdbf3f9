/**
 * `--sort-by=<jsonpath>` (kubectl/pkg/cmd/get/sorter.go): a stable sort on the field's value — numbers
 * numerically, strings in natural order (github.com/fvbommel/sortorder: digit runs compare as numbers),
 * timestamps by time; objects without the field sort first.
 */
import { evaluate } from './printers/jsonpath-template';
import { KubectlError } from './kubectl-error';

export function sortKeyPath(sortBy: string): string {
  let p = sortBy.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (!p.startsWith('.')) p = `.${p}`;
  return p;
}

export function sortObjects<T>(items: T[], sortBy: string, objectOf: (t: T) => unknown): T[] {
  const path = sortKeyPath(sortBy);
  let keys: Array<{ item: T; value: unknown; i: number }>;
  try {
    keys = items.map((item, i) => ({ item, value: evaluate(path, objectOf(item))[0], i }));
  } catch (e) {
    throw new KubectlError(`couldn't parse sort-by ${JSON.stringify(sortBy)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  keys.sort((a, b) => {
    const c = compare(a.value, b.value);
    return c !== 0 ? c : a.i - b.i;
  });
  return keys.map((k) => k.item);
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const ta = /^\d{4}-\d{2}-\d{2}T/.test(a) ? Date.parse(a) : NaN;
    const tb = /^\d{4}-\d{2}-\d{2}T/.test(b) ? Date.parse(b) : NaN;
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
    return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return 0;
}

/** sortorder.NaturalLess */
export function naturalLess(str1: string, str2: string): boolean {
  let idx1 = 0;
  let idx2 = 0;
  const isdigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (idx1 < str1.length && idx2 < str2.length) {
    const c1 = str1[idx1];
    const c2 = str2[idx2];
    const dig1 = isdigit(c1);
    const dig2 = isdigit(c2);
    if (dig1 !== dig2) return dig1;
    if (!dig1) {
      if (c1 !== c2) return (c1 as string) < (c2 as string);
      idx1++;
      idx2++;
      continue;
    }
    // Digit runs: skip leading zeros, compare by length, then lexically, then by the zeros skipped.
    let z1 = idx1;
    while (str1[z1] === '0') z1++;
    let z2 = idx2;
    while (str2[z2] === '0') z2++;
    let e1 = z1;
    while (isdigit(str1[e1])) e1++;
    let e2 = z2;
    while (isdigit(str2[e2])) e2++;
    const n1 = str1.slice(z1, e1);
    const n2 = str2.slice(z2, e2);
    if (n1.length !== n2.length) return n1.length < n2.length;
    if (n1 !== n2) return n1 < n2;
    if (z1 - idx1 !== z2 - idx2) return z1 - idx1 < z2 - idx2;
    idx1 = e1;
    idx2 = e2;
  }
  return str1.length - idx1 < str2.length - idx2;
}
