/**
 * Pod subresources that are API-server logic: `binding` (the scheduler's write), `eviction` (policy/v1, PDB
 * checked), and the API server's half of the kubelet-backed streams (`log`, `exec`, `attach`, `portforward`):
 * option validation, container selection and the no-node answers, before a `PodStreams` reaches the kubelet.
 */
import { deepCopy, type KubeObject } from '../../api/objects';
import { rfc3339 } from '../../base/clock';
import { fieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest, ApiResponse } from '../handler-types';
import type { ResourceRequestInfo } from '../request/request-info';
import { decodeRequestObject } from '../request/content-negotiation';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { ServerContext } from '../server-context';
import { labelSelectorFromMeta } from '../selectors';
import { parsePodLogOptions } from '../streams/log-options';
import { selectContainer } from '../streams/container-selection';
import { parseRemoteCommandOptions } from '../streams/remote-command-options';
import { writeOptions } from './request-options';
import { jsonResponse } from './response';
import { StoreError } from '../../store/types';

/** What the API server resolved before handing a stream request to the kubelet side. */
export interface PodStreamContext {
  /** The virtual clock's now (ms), for sinceSeconds. */
  now: number;
  /** The container validated as upstream's validateContainer does; '' for portforward and proxy. */
  container: string;
  /** The node's InternalIP (or its name when it has none): where the API server would dial the kubelet. */
  nodeAddress: string;
}

export interface PodStreams {
  /** Serves log/exec/attach/portforward through the pod's kubelet; absent when the lab runs no kubelets. */
  serve?(pod: KubeObject, subresource: string, req: ApiRequest, ctx: PodStreamContext): Promise<ApiResponse>;
}

const created = () => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** POST pods/{name}/binding (and the legacy POST bindings): sets spec.nodeName once, marks PodScheduled. */
export async function handleBinding(ctx: ServerContext, podInfo: ResourceInfo, namespace: string, podName: string | undefined, req: ApiRequest): Promise<ApiResponse> {
  const binding = decodeRequestObject(req, { apiVersion: 'v1', kind: 'Binding' });
  const name = podName ?? binding.metadata?.name ?? '';
  const target = binding['target'] as { kind?: string; name?: string } | undefined;
  const errors = [];
  if (!target?.name) errors.push(fieldError.required('target.name'));
  if (target?.kind && target.kind !== 'Node') errors.push(fieldError.notSupported('target.kind', target.kind, ['Node', '<empty>']));
  if (errors.length > 0) throw apiErrors.invalid({ group: '', kind: 'Binding' }, name, errors);
  const nodeName = target?.name as string;
  const registry = ctx.registry(podInfo);
  const bindingResource = { group: '', resource: 'pods/binding' };
  // As upstream's BindingREST (assignPod → setPodHostAndAnnotations): a direct guaranteed update of the stored
  // pod — not a pod update, so no pod update validation, admission or managedFields entry for the binder.
  const assign = (current: KubeObject | undefined): KubeObject => {
    if (!current) throw apiErrors.notFound({ group: '', resource: 'pods' }, name);
    if (current.metadata?.deletionTimestamp) throw apiErrors.conflict(bindingResource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    const spec = current['spec'] as { nodeName?: string } | undefined;
    if (spec?.nodeName) throw apiErrors.conflict(bindingResource, name, `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`);
    const next = deepCopy(current);
    (next['spec'] as { nodeName?: string }).nodeName = nodeName;
    const annotations = binding.metadata?.annotations;
    if (annotations) next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, ...annotations } };
    const status = (next['status'] ??= {}) as { conditions?: PodCondition[] };
    const conditions = (status.conditions ??= []);
    const now = rfc3339(ctx.clock.now());
    const existing = conditions.find((c) => c.type === 'PodScheduled');
    if (existing) {
      if (existing.status !== 'True') existing.lastTransitionTime = now;
      existing.status = 'True';
      delete (existing as { reason?: string }).reason;
      delete (existing as { message?: string }).message;
    } else conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    return next;
  };
  if (writeOptions(req, 'binding').dryRun) {
    assign((await registry.tryGet(namespace, name))?.object);
  } else {
    try {
      await ctx.store.guaranteedUpdate(registry.key(namespace, name), assign);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'KeyNotFound') throw apiErrors.notFound({ group: '', resource: 'pods' }, name);
      throw err;
    }
  }
  return jsonResponse(201, created());
}

/** POST pods/{name}/eviction: refused with 429 while a matching PodDisruptionBudget allows no disruption. */
export async function handleEviction(ctx: ServerContext, podInfo: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
  const eviction = decodeRequestObject(req, { apiVersion: 'policy/v1', kind: 'Eviction' });
  const registry = ctx.registry(podInfo);
  const pod = await registry.get(ri.namespace, ri.name);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || phase === undefined;
  const pdbRegistry = ctx.registryFor('policy', 'poddisruptionbudgets');
  if (!terminal && pdbRegistry) {
    const pdbs = await ctx.store.list(pdbRegistry.prefix(ri.namespace));
    const matching = pdbs.items.map((i) => i.object).filter((pdb) => labelSelectorFromMeta((pdb['spec'] as { selector?: never })?.selector).matches(pod));
    if (matching.length > 1) throw apiErrors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    const pdb = matching[0];
    if (pdb) {
      const st = (pdb['status'] ?? {}) as { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number };
      if ((st.disruptionsAllowed ?? 0) <= 0) {
        const err = apiErrors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0);
        err.status.details = {
          causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata?.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently` }],
        };
        throw err;
      }
      await pdbRegistry.update(ri.namespace, pdb.metadata?.name ?? '', { ...writeOptions(req, 'status'), fieldManager: 'kube-apiserver' }, (cur) => {
        const next = deepCopy(cur as KubeObject);
        const s = (next['status'] ??= {}) as { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
        s.disruptionsAllowed = Math.max(0, (s.disruptionsAllowed ?? 0) - 1);
        s.disruptedPods = { ...s.disruptedPods, [ri.name]: rfc3339(ctx.clock.now()) };
        return next;
      });
    }
  }
  const opts = (eviction['deleteOptions'] ?? {}) as { gracePeriodSeconds?: number; dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string } };
  await registry.delete(ri.namespace, ri.name, {
    dryRun: (opts.dryRun ?? []).includes('All') || (req.query['dryRun'] ?? []).includes('All'),
    gracePeriodSeconds: opts.gracePeriodSeconds,
    preconditions: opts.preconditions,
    user: req.user,
  });
  return jsonResponse(201, created());
}

/**
 * log / exec / attach / portforward, in upstream's order: options (LogREST validates PodLogOptions first),
 * then the container (validateContainer), then the node. A log of a pod without a node is an empty 200
 * (LogLocation returns no location); the other streams answer `pod web does not have a host assigned`.
 */
export async function handlePodStream(ctx: ServerContext, podInfo: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest, streams: PodStreams): Promise<ApiResponse> {
  const pod = await ctx.registry(podInfo).get(ri.namespace, ri.name);
  const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
  let container = '';
  switch (ri.subresource) {
    case 'log': {
      const opts = parsePodLogOptions(req.query, ri.name);
      container = selectContainer(pod, opts.container);
      if (!nodeName) return { kind: 'body', status: 200, contentType: 'text/plain', body: '' };
      break;
    }
    case 'exec':
    case 'attach':
      container = selectContainer(pod, parseRemoteCommandOptions(req.query, ri.subresource === 'exec').container);
      break;
  }
  if (!nodeName) throw apiErrors.badRequest(`pod ${ri.name} does not have a host assigned`);
  if (!streams.serve) throw apiErrors.internal(`no kubelet is running on node ${JSON.stringify(nodeName)}`);
  return streams.serve(pod, ri.subresource, req, { now: ctx.clock.now(), container, nodeAddress: await nodeAddress(ctx, nodeName) });
}

async function nodeAddress(ctx: ServerContext, nodeName: string): Promise<string> {
  const node = (await ctx.registryFor('', 'nodes')?.tryGet('', nodeName))?.object;
  const addresses = ((node?.['status'] as { addresses?: Array<{ type?: string; address?: string }> } | undefined)?.addresses ?? []);
  return addresses.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
}
