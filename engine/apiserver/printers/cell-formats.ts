/**
 * Small renderers the upstream print functions share (layoutContainerCells, printBoolPtr, Quantity and
 * IntOrString printing), and typed readers over the JSON objects the printers receive.
 */
import { timestampSince } from './human-duration';

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** An int32/int64 field; Go's zero when absent. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const stringMap = (v: unknown): Record<string, string> => obj(v) as Record<string, string>;

/** layoutContainerCells: names and images, comma-joined in container order. */
export function layoutContainerCells(containers: unknown): [string, string] {
  const list = arr(containers);
  return [list.map((c) => str(c.name)).join(','), list.map((c) => str(c.image)).join(',')];
}

export const printBool = (b: boolean): string => (b ? 'True' : 'False');
export const printBoolPtr = (v: unknown): string => (typeof v === 'boolean' ? printBool(v) : '<unset>');

/**
 * Quantity.String() of a quantity as it travels in JSON. Values are printed as stored (the API server stores
 * them canonicalized); a missing quantity is Go's zero Quantity, "0".
 */
export function quantityString(v: unknown): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return '0';
}

/** intstr.IntOrString.String(). */
export const intOrString = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : str(v));

export const age = (o: Json, now: number): string => timestampSince(str(obj(o.metadata).creationTimestamp), now);

/** metav1.Time ordering with Go's zero time for a missing value. */
export function timeMs(v: unknown): number {
  if (typeof v !== 'string' || v === '') return Number.NEGATIVE_INFINITY;
  const t = Date.parse(v);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}
