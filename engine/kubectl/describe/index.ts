/**
 * `kubectl describe` (k8s.io/kubectl/pkg/describe, 1.32) for the in-app kubectl and the UI's inspector: a
 * describer per kind where upstream has one that the lab serves most — Pod, Deployment, ReplicaSet, ConfigMap,
 * Secret, Service, Namespace — and upstream's generic describer (the object's fields as nested `Key:  value`
 * lines) for every other kind. Several objects are separated by a blank line, as kubectl separates them.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { ApiClient } from '../../client/api-client';
import { eventsFor, rfc1123z, selectorString, writeAnnotations, writeEvents, writeLabels, writeTolerations } from './describe-format';
import { describeContainers, describePodTemplate, describeVolumes } from './pod-sections';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefix-writer';

export interface DescribeContext {
  client: ApiClient;
  clock: Clock;
  showEvents: boolean;
}

type Describer = (obj: KubeObject, w: PrefixWriter, ctx: DescribeContext) => Promise<void> | void;

const controllerOf = (obj: KubeObject) => (obj.metadata?.ownerReferences ?? []).find((o) => o.controller === true);

async function events(w: PrefixWriter, obj: KubeObject, ctx: DescribeContext): Promise<void> {
  if (ctx.showEvents) writeEvents(w, await eventsFor(ctx.client, obj), ctx.clock.now());
}

const describePod: Describer = async (obj, w, ctx) => {
  const pod = obj as Pod & KubeObject;
  const spec = pod.spec ?? { containers: [] };
  const st = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata?.namespace}\n`);
  if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  writeLabels(w, 'Labels', pod.metadata?.labels);
  writeAnnotations(w, 'Annotations', pod.metadata?.annotations);
  if (pod.metadata?.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    const left = Math.max(0, Date.parse(pod.metadata.deletionTimestamp) - ctx.clock.now());
    const { humanDuration } = await import('../../apiserver/printers/human-duration');
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(left)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.write(LEVEL_0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(LEVEL_0, `Message:\t${st.message}\n`);
  w.write(LEVEL_0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const owner = controllerOf(pod);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (st.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses, '');
  describeContainers(w, 'Containers', spec.containers, st.containerStatuses, '');
  if (st.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${st.qosClass ?? 'BestEffort'}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  await events(w, pod, ctx);
};

const describeDeployment: Describer = async (obj, w, ctx) => {
  const d = obj as Deployment & KubeObject;
  const spec = d.spec ?? { selector: {}, template: {} };
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', d.metadata?.labels);
  writeAnnotations(w, 'Annotations', d.metadata?.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const rsList = await ctx.client.list({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: d.metadata?.namespace });
  const owned = rsList.items.filter((rs) => controllerOf(rs)?.uid === d.metadata?.uid) as Array<ReplicaSet & KubeObject>;
  if (owned.length > 0 || (st.replicas ?? 0) > 0) {
    const hash = (rs: ReplicaSet & KubeObject) => rs.metadata?.labels?.['pod-template-hash'];
    const newest = owned.find((rs) => JSON.stringify(withoutHash(rs.spec?.template)) === JSON.stringify(withoutHash(spec.template)));
    const fmt = (list: Array<ReplicaSet & KubeObject>) => (list.length === 0 ? '<none>' : list.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', '));
    w.write(LEVEL_0, `OldReplicaSets:\t${fmt(owned.filter((rs) => rs !== newest && (rs.spec?.replicas ?? 0) > 0 && hash(rs) !== undefined))}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${fmt(newest ? [newest] : [])}\n`);
  }
  await events(w, d, ctx);
};

function withoutHash(template: PodTemplateSpec | undefined): unknown {
  if (!template) return template;
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

const describeReplicaSet: Describer = async (obj, w, ctx) => {
  const rs = obj as ReplicaSet & KubeObject;
  const st = rs.status ?? { replicas: 0 };
  const pods = (await ctx.client.list({ group: '', version: 'v1', resource: 'pods', namespace: rs.metadata?.namespace })).items.filter((p) => controllerOf(p)?.uid === rs.metadata?.uid);
  const phase = (ph: string) => pods.filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === ph).length;
  w.write(LEVEL_0, `Name:\t${rs.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(rs.spec?.selector)}\n`);
  writeLabels(w, 'Labels', rs.metadata?.labels);
  writeAnnotations(w, 'Annotations', rs.metadata?.annotations);
  const owner = controllerOf(rs);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(LEVEL_0, `Replicas:\t${st.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  if (st.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  await events(w, rs, ctx);
};

const describeConfigMap: Describer = async (obj, w, ctx) => {
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace}\n`);
  writeLabels(w, 'Labels', obj.metadata?.labels);
  writeAnnotations(w, 'Annotations', obj.metadata?.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (obj['data'] ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const binary = (obj['binaryData'] ?? {}) as Record<string, string>;
  for (const k of Object.keys(binary).sort()) w.write(LEVEL_0, `${k}: ${Math.floor(((binary[k] ?? '').replace(/=+$/, '').length * 3) / 4)} bytes\n`);
  w.write(LEVEL_0, '\n');
  await events(w, obj, ctx);
};

const describeSecret: Describer = async (obj, w, ctx) => {
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace}\n`);
  writeLabels(w, 'Labels', obj.metadata?.labels);
  writeAnnotations(w, 'Annotations', obj.metadata?.annotations);
  w.write(LEVEL_0, `\nType:\t${obj['type'] ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (obj['data'] ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    const bytes = Math.floor(((data[k] ?? '').replace(/=+$/, '').length * 3) / 4);
    w.write(LEVEL_0, `${k}:\t${bytes} bytes\n`);
  }
  void ctx;
};

const describeService: Describer = async (obj, w, ctx) => {
  const svc = obj as Service & KubeObject;
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${svc.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace}\n`);
  writeLabels(w, 'Labels', svc.metadata?.labels);
  writeAnnotations(w, 'Annotations', svc.metadata?.annotations);
  const sel = Object.keys(spec.selector ?? {}).sort().map((k) => `${k}=${spec.selector![k]}`).join(',');
  w.write(LEVEL_0, `Selector:\t${sel || '<none>'}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  if (spec.ipFamilies?.length) w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  if (spec.clusterIPs?.length) w.write(LEVEL_0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const slices = (await ctx.client.list({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: svc.metadata?.namespace }, { labelSelector: `kubernetes.io/service-name=${svc.metadata?.name}` })).items;
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const addrs: string[] = [];
    for (const s of slices) {
      const port = ((s['ports'] ?? []) as Array<{ name?: string; port?: number }>).find((sp) => (sp.name ?? '') === (p.name ?? ''));
      if (!port) continue;
      for (const e of (s['endpoints'] ?? []) as Array<{ addresses: string[]; conditions?: { ready?: boolean } }>) if (e.conditions?.ready !== false) for (const a of e.addresses) addrs.push(`${a}:${port.port}`);
    }
    w.write(LEVEL_0, `Endpoints:\t${addrs.length === 0 ? '' : addrs.slice(0, 3).join(',') + (addrs.length > 3 ? ` + ${addrs.length - 3} more...` : '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  await events(w, svc, ctx);
};

const describeNamespace: Describer = async (obj, w, ctx) => {
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name}\n`);
  writeLabels(w, 'Labels', obj.metadata?.labels);
  writeAnnotations(w, 'Annotations', obj.metadata?.annotations);
  w.write(LEVEL_0, `Status:\t${(obj['status'] as { phase?: string } | undefined)?.phase ?? ''}\n`);
  const quotas = (await ctx.client.list({ group: '', version: 'v1', resource: 'resourcequotas', namespace: obj.metadata?.name })).items;
  const limits = (await ctx.client.list({ group: '', version: 'v1', resource: 'limitranges', namespace: obj.metadata?.name })).items;
  w.write(LEVEL_0, quotas.length === 0 ? '\nNo resource quota.\n' : '\nResource Quotas\n');
  for (const q of quotas) {
    w.write(LEVEL_0, `  Name:\t${q.metadata?.name}\n`);
    w.write(LEVEL_0, '  Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '  --------\t---\t---\n');
    const st = (q['status'] ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
    for (const k of Object.keys(st.hard ?? {}).sort()) w.write(LEVEL_0, `  ${k}\t${st.used?.[k] ?? ''}\t${st.hard?.[k]}\n`);
  }
  w.write(LEVEL_0, limits.length === 0 ? '\nNo LimitRange resource.\n' : '\nResource Limits\n');
};

/** GenericDescriberFor: name, namespace, labels, annotations, then every other field as nested `Key:  value` lines. */
const describeGeneric: Describer = async (obj, w, ctx) => {
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata?.labels);
  writeAnnotations(w, 'Annotations', obj.metadata?.annotations);
  const { metadata, ...rest } = obj;
  const m = { ...(metadata ?? {}) } as Record<string, unknown>;
  for (const k of ['name', 'namespace', 'labels', 'annotations', 'managedFields']) delete m[k];
  printNested(w, { ...rest, Metadata: m }, 0);
  await events(w, obj, ctx);
};

const capitalize = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

/** printUnstructuredContent: maps as `Key:` blocks, lists item by item, scalars inline; keys sorted, capitalized. */
function printNested(w: PrefixWriter, value: Record<string, unknown>, level: number): void {
  for (const key of Object.keys(value).sort((a, b) => capitalize(a).localeCompare(capitalize(b)))) {
    const v = value[key];
    const title = capitalize(key);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      w.write(level, `${title}:\n`);
      printNested(w, v as Record<string, unknown>, level + 1);
    } else if (Array.isArray(v)) {
      w.write(level, `${title}:\n`);
      for (const item of v) {
        if (item !== null && typeof item === 'object') printNested(w, item as Record<string, unknown>, level + 1);
        else w.write(level + 1, `${String(item)}\n`);
      }
    } else {
      w.write(level, `${title}:\t${v === null ? '<nil>' : String(v)}\n`);
    }
  }
}

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Service: describeService,
  Namespace: describeNamespace,
};

/** The descriptions of `objs`, in order, as `kubectl describe` prints them. */
export async function describeObjects(objs: KubeObject[], ctx: DescribeContext): Promise<string> {
  const parts: string[] = [];
  for (const obj of objs) {
    const w = new PrefixWriter();
    await (DESCRIBERS[obj.kind ?? ''] ?? describeGeneric)(obj, w, ctx);
    parts.push(w.toString());
  }
  return parts.join('\n\n');
}
