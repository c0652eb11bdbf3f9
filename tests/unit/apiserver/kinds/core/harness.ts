/** Runs a strategy the way the generic registry does, and renders its errors as kubectl prints them. */
import type { KubeObject } from '../../../../../engine/api/objects';
import { deepCopy } from '../../../../../engine/api/objects';
import { fieldErrorMessage } from '../../../../../engine/apiserver/errors/field-errors';
import type { KindStrategy, StrategyContext } from '../../../../../engine/apiserver/registry/strategy';

export const NOW = Date.UTC(2026, 10, 23, 18, 0, 0);
export const ctx: StrategyContext = { now: NOW, subresource: '' };

export function create(s: KindStrategy, input: KubeObject): { obj: KubeObject; errors: string[] } {
  const obj = deepCopy(input);
  s.defaults?.(obj);
  s.prepareForCreate?.(obj, ctx);
  return { obj, errors: (s.validate?.(obj, ctx) ?? []).map(fieldErrorMessage) };
}

export function update(s: KindStrategy, input: KubeObject, old: KubeObject): { obj: KubeObject; errors: string[] } {
  const obj = deepCopy(input);
  s.defaults?.(obj);
  s.prepareForUpdate?.(obj, old, ctx);
  return { obj, errors: (s.validateUpdate?.(obj, old, ctx) ?? []).map(fieldErrorMessage) };
}

export function statusUpdate(s: KindStrategy, input: KubeObject, old: KubeObject): { obj: KubeObject; errors: string[] } {
  const obj = deepCopy(input);
  const sctx = { ...ctx, subresource: 'status' };
  s.defaults?.(obj);
  s.prepareForStatusUpdate?.(obj, old, sctx);
  return { obj, errors: (s.validateStatusUpdate?.(obj, old, sctx) ?? []).map(fieldErrorMessage) };
}
