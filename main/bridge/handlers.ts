/**
 * The bridge's handler table: one entry per request of the contract (`satisfies BridgeHandlers` makes a missing
 * or mistyped one a compile error). Each validates its `unknown` input with validate.ts, then delegates to the
 * host. Both front doors (Electron IPC, browser-mode WebSocket) dispatch through `dispatchBridgeRequest`.
 */
import type { ApplyInput, BridgeError, BridgeHandlers, Locale, ObjectRef, Settings, Theme } from './contract';
import type { HostServices } from '../host/host-services';
import { asBridgeFailure, invalidInput, toBridgeError } from './bridge-error';
import {
  boolean,
  ID,
  MAX_NAME_CHARS,
  MAX_TERMINAL_INPUT_CHARS,
  MAX_YAML_CHARS,
  NAME,
  none,
  number,
  object,
  oneOf,
  optionalBoolean,
  optionalNumber,
  optionalString,
  RESOURCE_KEY,
  string,
  type Plain,
} from './validate';
import { MAX_SPEED, MIN_SPEED } from '../../engine/base/virtual-clock';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const THEMES: readonly Theme[] = ['light', 'dark', 'system'];
const MAX_TERMINAL_CELLS = 1000;

function objectRef(input: unknown): ObjectRef {
  const o = object(input, ['resource', 'namespace', 'name']);
  const namespace = optionalString(o, 'namespace', { max: 253, pattern: NAME });
  return { resource: string(o, 'resource', { pattern: RESOURCE_KEY }), ...(namespace !== undefined ? { namespace } : {}), name: string(o, 'name', { max: 253, min: 1, pattern: NAME }) };
}

function applyInput(input: unknown): ApplyInput {
  const o = object(input, ['yaml', 'namespace', 'dryRun', 'serverSide']);
  const namespace = optionalString(o, 'namespace', { max: 253, pattern: NAME });
  const dryRun = optionalBoolean(o, 'dryRun');
  const serverSide = optionalBoolean(o, 'serverSide');
  return {
    yaml: string(o, 'yaml', { max: MAX_YAML_CHARS }),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(serverSide !== undefined ? { serverSide } : {}),
  };
}

function settingsPatch(input: unknown): Partial<Settings> {
  const o = object(input, ['locale', 'theme', 'firstRunDone', 'editorFontSize', 'terminalFontSize']);
  const patch: Partial<Settings> = {};
  // `locale: null` is how a JSON client says "follow the OS again".
  if ('locale' in o) patch.locale = o['locale'] === null || o['locale'] === undefined ? undefined : oneOf(o, 'locale', LOCALES);
  if (o['theme'] !== undefined) patch.theme = oneOf(o, 'theme', THEMES);
  if (o['firstRunDone'] !== undefined) patch.firstRunDone = boolean(o, 'firstRunDone');
  if (o['editorFontSize'] !== undefined) patch.editorFontSize = number(o, 'editorFontSize', 8, 40, { integer: true });
  if (o['terminalFontSize'] !== undefined) patch.terminalFontSize = number(o, 'terminalFontSize', 8, 40, { integer: true });
  return patch;
}

const resourceOnly = (input: unknown): string => string(object(input, ['resource']), 'resource', { pattern: RESOURCE_KEY });
const idOnly = (input: unknown): string => string(object(input, ['id']), 'id', { min: 1, max: 128, pattern: ID });
const terminalSize = (o: Plain) => ({ cols: number(o, 'cols', 1, MAX_TERMINAL_CELLS, { integer: true }), rows: number(o, 'rows', 1, MAX_TERMINAL_CELLS, { integer: true }) });

export function createBridgeHandlers(host: HostServices): BridgeHandlers {
  const table = {
    'app.info': async (input) => (none(input), host.appInfo()),
    'settings.get': async (input) => (none(input), host.getSettings()),
    'settings.update': async (input) => host.updateSettings(settingsPatch(input)),

    'resources.list': async (input) => (none(input), host.resources()),
    'watch.subscribe': async (input) => host.watchSubscribe(resourceOnly(input)),
    'watch.unsubscribe': async (input) => host.watchUnsubscribe(resourceOnly(input)),

    'api.apply': async (input) => host.apply(applyInput(input), 'apply'),
    'api.diff': async (input) => host.diff(applyInput(input)),
    'api.deleteYaml': async (input) => host.apply(applyInput(input), 'delete'),
    'api.delete': async (input) => host.deleteObject(objectRef(input)),
    'api.getYaml': async (input) => host.getYaml(objectRef(input)),
    'api.table': async (input) => {
      const o = object(input, ['resource', 'namespace', 'wide']);
      return host.table(string(o, 'resource', { pattern: RESOURCE_KEY }), optionalString(o, 'namespace', { max: 253, pattern: NAME }), optionalBoolean(o, 'wide') ?? false);
    },
    'api.describe': async (input) => host.describe(objectRef(input)),
    'schemas.get': async (input) => (none(input), host.schemas()),

    'scheduling.trace': async (input) => {
      const o = object(input, ['namespace', 'name']);
      return host.schedulingTrace(string(o, 'namespace', { min: 1, max: 253, pattern: NAME }), string(o, 'name', { min: 1, max: 253, pattern: NAME }));
    },

    'clock.get': async (input) => (none(input), host.clockGet()),
    'clock.set': async (input) => {
      const o = object(input, ['paused', 'speed']);
      const paused = optionalBoolean(o, 'paused');
      const speed = optionalNumber(o, 'speed', MIN_SPEED, MAX_SPEED);
      return host.clockSet({ ...(paused !== undefined ? { paused } : {}), ...(speed !== undefined ? { speed } : {}) });
    },
    'clock.step': async (input) => (none(input), host.clockStep()),

    'timeline.history': async (input) => host.timelineHistory(optionalNumber(object(input, ['sinceSeq']), 'sinceSeq', 0, Number.MAX_SAFE_INTEGER, { integer: true })),

    'terminal.open': async (input) => {
      const { cols, rows } = terminalSize(object(input, ['cols', 'rows']));
      return host.terminalOpen(cols, rows);
    },
    'terminal.input': async (input) => {
      const o = object(input, ['id', 'data']);
      return host.terminalInput(string(o, 'id', { min: 1, max: 128, pattern: ID }), string(o, 'data', { max: MAX_TERMINAL_INPUT_CHARS }));
    },
    'terminal.resize': async (input) => {
      const o = object(input, ['id', 'cols', 'rows']);
      const { cols, rows } = terminalSize(o);
      return host.terminalResize(string(o, 'id', { min: 1, max: 128, pattern: ID }), cols, rows);
    },
    'terminal.close': async (input) => host.terminalClose(idOnly(input)),

    'labs.list': async (input) => (none(input), host.labsList()),
    'labs.get': async (input) => host.labsGet(idOnly(input)),
    'labs.start': async (input) => host.labsStart(idOnly(input)),
    'labs.reset': async (input) => host.labsReset(idOnly(input)),
    'labs.check': async (input) => host.labsCheck(idOnly(input)),
    'labs.progress': async (input) => (none(input), host.labsProgress()),
  } satisfies BridgeHandlers;
  // Every rejection is a BridgeFailure (a Kubernetes StatusError becomes `api-error`/`not-found` with its Status).
  const guarded: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(table) as Array<[string, (input: unknown) => Promise<unknown>]>) {
    guarded[name] = async (input) => {
      try {
        return await handler(input);
      } catch (err) {
        throw asBridgeFailure(err);
      }
    };
  }
  return guarded as BridgeHandlers;
}

export type BridgeOutcome = { ok: true; output: unknown } | { ok: false; error: BridgeError };

/**
 * Runs one request from a transport: an unknown method (anything not an own key of the table) is invalid input;
 * whatever a handler throws becomes a plain BridgeError. Never rejects.
 */
export async function dispatchBridgeRequest(handlers: BridgeHandlers, method: unknown, input: unknown): Promise<BridgeOutcome> {
  try {
    if (typeof method !== 'string' || method.length > MAX_NAME_CHARS || !Object.prototype.hasOwnProperty.call(handlers, method)) {
      throw invalidInput(`unknown request ${JSON.stringify(String(method).slice(0, 64))}`);
    }
    const handler = handlers[method as keyof BridgeHandlers] as (input: unknown) => Promise<unknown>;
    return { ok: true, output: await handler(input) };
  } catch (err) {
    return { ok: false, error: toBridgeError(err) };
  }
}
