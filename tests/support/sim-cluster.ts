/**
 * A whole lab cluster in-process under a VirtualClock, for scenario tests: the same createLabCluster the app
 * runs (scheduler, kubelets, controllers), an in-memory MvccStore, and a clock the test drives.
 *
 * `settle()` lets asynchronous work finish at the current virtual instant: it counts API requests in flight
 * (every component reaches the cluster through the API server) and returns once none are running, no timer is
 * due now, and a few event-loop turns passed without new requests. `advance(ms)` moves virtual time in steps,
 * settling after each, so a 10-minute story runs in well under a second of test time.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { ApiRequest, ApiResponse } from '../../engine/apiserver/handler-types';
import { Logger, type LogRecord } from '../../engine/base/logger';
import { VirtualClock } from '../../engine/base/virtual-clock';
import type { ApiClient, ResourceRef, WatchEvent } from '../../engine/client/api-client';
import { createLabCluster, type LabCluster } from '../../engine/cluster/lab-cluster';
import { virtualClockControl } from '../../engine/lab';
import { MvccStore } from '../../engine/store/mvcc-store';

export const SIM_START = Date.UTC(2026, 10, 23, 12, 0, 0);

export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };

export interface SimCluster {
  clock: VirtualClock;
  /** The cluster's store (in memory). */
  store: MvccStore;
  cluster: LabCluster;
  admin: ApiClient;
  logs: LogRecord[];
  settle(): Promise<void>;
  /** Advances virtual time by `ms`, timer by timer and at most `stepMs` (default 1 s) at once, settling after each. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Advances in steps until `done()` holds or `maxMs` of virtual time passed; returns the virtual ms it took. */
  advanceUntil(done: () => boolean | Promise<boolean>, maxMs: number, stepMs?: number): Promise<number>;
  /** Watches a resource from now on, collecting events in order. */
  record(ref: ResourceRef, query?: Record<string, string>): Promise<{ events: WatchEvent[]; stop(): void }>;
  pod(namespace: string, name: string): Promise<KubeObject>;
  eventsFor(namespace: string, name: string): Promise<KubeObject[]>;
  close(): Promise<void>;
}

export async function startSimCluster(opts: { nodes?: number; zones?: string[]; seed?: number; controllerManagers?: number; schedulers?: number; proxyMode?: 'iptables' | 'ipvs' | 'userspace' } = {}): Promise<SimCluster> {
  const clock = new VirtualClock({ startMs: SIM_START, seed: opts.seed ?? 1 });
  const logs: LogRecord[] = [];
  const logger = new Logger((r) => logs.push(r), 'sim', () => clock.now());
  const store = new MvccStore();
  const cluster = await createLabCluster({
    store,
    clock,
    logger,
    nodes: opts.nodes ?? 3,
    zones: opts.zones ?? ['zone-a', 'zone-b'],
    apiServerPort: 6443,
    caPem: 'CA',
    clockControl: virtualClockControl(clock),
    controllerManagers: opts.controllerManagers,
    schedulers: opts.schedulers,
    proxyMode: opts.proxyMode,
  });

  // Count requests in flight: components hold the server itself, so the count wraps its handle method.
  let inFlight = 0;
  let started = 0;
  const server = cluster.apiServer as { handle(req: ApiRequest): Promise<ApiResponse> };
  const handle = server.handle.bind(server);
  server.handle = async (req: ApiRequest) => {
    inFlight++;
    started++;
    try {
      return await handle(req);
    } finally {
      inFlight--;
    }
  };

  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const settle = async () => {
    let quiet = 0;
    for (let i = 0; i < 10_000 && quiet < 3; i++) {
      const before = started;
      await turn();
      clock.tick(0); // runs timers due at this instant (0 ms timers)
      quiet = inFlight === 0 && started === before && (clock.nextDue() ?? Infinity) > clock.now() ? quiet + 1 : 0;
    }
  };
  // Jumps from timer to timer (never past `stepMs` at once), settling at each instant, so idle stretches cost
  // nothing and every timer fires at its own virtual time.
  const advance = async (ms: number, stepMs = 1000) => {
    const target = clock.now() + ms;
    while (clock.now() < target) {
      const next = Math.min(target, clock.now() + stepMs, Math.max(clock.nextDue() ?? Infinity, clock.now()));
      clock.advance(next - clock.now());
      await settle();
    }
  };
  await settle();

  const admin = cluster.adminClient;
  const sim: SimCluster = {
    clock,
    store,
    cluster,
    admin,
    logs,
    settle,
    advance,
    async advanceUntil(done, maxMs, stepMs = 1000) {
      const start = clock.now();
      while (!(await done())) {
        if (clock.now() - start >= maxMs) throw new Error(`condition not reached within ${maxMs} virtual ms`);
        await advance(stepMs, stepMs);
      }
      return clock.now() - start;
    },
    async record(ref, query = {}) {
      const events: WatchEvent[] = [];
      const list = await admin.list(ref, query);
      const sub = await admin.watch(ref, { ...query, resourceVersion: list.metadata.resourceVersion }, (e) => events.push(e), () => {});
      return { events, stop: () => sub.dispose() };
    },
    pod: (namespace, name) => admin.get({ ...PODS, namespace, name }),
    async eventsFor(namespace, name) {
      const list = await admin.list({ ...EVENTS, namespace }, { fieldSelector: `involvedObject.name=${name}` });
      return list.items;
    },
    close: () => cluster.close(),
  };
  return sim;
}
