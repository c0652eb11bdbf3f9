/**
 * The composition root of the API server: wires store, clock, catalog, schemas, strategies, admission, field
 * management and kind hooks into an ApiServer. Everything kind-specific is chosen here and nowhere else.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { Logger } from '../../base/logger';
import type { Store } from '../../store/types';
import { ApiServer } from '../api-server';
import type { PodStreams } from '../handlers/pod-subresources';
import { METRICS_RESOURCES } from '../metrics/metrics-resources';
import type { MetricsSource } from '../metrics/metrics-source';
import { ResourceHandlers } from '../handlers/resource-handlers';
import { ResponseConverter } from '../handlers/response-converter';
import type { PatchMetaLookup } from '../patch';
import type { CrdPrinterColumn } from '../printers';
import { DynamicCatalog } from '../resources/dynamic-catalog';
import type { ResourceInfo } from '../resources/resource-catalog';
import { ServerContext } from '../server-context';
import { ChainAdmissionRunner } from './admission-runner';
import { FieldManager } from './field-manager';
import { createKindHooks } from './kind-hooks';
import { validateMetadata } from './metadata-validation';
import { SchemaRegistry } from './schema-registry';
import { strategyFor } from './strategy-table';

export interface ApiServerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** `host:port` the server is reachable at, for /api's serverAddressByClientCIDRs. */
  serverAddress?: () => string;
  /** The kubelet-backed pod streams (log, exec, attach, portforward), e.g. kubeletPodStreams(directory). */
  podStreams?: PodStreams;
  /** metrics.k8s.io's numbers; without a source the metrics API is not served (no metrics-server). */
  metrics?: MetricsSource;
}

export interface ApiServerAssembly {
  server: ApiServer;
  context: ServerContext;
  catalog: DynamicCatalog;
}

const CRD_PREFIX = '/registry/apiextensions.k8s.io/customresourcedefinitions/';

export async function createApiServer(opts: ApiServerOptions): Promise<ApiServerAssembly> {
  const catalog = new DynamicCatalog();
  const crds = new Map<string, KubeObject>();
  for (const item of (await opts.store.list<KubeObject>(CRD_PREFIX)).items) crds.set(item.object.metadata?.name ?? '', item.object);

  const schemas = new SchemaRegistry(catalog, () => crds.values(), () => opts.clock.now());
  catalog.setCustomResourceDefinitions([...crds.values()]);
  const fieldManager = new FieldManager(opts.clock, catalog, schemas);
  // Admission reads through the registries, which need admission: resolve the cycle lazily.
  const contextRef: { current?: ServerContext } = {};
  const admission = new ChainAdmissionRunner(opts.clock, opts.store, () => contextRef.current as ServerContext);
  const hooksFor = createKindHooks({ store: opts.store, clock: opts.clock, catalog, servicesPrefix: '/registry/services/specs/' }, crds);

  const context = new ServerContext(opts.store, opts.clock, catalog, opts.logger, {
    store: opts.store,
    clock: opts.clock,
    strategyFor,
    validateMeta: validateMetadata,
    admission,
    managedFields: fieldManager,
    schema: schemas,
    hooksFor,
  });
  contextRef.current = context;

  const converter = new ResponseConverter(opts.clock, { columnsFor: (info) => crdPrinterColumns(info, crds) });
  const handlers = new ResourceHandlers(context, converter, {
    strategicLookup: (info: ResourceInfo): PatchMetaLookup | undefined => {
      if (info.crd) return undefined; // strategic merge is not supported for custom resources (415), as upstream
      return (path) => {
        const meta = schemas.patchMeta(info, path);
        return { mergeKey: meta.mergeKey, strategy: meta.strategy };
      };
    },
  });
  const openapi = {
    serve: (path: string, query: Record<string, string[]>) => schemas.openapi().serve(path, query),
  };
  if (opts.metrics) catalog.setAggregatedResources(METRICS_RESOURCES);
  const server = new ApiServer(context, handlers, openapi, opts.podStreams ?? {}, opts.serverAddress ?? (() => '127.0.0.1:6443'), opts.metrics);
  return { server, context, catalog };
}

interface CrdColumnSpec {
  name: string;
  additionalPrinterColumns?: CrdPrinterColumn[];
}

function crdPrinterColumns(info: ResourceInfo, crds: Map<string, KubeObject>): CrdPrinterColumn[] | undefined {
  if (!info.crd) return undefined;
  const crd = crds.get(info.crd.name);
  const versions = (crd?.['spec'] as { versions?: CrdColumnSpec[] } | undefined)?.versions ?? [];
  return versions.find((v) => v.name === info.version)?.additionalPrinterColumns;
}
