/**
 * The lab's worker machines: one SimulatedRuntime and one Kubelet per node, and the cluster-wide views other
 * parts need of them — the KubeletDirectory (pod log/exec/attach/portforward), the MetricsSource
 * (metrics.k8s.io), the FaultTargets (lab.clusterlab.dev Faults) and the pod network joining the runtimes.
 *
 * A stopped kubelet (Fault StopKubelet) is disposed; restarting it builds a new Kubelet over the same runtime,
 * as restarting the kubelet process on a machine leaves its containers running under containerd.
 */
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiHandler } from '../apiserver/handler-types';
import type { MetricsSource, NodeMetricsSample, PodMetricsSample } from '../apiserver/metrics/metrics-source';
import { ApiClient } from '../client/api-client';
import { Kubelet, type KubeletHandOver, type NodeConfig } from '../kubelet/kubelet';
import type { KubeletDirectory } from '../kubelet/kubelet-handle';
import type { Connection } from '../kubelet/runtime/container-runtime';
import { SimulatedRuntime } from '../kubelet/runtime/simulated-runtime';
import type { FaultKubelet, FaultTargets } from '../lab/fault-controller';
import { ClusterNetwork } from '../network/cluster-network';
import type { ProxyMode } from '../network/service-proxy';

/** metrics-server's default resolution: each sample averages the last 15 s (shown as `window: 15s`). */
const METRICS_WINDOW_SECONDS = 15;
const KUBELET_USER_AGENT = 'kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd';

/** The shape of every simulated node: a kind-like worker (4 CPUs, ~8 GiB, 110 pods). */
export interface NodeShape {
  cpu: string;
  memory: string;
  ephemeralStorage: string;
  pods: number;
}

export const DEFAULT_NODE_SHAPE: NodeShape = { cpu: '4', memory: '8148452Ki', ephemeralStorage: '61202244Ki', pods: 110 };

/**
 * `node-1` … `node-N`, zones assigned round-robin. A cloud-style zone (`us-east-1a`) lies in the region its name
 * starts with (`us-east-1`); any other zone name lies in the lab's one region, `lab-region`.
 */
export function nodeConfigs(count: number, zones: readonly string[], shape: NodeShape): NodeConfig[] {
  const out: NodeConfig[] = [];
  for (let i = 1; i <= count; i++) {
    const zone = zones.length > 0 ? (zones[(i - 1) % zones.length] as string) : '';
    out.push({
      name: `node-${i}`,
      index: i,
      zone,
      region: regionOf(zone),
      cpu: shape.cpu,
      memory: shape.memory,
      ephemeralStorage: shape.ephemeralStorage,
      pods: shape.pods,
    });
  }
  return out;
}

function regionOf(zone: string): string {
  return /^[a-z]+-[a-z]+-\d+[a-z]$/.test(zone) ? zone.slice(0, -1) : 'lab-region';
}

interface Machine {
  config: NodeConfig;
  runtime: SimulatedRuntime;
  kubelet: Kubelet | undefined;
  /** What a stopped kubelet knew of its pods, so the restarted one adopts their containers. */
  handOver?: KubeletHandOver;
}

export class SimulatedNodes implements Disposable {
  private readonly machines = new Map<string, Machine>();
  /** Services, DNS and the flat pod network every runtime shares. */
  readonly clusterNetwork: ClusterNetwork;

  constructor(
    private readonly handler: ApiHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    configs: readonly NodeConfig[],
    proxyMode: ProxyMode = 'iptables',
  ) {
    this.clusterNetwork = new ClusterNetwork(handler, clock, proxyMode, (ip, port, from) => this.podConnect(ip, port, from));
    const network = this.clusterNetwork.network;
    for (const config of configs) {
      const runtime = new SimulatedRuntime({ clock, nodeName: config.name });
      runtime.setNetwork(network);
      this.machines.set(config.name, { config, runtime, kubelet: undefined });
    }
  }

  /** Starts the network's watches and every kubelet (registration, first status, lease, pod watch). */
  async start(): Promise<void> {
    await this.clusterNetwork.start();
    await Promise.all([...this.machines.values()].map((m) => this.startKubelet(m)));
  }

  private async startKubelet(m: Machine): Promise<void> {
    if (m.kubelet) return;
    const client = new ApiClient(this.handler, { name: `system:node:${m.config.name}`, groups: ['system:nodes', 'system:authenticated'] }, KUBELET_USER_AGENT);
    m.kubelet = new Kubelet({ client, clock: this.clock, logger: this.logger, runtime: m.runtime, node: m.config, resume: m.handOver });
    m.handOver = undefined;
    await m.kubelet.start();
  }

  kubelet(nodeName: string): Kubelet | undefined {
    return this.machines.get(nodeName)?.kubelet;
  }

  get nodeNames(): string[] {
    return [...this.machines.keys()];
  }

  readonly directory: KubeletDirectory = (nodeName) => this.machines.get(nodeName)?.kubelet;

  readonly faultTargets: FaultTargets = {
    kubelet: (nodeName): FaultKubelet | undefined => {
      const m = this.machines.get(nodeName);
      if (!m) return undefined;
      return {
        stop: () => {
          if (!m.kubelet) return;
          m.kubelet.stop();
          m.handOver = m.kubelet.handOver();
          m.kubelet = undefined;
        },
        start: () => this.startKubelet(m),
        setPartitioned: (on) => m.kubelet?.setPartitioned(on),
        setMemoryPressure: (bytes) => m.kubelet?.setMemoryPressure(bytes),
        crashContainer: (podUid, container, exitCode) => {
          const id = m.kubelet?.containerId(podUid, container, false);
          return id !== undefined && m.runtime.crashContainer(id, exitCode);
        },
      };
    },
  };

  readonly metrics: MetricsSource = {
    nodeMetrics: () => {
      const out: NodeMetricsSample[] = [];
      for (const [node, m] of this.machines) {
        if (!m.kubelet) continue; // metrics-server cannot scrape a stopped kubelet
        const u = m.kubelet.nodeUsage();
        out.push({ node, timestamp: this.clock.now(), windowSeconds: METRICS_WINDOW_SECONDS, cpuNanoCores: u.cpuNanoCores, memoryBytes: u.memoryWorkingSetBytes });
      }
      return out;
    },
    podMetrics: (namespace) => {
      const out: PodMetricsSample[] = [];
      for (const m of this.machines.values()) {
        for (const p of m.kubelet?.podUsage() ?? []) {
          if (namespace !== undefined && p.namespace !== namespace) continue;
          out.push({
            namespace: p.namespace,
            pod: p.name,
            timestamp: this.clock.now(),
            windowSeconds: METRICS_WINDOW_SECONDS,
            containers: p.containers.map((c) => ({ name: c.name, cpuNanoCores: c.cpuNanoCores, memoryBytes: c.memoryWorkingSetBytes })),
          });
        }
      }
      return out;
    },
  };

  /** The flat pod network (a CNI like kindnet): every pod IP is reachable from every pod. */
  private podConnect(ip: string, port: number, from: { sandboxIp: string }): Connection | undefined {
    for (const m of this.machines.values()) {
      if (m.runtime.sandboxByIp(ip) !== undefined) return m.runtime.connectToIp(ip, port, from.sandboxIp);
    }
    return undefined;
  }

  dispose(): void {
    this.clusterNetwork.dispose();
    for (const m of this.machines.values()) {
      m.kubelet?.dispose();
      m.kubelet = undefined;
    }
  }
}
