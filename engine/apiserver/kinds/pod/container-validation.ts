/**
 * Container checks from pkg/apis/core/validation/validation.go (1.32): validateContainers,
 * validateInitContainers, validateContainerCommon and their helpers, in upstream's order and wording.
 */
import type { Container, ContainerPort, EnvVar, EnvFromSource, Probe, VolumeMount, LifecycleHandler } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import {
  isConfigMapKey,
  isDNS1123Label,
  isHTTPHeaderName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  isValidGroupID,
  nameIsDNSSubdomain,
  validateNonnegativeField,
  validatePortNumOrName,
  validateResourceQuantityValue,
  QuantityParseError,
  quantityFromJSON,
  type Quantity,
} from '../../validation';
import { validateLocalDescendingPath } from './path-validation';

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SUPPORTED_HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const SUPPORTED_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const SUPPORTED_MOUNT_PROPAGATION = ['Bidirectional', 'HostToContainer', 'None'];
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const DOWNWARD_API_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
const CONTAINER_RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => fieldError.invalid(path, value, m));
}

export function validateQualifiedName(value: string, path: FieldPath): FieldError[] {
  return isQualifiedName(value).map((m) => fieldError.invalid(path, value, m));
}

/** The context a container is validated in: the pod's volumes and grace period. */
export interface ContainerContext {
  volumes: ReadonlySet<string>;
  gracePeriod: number | undefined;
}

function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    const name = port.name ?? '';
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length !== 0) for (const m of msgs) errs.push(fieldError.invalid(p.child('name'), name, m));
      else if (names.has(name)) errs.push(fieldError.duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = port.containerPort ?? 0;
    if (containerPort === 0) errs.push(fieldError.required(p.child('containerPort'), ''));
    else for (const m of isValidPortNum(containerPort)) errs.push(fieldError.invalid(p.child('containerPort'), containerPort, m));
    const hostPort = port.hostPort ?? 0;
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(fieldError.invalid(p.child('hostPort'), hostPort, m));
    const protocol = port.protocol ?? '';
    if (protocol.length === 0) errs.push(fieldError.required(p.child('protocol'), ''));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(fieldError.notSupported(p.child('protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

function validateObjectFieldSelector(fs: { apiVersion?: string; fieldPath?: string }, valid: readonly string[], path: FieldPath): FieldError[] {
  const apiVersion = fs.apiVersion ?? '';
  const fieldPath = fs.fieldPath ?? '';
  if (apiVersion.length === 0) return [fieldError.required(path.child('apiVersion'), '')];
  if (fieldPath.length === 0) return [fieldError.required(path.child('fieldPath'), '')];
  // podshelper.ConvertDownwardAPIFieldLabel over fieldpath.SplitMaybeSubscriptedPath: `path['key']`.
  let internal = fieldPath;
  const sub = /^([^[]+)\['(.*)'\]$/s.exec(fieldPath);
  if (apiVersion !== 'v1') {
    return [fieldError.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`)];
  }
  if (sub) {
    if (sub[1] !== 'metadata.annotations' && sub[1] !== 'metadata.labels') {
      return [fieldError.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`)];
    }
  } else if (fieldPath === 'spec.host') {
    internal = 'spec.nodeName';
  } else if (!DOWNWARD_API_FIELD_LABELS.has(fieldPath)) {
    return [fieldError.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  if (sub) {
    const subscript = sub[2] ?? '';
    if (sub[1] === 'metadata.annotations') return validateQualifiedName(subscript.toLowerCase(), path);
    return validateQualifiedName(subscript, path);
  }
  if (!valid.includes(internal)) return [fieldError.notSupported(path.child('fieldPath'), internal, valid)];
  return [];
}

function validateKeySelector(sel: { name?: string; key?: string }, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = sel.name ?? '';
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldError.invalid(path.child('name'), name, m));
  const key = sel.key ?? '';
  if (key.length === 0) errs.push(fieldError.required(path.child('key'), ''));
  else for (const m of isConfigMapKey(key)) errs.push(fieldError.invalid(path.child('key'), key, m));
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    const resource = from.resourceFieldRef.resource ?? '';
    if (resource.length === 0) errs.push(fieldError.required(path.child('resourceFieldRef').child('resource'), ''));
    else if (!CONTAINER_RESOURCE_FIELDS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) {
      errs.push(fieldError.notSupported(path.child('resourceFieldRef').child('resource'), resource, CONTAINER_RESOURCE_FIELDS));
    }
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, path.child('configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.secretKeyRef, path.child('secretKeyRef')));
  }
  if (sources === 0) {
    errs.push(fieldError.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if ((ev.value ?? '').length !== 0) {
    errs.push(fieldError.invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

/** ValidateEnv with RelaxedEnvironmentVariableValidation (beta, on by default in 1.32). */
export function validateEnv(vars: readonly EnvVar[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    const name = ev.name ?? '';
    if (name.length === 0) errs.push(fieldError.required(p.child('name'), ''));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fieldError.invalid(p.child('name'), name, m));
    errs.push(...validateEnvVarValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

function validateEnvFrom(vars: readonly EnvFromSource[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    const prefix = ev.prefix ?? '';
    if (prefix.length > 0) for (const m of isRelaxedEnvVarName(prefix)) errs.push(fieldError.invalid(p.child('prefix'), prefix, m));
    let sources = 0;
    if (ev.configMapRef) {
      sources++;
      const name = ev.configMapRef.name ?? '';
      for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldError.invalid(p.child('configMapRef').child('name'), name, m));
    }
    if (ev.secretRef) {
      sources++;
      const name = ev.secretRef.name ?? '';
      for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldError.invalid(p.child('secretRef').child('name'), name, m));
    }
    if (sources === 0) errs.push(fieldError.invalid(p, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fieldError.invalid(p, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = path.index(i);
    const name = m.name ?? '';
    const mountPath = m.mountPath ?? '';
    if (name.length === 0) errs.push(fieldError.required(p.child('name'), ''));
    if (!volumes.has(name)) errs.push(fieldError.notFound(p.child('name'), name));
    if (mountPath.length === 0) errs.push(fieldError.required(p.child('mountPath'), ''));
    if (mountPoints.has(mountPath)) errs.push(fieldError.invalid(p.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    // Upstream reports subPath problems at the list path, not the item path.
    if ((m.subPath ?? '').length > 0) errs.push(...validateLocalDescendingPath(m.subPath ?? '', path.child('subPath')));
    if ((m.subPathExpr ?? '').length > 0) {
      if ((m.subPath ?? '').length > 0) {
        errs.push(fieldError.invalid(p.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      }
      errs.push(...validateLocalDescendingPath(m.subPathExpr ?? '', path.child('subPathExpr')));
    }
    if (m.mountPropagation !== undefined && !SUPPORTED_MOUNT_PROPAGATION.includes(m.mountPropagation)) {
      errs.push(fieldError.notSupported(path.child('mountPropagation'), m.mountPropagation, SUPPORTED_MOUNT_PROPAGATION));
    }
  });
  return errs;
}

function validatePullPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const p = policy ?? '';
  if (SUPPORTED_PULL_POLICIES.includes(p)) return [];
  if (p === '') return [fieldError.required(path, '')];
  return [fieldError.notSupported(path, p, SUPPORTED_PULL_POLICIES)];
}

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtendedResource = (name: string): boolean => !isNativeResource(name) && !name.startsWith('requests.');
const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePages(name);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateQualifiedName(name, path);
  if (errs.length !== 0) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) return [fieldError.invalid(path, name, 'must be a standard resource for containers')];
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    return [fieldError.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

/** Parses every quantity of a resource list; a value that is not a quantity is reported with the decoder's message. */
export function parseResourceList(list: Record<string, unknown> | undefined, path: FieldPath, errs: FieldError[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    try {
      out.set(name, quantityFromJSON(raw));
    } catch (e) {
      if (!(e instanceof QuantityParseError)) throw e;
      errs.push(fieldError.invalid(path.key(name), raw, e.message));
    }
  }
  return out;
}

/** ValidateContainerResources: names, quantities, request ≤ limit, non-overcommittable requests = limits. */
export function validateContainerResources(resources: Container['resources'], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = parseResourceList(resources?.limits as Record<string, unknown> | undefined, limPath, errs);
  const requests = parseResourceList(resources?.requests as Record<string, unknown> | undefined, reqPath, errs);
  let limCpuOrMemory = false;
  let reqCpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuOrMemory = true;
  }
  for (const [name, q] of requests) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit !== undefined) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldError.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(fieldError.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuOrMemory = true;
  }
  if (!limCpuOrMemory && !reqCpuOrMemory && hugePages) errs.push(fieldError.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

type Handler = { exec?: { command?: string[] }; httpGet?: Probe['httpGet']; tcpSocket?: Probe['tcpSocket']; grpc?: Probe['grpc']; sleep?: { seconds?: number } };

function validateHandler(h: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let handlers = 0;
  const one = (key: string, check: () => FieldError[]): void => {
    if (handlers > 0) errs.push(fieldError.forbidden(path.child(key), 'may not specify more than 1 handler type'));
    else {
      handlers++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => ((h.exec?.command ?? []).length === 0 ? [fieldError.required(path.child('exec').child('command'), '')] : []));
  if (h.httpGet) {
    const get = h.httpGet;
    one('httpGet', () => {
      const p = path.child('httpGet');
      const out: FieldError[] = [];
      if ((get.path ?? '').length === 0) out.push(fieldError.required(p.child('path'), ''));
      out.push(...validatePortNumOrName(get.port, p.child('port')));
      const scheme = get.scheme ?? '';
      if (!SUPPORTED_HTTP_SCHEMES.includes(scheme)) out.push(fieldError.notSupported(p.child('scheme'), scheme, SUPPORTED_HTTP_SCHEMES));
      for (const header of get.httpHeaders ?? []) {
        for (const m of isHTTPHeaderName(header.name ?? '')) out.push(fieldError.invalid(p.child('httpHeaders'), header.name ?? '', m));
      }
      return out;
    });
  }
  if (h.tcpSocket) {
    const tcp = h.tcpSocket;
    one('tcpSocket', () => validatePortNumOrName(tcp.port, path.child('tcpSocket').child('port')));
  }
  if (h.grpc) {
    const port = h.grpc.port ?? 0;
    one('grpc', () => isValidPortNum(port).map((m) => fieldError.invalid(path.child('grpc').child('port'), port, m)));
  }
  if (h.sleep) {
    const seconds = h.sleep.seconds ?? 0;
    one('sleep', () => {
      // validateSleepAction (PodLifecycleSleepActionAllowZero is off in 1.32: 1..gracePeriod).
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        return [fieldError.invalid(path.child('sleep'), seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`)];
      }
      return [];
    });
  }
  if (handlers === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs = validateHandler(probe as Handler, gracePeriod, path);
  errs.push(...validateNonnegativeField(probe.initialDelaySeconds ?? 0, path.child('initialDelaySeconds')));
  errs.push(...validateNonnegativeField(probe.timeoutSeconds ?? 0, path.child('timeoutSeconds')));
  errs.push(...validateNonnegativeField(probe.periodSeconds ?? 0, path.child('periodSeconds')));
  errs.push(...validateNonnegativeField(probe.successThreshold ?? 0, path.child('successThreshold')));
  errs.push(...validateNonnegativeField(probe.failureThreshold ?? 0, path.child('failureThreshold')));
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldError.invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}

function validateSuccessThresholdOne(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.successThreshold !== 1) errs.push(fieldError.invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

function validateReadinessProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(fieldError.invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(lifecycle: Container['lifecycle'], gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const hooks: [string, LifecycleHandler | undefined][] = [
    ['postStart', lifecycle?.postStart],
    ['preStop', lifecycle?.preStop],
  ];
  for (const [name, h] of hooks) if (h) errs.push(...validateHandler(h as Handler, gracePeriod, path.child(name)));
  return errs;
}

/**
 * ValidateSecurityContext (the checks that apply on Linux). The struct bad value upstream prints with %#v
 * is rendered as JSON-ish here.
 */
function validateSecurityContext(sc: Container['securityContext'], path: FieldPath): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined) for (const m of isValidUserID(sc.runAsUser)) errs.push(fieldError.invalid(path.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of isValidGroupID(sc.runAsGroup)) errs.push(fieldError.invalid(path.child('runAsGroup'), sc.runAsGroup, m));
  if (sc.procMount !== undefined && sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
    errs.push(fieldError.notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(fieldError.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(fieldError.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  return errs;
}

/** validateContainerCommon. */
function validateContainerCommon(c: Container, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = c.name ?? '';
  if (name.length === 0) errs.push(fieldError.required(path.child('name'), ''));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if ((c.image ?? '').length === 0) errs.push(fieldError.required(path.child('image'), ''));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(fieldError.required(path.child('terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldError.notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx.volumes, path.child('volumeMounts')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, path.child('imagePullPolicy')));
  errs.push(...validateContainerResources(c.resources, path.child('resources')));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext')));
  return errs;
}

/** checkHostPortConflicts: the same hostPort/protocol/hostIP twice across the pod's containers. */
function checkHostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.hostIP ?? ''}/${port.hostPort}/${port.protocol ?? ''}`;
      if (seen.has(key)) errs.push(fieldError.duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      seen.add(key);
    });
  });
  return errs;
}

/** validateContainers for spec.containers. */
export function validateContainers(containers: readonly Container[] | undefined, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [fieldError.required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = c.name ?? '';
    if (names.has(name)) errs.push(fieldError.duplicate(p.child('name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
    errs.push(...validateSuccessThresholdOne(c.livenessProbe, ctx.gracePeriod, p.child('livenessProbe')));
    errs.push(...validateReadinessProbe(c.readinessProbe, ctx.gracePeriod, p.child('readinessProbe')));
    errs.push(...validateSuccessThresholdOne(c.startupProbe, ctx.gracePeriod, p.child('startupProbe')));
    if ((c as { restartPolicy?: string }).restartPolicy !== undefined) {
      errs.push(fieldError.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

/** validateInitContainers: names unique across init and regular containers; probes only on sidecars. */
export function validateInitContainers(
  initContainers: readonly Container[] | undefined,
  containers: readonly Container[] | undefined,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((containers ?? []).map((c) => c.name ?? ''));
  (initContainers ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = c.name ?? '';
    if (names.has(name)) errs.push(fieldError.duplicate(p.child('name'), name));
    else names.add(name);
    const restartPolicy = (c as { restartPolicy?: string }).restartPolicy;
    if (restartPolicy !== undefined && restartPolicy !== 'Always') {
      errs.push(fieldError.notSupported(p.child('restartPolicy'), restartPolicy, ['Always']));
    }
    if (restartPolicy === 'Always') {
      errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, p.child('lifecycle')));
      errs.push(...validateSuccessThresholdOne(c.livenessProbe, ctx.gracePeriod, p.child('livenessProbe')));
      errs.push(...validateReadinessProbe(c.readinessProbe, ctx.gracePeriod, p.child('readinessProbe')));
      errs.push(...validateSuccessThresholdOne(c.startupProbe, ctx.gracePeriod, p.child('startupProbe')));
    } else {
      if (c.lifecycle) errs.push(fieldError.forbidden(p.child('lifecycle'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.livenessProbe) errs.push(fieldError.forbidden(p.child('livenessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.readinessProbe) errs.push(fieldError.forbidden(p.child('readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.startupProbe) errs.push(fieldError.forbidden(p.child('startupProbe'), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  errs.push(...checkHostPortConflicts(initContainers ?? [], path));
  return errs;
}
