/**
 * LimitRange: SetDefaults_LimitRangeItem and ValidateLimitRange (1.32). No status, no generation.
 * Bad values that upstream prints as a resource.Quantity struct (%#v) are printed as the quantity's text.
 */
import type { LimitRange, LimitRangeItem } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { Quantity } from '../../validation';
import { readQuantity } from './quantities';
import { validateLimitRangeResourceName, validateLimitRangeTypeName } from './resource-names';

type LR = LimitRange & KubeObject;
type Bag = 'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio';

function defaultItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const def = { ...item.default };
  const defReq = { ...item.defaultRequest };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
  item.default = def;
  item.defaultRequest = defReq;
}

/** Go's %f: six decimals. */
const goFloat = (n: number): string => (Number.isFinite(n) ? n.toFixed(6) : n > 0 ? '+Inf' : 'NaN');

function validateItem(item: LimitRangeItem, idx: FieldPath, seenTypes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const type = item.type ?? '';
  errs.push(...validateLimitRangeTypeName(type, idx.child('type')));
  if (seenTypes.has(type)) errs.push(fieldError.duplicate(idx.child('type'), type));
  seenTypes.add(type);

  const keys = new Set<string>();
  const bags: Record<Bag, Map<string, Quantity>> = {
    max: new Map(), min: new Map(), default: new Map(), defaultRequest: new Map(), maxLimitRequestRatio: new Map(),
  };
  const read = (bag: Bag, collectKey: boolean): void => {
    for (const [k, v] of Object.entries(item[bag] ?? {})) {
      const path = idx.child(bag).key(k);
      errs.push(...validateLimitRangeResourceName(type, k, path));
      if (collectKey) keys.add(k);
      const parsed = readQuantity(v, path);
      if (parsed.ok) bags[bag].set(k, parsed.q);
      else errs.push(parsed.error);
    }
  };
  read('max', true);
  read('min', true);
  if (type === 'Pod') {
    if (Object.keys(item.default ?? {}).length > 0) errs.push(fieldError.forbidden(idx.child('default'), "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(fieldError.forbidden(idx.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
  } else {
    read('default', true);
    read('defaultRequest', true);
  }
  if (type === 'PersistentVolumeClaim' && item.min?.['storage'] === undefined && item.max?.['storage'] === undefined) {
    errs.push(fieldError.required(idx.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  read('maxLimitRequestRatio', true);

  for (const k of keys) {
    const min = bags.min.get(k);
    const max = bags.max.get(k);
    const def = bags.default.get(k);
    const defReq = bags.defaultRequest.get(k);
    const ratio = bags.maxLimitRequestRatio.get(k);
    const at = (bag: Bag): FieldPath => idx.child(bag).key(k);
    if (min && max && min.cmp(max) > 0) errs.push(fieldError.invalid(at('min'), min.toString(), `min value ${min} is greater than max value ${max}`));
    if (defReq && min && min.cmp(defReq) > 0) {
      errs.push(fieldError.invalid(at('defaultRequest'), defReq.toString(), `min value ${min} is greater than default request value ${defReq}`));
    }
    if (defReq && max && defReq.cmp(max) > 0) {
      errs.push(fieldError.invalid(at('defaultRequest'), defReq.toString(), `default request value ${defReq} is greater than max value ${max}`));
    }
    if (defReq && def && defReq.cmp(def) > 0) {
      errs.push(fieldError.invalid(at('defaultRequest'), defReq.toString(), `default request value ${defReq} is greater than default limit value ${def}`));
    }
    if (def && min && min.cmp(def) > 0) errs.push(fieldError.invalid(at('default'), min.toString(), `min value ${min} is greater than default value ${def}`));
    if (def && max && def.cmp(max) > 0) errs.push(fieldError.invalid(at('default'), max.toString(), `default value ${def} is greater than max value ${max}`));
    if (ratio && ratio.cmp(Quantity.fromInteger(1)) < 0) errs.push(fieldError.invalid(at('maxLimitRequestRatio'), ratio.toString(), `ratio ${ratio} is less than 1`));
    if (ratio && min && max) {
      const limit = Number(max.milliValue()) / Number(min.milliValue());
      if (Number(ratio.milliValue()) / 1000 > limit) {
        errs.push(fieldError.invalid(at('maxLimitRequestRatio'), ratio.toString(), `ratio ${ratio} is greater than max/min = ${goFloat(limit)}`));
      }
    }
  }
  return errs;
}

function validateLimitRange(lr: LR): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => errs.push(...validateItem(item, FieldPath.of('spec', 'limits').index(i), seen)));
  return errs;
}

export const limitRangeStrategy: KindStrategy<LR> = {
  defaults(lr) {
    for (const item of lr.spec?.limits ?? []) defaultItem(item);
  },
  validate: validateLimitRange,
  validateUpdate: validateLimitRange,
};
