/**
 * The engine modules the host composes, as the shapes it relies on (the signatures fixed in the team map).
 * The host and its tests depend on these ports only; `engine-services.ts` binds them to engine/kubectl,
 * engine/kubectl/describe, engine/api/yaml-field-positions and engine/labs with `satisfies EnginePorts`, so a
 * drift in those modules is a compile error there, and unit tests can run the host against fakes.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { Clock } from '../../engine/base/clock';
import type { Disposable } from '../../engine/base/disposable';
import type { Event } from '../../engine/base/event';
import type { ApiHandler } from '../../engine/apiserver/handler-types';
import type { ApiClient } from '../../engine/client/api-client';
import type { Store } from '../../engine/store/types';
import type { Status } from '../../engine/apiserver/errors/status-error';
import type { Diagnostic, LabDocument, LabProgress, LabSummary, SchedulingTrace, TextRange } from '../bridge/contract';

export interface KubectlContextPort {
  handler: ApiHandler;
  clock: Clock;
  stdout(s: string): void;
  stderr(s: string): void;
  signal: { readonly aborted: boolean; onAbort(cb: () => void): Disposable };
  namespace?: string;
  columns?: number;
}

export interface ManifestOutcome {
  index: number;
  kind?: string;
  name?: string;
  namespace?: string;
  outcome?: string;
  message: string;
  status?: Status;
}

export interface TerminalPort extends Disposable {
  input(data: string): void;
  resize(cols: number, rows: number): void;
}

export interface TerminalOptions {
  handler: ApiHandler;
  clock: Clock;
  store: Store;
  /** kube-proxy's mode, for the terminal's iptables-save / ipvsadm. */
  proxyMode?: LabClusterSpec['proxyMode'];
  write(data: string): void;
  cols: number;
  rows: number;
  onExit?(code: number): void;
}

export interface LabClusterSpec {
  nodes: number;
  zones: string[];
  proxyMode: 'iptables' | 'ipvs' | 'userspace';
  manifests: string[];
}

export interface LabRunnerPort extends Disposable {
  check(): Promise<LabProgress>;
  readonly progress: LabProgress;
  readonly onProgress: Event<LabProgress>;
}

export interface LabRunnerOptions<Lab> {
  lab: Lab;
  client: ApiClient;
  clock: Clock;
  store: Store;
  traces(namespace: string, name: string): SchedulingTrace | undefined;
  whenSettled(): Promise<void>;
  saved?: LabProgress;
}

export interface LabsPort<Lab> {
  /** Throws (LabFormatError) when the folder is not a valid lab. */
  load(files: Record<string, string>): Lab;
  summary(lab: Lab): LabSummary;
  document(lab: Lab): LabDocument;
  clusterSpec(lab: Lab): LabClusterSpec;
  runner(opts: LabRunnerOptions<Lab>): LabRunnerPort;
}

export interface SettlePort extends Disposable {
  whenSettled(): Promise<void>;
}

export interface EnginePorts<Lab = unknown> {
  applyManifests(ctx: KubectlContextPort, yaml: string, opts: { namespace?: string; dryRun?: boolean; serverSide?: boolean; delete?: boolean }): Promise<ManifestOutcome[]>;
  diffManifests(ctx: KubectlContextPort, yaml: string, opts: { namespace?: string; dryRun?: boolean; serverSide?: boolean }): Promise<string>;
  describeObjects(objs: KubeObject[], ctx: { client: ApiClient; clock: Clock; showEvents: boolean }): Promise<string>;
  fieldRange(yamlText: string, documentIndex: number, fieldPath: string): TextRange | undefined;
  yamlSyntaxDiagnostics(yamlText: string): Diagnostic[];
  createTerminal(opts: TerminalOptions): TerminalPort;
  labs: LabsPort<Lab>;
  /** Watches the cluster and resolves `whenSettled` once it has come to rest (no pending work). */
  settleMonitor(opts: { store: Store; clock: Clock }): SettlePort;
}
