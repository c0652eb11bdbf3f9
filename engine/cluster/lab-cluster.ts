/**
 * A whole simulated cluster, platform-free: API server over a Store, the system objects a new cluster has, and
 * the control-plane loops that exist so far (namespace lifecycle, service accounts + root CA, garbage
 * collection), the apiserver's compactor (every 5 virtual minutes) and watch bookmarks. The host (main/) picks
 * the store and drives the clock.
 */
import type { Clock } from '../base/clock';
import { DisposableStore } from '../base/disposable';
import { Emitter } from '../base/event';
import type { Logger } from '../base/logger';
import type { ApiServer } from '../apiserver/api-server';
import { createApiServer } from '../apiserver/assembly/create-api-server';
import type { UserInfo } from '../apiserver/handler-types';
import type { DynamicCatalog } from '../apiserver/resources/dynamic-catalog';
import { parseApiVersion } from '../api/objects';
import type { Store } from '../store/types';
import { ApiClient, type ResourceRef } from '../client/api-client';
import { Informer } from '../client/informer';
import { GarbageCollector, type ResourceResolver } from '../controllers/garbage-collector';
import { NamespaceController } from '../controllers/namespace-controller';
import { ServiceAccountController } from '../controllers/service-account-controller';
import { nodeObjects, systemObjects } from './bootstrap-objects';

export interface LabClusterOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  nodes: number;
  zones: string[];
  /** Port the API server is reachable at (the `kubernetes` Service's target). */
  apiServerPort: number;
  /** PEM of the cluster CA, published as kube-root-ca.crt in every namespace. */
  caPem: string;
}

export interface LabCluster {
  apiServer: ApiServer;
  catalog: DynamicCatalog;
  /** A client acting as the cluster admin (the learner). */
  adminClient: ApiClient;
  close(): Promise<void>;
}

/** The lab's one human principal: RBAC's superuser group. */
export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const CONTROLLER_USER: UserInfo = { name: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] };

/** The apiserver compacts etcd every 5 minutes, to the revision it saw one interval earlier. */
export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;
/** The watch cache's bookmark cadence. */
export const BOOKMARK_INTERVAL_MS = 60 * 1000;

function resolverFor(catalog: DynamicCatalog): ResourceResolver {
  const changed = new Emitter<void>();
  catalog.onDidChange(() => changed.fire());
  const refs = () => {
    const seen = new Set<string>();
    const out: Array<ResourceRef & { namespaced: boolean }> = [];
    for (const r of catalog.all()) {
      const key = `${r.group}/${r.plural}`;
      if (seen.has(key) || r.virtual || r.createOnly || !r.verbs.includes('watch') || !r.verbs.includes('delete')) continue;
      seen.add(key);
      const preferred = catalog.forResource(r.group, r.plural) ?? r;
      out.push({ group: preferred.group, version: preferred.version, resource: preferred.plural, namespaced: preferred.namespaced });
    }
    return out;
  };
  return {
    deletableResources: refs,
    resourceFor: (apiVersion, kind) => {
      const { group, version } = parseApiVersion(apiVersion);
      const info = catalog.forKind(group, kind, version);
      return info ? { group: info.group, version: info.version, resource: info.plural, namespaced: info.namespaced } : undefined;
    },
    onDidChange: changed.event,
  };
}

export async function createLabCluster(opts: LabClusterOptions): Promise<LabCluster> {
  const disposables = new DisposableStore();
  const { server, catalog } = await createApiServer({ store: opts.store, clock: opts.clock, logger: opts.logger, serverAddress: () => `127.0.0.1:${opts.apiServerPort}` });
  const adminClient = new ApiClient(server, ADMIN_USER, 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd');
  const system = new ApiClient(server, CONTROLLER_USER, 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd');

  for (const b of [...systemObjects(opts.apiServerPort), ...nodeObjects(opts.nodes, opts.zones)]) {
    const ref = { group: b.group, version: b.version, resource: b.resource, namespace: b.namespace };
    try {
      await system.get({ ...ref, name: b.object.metadata?.name }); // a resumed cluster already has it
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
      await system.create(ref, b.object);
    }
  }

  const log = opts.logger.child('controller-manager');
  const namespaces = disposables.add(new Informer(system, { group: '', version: 'v1', resource: 'namespaces' }, opts.clock));
  const serviceAccounts = disposables.add(new Informer(system, { group: '', version: 'v1', resource: 'serviceaccounts' }, opts.clock));
  const configMaps = disposables.add(new Informer(system, { group: '', version: 'v1', resource: 'configmaps' }, opts.clock, { fieldSelector: 'metadata.name=kube-root-ca.crt' }));

  const resolver = resolverFor(catalog);
  const namespacedResources = (): ResourceRef[] =>
    resolver
      .deletableResources()
      .filter((r) => r.namespaced)
      .map(({ namespaced: _n, ...ref }) => ref);
  const nsController = new NamespaceController(system, namespaces, namespacedResources, opts.clock, log);
  const saController = new ServiceAccountController(system, namespaces, serviceAccounts, configMaps, opts.caPem, opts.clock, log);
  const gc = new GarbageCollector(system, resolver, opts.clock, log);
  disposables.add(nsController.loop);
  disposables.add(saController.loop);
  disposables.add(gc);
  await Promise.all([namespaces.start(), serviceAccounts.start(), configMaps.start()]);
  nsController.loop.start();
  saController.loop.start();
  await gc.start();

  let lastCompactTarget = opts.store.currentRevision();
  disposables.add(
    opts.clock.setPeriodic(COMPACTION_INTERVAL_MS, () => {
      const target = lastCompactTarget;
      lastCompactTarget = opts.store.currentRevision();
      if (target > opts.store.compactedRevision()) void opts.store.compact(target);
    }),
  );
  const progress = (opts.store as { requestProgress?: () => void }).requestProgress;
  if (progress) disposables.add(opts.clock.setPeriodic(BOOKMARK_INTERVAL_MS, () => progress.call(opts.store)));

  return {
    apiServer: server,
    catalog,
    adminClient,
    close: async () => {
      disposables.dispose();
      await opts.store.close();
    },
  };
}
