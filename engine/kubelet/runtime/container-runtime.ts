/**
 * The CRI-shaped port between the kubelet and a container runtime (k8s.io/cri-api RuntimeService +
 * ImageService, reduced to what the lab needs). The simulated runtime (simulated-runtime.ts) implements it on
 * the virtual clock; a Docker implementation lives in engine/node/. The kubelet never knows which one it has.
 *
 * Contracts every implementation keeps:
 * - Calls that take time (pulling, stopping with a grace period) resolve on the runtime's clock, never on wall time.
 * - Container state changes are announced on `onContainerEvent` (the kubelet's PLEG relists from them) after
 *   the state is visible through `containerStatus`.
 * - Ids are opaque strings, unique for the runtime's lifetime.
 */
import type { Disposable } from '../../base/disposable';
import type { Event } from '../../base/event';

export interface PodSandboxConfig {
  podUid: string;
  podName: string;
  namespace: string;
  /** Incremented each time the kubelet recreates the sandbox of the same pod. */
  attempt: number;
  hostname: string;
  /** The pod IP the kubelet's network plugin allocated from the node's podCIDR (the simulated CNI). */
  ip: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Contents of the pod's /etc/resolv.conf and /etc/hosts, as the kubelet renders them. */
  resolvConf: string;
  hostsFile: string;
}

export interface Mount {
  containerPath: string;
  readOnly: boolean;
  /** The volume's files, relative path → content (ConfigMap/Secret/downward API/projected/token, resolved by the kubelet). */
  files: Record<string, string>;
  /**
   * The pod volume's name. Containers of one sandbox mounting the same volume share its files (an emptyDir an
   * init container fills is what the app container reads). Without it, mounts share when `files` is the same object.
   * Leave it unset for subPath mounts (their files are a slice of the volume, not the whole tree).
   */
  volumeName?: string;
}

export interface ContainerConfig {
  name: string;
  image: string;
  /** Entrypoint override (`spec.containers[].command`), or empty for the image's. */
  command: string[];
  /** `spec.containers[].args`, or empty for the image's. */
  args: string[];
  workingDir?: string;
  /** Resolved environment, in the order the kubelet computed it. */
  env: Array<{ name: string; value: string }>;
  mounts: Mount[];
  /** Declared container ports (informational: what listens is decided by the image's behaviour). */
  ports: Array<{ containerPort: number; protocol: string; name?: string }>;
  tty: boolean;
  stdin: boolean;
  /** Memory limit in bytes (0 = none): a container using more is OOMKilled (exit 137). */
  memoryLimitBytes: number;
  /** `attempt` = restartCount of this container in the pod. */
  attempt: number;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  name: string;
  state: ContainerState;
  /** Virtual ms; 0 when not reached. */
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** For exited containers: `Completed` (exit 0), `Error`, `OOMKilled`, or `ContainerCannotRun`. */
  reason: string;
  message: string;
  /** `docker.io/library/nginx:latest` style image and its `imageID` (`docker.io/library/nginx@sha256:…`). */
  image: string;
  imageRef: string;
}

export interface ImageInfo {
  /** The normalized reference the image was pulled by, e.g. `docker.io/library/nginx:1.14.2`. */
  ref: string;
  /** `sha256:…` image id. */
  id: string;
  /** Repo digest as `imageID` shows it, e.g. `docker.io/library/nginx@sha256:…`. */
  digest: string;
  sizeBytes: number;
}

/** Why a pull failed, in the words the kubelet puts into ErrImagePull's message. */
export class ImagePullError extends Error {
  constructor(
    message: string,
    /** true when the image does not exist (the kubelet backs off identically; kept for messages/tests). */
    readonly notFound: boolean,
  ) {
    super(message);
  }
}

/** execSync's rejection when the command did not finish within its timeout (the process was killed). */
export class ExecTimeoutError extends Error {}

export interface ContainerEvent {
  containerId: string;
  podUid: string;
  type: 'created' | 'started' | 'exited' | 'removed';
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** An interactive process (exec/attach): bytes in, bytes out, an exit code at the end. */
export interface ProcessSession {
  writeStdin(data: string): void;
  /** Closing stdin (Ctrl-D / EOF). */
  closeStdin(): void;
  resize(cols: number, rows: number): void;
  readonly onOutput: Event<{ stream: 'stdout' | 'stderr'; data: string }>;
  /** Fires once, after the last output. */
  readonly onExit: Event<{ exitCode: number }>;
  /** Ends the session (client went away); for exec this kills the process. */
  close(): void;
}

/** A TCP-like connection into a pod (port-forward, probes, simulated traffic). */
export interface Connection {
  write(data: Uint8Array): void;
  /** Half-close from the client side. */
  end(): void;
  readonly onData: Event<Uint8Array>;
  /** Fires once when the server side closes. */
  readonly onClose: Event<void>;
}

export interface LogLine {
  /** Virtual ms the line was written. */
  time: number;
  stream: 'stdout' | 'stderr';
  /** Without the trailing newline. */
  text: string;
}

export interface LogQuery {
  /** Only lines at or after this virtual ms. */
  sinceMs?: number;
  tailLines?: number;
}

export interface ResourceUsage {
  /** CPU in nanocores averaged over the last 10 s window (metrics-server's unit). */
  cpuNanoCores: number;
  memoryWorkingSetBytes: number;
}

export type HttpProbeResult = { kind: 'response'; status: number; body: string } | { kind: 'refused' } | { kind: 'timeout' };
export type GrpcHealth = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' | 'refused';

export interface ContainerRuntime {
  /** `containerd` / `docker`: the runtime name in `nodeInfo.containerRuntimeVersion` (`containerd://1.7.24`). */
  readonly version: string;

  // ImageService
  imageStatus(image: string): ImageInfo | undefined;
  /** Resolves when the image is present; rejects with ImagePullError. */
  pullImage(image: string): Promise<ImageInfo>;
  listImages(): ImageInfo[];

  // RuntimeService: sandboxes
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  /** Stops every container in it (killing them) and the sandbox. */
  stopPodSandbox(sandboxId: string): Promise<void>;
  removePodSandbox(sandboxId: string): Promise<void>;

  // RuntimeService: containers
  createContainer(sandboxId: string, config: ContainerConfig): Promise<string>;
  startContainer(containerId: string): Promise<void>;
  /** TERM, then KILL after `timeoutSeconds`; resolves once the container has exited. */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): Promise<void>;
  containerStatus(containerId: string): ContainerStatus | undefined;
  listContainers(podUid?: string): ContainerStatus[];
  readonly onContainerEvent: Event<ContainerEvent>;

  // Streaming and probes
  /** Runs a command to completion inside the container (exec probes, lifecycle hooks, `kubectl exec -- cmd`). */
  execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult>;
  exec(containerId: string, cmd: string[], tty: boolean): ProcessSession;
  attach(containerId: string): ProcessSession;
  logs(containerId: string, query?: LogQuery): LogLine[];
  /** Lines written from now on; dispose to stop following. */
  followLogs(containerId: string, onLine: (line: LogLine) => void): Disposable;
  /** Opens a connection to `port` in the sandbox's network namespace; undefined when nothing listens. */
  connect(sandboxId: string, port: number): Connection | undefined;
  /** httpGet probes (the kubelet's prober talks to the pod IP). */
  httpGet(sandboxId: string, port: number, path: string, headers: Record<string, string>, timeoutSeconds: number): Promise<HttpProbeResult>;
  tcpProbe(sandboxId: string, port: number, timeoutSeconds: number): Promise<boolean>;
  grpcProbe(sandboxId: string, port: number, service: string, timeoutSeconds: number): Promise<GrpcHealth>;
  usage(containerId: string): ResourceUsage | undefined;
}
