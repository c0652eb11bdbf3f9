/**
 * The composition root behind both front doors: one control plane (rebuilt when a lab starts or resets), the
 * Kubernetes HTTPS endpoint for the learner's own kubectl, and every service the bridge reaches — settings,
 * watches, the API calls of the editor and inspector, the clock, the timeline, terminals and labs.
 *
 * Transport-neutral: Electron's IPC and browser mode's WebSocket both call `dispatchBridgeRequest(host.handlers, …)`
 * and forward `host.onEvent` pushes.
 */
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { KubeObject } from '../../engine/api/objects';
import type { Disposable } from '../../engine/base/disposable';
import { Emitter, type Event } from '../../engine/base/event';
import { ApiClient, resourcePath } from '../../engine/client/api-client';
import type { Status } from '../../engine/apiserver/errors/status-error';
import type { ApiHandler, ApiRequest } from '../../engine/apiserver/handler-types';
import { ADMIN_USER } from '../../engine/cluster/lab-cluster';
import { CLOCK_NAME, CLOCKS } from '../../engine/lab';
import type { Scheduler } from '../../engine/scheduler/scheduler';
import type {
  AppInfo,
  ApplyDocumentResult,
  ApplyInput,
  ApplyResult,
  BridgeEventName,
  BridgeEvents,
  BridgeHandlers,
  ClockState,
  Diagnostic,
  KubeStatus,
  Locale,
  ObjectRef,
  ResourceInfo,
  ResourceTable,
} from '../bridge/contract';
import { BridgeFailure, invalidInput, notFound } from '../bridge/bridge-error';
import { createBridgeHandlers } from '../bridge/handlers';
import { createControlPlane, type ControlPlane } from '../control-plane';
import { loadKubeCredentials, startKubeService, type KubeService } from '../kube-service';
import type { EnginePorts, KubectlContextPort, LabClusterSpec, ManifestOutcome, SettlePort, TerminalPort } from './engine-ports';
import type { HostServices } from './host-services';
import { LabService } from './lab-service';
import { parseResourceKey, resourceKey } from './resource-keys';
import { SettingsService } from './settings-service';
import { CLUSTER_LAB_UI_MANAGER, tapHandler, Timeline } from './timeline';
import { WatchHub } from './watch-hub';
import { collectSchemas } from './openapi-schemas';

export type PushedEvent = { [K in BridgeEventName]: { event: K; payload: BridgeEvents[K] } }[BridgeEventName];

export interface AppHostOptions<Lab> {
  dataDir: string;
  /** Cluster shape when no lab is active. */
  nodes: number;
  zones: string[];
  speed: number;
  mode: AppInfo['mode'];
  version: string;
  /** Where `labs/<id>/` folders are. */
  labsDir: string;
  engine: EnginePorts<Lab>;
  /** HTTPS port of the Kubernetes endpoint; undefined: remembered, else 6443, else any. */
  kubePort?: number;
  osLocale?: Locale;
  log(message: string): void;
}

export interface AppHost {
  readonly handlers: BridgeHandlers;
  readonly services: HostServices;
  readonly onEvent: Event<PushedEvent>;
  readonly info: AppInfo;
  close(): Promise<void>;
}

/** The UI's client identity: a cluster admin, `cluster-lab` as field manager, the `client` lane on the timeline. */
const UI_USER_AGENT = `${CLUSTER_LAB_UI_MANAGER}/v0 (host) cluster-lab`;
export const CLOCK_TICK_MS = 250;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export function osLocaleFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  return /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

function contractStatus(s: Status): KubeStatus {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: s.message ?? '', reason: s.reason ?? '', code: s.code, ...(s.details ? { details: s.details } : {}) };
}

export async function createAppHost<Lab>(opts: AppHostOptions<Lab>): Promise<AppHost> {
  const { engine, dataDir, log } = opts;
  const events = new Emitter<PushedEvent>((err) => log(`event listener failed: ${String(err)}`));
  const push = <K extends BridgeEventName>(event: K, payload: BridgeEvents[K]): void => events.fire({ event, payload } as PushedEvent);

  const credentials = await loadKubeCredentials(dataDir);
  const storeDir = join(dataDir, 'store');
  const snapshotDir = (labId: string) => join(dataDir, 'lab-snapshots', labId);

  let cp!: ControlPlane;
  let settle: SettlePort | undefined;
  let storeWatch: Disposable | undefined;
  let speed = opts.speed;
  const timeline = new Timeline((entries) => push('timeline.entries', entries), () => cp.driver.clock.now());
  const tapped: ApiHandler = tapHandler({ handle: (req) => cp.handler.handle(req) }, timeline);
  const ui = new ApiClient(tapped, ADMIN_USER, UI_USER_AGENT);
  const watchHub = new WatchHub(ui, push, (resource, n) =>
    timeline.add({
      lane: 'apiserver',
      type: 'watch',
      verb: n.type,
      object: { resource, ...(n.object.metadata?.namespace ? { namespace: n.object.metadata.namespace } : {}), name: n.object.metadata?.name ?? '', ...(n.object.metadata?.uid ? { uid: n.object.metadata.uid } : {}), kind: n.object.kind ?? '' },
      causes: n.object.metadata?.uid ? [n.object.metadata.uid] : [],
    }),
  );

  async function open(shape: { nodes: number; zones: string[]; proxyMode?: LabClusterSpec['proxyMode'] }): Promise<void> {
    cp = await createControlPlane({ dataDir, nodes: shape.nodes, zones: shape.zones, proxyMode: shape.proxyMode, speed, caPem: credentials.tls.caPem });
    settle = engine.settleMonitor({ store: cp.store, clock: cp.driver.clock });
    storeWatch = cp.store.watch('/registry/', { afterRevision: cp.store.currentRevision() }, (ev) => timeline.recordStoreEvent(ev));
  }

  async function closeCluster(): Promise<void> {
    speed = cp.driver.clock.speed;
    storeWatch?.dispose();
    settle?.dispose();
    for (const t of terminals.values()) t.session.dispose();
    await cp.close();
  }

  /** After a rebuild, everything holding the old cluster moves to the new one. */
  async function rebound(): Promise<void> {
    for (const [id, t] of terminals) t.session = newTerminal(id, t.cols, t.rows);
    await watchHub.rebind(ui);
  }

  // ---- terminals ----
  const terminals = new Map<string, { cols: number; rows: number; session: TerminalPort }>();
  let terminalSeq = 0;
  const newTerminal = (id: string, cols: number, rows: number): TerminalPort =>
    engine.createTerminal({
      handler: tapped,
      clock: cp.driver.clock,
      store: cp.store,
      proxyMode: cp.cluster.proxyMode,
      cols,
      rows,
      write: (data) => push('terminal.output', { id, data }),
      onExit: (code) => {
        terminals.delete(id);
        push('terminal.exit', { id, code });
      },
    });
  const terminal = (id: string) => {
    const t = terminals.get(id);
    if (!t) throw notFound(`no terminal ${id}`);
    return t;
  };

  // ---- labs ----
  const labs = new LabService<Lab>(
    opts.labsDir,
    dataDir,
    engine.labs,
    {
      rebuildFresh: async (spec) => {
        await closeCluster();
        await rm(storeDir, { recursive: true, force: true });
        await open(spec);
        await rebound();
      },
      applySetup: async (yaml) => {
        const results = await engine.applyManifests(kubectlContext(), yaml, {});
        const failed = results.find((r) => r.status !== undefined);
        if (failed) throw new BridgeFailure('internal', `lab set-up failed: ${failed.message}`, contractStatus(failed.status!));
      },
      whenSettled: () => settle?.whenSettled() ?? Promise.resolve(),
      snapshot: async (labId) => {
        cp.store.snapshot();
        const snap = (await readdir(storeDir)).filter((n) => /^snapshot-\d+\.snap$/.test(n)).sort().pop();
        if (snap === undefined) throw new BridgeFailure('internal', 'the store wrote no snapshot');
        await rm(snapshotDir(labId), { recursive: true, force: true });
        await mkdir(snapshotDir(labId), { recursive: true, mode: 0o700 });
        await copyFile(join(storeDir, snap), join(snapshotDir(labId), snap));
      },
      hasSnapshot: async (labId) => (await readdir(snapshotDir(labId)).catch(() => [])).some((n) => n.endsWith('.snap')),
      restoreSnapshot: async (labId, spec) => {
        await closeCluster();
        await rm(storeDir, { recursive: true, force: true });
        await mkdir(storeDir, { recursive: true, mode: 0o700 });
        for (const n of await readdir(snapshotDir(labId))) await copyFile(join(snapshotDir(labId), n), join(storeDir, n));
        await open(spec);
        await rebound();
      },
      createRunner: (lab, saved) =>
        engine.labs.runner({
          lab,
          client: ui,
          clock: cp.driver.clock,
          store: cp.store,
          traces: (ns, name) => cp.cluster.scheduler?.traces(ns, name).at(-1),
          whenSettled: () => settle?.whenSettled() ?? Promise.resolve(),
          ...(saved ? { saved } : {}),
        }),
    },
    (p) => push('labs.progress', p),
    log,
  );

  const active = await labs.activeLab();
  await open(active ? active.spec : { nodes: opts.nodes, zones: opts.zones });
  try {
    await labs.resumeActive();
  } catch (err) {
    // The cluster still serves; the learner can restart the lab.
    log(`could not resume the active lab: ${err instanceof Error ? err.message : String(err)}`);
  }

  let kube: KubeService;
  try {
    kube = await startKubeService({ dataDir, handler: tapped, credentials, port: opts.kubePort, log });
  } catch (err) {
    labs.dispose();
    await closeCluster();
    throw err;
  }

  const info: AppInfo = {
    version: opts.version,
    mode: opts.mode,
    kubeconfigPath: kube.kubeconfigPath,
    kubeconfigExport: `export KUBECONFIG=${kube.kubeconfigPath}`,
    apiServerUrl: kube.server,
    osLocale: opts.osLocale ?? osLocaleFromEnv(),
    dataDir,
  };

  // ---- pushes: clock ticks and scheduling traces of whichever scheduler leads ----
  let tracedScheduler: Scheduler | undefined;
  let traceSub: Disposable | undefined;
  const tick = setInterval(() => {
    push('clock.tick', clockState());
    const s = cp.cluster.scheduler;
    if (s !== tracedScheduler) {
      traceSub?.dispose();
      tracedScheduler = s;
      traceSub = s?.onDidTrace((t) => push('scheduling.trace', t));
    }
  }, CLOCK_TICK_MS);
  tick.unref();

  function clockState(): ClockState {
    const c = cp.driver.clock;
    return { now: c.now(), realNow: Date.now(), speed: c.speed, paused: c.isPaused };
  }

  function kubectlContext(namespace?: string): KubectlContextPort {
    return {
      handler: tapped,
      clock: cp.driver.clock,
      stdout: () => {},
      stderr: () => {},
      signal: { aborted: false, onAbort: () => ({ dispose() {} }) },
      ...(namespace !== undefined ? { namespace } : {}),
    };
  }

  function diagnosticsFor(yaml: string, outcome: ManifestOutcome): Diagnostic[] {
    if (!outcome.status) return [];
    const causes = (outcome.status.details?.causes ?? []).filter((c) => c.field);
    if (causes.length === 0) {
      // A decode error names its field only in the text: "…into Go struct field DeploymentSpec.spec.replicas of type int32".
      const decoded = /Go struct field \w+\.(\S+) of type/.exec(outcome.status.message ?? '')?.[1];
      const range = engine.fieldRange(yaml, outcome.index, decoded ?? 'kind') ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
      return [{ range, severity: 'error', message: outcome.status.message ?? outcome.message, ...(decoded ? { field: decoded } : {}) }];
    }
    return causes.map((c) => ({
      range: engine.fieldRange(yaml, outcome.index, c.field!) ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      severity: 'error' as const,
      message: c.message ?? outcome.message,
      field: c.field!,
    }));
  }

  async function apply(input: ApplyInput, mode: 'apply' | 'delete'): Promise<ApplyResult> {
    const syntax = engine.yamlSyntaxDiagnostics(input.yaml);
    if (syntax.length > 0) {
      return { ok: false, documents: [{ index: 0, message: syntax[0]!.message, diagnostics: syntax }] };
    }
    const outcomes = await engine.applyManifests(kubectlContext(input.namespace), input.yaml, {
      ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
      ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}),
      ...(input.serverSide !== undefined ? { serverSide: input.serverSide } : {}),
      ...(mode === 'delete' ? { delete: true } : {}),
    });
    const documents: ApplyDocumentResult[] = outcomes.map((o) => ({
      index: o.index,
      ...(o.kind !== undefined ? { kind: o.kind } : {}),
      ...(o.name !== undefined ? { name: o.name } : {}),
      ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
      ...(o.outcome !== undefined ? { outcome: o.outcome } : {}),
      message: o.message,
      ...(o.status ? { status: contractStatus(o.status) } : {}),
      diagnostics: diagnosticsFor(input.yaml, o),
    }));
    return { ok: documents.every((d) => d.status === undefined && d.diagnostics.length === 0), documents };
  }

  async function resourceInfo(key: string): Promise<ResourceInfo> {
    const info = (await services.resources()).find((r) => r.key === key);
    if (!info) throw notFound(`no resource ${JSON.stringify(key)}`);
    return info;
  }

  async function getObject(ref: ObjectRef): Promise<KubeObject> {
    const info = await resourceInfo(ref.resource);
    if (info.namespaced && ref.namespace === undefined) throw invalidInput(`${info.resource} are namespaced: namespace is required`);
    return ui.get({ ...parseResourceKey(ref.resource), ...(info.namespaced ? { namespace: ref.namespace } : {}), name: ref.name });
  }

  async function rawGet(path: string, query: Record<string, string>, accept: string): Promise<unknown> {
    const q: ApiRequest['query'] = {};
    for (const [k, v] of Object.entries(query)) q[k] = [v];
    const res = await tapped.handle({ method: 'GET', path, query: q, headers: { accept, 'user-agent': UI_USER_AGENT }, user: ADMIN_USER });
    if (res.kind !== 'body') throw new BridgeFailure('internal', `unexpected ${res.kind} response for ${path}`);
    const body = JSON.parse(res.body) as unknown;
    if (res.status >= 400) throw new BridgeFailure(res.status === 404 ? 'not-found' : 'api-error', (body as Status).message ?? `HTTP ${res.status}`, contractStatus(body as Status));
    return body;
  }

  const services: HostServices = {
    appInfo: () => info,
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),

    resources: async () => {
      const seen = new Set<string>();
      const out: ResourceInfo[] = [];
      for (const r of cp.cluster.catalog.all()) {
        const key = resourceKey(r.group, r.version, r.plural);
        if (seen.has(key) || r.createOnly) continue;
        seen.add(key);
        out.push({ key, group: r.group, version: r.version, resource: r.plural, kind: r.kind, namespaced: r.namespaced, shortNames: [...r.shortNames], verbs: [...r.verbs] });
      }
      return out;
    },
    watchSubscribe: async (resource) => {
      const info = await resourceInfo(resource);
      if (!info.verbs.includes('watch')) throw invalidInput(`${resource} cannot be watched`);
      return watchHub.subscribe(resource);
    },
    watchUnsubscribe: async (resource) => watchHub.unsubscribe(resource),

    apply,
    diff: async (input) => {
      const syntax = engine.yamlSyntaxDiagnostics(input.yaml);
      if (syntax.length > 0) return { diff: '', diagnostics: syntax };
      const diff = await engine.diffManifests(kubectlContext(input.namespace), input.yaml, {
        ...(input.namespace !== undefined ? { namespace: input.namespace } : {}),
        ...(input.serverSide !== undefined ? { serverSide: input.serverSide } : {}),
      });
      return { diff, diagnostics: [] };
    },
    deleteObject: async (ref) => {
      const info = await resourceInfo(ref.resource);
      if (info.namespaced && ref.namespace === undefined) throw invalidInput(`${info.resource} are namespaced: namespace is required`);
      await ui.delete({ ...parseResourceKey(ref.resource), ...(info.namespaced ? { namespace: ref.namespace } : {}), name: ref.name });
      // kubectl's line: `<kind lower-cased>[.<group>] "<name>" deleted`.
      return { message: `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''} "${ref.name}" deleted` };
    },
    getYaml: async (ref) => {
      const obj = structuredClone(await getObject(ref)) as KubeObject;
      if (obj.metadata) delete (obj.metadata as { managedFields?: unknown }).managedFields;
      return { yaml: stringifyYaml(obj, { lineWidth: 0 }) };
    },
    table: async (resource, namespace, wide) => {
      const info = await resourceInfo(resource);
      const ref = parseResourceKey(resource);
      const path = resourcePath({ ...ref, ...(info.namespaced && namespace !== undefined ? { namespace } : {}) });
      const table = (await rawGet(path, { includeObject: 'Metadata' }, TABLE_ACCEPT)) as {
        columnDefinitions?: Array<{ name: string; type: string; priority?: number; description?: string }>;
        rows?: Array<{ cells: unknown[]; object?: { metadata?: { name?: string; namespace?: string; uid?: string } } }> | null;
      };
      const defs = table.columnDefinitions ?? [];
      const keep = defs.map((c, i) => ({ c, i })).filter(({ c }) => wide || (c.priority ?? 0) === 0);
      const result: ResourceTable = {
        columns: keep.map(({ c }) => ({ name: c.name, type: c.type, priority: c.priority ?? 0, description: c.description ?? '' })),
        rows: (table.rows ?? []).map((row) => {
          const m = row.object?.metadata ?? {};
          return {
            cells: keep.map(({ i }) => row.cells[i]),
            object: { resource, ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name ?? '' },
            uid: m.uid ?? '',
          };
        }),
      };
      return result;
    },
    describe: async (ref) => {
      const obj = await getObject(ref);
      return { text: await engine.describeObjects([obj], { client: ui, clock: cp.driver.clock, showEvents: true }) };
    },
    schemas: async () => ({ schemas: await collectSchemas((path) => rawGet(path, {}, 'application/json')) }),
    schedulingTrace: async (namespace, name) => cp.cluster.scheduler?.traces(namespace, name).at(-1) ?? null,

    clockGet: async () => clockState(),
    clockSet: async (patch) => {
      // The Clock object is the truth (its controller re-applies spec); the driver follows at once so the answer shows it.
      await ui.patch({ ...CLOCKS, name: CLOCK_NAME }, 'merge', { spec: patch });
      const c = cp.driver.clock;
      if (patch.speed !== undefined) c.setSpeed(patch.speed);
      if (patch.paused === true) c.pause();
      if (patch.paused === false) c.resume();
      const state = clockState();
      push('clock.tick', state);
      return state;
    },
    clockStep: async () => {
      const c = cp.driver.clock;
      if (!c.isPaused) throw invalidInput('pause the clock before stepping it');
      c.stepToNextTimer();
      const state = clockState();
      push('clock.tick', state);
      return state;
    },

    timelineHistory: async (sinceSeq) => timeline.history(sinceSeq),

    terminalOpen: async (cols, rows) => {
      const id = `t${++terminalSeq}`;
      terminals.set(id, { cols, rows, session: newTerminal(id, cols, rows) });
      return { id };
    },
    terminalInput: async (id, data) => terminal(id).session.input(data),
    terminalResize: async (id, cols, rows) => {
      const t = terminal(id);
      t.cols = cols;
      t.rows = rows;
      t.session.resize(cols, rows);
    },
    terminalClose: async (id) => {
      const t = terminals.get(id);
      if (!t) return;
      terminals.delete(id);
      t.session.dispose();
    },

    labsList: () => labs.list(),
    labsGet: (id) => labs.get(id),
    labsStart: (id) => labs.start(id),
    labsReset: (id) => labs.reset(id),
    labsCheck: (id) => labs.check(id),
    labsProgress: () => labs.progress(),
  };
  const settings = new SettingsService(dataDir);

  let closed = false;
  return {
    handlers: createBridgeHandlers(services),
    services,
    onEvent: events.event,
    info,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(tick);
      traceSub?.dispose();
      await labs.close();
      watchHub.dispose();
      timeline.flush();
      timeline.dispose();
      await kube.close();
      await closeCluster();
      events.dispose();
    },
  };
}

/** package.json's version (the app's), read once at start. */
export async function readAppVersion(packageJsonPath: string): Promise<string> {
  try {
    return (JSON.parse(await readFile(packageJsonPath, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

