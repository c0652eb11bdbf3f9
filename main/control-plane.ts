/**
 * The host's composition of the simulated control plane: the durable file store in the data directory, the
 * virtual clock driven in real time, and the engine's LabCluster over them. Both front doors (Electron, browser
 * mode) and the headless `serve` use this.
 */
import { join } from 'node:path';
import type { ApiHandler } from '../engine/apiserver/handler-types';
import { Logger, type LogRecord } from '../engine/base/logger';
import { createLabCluster, type LabCluster, type LabClusterOptions } from '../engine/cluster/lab-cluster';
import { CLOCK_NAME, LAB_GROUP, virtualClockControl } from '../engine/lab';
import { openFileStore, type DurableStore } from '../engine/node/store-files';
import type { Store } from '../engine/store/types';
import { startClockDriver, type ClockDriver } from './clock-driver';

export interface ControlPlaneOptions {
  dataDir: string;
  nodes: number;
  zones: string[];
  speed: number;
  /** The installation CA (PEM), published in-cluster as kube-root-ca.crt. */
  caPem?: string;
  /** Start with the virtual clock paused (tests that need every AGE to read 0s). */
  paused?: boolean;
  /** Seed of the cluster's randomness (generated names, jitter); tests fix it for reproducible output. */
  seed?: number;
  /** kube-proxy's mode on every node (a lab's `cluster.proxyMode`); default iptables. */
  proxyMode?: 'iptables' | 'ipvs' | 'userspace';
  /** Cluster parts to leave out (see LabClusterOptions.without). */
  without?: LabClusterOptions['without'];
}

export interface ControlPlane {
  handler: ApiHandler;
  /** The durable store (tests force compactions and check revisions through it; labs snapshot it). */
  store: DurableStore;
  cluster: LabCluster;
  driver: ClockDriver;
  close(): Promise<void>;
}

/** In-cluster, the API server listens where kubeadm puts it; the host endpoint's port is a host detail. */
const IN_CLUSTER_API_PORT = 6443;

function stderrSink(r: LogRecord): void {
  if (r.level === 'debug') return;
  const fields = r.fields ? ` ${JSON.stringify(r.fields)}` : '';
  process.stderr.write(`${r.level.toUpperCase()} ${r.component}: ${r.message}${fields}\n`);
}

/**
 * Virtual time never runs backwards across restarts: a lab that ran at ×100 is ahead of the wall clock, and its
 * objects carry those timestamps. The Clock object's last `status.now` is where a resumed cluster continues.
 */
async function resumedVirtualNow(store: Store): Promise<number> {
  const stored = await store.get(`/registry/${LAB_GROUP}/clocks/${CLOCK_NAME}`);
  const now = Date.parse(String((stored?.object['status'] as { now?: unknown } | undefined)?.now ?? ''));
  return Number.isFinite(now) ? Math.max(now, Date.now()) : Date.now();
}

export async function createControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const store = await openFileStore(join(opts.dataDir, 'store'));
  const driver = startClockDriver({ speed: opts.speed, seed: opts.seed, startMs: await resumedVirtualNow(store) });
  if (opts.paused) driver.clock.pause();
  const logger = new Logger(stderrSink, 'cluster-lab', () => driver.clock.now(), 'warn');
  const cluster = await createLabCluster({
    store,
    clock: driver.clock,
    logger,
    nodes: opts.nodes,
    zones: opts.zones,
    apiServerPort: IN_CLUSTER_API_PORT,
    caPem: opts.caPem ?? '',
    // The Clock object (lab.clusterlab.dev) is the learner's control of time; the driver follows it.
    clockControl: virtualClockControl(driver.clock),
    initialClock: { speed: opts.speed, paused: opts.paused ?? false },
    without: opts.without,
    proxyMode: opts.proxyMode,
  });
  return {
    handler: cluster.apiServer,
    store,
    cluster,
    driver,
    close: async () => {
      await cluster.close();
      driver.stop();
    },
  };
}
