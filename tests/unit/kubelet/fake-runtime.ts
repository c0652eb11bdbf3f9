/**
 * A small scriptable ContainerRuntime for the kubelet's tests (the simulated runtime is another helper's work):
 * containers behave per `behaviours[image]`; pulls take 1.2 s; images named `missing*` fail to pull.
 */
import type { Clock } from '../../../engine/base/clock';
import { Emitter } from '../../../engine/base/event';
import {
  ImagePullError,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerRuntime,
  type ContainerStatus,
  type ImageInfo,
  type PodSandboxConfig,
} from '../../../engine/kubelet/runtime/container-runtime';

export interface Behaviour {
  /** Exit this long after start (undefined: run until stopped). */
  exitAfterMs?: number;
  exitCode?: number;
  /** exec result given the command and ms since start. */
  exec?(cmd: string[], runningMs: number): { exitCode: number; stdout: string; stderr: string };
  http?(path: string, runningMs: number): number;
  /** Ignore TERM (PID 1 shell): only KILL at the deadline stops it. */
  ignoresTerm?: boolean;
}

interface Box {
  status: ContainerStatus;
  podUid: string;
  config: ContainerConfig;
  timer?: { dispose(): void };
}

export class FakeRuntime implements ContainerRuntime {
  readonly version = 'containerd://1.7.24';
  readonly behaviours: Record<string, Behaviour> = {};
  readonly images = new Map<string, ImageInfo>();
  readonly sandboxes = new Map<string, PodSandboxConfig>();
  readonly execs: Array<{ id: string; cmd: string[]; at: number }> = [];
  private readonly boxes = new Map<string, Box>();
  private readonly events = new Emitter<ContainerEvent>();
  readonly onContainerEvent = this.events.event;
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  private normalize(image: string): string {
    const withTag = /:[^/]+$/.test(image) ? image : `${image}:latest`;
    return withTag.includes('/') ? `docker.io/${withTag}` : `docker.io/library/${withTag}`;
  }

  imageStatus(image: string): ImageInfo | undefined {
    return this.images.get(this.normalize(image));
  }
  pullImage(image: string): Promise<ImageInfo> {
    return new Promise((resolve, reject) => {
      this.clock.setTimer(1200, () => {
        if (image.startsWith('missing')) {
          reject(new ImagePullError(`rpc error: code = NotFound desc = failed to pull and unpack image "${this.normalize(image)}": not found`, true));
          return;
        }
        const ref = this.normalize(image);
        const info = { ref, id: 'sha256:abc', digest: `${ref.split(':')[0]}@sha256:0123`, sizeBytes: 1000 + image.length };
        this.images.set(ref, info);
        resolve(info);
      });
    });
  }
  listImages(): ImageInfo[] {
    return [...this.images.values()];
  }
  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = `sb${this.nextId++}`;
    this.sandboxes.set(id, config);
    return id;
  }
  async stopPodSandbox(sandboxId: string): Promise<void> {
    const uid = this.sandboxes.get(sandboxId)?.podUid;
    for (const [id, b] of this.boxes) if (b.podUid === uid && b.status.state === 'running') this.exit(id, 137, 'Error');
  }
  async removePodSandbox(sandboxId: string): Promise<void> {
    this.sandboxes.delete(sandboxId);
  }
  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    const id = `c${String(this.nextId++).padStart(4, '0')}`;
    const image = this.imageStatus(config.image);
    this.boxes.set(id, {
      podUid: this.sandboxes.get(sandboxId)?.podUid ?? '',
      config,
      status: { id, name: config.name, state: 'created', createdAt: this.clock.now(), startedAt: 0, finishedAt: 0, exitCode: 0, reason: '', message: '', image: image?.ref ?? config.image, imageRef: image?.digest ?? '' },
    });
    return id;
  }
  behaviour(id: string): Behaviour {
    const b = this.boxes.get(id);
    return this.behaviours[b?.config.image ?? ''] ?? {};
  }
  async startContainer(id: string): Promise<void> {
    const b = this.boxes.get(id);
    if (!b) return;
    b.status = { ...b.status, state: 'running', startedAt: this.clock.now() };
    const beh = this.behaviour(id);
    if (beh.exitAfterMs !== undefined) b.timer = this.clock.setTimer(beh.exitAfterMs, () => this.exit(id, beh.exitCode ?? 0, (beh.exitCode ?? 0) === 0 ? 'Completed' : 'Error'));
    this.events.fire({ containerId: id, podUid: b.podUid, type: 'started' });
  }
  private exit(id: string, code: number, reason: string): void {
    const b = this.boxes.get(id);
    if (!b || b.status.state !== 'running') return;
    b.timer?.dispose();
    b.status = { ...b.status, state: 'exited', exitCode: code, reason, finishedAt: this.clock.now() };
    this.events.fire({ containerId: id, podUid: b.podUid, type: 'exited' });
  }
  stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const b = this.boxes.get(id);
    if (!b || b.status.state !== 'running') return Promise.resolve();
    if (!this.behaviour(id).ignoresTerm) {
      this.exit(id, 0, 'Completed');
      return Promise.resolve();
    }
    return new Promise((resolve) => this.clock.setTimer(timeoutSeconds * 1000, () => {
      this.exit(id, 137, 'Error');
      resolve();
    }));
  }
  async removeContainer(id: string): Promise<void> {
    this.boxes.delete(id);
  }
  containerStatus(id: string): ContainerStatus | undefined {
    return this.boxes.get(id)?.status;
  }
  listContainers(podUid?: string): ContainerStatus[] {
    return [...this.boxes.values()].filter((b) => podUid === undefined || b.podUid === podUid).map((b) => b.status);
  }
  config(id: string): ContainerConfig | undefined {
    return this.boxes.get(id)?.config;
  }
  async execSync(id: string, cmd: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const b = this.boxes.get(id);
    this.execs.push({ id, cmd, at: this.clock.now() });
    const beh = this.behaviour(id);
    if (!b || !beh.exec) return { exitCode: 0, stdout: '', stderr: '' };
    return beh.exec(cmd, this.clock.now() - b.status.startedAt);
  }
  exec(): never {
    throw new Error('not in the fake');
  }
  attach(): never {
    throw new Error('not in the fake');
  }
  logs(): [] {
    return [];
  }
  followLogs() {
    return { dispose() {} };
  }
  connect(): undefined {
    return undefined;
  }
  async httpGet(sandboxId: string, _port: number, path: string): Promise<{ kind: 'response'; status: number; body: string }> {
    const uid = this.sandboxes.get(sandboxId)?.podUid;
    const box = [...this.boxes.entries()].find(([, b]) => b.podUid === uid && b.status.state === 'running');
    const beh = box ? this.behaviour(box[0]) : {};
    return { kind: 'response', status: beh.http ? beh.http(path, this.clock.now() - (box?.[1].status.startedAt ?? 0)) : 200, body: '' };
  }
  async tcpProbe(): Promise<boolean> {
    return true;
  }
  async grpcProbe(): Promise<'SERVING'> {
    return 'SERVING';
  }
  usage(id: string) {
    return this.boxes.get(id)?.status.state === 'running' ? { cpuNanoCores: 1_000_000, memoryWorkingSetBytes: 10 * 1024 * 1024 } : undefined;
  }
}
