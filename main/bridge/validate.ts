/**
 * Input validators of the bridge: every handler receives `unknown` from a renderer we do not trust (a
 * compromised page, a stray WebSocket client) and accepts only the exact shape it documents. Anything else is a
 * `BridgeFailure('invalid-input')` naming the offending field; nothing is coerced.
 *
 * Rules: objects must be plain (prototype Object.prototype or null), carry no `__proto__` / `constructor` /
 * `prototype` keys and no keys outside the declared ones; strings are length-capped; numbers are finite and
 * in range.
 */
import { invalidInput } from './bridge-error';

/** YAML the editor submits: generous, but far below what would stall the host (the API server caps bodies at 3 MiB). */
export const MAX_YAML_CHARS = 4 * 1024 * 1024;
/** Names, namespaces, resource keys, ids. */
export const MAX_NAME_CHARS = 512;
/** One terminal input message (a paste). */
export const MAX_TERMINAL_INPUT_CHARS = 64 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object with only `allowed` keys (JSON.parse creates an own `__proto__` key, which this rejects too). */
export function object(input: unknown, allowed: readonly string[], what = 'input'): Plain {
  if (!isPlainObject(input)) throw invalidInput(`${what} must be an object`);
  for (const key of Reflect.ownKeys(input)) {
    if (typeof key !== 'string') throw invalidInput(`${what} has a symbol key`);
    if (FORBIDDEN_KEYS.has(key)) throw invalidInput(`${what} must not have the key ${JSON.stringify(key)}`);
    if (!allowed.includes(key)) throw invalidInput(`${what} has an unknown key ${JSON.stringify(key.slice(0, 64))}`);
  }
  return input;
}

/** Requests without input accept `undefined` or `null` (what a JSON transport turns undefined into), or `{}`. */
export function none(input: unknown): void {
  if (input === undefined || input === null) return;
  object(input, []);
}

export function string(o: Plain, key: string, opts: { max?: number; min?: number; pattern?: RegExp } = {}): string {
  const v = o[key];
  if (typeof v !== 'string') throw invalidInput(`${key} must be a string`);
  const max = opts.max ?? MAX_NAME_CHARS;
  if (v.length > max) throw invalidInput(`${key} is longer than ${max} characters`);
  if (v.length < (opts.min ?? 0)) throw invalidInput(`${key} must not be empty`);
  if (opts.pattern && !opts.pattern.test(v)) throw invalidInput(`${key} is not well-formed`);
  return v;
}

export function optionalString(o: Plain, key: string, opts: { max?: number; min?: number; pattern?: RegExp } = {}): string | undefined {
  return o[key] === undefined ? undefined : string(o, key, opts);
}

export function boolean(o: Plain, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw invalidInput(`${key} must be a boolean`);
  return v;
}

export function optionalBoolean(o: Plain, key: string): boolean | undefined {
  return o[key] === undefined ? undefined : boolean(o, key);
}

export function number(o: Plain, key: string, min: number, max: number, opts: { integer?: boolean } = {}): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidInput(`${key} must be a finite number`);
  if (opts.integer && !Number.isInteger(v)) throw invalidInput(`${key} must be an integer`);
  if (v < min || v > max) throw invalidInput(`${key} must be from ${min} to ${max}`);
  return v;
}

export function optionalNumber(o: Plain, key: string, min: number, max: number, opts: { integer?: boolean } = {}): number | undefined {
  return o[key] === undefined ? undefined : number(o, key, min, max, opts);
}

export function oneOf<T extends string>(o: Plain, key: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw invalidInput(`${key} must be one of ${values.join(', ')}`);
  return v as T;
}

/** A DNS-1123-ish Kubernetes name or namespace (the API server validates exactly; this only bounds the input). */
export const NAME = /^[A-Za-z0-9][-A-Za-z0-9_.:]*$/;
/** A resource key `group/version/resource` (core: `/v1/pods`). */
export const RESOURCE_KEY = /^[a-z0-9.-]*\/[a-z0-9]+\/[a-z0-9-]+$/;
/** Terminal and lab ids. */
export const ID = /^[a-z0-9][-a-z0-9]*$/;
