/**
 * The bridge between the host (main/) and the renderer: ONE contract, types only, split by direction.
 *
 * - `BridgeRequests`: renderer → host, each a promise-returning call with a typed input and output.
 * - `BridgeEvents`: host → renderer pushes. Subscribing returns an unsubscribe function.
 *
 * Electron's preload exposes exactly `LabBridge` as `window.lab` through contextBridge; browser mode implements the
 * same interface over a WebSocket. The host's handler table ends with `satisfies BridgeHandlers`, so a missing
 * handler is a type error; every handler receives `unknown` and validates it, answering a `BridgeError` otherwise.
 *
 * Times are virtual-clock milliseconds since the epoch unless a name says otherwise. Kubernetes objects are the API
 * server's JSON. This file must stay free of runtime code: the renderer imports it with `import type`.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { SchedulingTrace } from '../../engine/scheduler/trace/scheduling-trace';
import type { Diagnostic, TextRange } from '../../engine/api/yaml-field-positions';
import type { CheckReport, LabProgress, LocalizedText, StepState } from '../../engine/labs/lab-types';

/** Shapes the engine defines once: editor positions (engine/api) and lab texts and progress (engine/labs). */
export type { SchedulingTrace, Diagnostic, TextRange, CheckReport, LabProgress, LocalizedText, StepState };

export type Locale = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark' | 'system';

/** A resource as discovery names it; `key` is `group/version/resource` (core: `/v1/pods`), the id used everywhere below. */
export interface ResourceInfo {
  key: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
}

export interface AppInfo {
  version: string;
  /** Which front door this renderer came through. */
  mode: 'electron' | 'browser';
  /** The Kubernetes endpoint the learner's own kubectl can use. */
  kubeconfigPath: string;
  /** `export KUBECONFIG=<path>` — what the "Use your own kubectl" panel shows and copies. */
  kubeconfigExport: string;
  apiServerUrl: string;
  /** The OS language the host saw (the UI follows it until the learner chooses). */
  osLocale: Locale;
  dataDir: string;
}

export interface Settings {
  /** undefined: follow the OS. */
  locale?: Locale;
  theme: Theme;
  /** The learner dismissed the first-run screen. */
  firstRunDone: boolean;
  editorFontSize: number;
  terminalFontSize: number;
}

export interface ClockState {
  /** Virtual now. */
  now: number;
  /** Wall-clock ms when `now` was read (the clock bar shows virtual minus real). */
  realNow: number;
  speed: number;
  paused: boolean;
}

/** A watch notification as the renderer's cache applies it (pure applyWatchEvent with a resourceVersion guard). */
export interface WatchNotification {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

/** The Kubernetes Status an API call failed with (details.causes name the fields). */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
}



export interface ApplyInput {
  /** Multi-document YAML as typed in the editor. */
  yaml: string;
  /** Defaults to the editor's default namespace, `default`. */
  namespace?: string;
  dryRun?: boolean;
  serverSide?: boolean;
}

/** Per document, in order: what `kubectl apply` would print, or why it failed. */
export interface ApplyDocumentResult {
  /** 0-based document index in the text. */
  index: number;
  kind?: string;
  name?: string;
  namespace?: string;
  /** kubectl's verb: created | configured | unchanged | deleted | serverside-applied, with "(dry run)" / "(server dry run)" as kubectl prints. */
  outcome?: string;
  /** kubectl's line, e.g. `deployment.apps/web created`. */
  message: string;
  status?: KubeStatus;
  diagnostics: Diagnostic[];
}

export interface ApplyResult {
  ok: boolean;
  documents: ApplyDocumentResult[];
}

export interface ObjectRef {
  /** ResourceInfo.key */
  resource: string;
  namespace?: string;
  name: string;
}

/** A table as `kubectl get` shows it (the server's Table columns with priority 0, or all with wide). */
export interface ResourceTable {
  columns: Array<{ name: string; type: string; priority: number; description: string }>;
  rows: Array<{ cells: unknown[]; object: ObjectRef; uid: string }>;
}

/** The swimlanes of the event timeline. `kubelet:<node>` and `controller:<name>` have one lane each. */
export type TimelineLane = 'client' | 'apiserver' | 'store' | 'scheduler' | `controller:${string}` | `kubelet:${string}` | 'kube-proxy' | 'dns';

export interface TimelineEntry {
  /** Increasing per host run. */
  seq: number;
  time: number;
  lane: TimelineLane;
  /** request: an API call (verb on an object); watch: a notification delivered; event: a Kubernetes Event; store: a revision written. */
  type: 'request' | 'watch' | 'event' | 'store';
  verb?: string;
  object?: { resource: string; namespace?: string; name: string; uid?: string; kind: string };
  /** Events: reason and message; requests: the response code. */
  reason?: string;
  message?: string;
  code?: number;
  /** Uids this entry was caused by (owner, involved object, the request that wrote it): the causal chain's edges. */
  causes?: string[];
}

export interface TerminalOpenInput {
  cols: number;
  rows: number;
}


export interface LabSummary {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** The note file it came from (../shared/notes/…). */
  source: string;
  steps: number;
  estimatedMinutes: number;
}

export interface LabStep {
  id: string;
  title: LocalizedText;
  /** Markdown; fenced code blocks are click-to-run / click-to-copy. */
  body: LocalizedText;
}

export interface LabDocument extends LabSummary {
  intro: LocalizedText;
  stepList: LabStep[];
}



export type BridgeErrorCode = 'invalid-input' | 'not-found' | 'api-error' | 'unavailable' | 'internal';

/** What a rejected request carries (a thrown Error in the renderer with these fields). */
export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
  status?: KubeStatus;
}

type Req<I, O> = { input: I; output: O };

export interface BridgeRequests {
  'app.info': Req<void, AppInfo>;
  'settings.get': Req<void, Settings>;
  /** `locale: null` goes back to following the OS (JSON, browser mode's wire format, drops `undefined`). */
  'settings.update': Req<Partial<Omit<Settings, 'locale'>> & { locale?: Locale | null }, Settings>;

  /** Every served resource (discovery), for the resource browser, the watch cache and the editor's schemas. */
  'resources.list': Req<void, ResourceInfo[]>;
  /** Starts pushing `watch.batch` for one resource; answers its current list. Idempotent per resource. */
  'watch.subscribe': Req<{ resource: string }, { items: KubeObject[]; resourceVersion: string }>;
  'watch.unsubscribe': Req<{ resource: string }, void>;

  'api.apply': Req<ApplyInput, ApplyResult>;
  /** Server-side diff of the YAML against the live objects (`kubectl diff` output). */
  'api.diff': Req<ApplyInput, { diff: string; diagnostics: Diagnostic[] }>;
  /** Deletes the objects the YAML names (`kubectl delete -f`). */
  'api.deleteYaml': Req<ApplyInput, ApplyResult>;
  'api.delete': Req<ObjectRef, { message: string }>;
  /** The live object as YAML, without managedFields (what the editor opens). */
  'api.getYaml': Req<ObjectRef, { yaml: string }>;
  /** `kubectl get <resource>` as a table (namespace undefined = all namespaces). */
  'api.table': Req<{ resource: string; namespace?: string; wide?: boolean }, ResourceTable>;
  /** `kubectl describe` text. */
  'api.describe': Req<ObjectRef, { text: string }>;
  /** OpenAPI v3 JSON schemas per kind for monaco-yaml (generated at build time, as for `kubectl explain`). */
  'schemas.get': Req<void, { schemas: Array<{ apiVersion: string; kind: string; schema: unknown }> }>;

  /** The latest scheduling attempt of a pod ("why here / why pending"). */
  'scheduling.trace': Req<{ namespace: string; name: string }, SchedulingTrace | null>;

  'clock.get': Req<void, ClockState>;
  'clock.set': Req<{ paused?: boolean; speed?: number }, ClockState>;
  /** Moves virtual time to the next timer (paused clocks only). */
  'clock.step': Req<void, ClockState>;

  /** Timeline entries so far (the host keeps a bounded ring), oldest first. */
  'timeline.history': Req<{ sinceSeq?: number }, TimelineEntry[]>;

  /** A terminal running the in-app kubectl; output arrives as `terminal.output`. */
  'terminal.open': Req<TerminalOpenInput, { id: string }>;
  'terminal.input': Req<{ id: string; data: string }, void>;
  'terminal.resize': Req<{ id: string; cols: number; rows: number }, void>;
  'terminal.close': Req<{ id: string }, void>;

  'labs.list': Req<void, LabSummary[]>;
  'labs.get': Req<{ id: string }, LabDocument>;
  /** Sets the cluster up for the lab (its nodes, zones, proxy mode, manifests) and makes it the active lab. */
  'labs.start': Req<{ id: string }, LabProgress>;
  /** Back to the lab's starting state, instantly (a store snapshot). */
  'labs.reset': Req<{ id: string }, LabProgress>;
  /** Evaluates the active step's checks now (they also run whenever the cluster settles). */
  'labs.check': Req<{ id: string }, LabProgress>;
  'labs.progress': Req<void, { active?: string; progress: LabProgress[] }>;
}

export interface BridgeEvents {
  /** Coalesced per animation frame (~16 ms) on the host side. */
  'watch.batch': { resource: string; events: WatchNotification[] };
  /** A resource's watch restarted from a new list (after Expired): replace the cache. */
  'watch.reset': { resource: string; items: KubeObject[]; resourceVersion: string };
  'scheduling.trace': SchedulingTrace;
  'terminal.output': { id: string; data: string };
  'terminal.exit': { id: string; code: number };
  'clock.tick': ClockState;
  'timeline.entries': TimelineEntry[];
  'labs.progress': LabProgress;
}

export type BridgeRequestName = keyof BridgeRequests;
export type BridgeEventName = keyof BridgeEvents;

/** `window.lab` in Electron; the WebSocket client in browser mode. */
export interface LabBridge {
  request<K extends BridgeRequestName>(method: K, input: BridgeRequests[K]['input']): Promise<BridgeRequests[K]['output']>;
  on<K extends BridgeEventName>(event: K, listener: (payload: BridgeEvents[K]) => void): () => void;
}

/** The host's handler table: each validates its `unknown` input and resolves with the typed output. */
export type BridgeHandlers = { [K in BridgeRequestName]: (input: unknown) => Promise<BridgeRequests[K]['output']> };

/** Browser mode's wire format over the WebSocket (JSON text frames). */
export type BridgeWireMessage =
  | { type: 'request'; id: number; method: BridgeRequestName; input: unknown }
  | { type: 'response'; id: number; ok: true; output: unknown }
  | { type: 'response'; id: number; ok: false; error: BridgeError }
  | { type: 'event'; event: BridgeEventName; payload: unknown };
