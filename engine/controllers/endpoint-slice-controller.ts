/**
 * The EndpointSlice controller (pkg/controller/endpointslice + k8s.io/endpointslice, 1.32): for every Service
 * with a selector (and not ExternalName), EndpointSlices labelled kubernetes.io/service-name and managed-by
 * endpointslice-controller.k8s.io, owned by the Service (the garbage collector removes them with it), holding
 * the selected pods — terminating ones included, with ready/serving/terminating conditions — at most 100 per
 * slice, one IPv4 (or IPv6) address type per Service family. Pod readiness, IP, label and deletion changes
 * resync the Services selecting the pod within the same instant.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { rfc3339, type Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import type { EndpointSliceObject, NodeObject, PodObject, ServiceObject } from './endpoints/endpoint-types';
import { enqueueServicesOnChange, selectorMatches, serviceSelector } from './endpoints/service-pod-membership';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, planSlices, SERVICE_NAME_LABEL } from './endpoints/slice-reconciler';
import { SliceTracker } from './endpoints/slice-tracker';
import { LAST_CHANGE_TRIGGER_TIME_ANNOTATION, TriggerTimeTracker } from './endpoints/trigger-time-tracker';

const SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

export class EndpointSliceController implements Reconciler {
  readonly name = 'endpointslice-controller';
  readonly loop: ControllerLoop;
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly tracker = new SliceTracker();
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly services: Informer,
    private readonly pods: Informer,
    private readonly nodes: Informer,
    private readonly slices: Informer,
    clock: Clock,
    logger: Logger,
    private readonly maxEndpointsPerSlice = 100,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'endpoint-slice-controller');
    enqueueServicesOnChange(services, pods, (key) => this.loop.queue.add(key));
    const onSlice = (slice: EndpointSliceObject) => {
      const svcName = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
      if (svcName === undefined || slice.metadata?.labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return;
      this.loop.queue.add(`${slice.metadata?.namespace}/${svcName}`);
    };
    slices.addHandlers({
      onAdd: (s) => {
        if (this.tracker.shouldSync(s as EndpointSliceObject)) onSlice(s as EndpointSliceObject);
      },
      onUpdate: (o, n) => {
        const slice = n as EndpointSliceObject;
        // A slice relabelled away from its Service: resync the Service it left too.
        const oldName = o.metadata?.labels?.[SERVICE_NAME_LABEL];
        if (oldName !== undefined && oldName !== slice.metadata?.labels?.[SERVICE_NAME_LABEL]) onSlice(o as EndpointSliceObject);
        if (this.tracker.shouldSync(slice)) onSlice(slice);
      },
      onDelete: (s) => {
        const slice = s as EndpointSliceObject;
        // A slice of ours deleted by someone else is recreated; one we deleted needs nothing.
        if (this.tracker.has(slice) && !this.tracker.handleDeletion(slice)) onSlice(slice);
      },
    });
  }

  /** Starts the worker (call after the informers synced: their initial adds have queued every Service). */
  start(): void {
    this.loop.start();
  }

  async reconcile(key: string): Promise<void> {
    const service = this.services.get(key) as ServiceObject | undefined;
    if (!service) {
      // The slices are the garbage collector's: they are owned by the deleted Service.
      this.triggerTimes.deleteService(key);
      this.tracker.deleteService(key);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(service);
    if (!selector) return;
    const namespace = service.metadata?.namespace ?? '';
    const name = service.metadata?.name ?? '';
    const pods = (this.pods.list(namespace) as PodObject[]).filter((p) => selectorMatches(selector, p.metadata?.labels));
    const existing = (this.slices.list(namespace) as EndpointSliceObject[]).filter(
      (s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name && s.metadata?.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME && !s.metadata?.deletionTimestamp,
    );
    if (this.tracker.stale(key, existing)) throw new Error('EndpointSlice informer cache is out of date');
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const plan = planSlices({
      service,
      pods,
      node: (n) => this.nodes.get(n) as NodeObject | undefined,
      existing,
      maxEndpointsPerSlice: this.maxEndpointsPerSlice,
    });

    const stamp = (slice: EndpointSliceObject) => {
      const annotations = { ...(slice.metadata?.annotations ?? {}) };
      if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION] = rfc3339(triggerTime);
      else delete annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION];
      slice.metadata = { ...slice.metadata };
      if (Object.keys(annotations).length > 0) slice.metadata.annotations = annotations;
      else delete slice.metadata.annotations;
      return slice;
    };
    try {
      // A Service being deleted gets no new slices.
      if (!service.metadata?.deletionTimestamp) {
        for (const slice of plan.create) this.tracker.update(await this.client.create<EndpointSliceObject & EndpointSlice>({ ...SLICES, namespace }, stamp(slice)));
      }
      for (const slice of plan.update) {
        this.tracker.update(await this.client.update<EndpointSliceObject & EndpointSlice>({ ...SLICES, namespace, name: slice.metadata?.name }, stamp(slice)));
      }
      for (const slice of plan.delete) {
        try {
          await this.client.delete({ ...SLICES, namespace, name: slice.metadata?.name });
        } catch (err) {
          if ((err as { code?: number }).code !== 404) throw err;
        }
        this.tracker.expectDeletion(slice);
      }
    } catch (err) {
      const status = err as { code?: number; status?: { details?: { causes?: Array<{ reason?: string }> } } };
      if (status.code === 403 && status.status?.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return;
      void this.recorder.event(
        referenceTo(service),
        'Warning',
        'FailedToUpdateEndpointSlices',
        `Error updating Endpoint Slices for Service ${namespace}/${name}: ${String((err as Error).message ?? err)}`,
      );
      throw err;
    }
    if (plan.podsWithoutNode.length > 0) throw new Error(`skipping Pods ${plan.podsWithoutNode.join(', ')} for Service ${key}: Node not found`);
  }
}
