/**
 * Handler fuzzing (issue #5, acceptance 3): every request of the contract, called with wrong types, prototype
 * pollution keys, 10 MB strings, null, arrays, non-plain objects and unknown keys, rejects with a typed
 * `invalid-input` BridgeError, never reaches the host's services, and the table keeps serving afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeHandlers } from '../../../main/bridge/contract';
import { BridgeFailure } from '../../../main/bridge/bridge-error';
import { createBridgeHandlers, dispatchBridgeRequest } from '../../../main/bridge/handlers';
import { fakeHostServices } from './fake-host-services';

const HUGE = 'x'.repeat(10 * 1024 * 1024);
const ref = { resource: '/v1/pods', namespace: 'default', name: 'web' };
const applyInput = { yaml: 'kind: Pod\n' };

/** One valid input per request (accepted, reaches the host). */
const valid: { [K in keyof BridgeHandlers]: unknown } = {
  'app.info': undefined,
  'settings.get': undefined,
  'settings.update': { theme: 'dark' },
  'resources.list': undefined,
  'watch.subscribe': { resource: '/v1/pods' },
  'watch.unsubscribe': { resource: 'apps/v1/deployments' },
  'api.apply': applyInput,
  'api.diff': applyInput,
  'api.deleteYaml': applyInput,
  'api.delete': ref,
  'api.getYaml': ref,
  'api.table': { resource: '/v1/pods', wide: true },
  'api.describe': ref,
  'schemas.get': undefined,
  'scheduling.trace': { namespace: 'default', name: 'web' },
  'clock.get': undefined,
  'clock.set': { speed: 2, paused: false },
  'clock.step': undefined,
  'timeline.history': { sinceSeq: 10 },
  'terminal.open': { cols: 80, rows: 24 },
  'terminal.input': { id: 't1', data: 'kubectl get pods\r' },
  'terminal.resize': { id: 't1', cols: 100, rows: 30 },
  'terminal.close': { id: 't1' },
  'labs.list': undefined,
  'labs.get': { id: 'pod-birth' },
  'labs.start': { id: 'pod-birth' },
  'labs.reset': { id: 'pod-birth' },
  'labs.check': { id: 'pod-birth' },
  'labs.progress': undefined,
};

class NotPlain {
  resource = '/v1/pods';
}

/** Inputs no request accepts. */
function hostileInputs(good: unknown): unknown[] {
  const base = (good ?? {}) as Record<string, unknown>;
  const out: unknown[] = [
    42,
    'a string',
    true,
    [],
    [good],
    () => 1,
    new NotPlain(),
    Object.create({ inherited: 1 }),
    new Date(0),
    JSON.parse(`{"__proto__": {"polluted": true}${good ? `, ${JSON.stringify(good).slice(1, -1)}` : ''}}`.replace(', }', '}')),
    { ...base, constructor: { prototype: { polluted: true } } },
    { ...base, prototype: {} },
    { ...base, unexpected: 1 },
  ];
  if (good !== undefined) out.push(null);
  // Every field of the valid input replaced by a huge string, a fraction, null, an array, an object, NaN, ∞ and -1.
  for (const key of Object.keys(base)) {
    for (const bad of [HUGE, 12345.5, null, [], {}, Number.NaN, Infinity, -1]) {
      out.push({ ...base, [key]: bad });
    }
  }
  return out;
}

describe('bridge handler table', () => {
  it('accepts the valid input of every request and delegates once', async () => {
    const { services, calls } = fakeHostServices();
    const handlers = createBridgeHandlers(services);
    for (const [method, input] of Object.entries(valid)) {
      const before = calls.length;
      const outcome = await dispatchBridgeRequest(handlers, method, input);
      expect(outcome.ok, `${method}: ${JSON.stringify(outcome)}`).toBe(true);
      expect(calls.length - before, method).toBe(1);
    }
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(valid).sort());
  });

  it('rejects every hostile input with a typed invalid-input error, and keeps serving', async () => {
    const { services, calls } = fakeHostServices();
    const handlers = createBridgeHandlers(services);
    const accepted: string[] = [];
    for (const [method, good] of Object.entries(valid)) {
      for (const input of hostileInputs(good)) {
        // Inputs that happen to be valid for this field (e.g. `{}` for a request without input) are skipped.
        if (good === undefined && typeof input === 'object' && input !== null && !Array.isArray(input) && Object.getPrototypeOf(input) === Object.prototype && Object.keys(input).length === 0) continue;
        const before = calls.length;
        let error: unknown;
        try {
          await (handlers as Record<string, (i: unknown) => Promise<unknown>>)[method]!(input);
        } catch (e) {
          error = e;
        }
        if (!(error instanceof BridgeFailure)) {
          accepted.push(`${method} ← ${show(input)}`);
          continue;
        }
        expect(error.code).toBe('invalid-input');
        expect(error.message.length).toBeLessThan(300);
        expect(calls.length, `${method} reached the host with ${show(input)}`).toBe(before);
      }
    }
    expect(accepted).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Still serving.
    expect(await dispatchBridgeRequest(handlers, 'app.info', undefined)).toMatchObject({ ok: true });
  });

  it('answers unknown and inherited method names with invalid-input', async () => {
    const handlers = createBridgeHandlers(fakeHostServices().services);
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined, { m: 1 }, HUGE]) {
      const outcome = await dispatchBridgeRequest(handlers, method, undefined);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('invalid-input');
    }
  });

  it('turns a failure inside the host into a plain internal error, not a crash', async () => {
    const { services } = fakeHostServices();
    services.labsList = async () => {
      throw new TypeError('boom');
    };
    const outcome = await dispatchBridgeRequest(createBridgeHandlers(services), 'labs.list', undefined);
    expect(outcome).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});

function show(v: unknown): string {
  if (typeof v === 'string') return `string(${v.length})`;
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 40 ? `string(${x.length})` : x));
    return s === undefined ? String(v) : s.slice(0, 120);
  } catch {
    return String(v);
  }
}
