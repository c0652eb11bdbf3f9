/**
 * Acceptance: "Bad requests". A table of malformed, invalid or forbidden requests sent over the lab's HTTPS
 * endpoint, each with the HTTP code, Status reason, message and details.causes a real Kubernetes 1.32 API server
 * answers (derived from upstream source: k8s.io/apimachinery v0.32 validation and errors, k8s.io/apiserver v0.32
 * handlers, pkg/apis/*\/validation). After every case the store must be untouched: same revision, same keys at
 * the same modRevisions. The virtual clock is paused so no background controller writes meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../support/lab-server';
import { sendRaw, type WireRequest, type WireResponse } from './bad-requests-wire';
import {
  CONFIG_KEY_MSG,
  conflictMessage,
  DNS1035_LABEL_MSG,
  DNS1123_LABEL_MSG,
  DNS1123_SUBDOMAIN_MSG,
  IMMUTABLE_MSG,
  LABEL_VALUE_MSG,
  maxLen,
  NEGATIVE_MSG,
  notAcceptable,
  PORT_RANGE_MSG,
  QUALIFIED_NAME_PART_MSG,
  QUALIFIED_NAME_SHAPE_MSG,
  QUANTITY_FORMAT_MSG,
  unsupportedMediaType,
} from './upstream-messages';

type Json = Record<string, any>;

const NS = 'bad-req';
const TERMINATING_NS = 'bad-req-terminating';

interface ExpectedCause {
  type: string;
  /** Absent when upstream leaves the cause without a field. */
  field?: string;
  message?: string | RegExp;
}

interface Expected {
  code: number;
  /** Upstream answers some paths outside any API group version with Go's http.NotFound text, not a Status. */
  plainText?: string;
  reason?: string;
  message?: string | RegExp;
  /** `null`: upstream sends no details at all (errors.NewBadRequest, NewUnauthorized, negotiation errors). */
  details?: { name?: string; kind?: string; group?: string } | null;
  /** The complete set of causes (order-insensitive). */
  causes?: ExpectedCause[];
  /** Causes that must be among the answer's (when upstream adds others whose text depends on random names). */
  causesInclude?: ExpectedCause[];
}

interface Fixtures {
  pod: Json;
  deployment: Json;
  service: Json;
  job: Json;
  statefulSet: Json;
  configMap: Json;
  immutableConfigMap: Json;
  secret: Json;
  widget: Json;
}

interface BadCase {
  name: string;
  request: WireRequest | ((f: Fixtures) => WireRequest);
  expect: Expected | ((f: Fixtures) => Expected);
}

// ---------- object builders (valid unless a case breaks them) ----------

const nsPath = (resource: string, name?: string, group = ''): string =>
  `${group === '' ? '/api/v1' : `/apis/${group}`}/namespaces/${NS}/${resource}${name ? `/${name}` : ''}`;
const PODS = nsPath('pods');
const CONFIGMAPS = nsPath('configmaps');
const SECRETS = nsPath('secrets');
const SERVICES = nsPath('services');
const DEPLOYMENTS = nsPath('deployments', undefined, 'apps/v1');
const JOBS = nsPath('jobs', undefined, 'batch/v1');
const CRONJOBS = nsPath('cronjobs', undefined, 'batch/v1');

function container(over: Json = {}): Json {
  return { name: 'app', image: 'nginx:1.27', ...over };
}
function pod(name: string, spec: Json = {}, meta: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { containers: [container()], ...spec } };
}
function podTemplate(labels: Json, spec: Json = {}): Json {
  return { metadata: { labels }, spec: { containers: [container()], ...spec } };
}
function deployment(name: string, spec: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }), ...spec },
  };
}
function service(name: string, spec: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...spec } };
}
function configMap(name: string, rest: Json = {}, meta: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...meta }, data: { a: '1' }, ...rest };
}
function secret(name: string, rest: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data: { a: 'MQ==' }, ...rest };
}
function job(name: string, spec: Json = {}): Json {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: podTemplate({}, { restartPolicy: 'Never' }), ...spec } };
}
const post = (path: string, body: unknown, extra: Partial<WireRequest> = {}): WireRequest => ({ method: 'POST', path, body, ...extra });
const put = (path: string, body: unknown, extra: Partial<WireRequest> = {}): WireRequest => ({ method: 'PUT', path, body, ...extra });
const get = (path: string, extra: Partial<WireRequest> = {}): WireRequest => ({ method: 'GET', path, ...extra });
const patch = (path: string, body: unknown, contentType: string): WireRequest => ({ method: 'PATCH', path, body, contentType });
const del = (path: string, body?: unknown): WireRequest => ({ method: 'DELETE', path, body });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** A fixture as read back, with `edit` applied to a deep copy. */
const edited = (obj: Json, edit: (o: Json) => void): Json => {
  const c = clone(obj);
  edit(c);
  return c;
};

// ---------- expectation builders ----------

/** errors.NewInvalid(groupKind, name, errs): 422, message `<Kind[.group]> "<name>" is invalid: <aggregate>`. */
function invalid(kind: string, name: string, causes: ExpectedCause[], opts: { group?: string; include?: boolean; message?: string } = {}): Expected {
  const group = opts.group ?? '';
  const gk = group === '' ? kind : `${kind}.${group}`;
  const prefix = `${gk} ${JSON.stringify(name)} is invalid: `;
  const only = causes.length === 1 && !opts.include ? causes[0] : undefined;
  const message = opts.message
    ? `${prefix}${opts.message}`
    : only && typeof only.message === 'string' ? `${prefix}${only.field ?? ''}${only.field ? ': ' : ''}${only.message}` : new RegExp(`^${escapeRe(prefix)}`);
  const e: Expected = { code: 422, reason: 'Invalid', message, details: { name, kind, group } };
  if (opts.include) e.causesInclude = causes;
  else e.causes = causes;
  return e;
}
const badRequest = (message: string | RegExp): Expected => ({ code: 400, reason: 'BadRequest', message, details: null });
const notFound = (resource: string, name: string, group = ''): Expected => ({
  code: 404,
  reason: 'NotFound',
  message: `${group ? `${resource}.${group}` : resource} "${name}" not found`,
  details: { name, kind: resource, group },
});
const conflict = (resource: string, name: string, group = ''): Expected => ({
  code: 409,
  reason: 'Conflict',
  message: conflictMessage(group ? `${resource}.${group}` : resource, name),
  details: { name, kind: resource, group },
});
/** The go-restful ServiceErrorHandler → errors.NewGenericServerResponse(code, "", {}, "", …): empty details. */
const PATH_NOT_FOUND: Expected = { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} };
const GO_NOT_FOUND: Expected = { code: 404, plainText: '404 page not found\n' };
const METHOD_NOT_ALLOWED: Expected = { code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource', details: {} };

const req = (field: string, detail = ''): ExpectedCause => ({ type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });
const inv = (field: string, value: string, detail: string): ExpectedCause => ({ type: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${detail}` });
const q = (s: string): string => JSON.stringify(s);
const unsupported = (field: string, value: string, supported: string[]): ExpectedCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${value}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});
const forbidden = (field: string, detail: string | RegExp): ExpectedCause => ({
  type: 'FieldValueForbidden',
  field,
  message: typeof detail === 'string' ? `Forbidden: ${detail}` : detail,
});
const duplicate = (field: string, value: string): ExpectedCause => ({ type: 'FieldValueDuplicate', field, message: `Duplicate value: ${value}` });
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Options validation (CreateOptions, PatchOptions, …): NewInvalid(GroupKind{meta.k8s.io, kind}, "", errs). */
const optionsInvalid = (kind: string, causes: ExpectedCause[]): Expected => invalid(kind, '', causes, { group: 'meta.k8s.io' });

const BUILTIN_INPUT_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const BUILTIN_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const CRD_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

// Hex summary as k8s.io/apiserver handlers/rest.go summarizeData(body, 30) prints non-JSON bodies.
const hexSummary = (body: string): string => {
  const b = Buffer.from(body, 'utf8');
  return b.length > 30 ? `${b.subarray(0, 30).toString('hex')} ...` : b.toString('hex');
};
const jsonSummary = (body: string): string => (body.length > 30 ? `${body.slice(0, 30)} ...` : body);

const LONG_254 = 'a'.repeat(254);
const LONG_64 = 'a'.repeat(64);
const TRUNCATED_POD = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"';
const TRAILING_COMMA_POD = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x",}}';
const BAD_YAML = 'apiVersion: v1\nkind: Pod\nmetadata: name: x\n';

// ---------- the table ----------

const CASES: BadCase[] = [
  // --- names (ObjectMeta: NameIsDNSSubdomain / NameIsDNSLabel / NameIsDNS1035Label) ---
  {
    name: 'pod name with uppercase and underscore',
    request: post(PODS, pod('Bad_Name')),
    expect: invalid('Pod', 'Bad_Name', [inv('metadata.name', q('Bad_Name'), DNS1123_SUBDOMAIN_MSG)]),
  },
  {
    name: 'pod name of 254 characters',
    request: post(PODS, pod(LONG_254)),
    expect: invalid('Pod', LONG_254, [inv('metadata.name', q(LONG_254), maxLen(253))]),
  },
  {
    name: 'pod name ending in a dash',
    request: post(PODS, pod('web-')),
    expect: invalid('Pod', 'web-', [inv('metadata.name', q('web-'), DNS1123_SUBDOMAIN_MSG)]),
  },
  {
    name: 'pod without name or generateName',
    request: post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [container()] } }),
    expect: invalid('Pod', '', [req('metadata.name', 'name or generateName is required')]),
  },
  {
    name: 'pod with an invalid generateName',
    request: post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'Bad_' }, spec: { containers: [container()] } }),
    expect: {
      code: 422,
      reason: 'Invalid',
      message: /^Pod "Bad_[a-z0-9]{5}" is invalid: /,
      causesInclude: [inv('metadata.generateName', q('Bad_'), DNS1123_SUBDOMAIN_MSG)],
    },
  },
  {
    // IsDNS1123Label: a valid subdomain that is not a label can only be failing on its dots.
    name: 'namespace name with a dot (DNS-1123 label)',
    request: post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }),
    expect: invalid('Namespace', 'team.a', [inv('metadata.name', q('team.a'), 'must not contain dots')]),
  },
  {
    name: 'namespace name with an underscore',
    request: post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team_a' } }),
    expect: invalid('Namespace', 'team_a', [inv('metadata.name', q('team_a'), DNS1123_LABEL_MSG)]),
  },
  {
    // SetDefaults_Namespace copies the name into the kubernetes.io/metadata.name label before validation,
    // so the too-long name fails twice: as a name and as a label value.
    name: 'namespace name of 64 characters',
    request: post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LONG_64 } }),
    expect: invalid('Namespace', LONG_64, [inv('metadata.name', q(LONG_64), maxLen(63)), inv('metadata.labels', q(LONG_64), maxLen(63))]),
  },
  {
    name: 'service name starting with a digit (DNS-1035)',
    request: post(SERVICES, service('1web')),
    expect: invalid('Service', '1web', [inv('metadata.name', q('1web'), DNS1035_LABEL_MSG)]),
  },
  {
    name: 'service name of 64 characters',
    request: post(SERVICES, service(LONG_64)),
    expect: invalid('Service', LONG_64, [inv('metadata.name', q(LONG_64), maxLen(63))]),
  },
  {
    name: 'configmap name with a slash-free but uppercase name',
    request: post(CONFIGMAPS, configMap('Settings')),
    expect: invalid('ConfigMap', 'Settings', [inv('metadata.name', q('Settings'), DNS1123_SUBDOMAIN_MSG)]),
  },
  {
    name: 'deployment name with an underscore',
    request: post(DEPLOYMENTS, { ...deployment('web'), metadata: { name: 'my_web' } }),
    expect: invalid('Deployment', 'my_web', [inv('metadata.name', q('my_web'), DNS1123_SUBDOMAIN_MSG)], { group: 'apps' }),
  },
  {
    name: 'container name with uppercase (DNS-1123 label)',
    request: post(PODS, pod('p-ctr-upper', { containers: [container({ name: 'App' })] })),
    expect: invalid('Pod', 'p-ctr-upper', [inv('spec.containers[0].name', q('App'), DNS1123_LABEL_MSG)]),
  },

  // --- labels and annotations (metav1 validation ValidateLabels / ValidateAnnotations) ---
  {
    name: 'label key with a space and bang',
    request: post(CONFIGMAPS, configMap('cm-label-key', {}, { labels: { 'bad key!': 'x' } })),
    expect: invalid('ConfigMap', 'cm-label-key', [inv('metadata.labels', q('bad key!'), QUALIFIED_NAME_PART_MSG)]),
  },
  {
    name: 'label key with two slashes',
    request: post(CONFIGMAPS, configMap('cm-label-slashes', {}, { labels: { 'a/b/c': 'x' } })),
    expect: invalid('ConfigMap', 'cm-label-slashes', [inv('metadata.labels', q('a/b/c'), QUALIFIED_NAME_SHAPE_MSG)]),
  },
  {
    name: 'label key with an invalid prefix',
    request: post(CONFIGMAPS, configMap('cm-label-prefix', {}, { labels: { 'Bad_Prefix/app': 'x' } })),
    expect: invalid('ConfigMap', 'cm-label-prefix', [inv('metadata.labels', q('Bad_Prefix/app'), `prefix part ${DNS1123_SUBDOMAIN_MSG}`)]),
  },
  {
    name: 'label key name part of 64 characters',
    request: post(CONFIGMAPS, configMap('cm-label-long-key', {}, { labels: { [LONG_64]: 'x' } })),
    expect: invalid('ConfigMap', 'cm-label-long-key', [inv('metadata.labels', q(LONG_64), `name part ${maxLen(63)}`)]),
  },
  {
    name: 'label value of 64 characters',
    request: post(CONFIGMAPS, configMap('cm-label-long-value', {}, { labels: { app: LONG_64 } })),
    expect: invalid('ConfigMap', 'cm-label-long-value', [inv('metadata.labels', q(LONG_64), maxLen(63))]),
  },
  {
    name: 'label value with spaces',
    request: post(CONFIGMAPS, configMap('cm-label-value', {}, { labels: { app: 'my app' } })),
    expect: invalid('ConfigMap', 'cm-label-value', [inv('metadata.labels', q('my app'), LABEL_VALUE_MSG)]),
  },
  {
    name: 'label value starting with a dash',
    request: post(PODS, pod('p-label-dash', {}, { labels: { tier: '-web' } })),
    expect: invalid('Pod', 'p-label-dash', [inv('metadata.labels', q('-web'), LABEL_VALUE_MSG)]),
  },
  {
    name: 'annotation key with a space',
    request: post(CONFIGMAPS, configMap('cm-annotation-key', {}, { annotations: { 'my note': 'x' } })),
    expect: invalid('ConfigMap', 'cm-annotation-key', [inv('metadata.annotations', q('my note'), QUALIFIED_NAME_PART_MSG)]),
  },
  {
    name: 'annotations over 256 KiB in total',
    request: post(CONFIGMAPS, configMap('cm-annotation-size', {}, { annotations: { big: 'x'.repeat(262_144) } })),
    expect: invalid('ConfigMap', 'cm-annotation-size', [{ type: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes' }]),
  },

  // --- required fields ---
  {
    name: 'pod without containers',
    request: post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-no-containers' }, spec: {} }),
    expect: invalid('Pod', 'p-no-containers', [req('spec.containers')]),
  },
  {
    name: 'container without image',
    request: post(PODS, pod('p-no-image', { containers: [{ name: 'app' }] })),
    expect: invalid('Pod', 'p-no-image', [req('spec.containers[0].image')]),
  },
  {
    name: 'container without name',
    request: post(PODS, pod('p-no-ctr-name', { containers: [{ image: 'nginx' }] })),
    expect: invalid('Pod', 'p-no-ctr-name', [req('spec.containers[0].name')]),
  },
  {
    name: 'deployment without selector',
    request: post(DEPLOYMENTS, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd-no-selector' }, spec: { template: podTemplate({ app: 'x' }) } }),
    expect: invalid(
      'Deployment',
      'd-no-selector',
      [req('spec.selector'), inv('spec.template.metadata.labels', 'map[string]string{"app":"x"}', '`selector` does not match template `labels`')],
      { group: 'apps' },
    ),
  },
  {
    name: 'service without ports',
    request: post(SERVICES, service('s-no-ports', { ports: [] })),
    expect: invalid('Service', 's-no-ports', [req('spec.ports')]),
  },
  {
    name: 'ExternalName service without externalName',
    request: post(SERVICES, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's-no-cname' }, spec: { type: 'ExternalName' } }),
    expect: invalid('Service', 's-no-cname', [req('spec.externalName')]),
  },
  {
    name: 'multi-port service without port names',
    request: post(SERVICES, service('s-unnamed-ports', { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] })),
    expect: invalid('Service', 's-unnamed-ports', [req('spec.ports[0].name'), req('spec.ports[1].name')]),
  },
  {
    // A volume without any source is defaulted to emptyDir (SetDefaults_Volume); two sources are refused.
    name: 'volume with two sources',
    request: post(PODS, pod('p-volume-two-sources', { volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/data' } }] })),
    expect: invalid('Pod', 'p-volume-two-sources', [forbidden('spec.volumes[0].hostPath', 'may not specify more than 1 volume type')]),
  },
  {
    name: 'container port 0 (required)',
    request: post(PODS, pod('p-port-zero', { containers: [container({ ports: [{ containerPort: 0 }] })] })),
    expect: invalid('Pod', 'p-port-zero', [req('spec.containers[0].ports[0].containerPort')]),
  },
  {
    name: 'TLS secret without tls.crt and tls.key',
    request: post(SECRETS, secret('sec-tls', { type: 'kubernetes.io/tls', data: {} })),
    expect: invalid('Secret', 'sec-tls', [req('data[tls.crt]'), req('data[tls.key]')]),
  },
  {
    name: 'dockerconfigjson secret without .dockerconfigjson',
    request: post(SECRETS, secret('sec-docker', { type: 'kubernetes.io/dockerconfigjson', data: {} })),
    expect: invalid('Secret', 'sec-docker', [req('data[.dockerconfigjson]')]),
  },

  // --- field values ---
  {
    name: 'duplicate container names',
    request: post(PODS, pod('p-dup-ctr', { containers: [container(), container()] })),
    expect: invalid('Pod', 'p-dup-ctr', [duplicate('spec.containers[1].name', q('app'))]),
  },
  {
    name: 'duplicate volume names',
    request: post(PODS, pod('p-dup-vol', { volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }] })),
    expect: invalid('Pod', 'p-dup-vol', [duplicate('spec.volumes[1].name', q('data'))]),
  },
  {
    name: 'container port 70000',
    request: post(PODS, pod('p-port-range', { containers: [container({ ports: [{ containerPort: 70000 }] })] })),
    expect: invalid('Pod', 'p-port-range', [inv('spec.containers[0].ports[0].containerPort', '70000', PORT_RANGE_MSG)]),
  },
  {
    name: 'service port 70000',
    request: post(SERVICES, service('s-port-range', { ports: [{ port: 70000, targetPort: 8080 }] })),
    expect: invalid('Service', 's-port-range', [inv('spec.ports[0].port', '70000', PORT_RANGE_MSG)]),
  },
  {
    name: 'nodePort outside the node port range',
    request: post(SERVICES, service('s-nodeport-range', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 20 }] })),
    expect: invalid('Service', 's-nodeport-range', [
      inv('spec.ports[0].nodePort', '20', 'provided port is not in the valid range. The range of valid ports is 30000-32767'),
    ]),
  },
  {
    name: 'container port protocol ICMP',
    request: post(PODS, pod('p-port-proto', { containers: [container({ ports: [{ containerPort: 80, protocol: 'ICMP' }] })] })),
    expect: invalid('Pod', 'p-port-proto', [unsupported('spec.containers[0].ports[0].protocol', q('ICMP'), ['SCTP', 'TCP', 'UDP'])]),
  },
  {
    name: 'container port name with consecutive hyphens',
    request: post(PODS, pod('p-port-name', { containers: [container({ ports: [{ containerPort: 80, name: 'we--b' }] })] })),
    expect: invalid('Pod', 'p-port-name', [inv('spec.containers[0].ports[0].name', q('we--b'), 'must not contain consecutive hyphens')]),
  },
  {
    name: 'restartPolicy Sometimes',
    request: post(PODS, pod('p-restart', { restartPolicy: 'Sometimes' })),
    expect: invalid('Pod', 'p-restart', [unsupported('spec.restartPolicy', q('Sometimes'), ['Always', 'OnFailure', 'Never'])]),
  },
  {
    name: 'imagePullPolicy Sometimes',
    request: post(PODS, pod('p-pull', { containers: [container({ imagePullPolicy: 'Sometimes' })] })),
    expect: invalid('Pod', 'p-pull', [unsupported('spec.containers[0].imagePullPolicy', q('Sometimes'), ['Always', 'IfNotPresent', 'Never'])]),
  },
  {
    name: 'dnsPolicy Bogus',
    request: post(PODS, pod('p-dns', { dnsPolicy: 'Bogus' })),
    expect: invalid('Pod', 'p-dns', [unsupported('spec.dnsPolicy', q('Bogus'), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'])]),
  },
  {
    name: 'activeDeadlineSeconds 0',
    request: post(PODS, pod('p-deadline', { activeDeadlineSeconds: 0 })),
    expect: invalid('Pod', 'p-deadline', [inv('spec.activeDeadlineSeconds', '0', 'must be between 1 and 2147483647, inclusive')]),
  },
  {
    // RelaxedEnvironmentVariableValidation is beta (on) in 1.32: only '=' and non-printable ASCII are refused,
    // so the message is matched by its common start whichever of the two checks applies.
    name: 'env var name containing =',
    request: post(PODS, pod('p-env', { containers: [container({ env: [{ name: 'A=B', value: 'x' }] })] })),
    expect: invalid('Pod', 'p-env', [
      { type: 'FieldValueInvalid', field: 'spec.containers[0].env[0].name', message: /^Invalid value: "A=B": a valid environment variable name must consist / },
    ]),
  },
  {
    name: 'volumeMount of an undeclared volume',
    request: post(PODS, pod('p-mount', { containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })),
    expect: invalid('Pod', 'p-mount', [{ type: 'FieldValueNotFound', field: 'spec.containers[0].volumeMounts[0].name', message: 'Not found: "data"' }]),
  },
  {
    name: 'negative cpu request',
    request: post(PODS, pod('p-neg-cpu', { containers: [container({ resources: { requests: { cpu: '-1' } } })] })),
    expect: invalid('Pod', 'p-neg-cpu', [inv('spec.containers[0].resources.requests[cpu]', q('-1'), NEGATIVE_MSG)]),
  },
  {
    name: 'deployment replicas -1',
    request: post(DEPLOYMENTS, deployment('d-neg-replicas', { replicas: -1 })),
    expect: invalid('Deployment', 'd-neg-replicas', [inv('spec.replicas', '-1', NEGATIVE_MSG)], { group: 'apps' }),
  },
  {
    name: 'deployment template labels not matching the selector',
    request: post(DEPLOYMENTS, deployment('d-mismatch', { template: podTemplate({ app: 'other' }) })),
    expect: invalid(
      'Deployment',
      'd-mismatch',
      [inv('spec.template.metadata.labels', 'map[string]string{"app":"other"}', '`selector` does not match template `labels`')],
      { group: 'apps' },
    ),
  },
  {
    name: 'deployment with an empty selector',
    request: post(DEPLOYMENTS, deployment('d-empty-selector', { selector: { matchLabels: {} } })),
    expect: invalid(
      'Deployment',
      'd-empty-selector',
      [inv('spec.selector', 'v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', 'empty selector is invalid for deployment')],
      { group: 'apps' },
    ),
  },
  {
    name: 'deployment template restartPolicy Never',
    request: post(DEPLOYMENTS, deployment('d-restart', { template: podTemplate({ app: 'd-restart' }, { restartPolicy: 'Never' }) })),
    expect: invalid('Deployment', 'd-restart', [unsupported('spec.template.spec.restartPolicy', q('Never'), ['Always'])], { group: 'apps' }),
  },
  {
    name: 'service selector value with a space',
    request: post(SERVICES, service('s-selector', { selector: { app: 'my app' } })),
    expect: invalid('Service', 's-selector', [inv('spec.selector', q('my app'), LABEL_VALUE_MSG)]),
  },
  {
    name: 'configmap key with a space',
    request: post(CONFIGMAPS, configMap('cm-bad-key', { data: { 'my key': 'x' } })),
    expect: invalid('ConfigMap', 'cm-bad-key', [inv('data[my key]', q('my key'), CONFIG_KEY_MSG)]),
  },
  {
    name: 'configmap key in both data and binaryData',
    request: post(CONFIGMAPS, configMap('cm-dup-key', { data: { a: 'x' }, binaryData: { a: 'eA==' } })),
    expect: invalid('ConfigMap', 'cm-dup-key', [inv('data[a]', q('a'), 'duplicate of key present in binaryData')]),
  },
  {
    name: 'configmap over 1 MiB of data',
    request: post(CONFIGMAPS, configMap('cm-too-big', { data: { a: 'x'.repeat(1_048_577) } })),
    expect: invalid('ConfigMap', 'cm-too-big', [{ type: 'FieldValueTooLong', field: '[]', message: 'Too long: may not be more than 1048576 bytes' }]),
  },
  {
    name: 'secret key with a slash',
    request: post(SECRETS, secret('sec-bad-key', { data: { 'a/b': 'MQ==' } })),
    expect: invalid('Secret', 'sec-bad-key', [inv('data[a/b]', q('a/b'), CONFIG_KEY_MSG)]),
  },
  {
    name: 'job with the default restartPolicy Always',
    request: post(JOBS, job('j-restart', { template: podTemplate({}) })),
    expect: invalid('Job', 'j-restart', [req('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"')], { group: 'batch' }),
  },
  {
    name: 'job parallelism -1',
    request: post(JOBS, job('j-parallelism', { parallelism: -1 })),
    expect: invalid('Job', 'j-parallelism', [inv('spec.parallelism', '-1', NEGATIVE_MSG)], { group: 'batch' }),
  },
  {
    name: 'job backoffLimit -1',
    request: post(JOBS, job('j-backoff', { backoffLimit: -1 })),
    expect: invalid('Job', 'j-backoff', [inv('spec.backoffLimit', '-1', NEGATIVE_MSG)], { group: 'batch' }),
  },
  {
    name: 'cronjob with an unparseable schedule',
    request: post(CRONJOBS, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj-schedule' },
      spec: { schedule: 'bogus', jobTemplate: { spec: { template: podTemplate({}, { restartPolicy: 'OnFailure' }) } } },
    }),
    expect: invalid('CronJob', 'cj-schedule', [inv('spec.schedule', q('bogus'), 'expected exactly 5 fields, found 1: [bogus]')], { group: 'batch' }),
  },

  // --- immutable fields on update ---
  {
    name: 'pod spec change beyond image',
    request: (f) => put(nsPath('pods', 'pod-fixture'), edited(f.pod, (o) => (o.spec.containers[0].ports = [{ containerPort: 8080 }]))),
    expect: invalid(
      'Pod',
      'pod-fixture',
      [
        forbidden(
          'spec',
          /^Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
        ),
      ],
    ),
  },
  {
    name: 'pod container rename',
    request: (f) => put(nsPath('pods', 'pod-fixture'), edited(f.pod, (o) => (o.spec.containers[0].name = 'renamed'))),
    expect: invalid('Pod', 'pod-fixture', [forbidden('spec', /^Forbidden: pod updates may not change fields other than /)]),
  },
  {
    // Custom resources do not allow unconditional updates (built-in kinds such as pods do). The registry reports
    // it with the resource as kind: NewInvalid(GroupKind{group, "widgets"}, …), and the uint64 0 prints as 0x0.
    name: 'custom resource update without resourceVersion',
    request: (f) => put(nsPath('widgets', 'widget-fixture', 'example.com/v1'), edited(f.widget, (o) => ((o.spec = { size: 2 }), delete o.metadata.resourceVersion))),
    expect: invalid('widgets', 'widget-fixture', [inv('metadata.resourceVersion', '0x0', 'must be specified for an update')], { group: 'example.com' }),
  },
  {
    name: 'deployment selector change',
    request: (f) =>
      put(
        nsPath('deployments', 'deploy-fixture', 'apps/v1'),
        edited(f.deployment, (o) => {
          o.spec.selector = { matchLabels: { app: 'web2' } };
          o.spec.template.metadata.labels = { app: 'web2' };
        }),
      ),
    expect: invalid(
      'Deployment',
      'deploy-fixture',
      [inv('spec.selector', 'v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', IMMUTABLE_MSG)],
      { group: 'apps' },
    ),
  },
  {
    name: 'service clusterIP change',
    request: (f) =>
      put(
        nsPath('services', 'svc-fixture'),
        edited(f.service, (o) => {
          o.spec.clusterIP = otherIp(o.spec.clusterIP as string);
          o.spec.clusterIPs = [o.spec.clusterIP];
        }),
      ),
    expect: (f) =>
      invalid('Service', 'svc-fixture', [inv('spec.clusterIPs[0]', `[]string{${q(otherIp(f.service.spec.clusterIP as string))}}`, 'may not change once set')]),
  },
  {
    name: 'job template change',
    request: (f) => put(nsPath('jobs', 'job-fixture', 'batch/v1'), edited(f.job, (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.28'))),
    expect: invalid('Job', 'job-fixture', [{ type: 'FieldValueInvalid', field: 'spec.template', message: /^Invalid value: core\.PodTemplateSpec\{.*: field is immutable$/s }], {
      group: 'batch',
    }),
  },
  {
    name: 'statefulset serviceName change',
    request: (f) => put(nsPath('statefulsets', 'sts-fixture', 'apps/v1'), edited(f.statefulSet, (o) => (o.spec.serviceName = 'other'))),
    expect: invalid(
      'StatefulSet',
      'sts-fixture',
      [forbidden('spec', /^Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', .* are forbidden$/)],
      { group: 'apps' },
    ),
  },
  {
    name: 'immutable configmap data change',
    request: (f) => put(nsPath('configmaps', 'cm-immutable'), edited(f.immutableConfigMap, (o) => (o.data = { a: '2' }))),
    expect: invalid('ConfigMap', 'cm-immutable', [forbidden('data', 'field is immutable when `immutable` is set')]),
  },
  {
    name: 'immutable configmap set back to mutable',
    request: (f) => put(nsPath('configmaps', 'cm-immutable'), edited(f.immutableConfigMap, (o) => (o.immutable = false))),
    expect: invalid('ConfigMap', 'cm-immutable', [forbidden('immutable', 'field is immutable when `immutable` is set')]),
  },
  {
    name: 'secret type change',
    request: (f) => put(nsPath('secrets', 'secret-fixture'), edited(f.secret, (o) => (o.type = 'example.com/other'))),
    expect: invalid('Secret', 'secret-fixture', [inv('type', q('example.com/other'), IMMUTABLE_MSG)]),
  },

  // --- concurrency, identity and namespaces ---
  {
    name: 'PUT configmap with a stale resourceVersion',
    request: (f) => put(nsPath('configmaps', 'cm-fixture'), edited(f.configMap, (o) => ((o.metadata.resourceVersion = '1'), (o.data = { a: '2' })))),
    expect: conflict('configmaps', 'cm-fixture'),
  },
  {
    name: 'PUT pod with a stale resourceVersion',
    request: (f) => put(nsPath('pods', 'pod-fixture'), edited(f.pod, (o) => ((o.metadata.resourceVersion = '1'), (o.spec.containers[0].image = 'nginx:1.28')))),
    expect: conflict('pods', 'pod-fixture'),
  },
  {
    name: 'PUT deployment with a stale resourceVersion',
    request: (f) => put(nsPath('deployments', 'deploy-fixture', 'apps/v1'), edited(f.deployment, (o) => ((o.metadata.resourceVersion = '1'), (o.spec.replicas = 3)))),
    expect: conflict('deployments', 'deploy-fixture', 'apps'),
  },
  {
    name: 'merge patch carrying a stale resourceVersion',
    request: patch(nsPath('configmaps', 'cm-fixture'), { metadata: { resourceVersion: '1' }, data: { a: '2' } }, 'application/merge-patch+json'),
    expect: conflict('configmaps', 'cm-fixture'),
  },
  {
    name: 'create with a namespace different from the URL',
    request: post(CONFIGMAPS, configMap('cm-other-ns', {}, { namespace: 'default' })),
    expect: badRequest('the namespace of the provided object does not match the namespace sent on the request'),
  },
  {
    name: 'update with a namespace different from the URL',
    request: (f) => put(nsPath('configmaps', 'cm-fixture'), edited(f.configMap, (o) => (o.metadata.namespace = 'default'))),
    expect: badRequest('the namespace of the provided object does not match the namespace sent on the request'),
  },
  {
    name: 'update with a name different from the URL',
    request: (f) => put(nsPath('configmaps', 'cm-fixture'), edited(f.configMap, (o) => (o.metadata.name = 'cm-renamed'))),
    expect: badRequest('the name of the object (cm-renamed) does not match the name on the URL (cm-fixture)'),
  },
  {
    name: 'update of a configmap that does not exist',
    request: put(nsPath('configmaps', 'cm-missing'), configMap('cm-missing', {}, { resourceVersion: '1' })),
    expect: notFound('configmaps', 'cm-missing'),
  },
  {
    name: 'create in a namespace that does not exist',
    request: post('/api/v1/namespaces/no-such-ns/configmaps', configMap('cm-x')),
    expect: notFound('namespaces', 'no-such-ns'),
  },
  {
    name: 'create in a terminating namespace',
    request: post(`/api/v1/namespaces/${TERMINATING_NS}/configmaps`, configMap('cm-late')),
    expect: {
      code: 403,
      reason: 'Forbidden',
      message: `configmaps "cm-late" is forbidden: unable to create new content in namespace ${TERMINATING_NS} because it is being terminated`,
      details: { name: 'cm-late', kind: 'configmaps' },
      causes: [{ type: 'NamespaceTerminating', field: 'metadata.namespace', message: `namespace ${TERMINATING_NS} is being terminated` }],
    },
  },
  {
    name: 'create of an object that already exists',
    request: post(CONFIGMAPS, configMap('cm-fixture')),
    expect: { code: 409, reason: 'AlreadyExists', message: 'configmaps "cm-fixture" already exists', details: { name: 'cm-fixture', kind: 'configmaps' } },
  },
  {
    name: 'get of a pod that does not exist',
    request: get(nsPath('pods', 'no-such-pod')),
    expect: notFound('pods', 'no-such-pod'),
  },
  {
    name: 'get of a deployment that does not exist',
    request: get(nsPath('deployments', 'no-such-deploy', 'apps/v1')),
    expect: notFound('deployments', 'no-such-deploy', 'apps'),
  },
  {
    name: 'delete of a configmap that does not exist',
    request: del(nsPath('configmaps', 'no-such-cm')),
    expect: notFound('configmaps', 'no-such-cm'),
  },
  {
    name: 'delete with a wrong uid precondition',
    request: del(nsPath('configmaps', 'cm-fixture'), { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'wrong-uid' } }),
    expect: (f) => ({
      code: 409,
      reason: 'Conflict',
      message: new RegExp(`^Operation cannot be fulfilled on configmaps "cm-fixture": .*Precondition failed: UID in precondition: wrong-uid, UID in object meta: ${f.configMap.metadata.uid}$`),
      details: { name: 'cm-fixture', kind: 'configmaps' },
    }),
  },
  {
    name: 'delete with a stale resourceVersion precondition',
    request: del(nsPath('configmaps', 'cm-fixture'), { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } }),
    expect: (f) => ({
      code: 409,
      reason: 'Conflict',
      message: new RegExp(
        `^Operation cannot be fulfilled on configmaps "cm-fixture": .*Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${f.configMap.metadata.resourceVersion}$`,
      ),
      details: { name: 'cm-fixture', kind: 'configmaps' },
    }),
  },

  // --- bodies: size, syntax, types, unknown fields ---
  {
    name: 'body over the 3 MiB limit',
    request: post(CONFIGMAPS, configMap('cm-huge', { data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } })),
    expect: { code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728', details: null },
  },
  {
    name: 'truncated JSON',
    request: post(PODS, TRUNCATED_POD),
    expect: badRequest(
      `the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: unexpected end of JSON input (${jsonSummary(TRUNCATED_POD)})`,
    ),
  },
  {
    name: 'JSON with a trailing comma',
    request: post(PODS, TRAILING_COMMA_POD),
    expect: badRequest(
      `the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string (${jsonSummary(TRAILING_COMMA_POD)})`,
    ),
  },
  {
    name: 'empty JSON body',
    request: post(PODS, '', { contentType: 'application/json' }),
    expect: badRequest('the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input (<empty>)'),
  },
  {
    name: 'malformed YAML',
    request: post(PODS, BAD_YAML, { contentType: 'application/yaml' }),
    expect: badRequest(
      // json.Serializer calls sigs.k8s.io/yaml.YAMLToJSON, which returns go-yaml's error without a prefix.
      `the object provided is unrecognized (must be of type Pod): yaml: line 3: mapping values are not allowed in this context (${hexSummary(BAD_YAML)})`,
    ),
  },
  {
    name: 'unknown field under fieldValidation=Strict',
    request: post(`${PODS}?fieldValidation=Strict`, pod('p-strict', { foo: 1 })),
    expect: badRequest('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'),
  },
  {
    name: 'unknown top-level field under fieldValidation=Strict',
    request: post(`${CONFIGMAPS}?fieldValidation=Strict`, { ...configMap('cm-strict'), extra: true }),
    expect: badRequest('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "extra"'),
  },
  {
    name: 'unknown field in YAML under fieldValidation=Strict',
    request: post(`${DEPLOYMENTS}?fieldValidation=Strict`, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d-strict\nspec:\n  replicass: 2\n', {
      contentType: 'application/yaml',
    }),
    expect: badRequest('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"'),
  },
  {
    name: 'containers given as a string',
    request: post(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-type' }, spec: { containers: 'nginx' } }),
    expect: badRequest('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'),
  },
  {
    name: 'metadata.name given as a number',
    request: post(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 5 } }),
    expect: badRequest('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string'),
  },
  {
    name: 'replicas given as a string',
    request: post(DEPLOYMENTS, deployment('d-type', { replicas: 'three' })),
    expect: badRequest('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'),
  },
  {
    name: 'cpu request "abc" (quantity syntax)',
    request: post(PODS, pod('p-quantity', { containers: [container({ resources: { requests: { cpu: 'abc' } } })] })),
    expect: badRequest(`Pod in version "v1" cannot be handled as a Pod: ${QUANTITY_FORMAT_MSG}`),
  },
  {
    name: 'memory limit "1 Gi" (quantity syntax)',
    request: post(PODS, pod('p-quantity-mem', { containers: [container({ resources: { limits: { memory: '1 Gi' } } })] })),
    expect: badRequest(`Pod in version "v1" cannot be handled as a Pod: ${QUANTITY_FORMAT_MSG}`),
  },
  {
    name: 'secret data that is not base64',
    request: post(SECRETS, secret('sec-base64', { data: { a: 'abc!' } })),
    expect: badRequest('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3'),
  },
  {
    name: 'body kind ConfigMap posted to pods',
    request: post(PODS, configMap('cm-as-pod')),
    expect: badRequest(/^ConfigMap in version "v1" cannot be handled as a Pod: /),
  },
  {
    name: 'unsupported request content type',
    request: post(PODS, 'name: x', { contentType: 'text/plain' }),
    expect: { code: 415, reason: 'UnsupportedMediaType', message: unsupportedMediaType(BUILTIN_INPUT_TYPES), details: null },
  },
  {
    name: 'unacceptable Accept type',
    request: get(nsPath('configmaps', 'cm-fixture'), { accept: 'text/html' }),
    expect: { code: 406, reason: 'NotAcceptable', message: notAcceptable(BUILTIN_INPUT_TYPES), details: null },
  },

  // --- selectors ---
  {
    name: 'label selector with an unclosed set',
    request: get(`${PODS}?labelSelector=${encodeURIComponent('app in (web')}`),
    expect: badRequest(/^unable to parse requirement: /),
  },
  {
    name: 'label selector with an invalid key',
    request: get(`${PODS}?labelSelector=${encodeURIComponent('-app=web')}`),
    expect: badRequest(/^unable to parse requirement: /),
  },
  {
    name: 'label selector value with a space',
    request: get(`${CONFIGMAPS}?labelSelector=${encodeURIComponent('app in (my app)')}`),
    expect: { code: 400, reason: 'BadRequest', details: null },
  },
  {
    name: 'field selector on an unsupported pod field',
    request: get(`${PODS}?fieldSelector=${encodeURIComponent('spec.foo=bar')}`),
    expect: badRequest('field label not supported: spec.foo'),
  },
  {
    name: 'field selector on an unsupported configmap field',
    request: get(`${CONFIGMAPS}?fieldSelector=${encodeURIComponent('data.a=1')}`),
    expect: badRequest('"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"'),
  },
  {
    name: 'field selector without an operator',
    request: get(`${PODS}?fieldSelector=metadata.name`),
    expect: badRequest("invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
  },

  // --- query parameters ---
  {
    name: 'dryRun=Foo on create',
    request: post(`${CONFIGMAPS}?dryRun=Foo`, configMap('cm-dryrun')),
    expect: optionsInvalid('CreateOptions', [unsupported('dryRun', '[]string{"Foo"}', ['All'])]),
  },
  {
    name: 'fieldValidation=Bogus on create',
    request: post(`${CONFIGMAPS}?fieldValidation=Bogus`, configMap('cm-fv')),
    expect: optionsInvalid('CreateOptions', [unsupported('fieldValidation', q('Bogus'), ['', 'Ignore', 'Strict', 'Warn'])]),
  },
  {
    name: 'fieldManager of 129 characters on create',
    request: post(`${CONFIGMAPS}?fieldManager=${'m'.repeat(129)}`, configMap('cm-fm-long')),
    expect: optionsInvalid('CreateOptions', [{ type: 'FieldValueTooLong', field: 'fieldManager', message: 'Too long: may not be more than 128 bytes' }]),
  },
  {
    name: 'fieldManager with a control character',
    request: post(`${CONFIGMAPS}?fieldManager=%07bell`, configMap('cm-fm-char')),
    expect: optionsInvalid('CreateOptions', [inv('fieldManager', '"\\abell"', 'invalid character U+0007 (at position 0)')]),
  },
  {
    name: 'dryRun=Foo on update',
    request: (f) => put(`${nsPath('configmaps', 'cm-fixture')}?dryRun=Foo`, f.configMap),
    expect: optionsInvalid('UpdateOptions', [unsupported('dryRun', '[]string{"Foo"}', ['All'])]),
  },
  {
    name: 'fieldValidation=Bogus on patch',
    request: { ...patch(nsPath('configmaps', 'cm-fixture'), { data: { b: '2' } }, 'application/merge-patch+json'), path: `${nsPath('configmaps', 'cm-fixture')}?fieldValidation=Bogus` },
    expect: optionsInvalid('PatchOptions', [unsupported('fieldValidation', q('Bogus'), ['', 'Ignore', 'Strict', 'Warn'])]),
  },
  {
    name: 'limit=abc on list',
    request: get(`${PODS}?limit=abc`),
    expect: badRequest('strconv.ParseInt: parsing "abc": invalid syntax'),
  },
  {
    name: 'timeoutSeconds=abc on list',
    request: get(`${PODS}?timeoutSeconds=abc`),
    expect: badRequest('strconv.ParseInt: parsing "abc": invalid syntax'),
  },
  {
    name: 'resourceVersionMatch without resourceVersion',
    request: get(`${PODS}?resourceVersionMatch=NotOlderThan`),
    expect: optionsInvalid('ListOptions', [forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided')]),
  },
  {
    name: 'resourceVersionMatch=Bogus',
    request: get(`${PODS}?resourceVersion=1&resourceVersionMatch=Bogus`),
    expect: optionsInvalid('ListOptions', [unsupported('resourceVersionMatch', q('Bogus'), ['Exact', 'NotOlderThan', ''])]),
  },
  {
    name: 'resourceVersionMatch=Exact with resourceVersion=0',
    request: get(`${PODS}?resourceVersion=0&resourceVersionMatch=Exact`),
    expect: optionsInvalid('ListOptions', [forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"')]),
  },
  {
    name: 'sendInitialEvents on a list',
    request: get(`${PODS}?sendInitialEvents=true`),
    expect: optionsInvalid('ListOptions', [forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list')]),
  },
  {
    name: 'resourceVersionMatch on a watch without sendInitialEvents',
    request: get(`${PODS}?watch=true&resourceVersion=1&resourceVersionMatch=NotOlderThan`, { timeoutMs: 3000 }),
    expect: optionsInvalid('ListOptions', [forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided')]),
  },
  {
    name: 'propagationPolicy=Bogus on delete',
    request: del(nsPath('configmaps', 'cm-fixture'), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Bogus' }),
    expect: optionsInvalid('DeleteOptions', [unsupported('propagationPolicy', q('Bogus'), ['Foreground', 'Background', 'Orphan', 'nil'])]),
  },
  {
    name: 'orphanDependents together with propagationPolicy on delete',
    request: del(nsPath('configmaps', 'cm-fixture'), { kind: 'DeleteOptions', apiVersion: 'v1', orphanDependents: true, propagationPolicy: 'Orphan' }),
    expect: optionsInvalid('DeleteOptions', [inv('propagationPolicy', q('Orphan'), 'orphanDependents and deletionPropagation cannot be both set')]),
  },
  {
    name: 'dryRun=Foo on delete',
    request: { method: 'DELETE', path: `${nsPath('configmaps', 'cm-fixture')}?dryRun=Foo` },
    expect: optionsInvalid('DeleteOptions', [unsupported('dryRun', '[]string{"Foo"}', ['All'])]),
  },

  // --- patches ---
  {
    name: 'malformed JSON patch',
    request: patch(nsPath('configmaps', 'cm-fixture'), '[{"op":"replace","path":"/data/a"', 'application/json-patch+json'),
    expect: badRequest('unexpected end of JSON input'),
  },
  {
    name: 'JSON patch that is an object',
    request: patch(nsPath('configmaps', 'cm-fixture'), { op: 'replace', path: '/data/a', value: '2' }, 'application/json-patch+json'),
    expect: badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch'),
  },
  {
    name: 'JSON patch whose test op fails',
    request: patch(nsPath('configmaps', 'cm-fixture'), [{ op: 'test', path: '/data/a', value: 'not-1' }], 'application/json-patch+json'),
    expect: { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {} },
  },
  {
    name: 'JSON patch removing a missing key',
    request: patch(nsPath('configmaps', 'cm-fixture'), [{ op: 'remove', path: '/data/nope' }], 'application/json-patch+json'),
    expect: { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {} },
  },
  {
    name: 'malformed merge patch',
    request: patch(nsPath('configmaps', 'cm-fixture'), '{"data":', 'application/merge-patch+json'),
    expect: badRequest('Invalid JSON Patch'),
  },
  {
    name: 'malformed strategic merge patch',
    request: patch(nsPath('configmaps', 'cm-fixture'), '{"data":', 'application/strategic-merge-patch+json'),
    expect: badRequest('unexpected end of JSON input'),
  },
  {
    // ValidateConfigMapUpdate runs ValidateObjectMetaUpdate and ValidateConfigMap, and both check labels: the
    // causes carry the error twice, while the message (ErrorList.ToAggregate) drops the repeated text.
    name: 'merge patch producing an invalid label',
    request: patch(nsPath('configmaps', 'cm-fixture'), { metadata: { labels: { app: 'my app' } } }, 'application/merge-patch+json'),
    expect: invalid('ConfigMap', 'cm-fixture', [inv('metadata.labels', q('my app'), LABEL_VALUE_MSG), inv('metadata.labels', q('my app'), LABEL_VALUE_MSG)], {
      message: `metadata.labels: Invalid value: ${q('my app')}: ${LABEL_VALUE_MSG}`,
    }),
  },
  {
    name: 'patch with an unsupported content type',
    request: patch(nsPath('configmaps', 'cm-fixture'), { data: { a: '2' } }, 'application/json'),
    expect: { code: 415, reason: 'UnsupportedMediaType', message: unsupportedMediaType(BUILTIN_PATCH_TYPES), details: null },
  },
  {
    name: 'strategic merge patch on a custom resource',
    request: patch(nsPath('widgets', 'widget-fixture', 'example.com/v1'), { spec: { size: 2 } }, 'application/strategic-merge-patch+json'),
    expect: { code: 415, reason: 'UnsupportedMediaType', message: unsupportedMediaType(CRD_PATCH_TYPES), details: null },
  },
  {
    name: 'apply patch without fieldManager',
    request: patch(nsPath('configmaps', 'cm-fixture'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-fixture\ndata:\n  a: "2"\n', 'application/apply-patch+yaml'),
    expect: optionsInvalid('PatchOptions', [req('fieldManager', 'is required for apply patch')]),
  },
  {
    // applyPatcher: yaml.Unmarshal (sigs.k8s.io/yaml wraps go-yaml's error) → NewBadRequest("error decoding YAML: …").
    name: 'apply patch with malformed YAML',
    request: { ...patch(nsPath('configmaps', 'cm-fixture'), BAD_YAML, 'application/apply-patch+yaml'), path: `${nsPath('configmaps', 'cm-fixture')}?fieldManager=tester` },
    expect: badRequest('error decoding YAML: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context'),
  },
  {
    name: 'force on a merge patch',
    request: { ...patch(nsPath('configmaps', 'cm-fixture'), { data: { a: '2' } }, 'application/merge-patch+json'), path: `${nsPath('configmaps', 'cm-fixture')}?force=true` },
    expect: optionsInvalid('PatchOptions', [forbidden('force', 'may not be specified for non-apply patch')]),
  },

  // --- custom resources (apiextensions structural schema validation) ---
  {
    name: 'custom resource field of the wrong type',
    request: post(nsPath('widgets', undefined, 'example.com/v1'), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w-type' }, spec: { size: 'big' } }),
    expect: invalid(
      'Widget',
      'w-type',
      [{ type: 'FieldValueTypeInvalid', field: 'spec.size', message: 'Invalid value: "string": spec.size in body must be of type integer: "string"' }],
      { group: 'example.com' },
    ),
  },
  {
    name: 'custom resource with an invalid name',
    request: post(nsPath('widgets', undefined, 'example.com/v1'), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'Big_Widget' }, spec: { size: 1 } }),
    expect: invalid('Widget', 'Big_Widget', [inv('metadata.name', q('Big_Widget'), DNS1123_SUBDOMAIN_MSG)], { group: 'example.com' }),
  },

  // --- paths, verbs, authentication ---
  {
    name: 'unknown resource in the core group',
    request: get(nsPath('gizmos')),
    expect: PATH_NOT_FOUND,
  },
  {
    // No go-restful web service claims /apis/apps/v9, so the request falls through the delegation chain
    // (aggregator → kube-apiserver → apiextensions' CRD handler) to notfoundhandler, which calls http.NotFound.
    name: 'unknown version of a known group',
    request: get('/apis/apps/v9/deployments'),
    expect: GO_NOT_FOUND,
  },
  {
    name: 'unknown group',
    request: get('/apis/gadgets.example.org/v1/namespaces/bad-req/gadgets'),
    expect: GO_NOT_FOUND,
  },
  {
    // The CRD handler's group and version discovery delegate unknown ones down the chain, to http.NotFound.
    name: 'discovery of an unknown group',
    request: get('/apis/gadgets.example.org'),
    expect: GO_NOT_FOUND,
  },
  {
    name: 'discovery of an unknown version of a known group',
    request: get('/apis/apps/v9'),
    expect: GO_NOT_FOUND,
  },
  {
    // installer.go registers a namespaced resource's all-namespaces path for LIST (and the legacy WATCHLIST) only.
    name: 'POST to the all-namespaces path of pods',
    request: post('/api/v1/pods', pod('p-all-ns')),
    expect: METHOD_NOT_ALLOWED,
  },
  {
    name: 'PUT on a collection',
    request: put(CONFIGMAPS, configMap('cm-collection-put')),
    expect: METHOD_NOT_ALLOWED,
  },
  {
    name: 'PATCH on a collection',
    request: patch(CONFIGMAPS, { data: { a: '2' } }, 'application/merge-patch+json'),
    expect: METHOD_NOT_ALLOWED,
  },
  {
    name: 'POST to a named pod',
    request: post(nsPath('pods', 'pod-fixture'), pod('pod-fixture')),
    expect: METHOD_NOT_ALLOWED,
  },
  {
    name: 'GET on tokenreviews (create-only)',
    request: get('/apis/authentication.k8s.io/v1/tokenreviews'),
    expect: METHOD_NOT_ALLOWED,
  },
  {
    name: 'request without a bearer token',
    request: get(PODS, { token: null }),
    expect: { code: 401, reason: 'Unauthorized', message: 'Unauthorized', details: null },
  },
  {
    name: 'request with a wrong bearer token',
    request: get(PODS, { token: 'not-the-token' }),
    expect: { code: 401, reason: 'Unauthorized', message: 'Unauthorized', details: null },
  },
];

/** A different address in the same /24 as `ip` (the service CIDR is far larger than one host). */
function otherIp(ip: string): string {
  const parts = ip.split('.').map(Number);
  const last = parts[3] ?? 0;
  parts[3] = last === 200 ? 201 : 200;
  return parts.join('.');
}

// ---------- assertions ----------

function matches(actual: unknown, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : typeof actual === 'string' && expected.test(actual);
}

interface WireCause {
  reason?: string;
  field?: string;
  message?: string;
}

function causeMatches(actual: WireCause, e: ExpectedCause): boolean {
  return actual.reason === e.type && actual.field === e.field && (e.message === undefined || matches(actual.message, e.message));
}

/** Compares with upstream and returns every mismatch (empty when the answer is upstream's). */
function differences(res: WireResponse, e: Expected): string[] {
  const out: string[] = [];
  if (res.status !== e.code) out.push(`code ${res.status}, want ${e.code}`);
  if (e.plainText !== undefined) {
    if (res.text !== e.plainText) out.push(`body ${JSON.stringify(res.text.slice(0, 200))}, want ${JSON.stringify(e.plainText)}`);
    if (!res.contentType.startsWith('text/plain')) out.push(`content-type ${res.contentType}, want text/plain`);
    return out;
  }
  const body = res.json;
  if (!body) return [...out, `body is not JSON: ${res.text.slice(0, 200)}`];
  if (body.kind !== 'Status' || body.apiVersion !== 'v1' || body.status !== 'Failure') out.push('body is not a v1 Status with status Failure');
  if (body.code !== e.code) out.push(`Status.code ${String(body.code)}, want ${e.code}`);
  if (body.reason !== e.reason) out.push(`reason ${String(body.reason)}, want ${e.reason}`);
  if (e.message !== undefined && !matches(body.message, e.message)) out.push(`message ${JSON.stringify(body.message)}, want ${String(e.message)}`);
  const details = body.details as Json | undefined;
  if (e.details === null) {
    if (details !== undefined) out.push(`details ${JSON.stringify(details)}, want none`);
  } else if (e.details !== undefined) {
    if (!details) out.push('details missing');
    else
      for (const key of ['name', 'kind', 'group'] as const) {
        const want = e.details[key] ?? '';
        const got = (details[key] as string | undefined) ?? '';
        if (got !== want) out.push(`details.${key} ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
  }
  const causes = ((details?.causes as WireCause[] | undefined) ?? []).slice();
  const describe = (c: ExpectedCause): string => `${c.type} ${c.field ?? '(no field)'} ${c.message === undefined ? '' : String(c.message)}`;
  if (e.causes) {
    if (causes.length !== e.causes.length) out.push(`${causes.length} causes, want ${e.causes.length}`);
    const remaining = causes.slice();
    for (const want of e.causes) {
      const i = remaining.findIndex((c) => causeMatches(c, want));
      if (i < 0) out.push(`missing cause ${describe(want)}`);
      else remaining.splice(i, 1);
    }
    if (remaining.length > 0 && out.length > 0) out.push(`unexpected causes ${JSON.stringify(remaining)}`);
  } else if (e.causesInclude) {
    for (const want of e.causesInclude) if (!causes.some((c) => causeMatches(c, want))) out.push(`missing cause ${describe(want)}`);
  } else if (e.details !== undefined && causes.length > 0) {
    out.push(`unexpected causes ${JSON.stringify(causes)}`);
  }
  return out;
}

// ---------- the suite ----------

let lab: LabServer;
let fixtures: Fixtures;

async function call(r: WireRequest): Promise<WireResponse> {
  return sendRaw(lab, r);
}

async function mustCreate(path: string, body: Json): Promise<void> {
  const res = await call(post(path, body));
  if (res.status !== 201 && res.status !== 200) throw new Error(`fixture ${path} ${String(body.metadata?.name)}: ${res.status} ${res.text}`);
}

async function mustGet(path: string): Promise<Json> {
  const res = await call(get(path));
  if (res.status !== 200 || !res.json) throw new Error(`fixture GET ${path}: ${res.status} ${res.text}`);
  return res.json;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The store's revision plus every key at its modRevision: equal fingerprints mean nothing was written. */
async function storeFingerprint(): Promise<{ revision: number; keys: string }> {
  const { store } = lab.controlPlane;
  const revision = store.currentRevision();
  const list = await store.list('/');
  return { revision, keys: list.items.map((i) => `${i.key}@${i.modRevision}`).join('\n') };
}

async function createFixtures(): Promise<void> {
  await mustCreate('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await mustCreate('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: TERMINATING_NS } });
  await mustCreate(`/api/v1/namespaces/${TERMINATING_NS}/configmaps`, configMap('held', {}, { finalizers: ['example.com/hold'] }));
  const delNs = await call(del(`/api/v1/namespaces/${TERMINATING_NS}`));
  if (delNs.status !== 200 && delNs.status !== 202) throw new Error(`delete namespace: ${delNs.status} ${delNs.text}`);

  await mustCreate(CONFIGMAPS, configMap('cm-fixture'));
  await mustCreate(CONFIGMAPS, configMap('cm-immutable', { immutable: true }));
  await mustCreate(SECRETS, secret('secret-fixture'));
  await mustCreate(PODS, pod('pod-fixture'));
  await mustCreate(DEPLOYMENTS, deployment('deploy-fixture'));
  await mustCreate(SERVICES, service('svc-fixture'));
  await mustCreate(JOBS, job('job-fixture'));
  await mustCreate(nsPath('statefulsets', undefined, 'apps/v1'), {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'sts-fixture' },
    spec: { serviceName: 'sts', replicas: 0, selector: { matchLabels: { app: 'sts' } }, template: podTemplate({ app: 'sts' }) },
  });
  await mustCreate('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
        },
      ],
    },
  });
  await waitFor('widgets served', async () => (await call(get(nsPath('widgets', undefined, 'example.com/v1')))).status === 200);
  await mustCreate(nsPath('widgets', undefined, 'example.com/v1'), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'widget-fixture' }, spec: { size: 1 } });
  await waitFor('namespace terminating', async () => {
    const res = await call(get(`/api/v1/namespaces/${TERMINATING_NS}`));
    return res.status === 200 && (res.json?.status as Json | undefined)?.phase === 'Terminating';
  });
}

/** Pauses the virtual clock, then waits until the store has been quiet for a second. */
async function settle(): Promise<void> {
  lab.controlPlane.driver.clock.pause();
  let last = lab.controlPlane.store.currentRevision();
  let quietSince = Date.now();
  const deadline = Date.now() + 30_000;
  while (Date.now() - quietSince < 1000) {
    if (Date.now() > deadline) throw new Error('store never settled');
    await sleep(100);
    const now = lab.controlPlane.store.currentRevision();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

describe('bad requests are refused as Kubernetes 1.32 refuses them, and write nothing', () => {
  beforeAll(async () => {
    lab = await startLabServer();
    await waitFor('bootstrap', async () => (await call(get('/api/v1/namespaces/default'))).status === 200);
    await createFixtures();
    await settle();
    fixtures = {
      pod: await mustGet(nsPath('pods', 'pod-fixture')),
      deployment: await mustGet(nsPath('deployments', 'deploy-fixture', 'apps/v1')),
      service: await mustGet(nsPath('services', 'svc-fixture')),
      job: await mustGet(nsPath('jobs', 'job-fixture', 'batch/v1')),
      statefulSet: await mustGet(nsPath('statefulsets', 'sts-fixture', 'apps/v1')),
      configMap: await mustGet(nsPath('configmaps', 'cm-fixture')),
      immutableConfigMap: await mustGet(nsPath('configmaps', 'cm-immutable')),
      secret: await mustGet(nsPath('secrets', 'secret-fixture')),
      widget: await mustGet(nsPath('widgets', 'widget-fixture', 'example.com/v1')),
    };
  }, 120_000);

  afterAll(async () => {
    await lab?.close();
  });

  it('has at least 100 cases with distinct names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const before = await storeFingerprint();
      const request = typeof c.request === 'function' ? c.request(fixtures) : c.request;
      const expected = typeof c.expect === 'function' ? c.expect(fixtures) : c.expect;
      const res = await call(request).catch(
        (err: unknown): WireResponse => ({ status: 0, contentType: '', text: `request failed: ${String(err)}`, json: undefined }),
      );
      await sleep(20); // let any (wrong) asynchronous write land before comparing
      const after = await storeFingerprint();
      const problems = differences(res, expected);
      if (after.revision !== before.revision) problems.push(`store revision moved ${before.revision} → ${after.revision}`);
      else if (after.keys !== before.keys) problems.push('store contents changed');
      expect(problems, `${request.method} ${request.path.slice(0, 200)}\n  PROBLEMS: ${problems.join(' | ')}\n  GOT: ${res.text.slice(0, 600)}`).toEqual([]);
    });
  }
});
