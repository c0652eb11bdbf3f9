/**
 * Pod and PodSpec defaulting as pkg/apis/core/v1/defaults.go + zz_generated.defaults.go (1.32) apply it.
 *
 * Two entry points mirror upstream's split: `setPodDefaults` is SetObjectDefaults_Pod (adds the Pod-only
 * SetDefaults_Pod: requests from limits, enableServiceLinks, hostNetwork ports); `setPodTemplateSpecDefaults`
 * is what every workload template gets (PodSpec and nested defaults only).
 *
 * Not here (set by admission, not defaulting): serviceAccountName/serviceAccount and the token volume
 * (ServiceAccount plugin), default tolerations for not-ready/unreachable (DefaultTolerationSeconds),
 * priority/preemptionPolicy (Priority plugin), LimitRange defaults.
 */
import type { Container, PodSpec, PodTemplateSpec, Probe, Volume, LifecycleHandler } from 'kubernetes-types/core/v1';
import { quantityFromJSON, Quantity } from '../../validation/quantity';
import { imageTag } from './image-reference';

type Json = Record<string, unknown>;
const MILLI_NANOS = 1_000_000n;

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644 for secret, configMap, downwardAPI and projected volumes. */
export const DEFAULT_VOLUME_MODE = 420;

/**
 * SetDefaults_ResourceList: every quantity is rounded up to milli precision and re-serialised the way the
 * server stores it. Values that do not parse are left for the decoder/validation to reject.
 */
export function normalizeResourceList(list: Record<string, unknown> | undefined): void {
  if (list === undefined || list === null) return;
  for (const [name, raw] of Object.entries(list)) {
    let q: Quantity;
    try {
      q = quantityFromJSON(raw);
    } catch {
      continue;
    }
    if (q.nanos % MILLI_NANOS !== 0n) {
      // AsScale(-3) rounds up; the cached text is dropped, so the canonical form is stored.
      const milli = q.nanos / MILLI_NANOS + (q.nanos > 0n ? 1n : 0n);
      list[name] = Quantity.fromNanos(milli * MILLI_NANOS, q.format).canonical();
    } else {
      list[name] = q.toString();
    }
  }
}

function setHTTPGetDefaults(handler: { httpGet?: { path?: string; scheme?: string } } | undefined): void {
  const get = handler?.httpGet;
  if (!get) return;
  if (!get.path) get.path = '/';
  if (!get.scheme) get.scheme = 'HTTP';
}

function setProbeDefaults(probe: Probe | undefined): void {
  if (!probe) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  setHTTPGetDefaults(probe);
  if (probe.grpc && probe.grpc.service === undefined) probe.grpc.service = '';
}

function setFieldRefDefaults(fieldRef: { apiVersion?: string } | undefined): void {
  if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
}

/** SetDefaults_Container plus the generated nested defaults (ports, env fieldRefs, resources, probes, lifecycle). */
export function setContainerDefaults(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) if (!port.protocol) port.protocol = 'TCP';
  for (const env of c.env ?? []) setFieldRefDefaults(env.valueFrom?.fieldRef);
  // ResourceRequirements is a struct, so the server always serialises `resources: {}`.
  if (c.resources === undefined || c.resources === null) c.resources = {};
  normalizeResourceList(c.resources.limits as Json | undefined);
  normalizeResourceList(c.resources.requests as Json | undefined);
  setProbeDefaults(c.livenessProbe);
  setProbeDefaults(c.readinessProbe);
  setProbeDefaults(c.startupProbe);
  const hooks: (LifecycleHandler | undefined)[] = [c.lifecycle?.postStart, c.lifecycle?.preStop];
  for (const h of hooks) setHTTPGetDefaults(h);
}

/** SetDefaults_Volume and the per-source defaults. */
export function setVolumeDefaults(v: Volume): void {
  const raw = v as unknown as Json;
  const sourceKeys = Object.keys(raw).filter((k) => k !== 'name' && raw[k] !== undefined && raw[k] !== null);
  if (sourceKeys.length === 0) v.emptyDir = {};
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) setFieldRefDefaults(item.fieldRef);
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_VOLUME_MODE;
    for (const src of v.projected.sources ?? []) {
      for (const item of src.downwardAPI?.items ?? []) setFieldRefDefaults(item.fieldRef);
      if (src.serviceAccountToken && src.serviceAccountToken.expirationSeconds === undefined) src.serviceAccountToken.expirationSeconds = 3600;
    }
  }
  if (v.iscsi && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (v.rbd) {
    if (!v.rbd.pool) v.rbd.pool = 'rbd';
    if (!v.rbd.user) v.rbd.user = 'admin';
    if (!v.rbd.keyring) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    if (!v.azureDisk.cachingMode) v.azureDisk.cachingMode = 'ReadWrite';
    if (!v.azureDisk.kind) v.azureDisk.kind = 'Shared';
    if (v.azureDisk.fsType === undefined) v.azureDisk.fsType = 'ext4';
    if (v.azureDisk.readOnly === undefined) v.azureDisk.readOnly = false;
  }
  if (v.scaleIO) {
    if (!v.scaleIO.storageMode) v.scaleIO.storageMode = 'ThinProvisioned';
    if (!v.scaleIO.fsType) v.scaleIO.fsType = 'xfs';
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec) setPersistentVolumeClaimSpecDefaults(claimSpec as Json);
}

/** SetDefaults_PersistentVolumeClaimSpec (+ resource lists). */
export function setPersistentVolumeClaimSpecDefaults(spec: Json): void {
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  const resources = spec.resources as Json | undefined;
  if (resources) {
    normalizeResourceList(resources.limits as Json | undefined);
    normalizeResourceList(resources.requests as Json | undefined);
  }
}

/** SetDefaults_PodSpec and everything generated beneath a PodSpec. */
export function setPodSpecDefaults(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  for (const v of spec.volumes ?? []) setVolumeDefaults(v);
  for (const c of spec.initContainers ?? []) setContainerDefaults(c);
  for (const c of spec.containers ?? []) setContainerDefaults(c);
  for (const c of spec.ephemeralContainers ?? []) setContainerDefaults(c as Container);
  normalizeResourceList(spec.overhead as Json | undefined);
}

/** SetDefaults_Pod: the Pod-only defaults, applied before SetDefaults_PodSpec as the generated defaulter does. */
function setPodOnlyDefaults(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits as Json | undefined;
    if (limits) {
      const resources = c.resources as { requests?: Json };
      if (!resources.requests) resources.requests = {};
      for (const [k, v] of Object.entries(limits)) if (!(k in resources.requests)) resources.requests[k] = v;
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** SetObjectDefaults_Pod. */
export function setPodDefaults(pod: { spec?: PodSpec }): void {
  if (!pod.spec) pod.spec = { containers: [] };
  setPodOnlyDefaults(pod.spec);
  setPodSpecDefaults(pod.spec);
}

/**
 * Defaults for an embedded PodTemplateSpec. ObjectMeta is a struct, so the server serialises an unset
 * template creationTimestamp as `creationTimestamp: null` (1.32 behaviour, visible in `kubectl get -o yaml`).
 */
export function setPodTemplateSpecDefaults(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  setEmbeddedObjectMetaDefaults(template as Json);
  if (!template.spec) template.spec = { containers: [] };
  setPodSpecDefaults(template.spec);
}

/** An embedded ObjectMeta always serialises at least `creationTimestamp: null`. */
export function setEmbeddedObjectMetaDefaults(holder: Json): void {
  const meta = (holder.metadata ?? {}) as Json;
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  holder.metadata = meta;
}
