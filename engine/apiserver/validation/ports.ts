/** Port checks shared by Pods, Services and probes (pkg/apis/core/validation). */
import { fieldError, type FieldError, type FieldPath } from '../errors/field-errors';
import { isValidPortName, isValidPortNum } from './names';

/** `must be between 1 and 65535, inclusive`. */
export function validatePortNumber(port: number, path: FieldPath): FieldError[] {
  return isValidPortNum(port).map((m) => fieldError.invalid(path, port, m));
}

export function validatePortName(name: string, path: FieldPath): FieldError[] {
  return isValidPortName(name).map((m) => fieldError.invalid(path, name, m));
}

/** ValidatePortNumOrName for an IntOrString: numbers must be valid ports, strings valid IANA_SVC_NAMEs. */
export function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return validatePortNumber(port, path);
  if (typeof port === 'string') return validatePortName(port, path);
  return [fieldError.internal(path, `unknown type: ${port === undefined ? 0 : typeof port}`)];
}
