/**
 * Quantity operations admission needs, over the shared resource.Quantity (engine/apiserver/validation).
 * Sums follow Quantity.Add/Sub exactly: the result keeps the receiver's format unless the receiver was zero,
 * in which case it takes the operand's — so a quota's `used: 0` plus a pod's `512Mi` prints `512Mi`.
 */
import { Quantity, quantityFromJSON } from '../validation';

export type { Quantity };

/** Reads a quantity from JSON (string or bare number); throws QuantityParseError with upstream's text. */
export const parseQuantity = (value: string | number): Quantity => quantityFromJSON(value);

export const quantityFromInt = (n: number | bigint): Quantity => Quantity.fromInteger(n);
export const zeroQuantity = (): Quantity => Quantity.zero();

export const isZeroQuantity = (q: Quantity): boolean => q.isZero();
export const quantitySign = (q: Quantity): number => q.sign();
export const compareQuantity = (a: Quantity, b: Quantity): number => a.cmp(b);

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return Quantity.fromNanos(a.nanos + b.nanos, a.isZero() ? b.format : a.format);
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return Quantity.fromNanos(a.nanos - b.nanos, a.isZero() ? b.format : a.format);
}

/** Quantity.Value(): whole units, rounded up. */
export const quantityValue = (q: Quantity): bigint => q.value();
/** Quantity.MilliValue(): thousandths, rounded up. */
export const quantityMilliValue = (q: Quantity): bigint => q.milliValue();
/** Quantity.String(). */
export const formatQuantity = (q: Quantity): string => q.toString();
