/**
 * The lab runner's host side: labs are folders under `labs/<id>/` (adding a lab is a one-folder change), loaded
 * with engine/labs; progress lives in `lab-progress.json` in the data directory and is pushed as `labs.progress`.
 *
 * Starting a lab rebuilds the cluster with the lab's nodes and zones on an empty store, applies its set-up
 * manifests, waits until the cluster has settled, and snapshots the store (the durable store's own snapshot
 * file, copied to `lab-snapshots/<id>/`). Reset reopens the cluster from that copy: no set-up runs again.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Disposable } from '../../engine/base/disposable';
import type { LabDocument, LabProgress, LabSummary } from '../bridge/contract';
import { BridgeFailure, notFound } from '../bridge/bridge-error';
import type { EnginePorts, LabClusterSpec, LabRunnerPort } from './engine-ports';
import { JsonFile } from './json-file';

interface ProgressFile {
  active?: string;
  progress: Record<string, LabProgress>;
}

/** What the lab service needs from the host: the current cluster, and rebuilding it. */
export interface LabClusterHost<Lab> {
  /** Empty store, the lab's shape; resolves once the new cluster serves. */
  rebuildFresh(spec: LabClusterSpec): Promise<void>;
  /** Applies set-up manifests (kubectl apply -f semantics); throws when one fails. */
  applySetup(yaml: string): Promise<void>;
  whenSettled(): Promise<void>;
  /** Writes the store snapshot for `labId` (the cluster keeps running). */
  snapshot(labId: string): Promise<void>;
  hasSnapshot(labId: string): Promise<boolean>;
  /** Reopens the cluster from `labId`'s snapshot. */
  restoreSnapshot(labId: string, spec: LabClusterSpec): Promise<void>;
  /** A runner for the lab on the current cluster. */
  createRunner(lab: Lab, saved: LabProgress | undefined): LabRunnerPort;
}

const MAX_LAB_FILE_BYTES = 1024 * 1024;

async function readFolder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && (await stat(path)).size <= MAX_LAB_FILE_BYTES) files[relative(dir, path).split('\\').join('/')] = await readFile(path, 'utf8');
    }
  };
  await walk(dir);
  return files;
}

export class LabService<Lab> implements Disposable {
  private labs: Map<string, Lab> | undefined;
  private readonly file: JsonFile<ProgressFile>;
  private state: ProgressFile | undefined;
  private runner: { id: string; runner: LabRunnerPort; sub: Disposable } | undefined;
  /** labs.start / labs.reset rebuild the cluster: one at a time. */
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly labsDir: string,
    dataDir: string,
    private readonly labs_: EnginePorts<Lab>['labs'],
    private readonly host: LabClusterHost<Lab>,
    private readonly pushProgress: (p: LabProgress) => void,
    private readonly log: (message: string) => void,
  ) {
    this.file = new JsonFile(join(dataDir, 'lab-progress.json'));
  }

  private async all(): Promise<Map<string, Lab>> {
    if (this.labs) return this.labs;
    const labs = new Map<string, Lab>();
    let entries: string[] = [];
    try {
      entries = (await readdir(this.labsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    } catch {
      this.log(`no labs folder at ${this.labsDir}`);
    }
    for (const id of entries) {
      try {
        labs.set(id, this.labs_.load(await readFolder(join(this.labsDir, id))));
      } catch (err) {
        // One broken lab must not hide the others; its problems (file, line, column) go to the log.
        this.log(`lab ${id} is not valid and is left out: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.labs = labs;
    return labs;
  }

  private async lab(id: string): Promise<Lab> {
    const lab = (await this.all()).get(id);
    if (lab === undefined) throw notFound(`no lab ${JSON.stringify(id)}`);
    return lab;
  }

  private async progressState(): Promise<ProgressFile> {
    this.state ??= (await this.file.read()) ?? { progress: {} };
    if (typeof this.state.progress !== 'object' || this.state.progress === null) this.state.progress = {};
    return this.state;
  }

  /** The lab that was active when the host last stopped, with its cluster spec (the host restores its shape). */
  async activeLab(): Promise<{ id: string; spec: LabClusterSpec } | undefined> {
    const state = await this.progressState();
    if (state.active === undefined) return undefined;
    const lab = (await this.all()).get(state.active);
    return lab === undefined ? undefined : { id: state.active, spec: this.labs_.clusterSpec(lab) };
  }

  /** After the host (re)built the cluster for the active lab: runs its checks against it, continuing saved progress. */
  async resumeActive(): Promise<void> {
    const state = await this.progressState();
    if (state.active === undefined) return;
    const lab = (await this.all()).get(state.active);
    if (lab !== undefined) this.attach(state.active, lab, state.progress[state.active]);
  }

  async list(): Promise<LabSummary[]> {
    return [...(await this.all()).values()].map((l) => this.labs_.summary(l));
  }

  async get(id: string): Promise<LabDocument> {
    return this.labs_.document(await this.lab(id));
  }

  start(id: string): Promise<LabProgress> {
    return this.serialised(async () => {
      const lab = await this.lab(id);
      const spec = this.labs_.clusterSpec(lab);
      this.detach();
      await this.host.rebuildFresh(spec);
      for (const manifest of spec.manifests) await this.host.applySetup(manifest);
      await this.host.whenSettled();
      await this.host.snapshot(id);
      const state = await this.progressState();
      state.active = id;
      delete state.progress[id];
      const runner = this.attach(id, lab, undefined);
      await this.save(runner.progress);
      return runner.progress;
    });
  }

  reset(id: string): Promise<LabProgress> {
    return this.serialised(async () => {
      const lab = await this.lab(id);
      if (!(await this.host.hasSnapshot(id))) throw new BridgeFailure('not-found', `lab ${id} has not been started yet; start it first`);
      this.detach();
      await this.host.restoreSnapshot(id, this.labs_.clusterSpec(lab));
      const state = await this.progressState();
      state.active = id;
      delete state.progress[id];
      const runner = this.attach(id, lab, undefined);
      await this.save(runner.progress);
      return runner.progress;
    });
  }

  async check(id: string): Promise<LabProgress> {
    await this.busy;
    if (this.runner?.id !== id) throw new BridgeFailure('invalid-input', `lab ${id} is not the active lab; start it first`);
    return this.runner.runner.check();
  }

  async progress(): Promise<{ active?: string; progress: LabProgress[] }> {
    const state = await this.progressState();
    const progress = Object.values(state.progress);
    return state.active !== undefined ? { active: state.active, progress } : { progress };
  }

  dispose(): void {
    this.detach();
  }

  /** Stops checking and waits for progress already reported to reach the disk. */
  async close(): Promise<void> {
    this.detach();
    await this.busy.catch(() => {});
    await this.file.settled();
  }

  /** The cluster is about to be replaced by someone else (host shutdown): stop checking it. */
  detach(): void {
    this.runner?.sub.dispose();
    this.runner?.runner.dispose();
    this.runner = undefined;
  }

  private attach(id: string, lab: Lab, saved: LabProgress | undefined): LabRunnerPort {
    this.detach();
    const runner = this.host.createRunner(lab, saved);
    const sub = runner.onProgress((p) => {
      this.save(p).catch((err: unknown) => this.log(`could not save lab progress: ${String(err)}`));
      this.pushProgress(p);
    });
    this.runner = { id, runner, sub };
    return runner;
  }

  private async save(p: LabProgress): Promise<void> {
    const state = await this.progressState();
    state.progress[p.labId] = p;
    await this.file.write(state);
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.catch(() => {}).then(fn);
    this.busy = run;
    return run;
  }
}
