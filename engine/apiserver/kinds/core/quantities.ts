/** Reading Quantity-valued fields for validation: a value that does not parse is reported, not thrown. */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { QuantityParseError, quantityFromJSON, type Quantity } from '../../validation';

export type ParsedQuantity = { ok: true; q: Quantity } | { ok: false; error: FieldError };

/** JSON decoding rejects malformed quantities before validation upstream; we report them at their path. */
export function readQuantity(value: unknown, path: FieldPath): ParsedQuantity {
  try {
    return { ok: true, q: quantityFromJSON(value) };
  } catch (e) {
    const message = e instanceof QuantityParseError ? e.message : String(e);
    return { ok: false, error: fieldError.invalid(path, typeof value === 'string' ? value : String(value), message) };
  }
}
