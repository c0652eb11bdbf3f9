/**
 * Per-kind field selector support, as upstream splits it:
 *  - convertFieldLabel: the field label conversion funcs registered per kind (pkg/apis/core/v1/conversion.go,
 *    apps/v1, batch/v1, …) — they decide which names a request may use and rename legacy ones; kinds without
 *    one get runtime.DefaultMetaV1FieldSelectorConversion (metadata.name / metadata.namespace only).
 *  - selectableFields: each registry's GetAttrs/ToSelectableFields — the values matched against. A name the
 *    conversion accepts but the set lacks (e.g. Pod `status.podIPs`) reads as ''.
 * Kind keys are '<group or core>/<Kind>'.
 */
import type { KubeObject } from '../../api/objects';

type Obj = Record<string, unknown>;

const get = (o: unknown, ...path: string[]): unknown => {
  let cur = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
};
const str = (o: unknown, ...path: string[]): string => {
  const v = get(o, ...path);
  return typeof v === 'string' ? v : '';
};
const int = (o: unknown, ...path: string[]): string => {
  const v = get(o, ...path);
  return typeof v === 'number' ? String(Math.trunc(v)) : '0';
};

/** Kinds whose objects have no namespace: generic.ObjectMetaFieldsSet(…, false) leaves metadata.namespace out. */
const CLUSTER_SCOPED = new Set([
  'core/Namespace',
  'core/Node',
  'core/PersistentVolume',
  'core/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest',
  'apiregistration.k8s.io/APIService',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

interface KindFields {
  /** Labels the conversion accepts (metadata.* included where upstream lists them). */
  readonly accepted: readonly string[];
  /** Legacy names the conversion rewrites. */
  readonly renames?: Readonly<Record<string, string>>;
  /** The kind-specific part of the selectable field set. */
  readonly specific: (obj: KubeObject) => Record<string, string>;
}

const META = ['metadata.name', 'metadata.namespace'];

const KINDS: Record<string, KindFields> = {
  'core/Pod': {
    accepted: [
      ...META,
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    renames: { 'spec.host': 'spec.nodeName' },
    specific: (pod) => {
      const podIPs = get(pod, 'status', 'podIPs');
      const firstIP = Array.isArray(podIPs) ? str(podIPs[0], 'ip') : '';
      return {
        'spec.nodeName': str(pod, 'spec', 'nodeName'),
        'spec.restartPolicy': str(pod, 'spec', 'restartPolicy'),
        'spec.schedulerName': str(pod, 'spec', 'schedulerName'),
        'spec.serviceAccountName': str(pod, 'spec', 'serviceAccountName'),
        'spec.hostNetwork': get(pod, 'spec', 'hostNetwork') === true ? 'true' : 'false',
        'status.phase': str(pod, 'status', 'phase'),
        'status.podIP': firstIP,
        'status.nominatedNodeName': str(pod, 'status', 'nominatedNodeName'),
      };
    },
  },
  'core/Event': {
    accepted: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      ...META,
    ],
    specific: (ev) => ({
      'involvedObject.kind': str(ev, 'involvedObject', 'kind'),
      'involvedObject.namespace': str(ev, 'involvedObject', 'namespace'),
      'involvedObject.name': str(ev, 'involvedObject', 'name'),
      'involvedObject.uid': str(ev, 'involvedObject', 'uid'),
      'involvedObject.apiVersion': str(ev, 'involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': str(ev, 'involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': str(ev, 'involvedObject', 'fieldPath'),
      reason: str(ev, 'reason'),
      reportingComponent: str(ev, 'reportingComponent'),
      source: str(ev, 'source', 'component') || str(ev, 'reportingComponent'),
      type: str(ev, 'type'),
    }),
  },
  'core/Namespace': {
    accepted: ['status.phase', 'metadata.name'],
    specific: (ns) => ({ 'status.phase': str(ns, 'status', 'phase') }),
  },
  'core/Secret': {
    accepted: ['type', ...META],
    specific: (s) => ({ type: str(s, 'type') }),
  },
  'core/Node': {
    accepted: ['metadata.name', 'spec.unschedulable'],
    specific: (n) => ({ 'spec.unschedulable': get(n, 'spec', 'unschedulable') === true ? 'true' : 'false' }),
  },
  'core/ReplicationController': {
    accepted: [...META, 'status.replicas'],
    specific: (rc) => ({ 'status.replicas': int(rc, 'status', 'replicas') }),
  },
  'core/Service': {
    accepted: [...META, 'spec.clusterIP', 'spec.type'],
    specific: (svc) => ({ 'spec.clusterIP': str(svc, 'spec', 'clusterIP'), 'spec.type': str(svc, 'spec', 'type') }),
  },
  'apps/ReplicaSet': {
    accepted: [...META, 'status.replicas'],
    specific: (rs) => ({ 'status.replicas': int(rs, 'status', 'replicas') }),
  },
  'batch/Job': {
    accepted: [...META, 'status.successful'],
    specific: (job) => ({ 'status.successful': int(job, 'status', 'succeeded') }),
  },
};

/**
 * ConvertFieldLabel for one term. Throws an Error whose message is upstream's: `field label not supported: x`
 * for kinds with their own conversion, the DefaultMetaV1FieldSelectorConversion text otherwise.
 */
export function convertFieldLabel(kindKey: string, field: string, value: string): { field: string; value: string } {
  const kind = KINDS[kindKey];
  if (kind === undefined) {
    if (field === 'metadata.name' || field === 'metadata.namespace') return { field, value };
    throw new Error(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
  if (kind.accepted.includes(field)) return { field, value };
  const renamed = kind.renames?.[field];
  if (renamed !== undefined) return { field: renamed, value };
  throw new Error(`field label not supported: ${field}`);
}

/** GetAttrs' field set for an object of the kind: metadata.name, metadata.namespace (namespaced kinds) and the kind's own fields. */
export function selectableFields(kindKey: string, obj: KubeObject): Record<string, string> {
  // Stored objects are frozen and shared by every watch: one pod event is matched against each kubelet's
  // `spec.nodeName=` watch, so the field set is built once per stored version, not once per watcher.
  const frozen = Object.isFrozen(obj);
  if (frozen) {
    const cached = fieldSetCache.get(obj);
    if (cached !== undefined && cached.kindKey === kindKey) return cached.fields;
  }
  const out: Record<string, string> = { 'metadata.name': obj.metadata?.name ?? '' };
  if (!CLUSTER_SCOPED.has(kindKey)) out['metadata.namespace'] = obj.metadata?.namespace ?? '';
  const kind = KINDS[kindKey];
  const fields = kind === undefined ? out : { ...out, ...kind.specific(obj) };
  if (frozen) fieldSetCache.set(obj, { kindKey, fields });
  return fields;
}

/** Field sets of frozen (stored, immutable) objects; entries go with their objects. */
const fieldSetCache = new WeakMap<KubeObject, { kindKey: string; fields: Record<string, string> }>();
