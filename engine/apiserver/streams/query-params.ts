/**
 * Reading subresource options from a query the way the API server's parameter codec does: the first value of
 * a key, booleans as strconv.ParseBool, integers as strconv.ParseInt.
 */
import { apiErrors } from '../errors/status-error';

export type Query = Record<string, string[]>;

export function stringParam(query: Query, key: string): string {
  return query[key]?.[0] ?? '';
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function boolParam(query: Query, key: string): boolean {
  const raw = query[key]?.[0];
  if (raw === undefined || raw === '') return false;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw apiErrors.badRequest(`strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
}

export function intParam(query: Query, key: string): number | undefined {
  const raw = query[key]?.[0];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[+-]?\d+$/.test(raw)) throw apiErrors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  return Number(raw);
}
