/** Test harness: a SimulatedRuntime on a VirtualClock with one running container per `startPod`. */
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { SimulatedRuntime } from '../../../../engine/kubelet/runtime/simulated-runtime';
import type { ContainerConfig, Mount, PodSandboxConfig } from '../../../../engine/kubelet/runtime/container-runtime';

export const START_MS = Date.UTC(2026, 10, 23, 20, 0, 0);

/** Lets promise continuations run (runtime promises resolve from clock timers). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export function newRuntime(seed = 1): { clock: VirtualClock; runtime: SimulatedRuntime } {
  const clock = new VirtualClock({ startMs: START_MS, seed });
  return { clock, runtime: new SimulatedRuntime({ clock, nodeName: 'node-1' }) };
}

export function sandboxConfig(name: string, ip: string): PodSandboxConfig {
  return {
    podUid: `uid-${name}`,
    podName: name,
    namespace: 'default',
    attempt: 0,
    hostname: name,
    ip,
    labels: {},
    annotations: {},
    resolvConf: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    hostsFile: `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${name}\n`,
  };
}

export interface PodSpec {
  name?: string;
  ip?: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  mounts?: Mount[];
  memoryLimitBytes?: number;
  stdin?: boolean;
  tty?: boolean;
}

/** Pulls the image (advancing the clock through the pull), runs a sandbox and starts the container. */
export async function startPod(clock: VirtualClock, runtime: SimulatedRuntime, spec: PodSpec): Promise<{ sandboxId: string; containerId: string; startedAt: number }> {
  if (runtime.imageStatus(spec.image) === undefined) {
    const pulled = runtime.pullImage(spec.image);
    while (runtime.imageStatus(spec.image) === undefined) {
      clock.advance(500);
      await flush();
    }
    await pulled;
  }
  const name = spec.name ?? 'pod';
  const sandboxId = await runtime.runPodSandbox(sandboxConfig(name, spec.ip ?? '10.244.1.5'));
  const config: ContainerConfig = {
    name,
    image: spec.image,
    command: spec.command ?? [],
    args: spec.args ?? [],
    env: Object.entries(spec.env ?? {}).map(([n, value]) => ({ name: n, value })),
    mounts: spec.mounts ?? [],
    ports: [],
    tty: spec.tty ?? false,
    stdin: spec.stdin ?? false,
    memoryLimitBytes: spec.memoryLimitBytes ?? 0,
    attempt: 0,
  };
  const containerId = await runtime.createContainer(sandboxId, config);
  await runtime.startContainer(containerId);
  return { sandboxId, containerId, startedAt: clock.now() };
}
