/**
 * The Endpoints controller (pkg/controller/endpoint, 1.32): for every Service with a selector (and not of type
 * ExternalName) it keeps an Endpoints object of the same name listing the selected pods — ready ones under
 * `addresses`, the rest under `notReadyAddresses` (all ready with publishNotReadyAddresses), terminating pods
 * left out unless publishNotReadyAddresses — with ports resolved from each Service port's targetPort, subsets
 * repacked, the Service's labels plus `service.kubernetes.io/headless` for headless Services, the
 * last-change-trigger-time annotation and the 1000-address cap. A Service's deletion deletes its Endpoints;
 * Endpoints of Services without a selector are never touched. On start every existing Endpoints is queued once
 * (checkLeftoverEndpoints), so ones whose Service disappeared while the controller was down are removed.
 */
import { deepCopy } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { semanticDeepEqual } from '../apiserver/validation/semantic-equal';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { capacityAnnotationSetCorrectly, OVER_CAPACITY_ANNOTATION, TRUNCATED, truncateEndpoints } from './endpoints/endpoints-capacity';
import type { EndpointsObject, PodObject, ServiceObject } from './endpoints/endpoint-types';
import { isServiceIPSet, shouldPodBeInEndpoints } from './endpoints/pod-endpoint-eligibility';
import { podSubsets } from './endpoints/pod-to-endpoint-address';
import { repackSubsets } from './endpoints/repack-subsets';
import { enqueueServicesOnChange, selectorMatches, serviceSelector } from './endpoints/service-pod-membership';
import { LAST_CHANGE_TRIGGER_TIME_ANNOTATION, TriggerTimeTracker } from './endpoints/trigger-time-tracker';

const ENDPOINTS: ResourceRef = { group: '', version: 'v1', resource: 'endpoints' };
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';
/** Endpoints carrying a leader-election record are locks, not a Service's endpoints (resourcelock). */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Subsets equal apart from the targets' resourceVersion (which this controller never writes anyway). */
function subsetsEqual(a: unknown, b: unknown): boolean {
  return semanticDeepEqual(a ?? [], b ?? []);
}

function labelsEqual(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => b?.[k] === a?.[k]);
}

export class EndpointsController implements Reconciler {
  readonly name = 'endpoint-controller';
  readonly loop: ControllerLoop;
  private readonly tracker = new TriggerTimeTracker();
  /**
   * staleEndpointsTracker: the resourceVersion each Endpoints had when this controller last replaced it. A cached
   * copy still at that version predates our own write, so syncing from it would be a conflict (or undo the write);
   * the key is retried until the informer catches up.
   */
  private readonly staleVersions = new Map<string, string>();
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly services: Informer,
    private readonly pods: Informer,
    private readonly endpoints: Informer,
    clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'endpoint-controller');
    enqueueServicesOnChange(services, pods, (key) => this.loop.queue.add(key));
    // An Endpoints deleted by someone else is recreated if its Service still wants it.
    endpoints.addHandlers({
      onDelete: (ep) => {
        this.staleVersions.delete(objectKey(ep));
        this.loop.queue.add(objectKey(ep));
      },
    });
  }

  /** Queues every existing Endpoints once (call after the informers synced), then starts the worker. */
  start(): void {
    for (const ep of this.endpoints.list()) {
      if (ep.metadata?.annotations?.[LEADER_ANNOTATION] !== undefined) continue;
      this.loop.queue.add(objectKey(ep));
    }
    this.loop.start();
  }

  async reconcile(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const service = this.services.get(key) as ServiceObject | undefined;
    if (!service) {
      try {
        await this.client.delete({ ...ENDPOINTS, namespace, name });
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
      this.tracker.deleteService(key);
      this.staleVersions.delete(key);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;

    const pods = (this.pods.list(namespace) as PodObject[]).filter((p) => selectorMatches(selector, p.metadata?.labels));
    // Computed before the no-op check so the tracker's state follows every sync.
    const triggerTime = this.tracker.compute(key, service, pods);
    const publishNotReady = service.spec?.publishNotReadyAddresses === true;
    const subsets = repackSubsets(pods.filter((p) => shouldPodBeInEndpoints(p, publishNotReady)).flatMap((p) => podSubsets(service, p)));

    const current = this.endpoints.get(key) as EndpointsObject | undefined;
    if (current && this.staleVersions.get(key) === current.metadata?.resourceVersion) {
      throw new Error(`endpoints informer cache is out of date, resource version ${current.metadata?.resourceVersion} already processed for endpoints ${key}`);
    }
    const svcLabels = service.metadata?.labels;
    if (current) {
      const compareLabels = { ...(current.metadata?.labels ?? {}) };
      delete compareLabels[HEADLESS_SERVICE_LABEL];
      if (
        subsetsEqual(current.subsets, subsets) &&
        labelsEqual(compareLabels, svcLabels) &&
        capacityAnnotationSetCorrectly(current.metadata?.annotations, current.subsets ?? [])
      ) {
        return;
      }
    }

    const next: EndpointsObject = current
      ? deepCopy(current)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    // `subsets` is omitempty: a Service with no endpoints has none.
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    const annotations = { ...(next.metadata?.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION] = rfc3339(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION];
    if (truncateEndpoints(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = TRUNCATED;
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const labels: Record<string, string> = { ...(svcLabels ?? {}) };
    if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
    else delete labels[HEADLESS_SERVICE_LABEL];
    const metadata = { ...next.metadata };
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    else delete metadata.labels;
    next.metadata = metadata;

    try {
      if (current) {
        const updated = await this.client.update({ ...ENDPOINTS, namespace, name }, next);
        // A no-op update keeps the resourceVersion; marking it stale would wait for a change that never comes.
        if (updated.metadata?.resourceVersion !== current.metadata?.resourceVersion) this.staleVersions.set(key, current.metadata?.resourceVersion ?? '');
      } else {
        await this.client.create({ ...ENDPOINTS, namespace }, next);
      }
    } catch (err) {
      const status = err as { code?: number; status?: { details?: { causes?: Array<{ reason?: string }> } } };
      // Creating in a terminating namespace keeps failing: drop the key, as upstream does.
      if (!current && status.code === 403 && status.status?.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return;
      const message = String((err as Error).message ?? err);
      void this.recorder.event(
        referenceTo({ ...next, metadata: { ...next.metadata, uid: current?.metadata?.uid } }),
        'Warning',
        current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint',
        current ? `Failed to update endpoint ${namespace}/${name}: ${message}` : `Failed to create endpoint for service ${namespace}/${name}: ${message}`,
      );
      throw err;
    }
  }
}
