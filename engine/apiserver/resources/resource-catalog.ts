/**
 * The built-in resources Cluster Lab serves, with the discovery facts kubectl reads (`kubectl api-resources`):
 * plural, singular, kind, namespaced, short names, categories, verbs, subresources. Values follow a 1.32
 * kube-apiserver's discovery documents. Custom resources are added at run time from CRDs.
 */

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface SubresourceInfo {
  name: string;
  kind: string;
  /** Group/version of the subresource's kind, when it differs (scale → autoscaling/v1). */
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** The plural resource name used in URLs. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: Verb[];
  subresources: SubresourceInfo[];
  /** `<group or core>/<Kind>`: the key strategies, printers and selectors are registered under. */
  kindKey: string;
  /** Store key prefix ending in '/': `/registry/<…>/`. */
  storagePrefix: string;
  /** Served but not writable by clients (ComponentStatus). */
  readOnly?: boolean;
  /** Objects computed on read instead of stored (ComponentStatus). */
  virtual?: boolean;
  /** Create-only review kinds (SelfSubjectAccessReview): not stored, answered directly. */
  createOnly?: boolean;
  /** Deprecation warning returned with every request (`Warning: 299 - "..."`). */
  deprecationWarning?: string;
  /** Present for custom resources. */
  crd?: {
    name: string;
    uid: string;
    /** From the version's scale subresource: JSON paths split into field names. */
    scale?: { specReplicas: string[]; statusReplicas: string[]; labelSelector?: string[] };
  };
}

const ALL: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const status = (kind: string): SubresourceInfo => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });
const scale = (): SubresourceInfo => ({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });

interface Def {
  g: string;
  v: string;
  kind: string;
  plural: string;
  ns: boolean;
  short?: string[];
  cat?: string[];
  verbs?: Verb[];
  sub?: SubresourceInfo[];
  /** Storage path segment when upstream's differs from the plural (e.g. `services/specs`). */
  storage?: string;
  extra?: Partial<ResourceInfo>;
}

const defs: Def[] = [
  // core/v1 — order as the 1.32 discovery document lists them (alphabetical by plural).
  { g: '', v: 'v1', kind: 'Binding', plural: 'bindings', ns: true, verbs: ['create'] },
  {
    g: '', v: 'v1', kind: 'ComponentStatus', plural: 'componentstatuses', ns: false, short: ['cs'], verbs: ['get', 'list'],
    extra: { readOnly: true, virtual: true, deprecationWarning: 'v1 ComponentStatus is deprecated in v1.19+' },
  },
  { g: '', v: 'v1', kind: 'ConfigMap', plural: 'configmaps', ns: true, short: ['cm'], verbs: ALL },
  { g: '', v: 'v1', kind: 'Endpoints', plural: 'endpoints', ns: true, short: ['ep'], verbs: ALL, storage: 'services/endpoints' },
  { g: '', v: 'v1', kind: 'Event', plural: 'events', ns: true, short: ['ev'], verbs: ALL },
  { g: '', v: 'v1', kind: 'LimitRange', plural: 'limitranges', ns: true, short: ['limits'], verbs: ALL },
  { g: '', v: 'v1', kind: 'Namespace', plural: 'namespaces', ns: false, short: ['ns'], verbs: NO_COLLECTION, sub: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, status('Namespace')] },
  { g: '', v: 'v1', kind: 'Node', plural: 'nodes', ns: false, short: ['no'], verbs: ALL, sub: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, status('Node')], storage: 'minions' },
  { g: '', v: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', ns: true, short: ['pvc'], verbs: ALL, sub: [status('PersistentVolumeClaim')] },
  { g: '', v: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', ns: false, short: ['pv'], verbs: ALL, sub: [status('PersistentVolume')] },
  {
    g: '', v: 'v1', kind: 'Pod', plural: 'pods', ns: true, short: ['po'], cat: ['all'], verbs: ALL,
    sub: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      { name: 'resize', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      status('Pod'),
    ],
  },
  { g: '', v: 'v1', kind: 'PodTemplate', plural: 'podtemplates', ns: true, verbs: ALL },
  { g: '', v: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', ns: true, short: ['rc'], cat: ['all'], verbs: ALL, sub: [scale(), status('ReplicationController')], storage: 'controllers' },
  { g: '', v: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', ns: true, short: ['quota'], verbs: ALL, sub: [status('ResourceQuota')] },
  { g: '', v: 'v1', kind: 'Secret', plural: 'secrets', ns: true, verbs: ALL },
  { g: '', v: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', ns: true, short: ['sa'], verbs: ALL, sub: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }] },
  {
    g: '', v: 'v1', kind: 'Service', plural: 'services', ns: true, short: ['svc'], cat: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    sub: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, status('Service')], storage: 'services/specs',
  },
  // apiextensions.k8s.io/v1
  { g: 'apiextensions.k8s.io', v: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', ns: false, short: ['crd', 'crds'], cat: ['api-extensions'], verbs: ALL, sub: [status('CustomResourceDefinition')], storage: 'apiextensions.k8s.io/customresourcedefinitions' },
  // apps/v1
  { g: 'apps', v: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', ns: true, verbs: ALL },
  { g: 'apps', v: 'v1', kind: 'DaemonSet', plural: 'daemonsets', ns: true, short: ['ds'], cat: ['all'], verbs: ALL, sub: [status('DaemonSet')] },
  { g: 'apps', v: 'v1', kind: 'Deployment', plural: 'deployments', ns: true, short: ['deploy'], cat: ['all'], verbs: ALL, sub: [scale(), status('Deployment')] },
  { g: 'apps', v: 'v1', kind: 'ReplicaSet', plural: 'replicasets', ns: true, short: ['rs'], cat: ['all'], verbs: ALL, sub: [scale(), status('ReplicaSet')] },
  { g: 'apps', v: 'v1', kind: 'StatefulSet', plural: 'statefulsets', ns: true, short: ['sts'], cat: ['all'], verbs: ALL, sub: [scale(), status('StatefulSet')] },
  // authentication / authorization (create-only reviews)
  { g: 'authentication.k8s.io', v: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', ns: false, verbs: ['create'], extra: { createOnly: true } },
  { g: 'authentication.k8s.io', v: 'v1', kind: 'TokenReview', plural: 'tokenreviews', ns: false, verbs: ['create'], extra: { createOnly: true } },
  { g: 'authorization.k8s.io', v: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', ns: false, verbs: ['create'], extra: { createOnly: true } },
  { g: 'authorization.k8s.io', v: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', ns: false, verbs: ['create'], extra: { createOnly: true } },
  { g: 'authorization.k8s.io', v: 'v1', kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', ns: false, verbs: ['create'], extra: { createOnly: true } },
  // autoscaling/v2
  { g: 'autoscaling', v: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', ns: true, short: ['hpa'], cat: ['all'], verbs: ALL, sub: [status('HorizontalPodAutoscaler')] },
  // batch/v1
  { g: 'batch', v: 'v1', kind: 'CronJob', plural: 'cronjobs', ns: true, short: ['cj'], cat: ['all'], verbs: ALL, sub: [status('CronJob')] },
  { g: 'batch', v: 'v1', kind: 'Job', plural: 'jobs', ns: true, cat: ['all'], verbs: ALL, sub: [status('Job')] },
  // coordination.k8s.io/v1
  { g: 'coordination.k8s.io', v: 'v1', kind: 'Lease', plural: 'leases', ns: true, verbs: ALL },
  // discovery.k8s.io/v1
  { g: 'discovery.k8s.io', v: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', ns: true, verbs: ALL },
  // events.k8s.io/v1
  { g: 'events.k8s.io', v: 'v1', kind: 'Event', plural: 'events', ns: true, short: ['ev'], verbs: ALL },
  // policy/v1
  { g: 'policy', v: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', ns: true, short: ['pdb'], verbs: ALL, sub: [status('PodDisruptionBudget')] },
  // rbac.authorization.k8s.io/v1
  { g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', ns: false, verbs: ALL },
  { g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'ClusterRole', plural: 'clusterroles', ns: false, verbs: ALL },
  { g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'RoleBinding', plural: 'rolebindings', ns: true, verbs: ALL },
  { g: 'rbac.authorization.k8s.io', v: 'v1', kind: 'Role', plural: 'roles', ns: true, verbs: ALL },
  // scheduling.k8s.io/v1
  { g: 'scheduling.k8s.io', v: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', ns: false, short: ['pc'], verbs: ALL },
  // storage.k8s.io/v1
  { g: 'storage.k8s.io', v: 'v1', kind: 'StorageClass', plural: 'storageclasses', ns: false, short: ['sc'], verbs: ALL },
];

export function kindKeyOf(group: string, kind: string): string {
  return `${group === '' ? 'core' : group}/${kind}`;
}

function toInfo(d: Def): ResourceInfo {
  const segment = d.storage ?? d.plural;
  // Upstream keys built-in resources by plural under /registry. Upstream also stores events.k8s.io Events in core's
  // events storage, converting between the two shapes; until that conversion exists they live apart, so each API
  // returns only objects of its own shape.
  const storagePrefix = d.g === 'events.k8s.io' ? '/registry/events.k8s.io/events/' : `/registry/${segment}/`;
  return {
    group: d.g,
    version: d.v,
    kind: d.kind,
    plural: d.plural,
    singular: d.kind.toLowerCase(),
    namespaced: d.ns,
    shortNames: d.short ?? [],
    categories: d.cat ?? [],
    verbs: d.verbs ?? ALL,
    subresources: d.sub ?? [],
    kindKey: kindKeyOf(d.g, d.kind),
    storagePrefix,
    ...d.extra,
  };
}

export const BUILTIN_RESOURCES: readonly ResourceInfo[] = defs.map(toInfo);

/** Group versions in the order `kubectl api-versions` / `/apis` list them (upstream's priority order). */
export const BUILTIN_GROUP_ORDER: readonly string[] = [
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];
