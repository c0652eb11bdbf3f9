/**
 * What the bridge's handler table delegates to, with inputs already validated and typed. The app host
 * (main/host/app-host.ts) implements it over the control plane; tests implement it with fakes.
 */
import type { KubeObject } from '../../engine/api/objects';
import type {
  AppInfo,
  ApplyInput,
  ApplyResult,
  ClockState,
  Diagnostic,
  LabDocument,
  LabProgress,
  LabSummary,
  ObjectRef,
  ResourceInfo,
  ResourceTable,
  SchedulingTrace,
  Settings,
  TimelineEntry,
} from '../bridge/contract';

export interface HostServices {
  appInfo(): AppInfo;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;

  resources(): Promise<ResourceInfo[]>;
  watchSubscribe(resource: string): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  watchUnsubscribe(resource: string): Promise<void>;

  apply(input: ApplyInput, mode: 'apply' | 'delete'): Promise<ApplyResult>;
  diff(input: ApplyInput): Promise<{ diff: string; diagnostics: Diagnostic[] }>;
  deleteObject(ref: ObjectRef): Promise<{ message: string }>;
  getYaml(ref: ObjectRef): Promise<{ yaml: string }>;
  table(resource: string, namespace: string | undefined, wide: boolean): Promise<ResourceTable>;
  describe(ref: ObjectRef): Promise<{ text: string }>;
  schemas(): Promise<{ schemas: Array<{ apiVersion: string; kind: string; schema: unknown }> }>;
  schedulingTrace(namespace: string, name: string): Promise<SchedulingTrace | null>;

  clockGet(): Promise<ClockState>;
  clockSet(patch: { paused?: boolean; speed?: number }): Promise<ClockState>;
  clockStep(): Promise<ClockState>;

  timelineHistory(sinceSeq: number | undefined): Promise<TimelineEntry[]>;

  terminalOpen(cols: number, rows: number): Promise<{ id: string }>;
  terminalInput(id: string, data: string): Promise<void>;
  terminalResize(id: string, cols: number, rows: number): Promise<void>;
  terminalClose(id: string): Promise<void>;

  labsList(): Promise<LabSummary[]>;
  labsGet(id: string): Promise<LabDocument>;
  labsStart(id: string): Promise<LabProgress>;
  labsReset(id: string): Promise<LabProgress>;
  labsCheck(id: string): Promise<LabProgress>;
  labsProgress(): Promise<{ active?: string; progress: LabProgress[] }>;
}
