/**
 * Service: SetDefaults_Service, pkg/registry/core/service/strategy.go (patchAllocatedValues,
 * NormalizeClusterIPs) and ValidateService/ValidateServiceUpdate (1.32).
 *
 * Contract with the registry: ClusterIP / NodePort / HealthCheckNodePort allocation happens in the registry
 * (upstream's BeginCreate/BeginUpdate), not here. This strategy fills ipFamilyPolicy/ipFamilies the way a
 * single-stack IPv4 cluster's allocator reports them, keeps allocated values on updates that omit them, and
 * validates what the client wrote. Services carry no metadata.generation upstream.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  parseIPSloppy,
  validateLabels,
  validatePortNumber,
  validatePortNumOrName,
} from '../../validation';
import { validateCIDR, validateIP, validateNonSpecialIP } from './ip-rules';
import { dropStatus, keepOldSpec, keepOldStatus } from './spec-status-rules';

type Svc = Service & KubeObject;

const SPEC = FieldPath.of('spec');
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
/** v1.DefaultClientIPServiceAffinitySeconds and core.MaxClientIPServiceAffinitySeconds. */
const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
const MAX_CLIENT_IP_TIMEOUT = 86400;

const typeOf = (svc: Svc): string => svc.spec?.type ?? '';
const isHeadless = (svc: Svc): boolean => svc.spec?.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === 'None';
/** apiservice.ExternallyAccessible. */
const externallyAccessible = (svc: Svc): boolean =>
  typeOf(svc) === 'LoadBalancer' || typeOf(svc) === 'NodePort' || (typeOf(svc) === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
const needsNodePort = (svc: Svc): boolean => typeOf(svc) === 'NodePort' || typeOf(svc) === 'LoadBalancer';
const needsHealthCheck = (svc: Svc): boolean => typeOf(svc) === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';

/** The %#v rendering of `core.ServicePort{Protocol, Port}`, the key upstream reports duplicates with. */
function servicePortKey(protocol: string, port: number): GoValue {
  return new GoValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

function defaults(svc: Svc): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      if (ing.ip && ing.ipMode === undefined) ing.ipMode = 'VIP';
    }
  }
}

/** NormalizeClusterIPs: keep the singular and plural fields in step for clients that write only one. */
function normalizeClusterIPs(svc: Svc, old: Svc | undefined): void {
  const spec = (svc.spec ??= {});
  const ip = spec.clusterIP ?? '';
  const ips = spec.clusterIPs ?? [];
  if (old === undefined) {
    if (ip !== '' && ips.length === 0) spec.clusterIPs = [ip];
    return;
  }
  const oldIP = old.spec?.clusterIP ?? '';
  const oldIPs = old.spec?.clusterIPs ?? [];
  if (oldIPs.length > 0 && ips.length === 0 && oldIP === ip) spec.clusterIPs = [...oldIPs];
  const same = (spec.clusterIPs ?? []).length === oldIPs.length && (spec.clusterIPs ?? []).every((v, i) => v === oldIPs[i]);
  if (oldIP !== ip) {
    if (oldIP !== '' && ip === '') {
      if (same) delete spec.clusterIPs;
    } else if (same) {
      spec.clusterIPs = [ip];
    }
  }
}

/** patchAllocatedValues: an update that omits allocated values keeps them. */
function patchAllocatedValues(svc: Svc, old: Svc): void {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  if (typeOf(old) !== 'ExternalName' && typeOf(svc) !== 'ExternalName') {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIPs ?? []).length > 0) spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
    // initIPFamilyFields in the allocator re-derives these the same way on a single-stack cluster.
    if (spec.ipFamilyPolicy === undefined && oldSpec.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    if ((spec.ipFamilies ?? []).length === 0 && (oldSpec.ipFamilies ?? []).length > 0) spec.ipFamilies = [...(oldSpec.ipFamilies ?? [])];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (s: Svc): Set<number> => new Set((s.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(svc);
    const inBoth = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map((oldSpec.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0] as const));
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const oldVal = byName.get(p.name ?? '') ?? 0;
        if (oldVal !== 0 && !inBoth.has(oldVal)) p.nodePort = oldVal;
      }
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

/**
 * dropTypeDependentFields: on a type change, wipe values the new type cannot have — but only those the
 * client left as they were (a changed value is the client's intent and goes to validation).
 */
function dropTypeDependentFields(svc: Svc, old: Svc): void {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (typeOf(old) !== 'ExternalName' && typeOf(svc) === 'ExternalName') {
    if (same(spec.clusterIPs, oldSpec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(spec.ipFamilies, oldSpec.ipFamilies)) delete spec.ipFamilies;
    if (same(spec.ipFamilyPolicy, oldSpec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const nodePorts = (s: Svc): number[] => (s.spec?.ports ?? []).map((p) => p.nodePort ?? 0);
    if (same(nodePorts(svc), nodePorts(old))) for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && spec.healthCheckNodePort === oldSpec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (typeOf(old) === 'LoadBalancer' && typeOf(svc) !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (same(spec.loadBalancerClass, oldSpec.loadBalancerClass)) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}

/** What a single-stack IPv4 cluster's allocator reports for services that get cluster IPs. */
function initIPFamilyFields(svc: Svc): void {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName') return;
  if (spec.ipFamilyPolicy === undefined) {
    const selectorlessHeadless = isHeadless(svc) && Object.keys(spec.selector ?? {}).length === 0 && (spec.ipFamilies ?? []).length === 0;
    spec.ipFamilyPolicy = selectorlessHeadless ? 'RequireDualStack' : 'SingleStack';
  }
  if ((spec.ipFamilies ?? []).length === 0) {
    const first = spec.clusterIPs?.[0];
    spec.ipFamilies = [first !== undefined && first.includes(':') ? 'IPv6' : 'IPv4'];
  }
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name === '') errs.push(fieldError.required(path.child('name')));
  else if (name !== '') {
    for (const m of isDNS1123Label(name)) errs.push(fieldError.invalid(path.child('name'), name, m));
    if (names.has(name)) errs.push(fieldError.duplicate(path.child('name'), name));
    else names.add(name);
  }
  errs.push(...validatePortNumber(sp.port ?? 0, path.child('port')));
  const protocol = sp.protocol ?? '';
  if (protocol === '') errs.push(fieldError.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fieldError.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, path.child('targetPort')));
  if (sp.appProtocol !== undefined) {
    for (const m of isQualifiedName(sp.appProtocol)) errs.push(fieldError.invalid(path.child('appProtocol'), sp.appProtocol, m));
  }
  return errs;
}

function validateClientIPAffinity(svc: Svc): FieldError[] {
  const path = SPEC.child('sessionAffinityConfig');
  const detail = 'when session affinity type is ClientIP';
  const config = svc.spec?.sessionAffinityConfig;
  if (!config) return [fieldError.required(path, detail)];
  if (!config.clientIP) return [fieldError.required(path.child('clientIP'), detail)];
  const timeout = config.clientIP.timeoutSeconds;
  if (timeout === undefined) return [fieldError.required(path.child('clientIP', 'timeoutSeconds'), detail)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT) {
    return [fieldError.invalid(path.child('clientIP', 'timeoutSeconds'), timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`)];
  }
  return [];
}

/** ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPsRelatedFields(svc: Svc): FieldError[] {
  if (typeOf(svc) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const ipsPath = SPEC.child('clusterIPs');
  const ips = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(fieldError.required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(fieldError.invalid(ipsPath, [...ips], 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(fieldError.invalid(ipsPath, [...ips], 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(fieldError.notSupported(SPEC.child('ipFamilies').index(i), f, IP_FAMILIES));
    if (seen.has(f)) errs.push(fieldError.duplicate(SPEC.child('ipFamilies').index(i), f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(fieldError.notSupported(SPEC.child('ipFamilyPolicy'), spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(fieldError.invalid(ipsPath, [...ips], "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateIP(ip, ipsPath.index(i));
    if (ipErrs.length > 0) invalidIPs = true;
    errs.push(...ipErrs);
  });
  if (ips.length > 2) errs.push(fieldError.invalid(ipsPath, [...ips], 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (ips.length > 1) {
    const v6 = ips.map((ip) => ip.includes(':'));
    if (ips.length !== 2 || v6[0] === v6[1]) errs.push(fieldError.invalid(ipsPath, [...ips], 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(svc) && ips.length > 0 && families.length > 0) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && ip.includes(':')) {
        errs.push(fieldError.invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !ip.includes(':')) {
        errs.push(fieldError.invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

function validateService(svc: Svc): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const type = typeOf(svc);
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(svc) && type !== 'ExternalName') errs.push(fieldError.required(SPEC.child('ports')));
  if (type === 'LoadBalancer' && isHeadless(svc)) {
    errs.push(fieldError.invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for LoadBalancer services"));
  } else if (type === 'NodePort' && isHeadless(svc)) {
    errs.push(fieldError.invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for NodePort services"));
  } else if (type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length > 0) errs.push(fieldError.forbidden(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
    if ((spec.ipFamilies ?? []).length > 0) errs.push(fieldError.forbidden(SPEC.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) errs.push(fieldError.forbidden(SPEC.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    // A trailing dot marks the CNAME fully qualified.
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname !== '') for (const m of isDNS1123Subdomain(cname)) errs.push(fieldError.invalid(SPEC.child('externalName'), cname, m));
    else errs.push(fieldError.required(SPEC.child('externalName')));
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, SPEC.child('ports').index(i))));

  if (spec.selector !== undefined) errs.push(...validateLabels(spec.selector, SPEC.child('selector')));

  const affinity = spec.sessionAffinity ?? '';
  if (affinity === '') errs.push(fieldError.required(SPEC.child('sessionAffinity')));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(fieldError.notSupported(SPEC.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') errs.push(...validateClientIPAffinity(svc));
  else if (affinity === 'None' && spec.sessionAffinityConfig !== undefined) {
    errs.push(fieldError.forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }

  errs.push(...validateClusterIPsRelatedFields(svc));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const path = SPEC.child('externalIPs').index(i);
    const ipErrs = validateIP(ip, path);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, path)));
  });

  if (type === '') errs.push(fieldError.required(SPEC.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldError.notSupported(SPEC.child('type'), type, SERVICE_TYPES));

  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(fieldError.forbidden(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(fieldError.duplicate(SPEC.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (portKeys.has(key)) errs.push(fieldError.duplicate(SPEC.child('ports').index(i), servicePortKey(p.protocol ?? '', p.port ?? 0)));
    portKeys.add(key);
  });

  // Upstream's path here is capitalised; values may be space-padded (a legacy of the annotation form).
  const ranges = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0) {
    const rangesPath = SPEC.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(fieldError.forbidden(rangesPath, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(r.trim(), rangesPath.index(i))));
  }
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    errs.push(fieldError.required(SPEC.child('allocateLoadBalancerNodePorts')));
  }

  // validateServiceExternalTrafficPolicy
  const etp = spec.externalTrafficPolicy ?? '';
  if (!externallyAccessible(svc)) {
    if (etp !== '') errs.push(fieldError.invalid(SPEC.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(fieldError.required(SPEC.child('externalTrafficPolicy')));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(fieldError.notSupported(SPEC.child('externalTrafficPolicy'), etp, TRAFFIC_POLICIES));
  if (!needsHealthCheck(svc) && spec.healthCheckNodePort) {
    errs.push(
      fieldError.invalid(SPEC.child('healthCheckNodePort'), spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
    );
  }

  // validateServiceTrafficDistribution (ServiceTrafficDistribution is beta and on in 1.32)
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fieldError.notSupported(SPEC.child('trafficDistribution'), spec.trafficDistribution, ['PreferClose']));
  }

  // validateServiceInternalTrafficFieldsValue
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(fieldError.required(SPEC.child('internalTrafficPolicy')));
  if (itp !== undefined && !TRAFFIC_POLICIES.includes(itp)) errs.push(fieldError.notSupported(SPEC.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  return errs;
}

const ipFamiliesValue = (f: readonly string[]): GoValue => new GoValue(`[]core.IPFamily{${f.map(goQuote).join(', ')}}`);

/** validateUpgradeDowngradeClusterIPs + validateUpgradeDowngradeIPFamilies: primaries never change. */
function validateUpgradeDowngrade(svc: Svc, old: Svc): FieldError[] {
  if (typeOf(svc) === 'ExternalName' || typeOf(old) === 'ExternalName') return [];
  if (isHeadless(svc) && isHeadless(old)) return [];
  const errs: FieldError[] = [];
  const check = (field: string, next: string[], prev: string[], render: (v: string[]) => unknown, what: string, release: string): void => {
    const path = SPEC.child(field).index(0);
    if (prev.length === next.length) {
      prev.forEach((v, i) => v !== next[i] && errs.push(fieldError.invalid(path, render(next), 'may not change once set')));
    } else if (prev.length > next.length) {
      if (next.length === 0) errs.push(fieldError.invalid(path, render(next), `primary ${what} can not be unset`));
      if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) errs.push(fieldError.invalid(path, render(next), 'may not change once set'));
      if (next.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
        errs.push(fieldError.invalid(path, render(next), `\`ipFamilyPolicy\` must be set to 'SingleStack' when releasing the secondary ${release}`));
      }
    } else if (prev.length > 0 && next[0] !== prev[0]) {
      errs.push(fieldError.invalid(path, render(next), 'may not change once set'));
    }
  };
  check('clusterIPs', svc.spec?.clusterIPs ?? [], old.spec?.clusterIPs ?? [], (v) => [...v], 'clusterIP', 'clusterIP');
  check('ipFamilies', svc.spec?.ipFamilies ?? [], old.spec?.ipFamilies ?? [], ipFamiliesValue, 'ipFamily', 'ipFamily');
  return errs;
}

function validateLoadBalancerStatus(svc: Svc): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.of('status', 'loadBalancer', 'ingress');
  (svc.status?.loadBalancer?.ingress ?? []).forEach((ing, i) => {
    const idx = path.index(i);
    if (ing.ip) errs.push(...validateIP(ing.ip, idx.child('ip')));
    if (ing.ipMode !== undefined && !ing.ip) errs.push(fieldError.required(idx.child('ip'), 'must be specified when `ipMode` is set'));
    if (ing.ipMode !== undefined && !['Proxy', 'VIP'].includes(ing.ipMode)) errs.push(fieldError.notSupported(idx.child('ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    if (ing.hostname) {
      for (const m of isDNS1123Subdomain(ing.hostname)) errs.push(fieldError.invalid(idx.child('hostname'), ing.hostname, m));
      if (parseIPSloppy(ing.hostname)) errs.push(fieldError.invalid(idx.child('hostname'), ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

/**
 * GetWarningsForService (1.32): deprecated topology annotation, IPv4 literals with leading zeros (accepted
 * now, invalid in a future release) and fields the chosen type ignores. The IPv6 canonical-form warning is
 * not modelled. (The headless-service warnings arrived in 1.34.)
 */
function warnings(svc: Svc): string[] {
  const out: string[] = [];
  const hints = 'service.kubernetes.io/topology-aware-hints';
  if (svc.metadata?.annotations?.[hints] !== undefined) {
    out.push(`annotation ${hints} is deprecated, please use service.kubernetes.io/topology-mode instead`);
  }
  const spec = svc.spec ?? {};
  const ipWarning = (path: string, ip: string): void => {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(ip) && ip.split('.').some((o) => o.length > 1 && o.startsWith('0'))) {
      out.push(`${path}: IP address was accepted, but will be invalid in a future Kubernetes release: ParseAddr(${goQuote(ip)}): IPv4 field has octet with leading zero`);
    }
  };
  if (spec.clusterIP && spec.clusterIP !== 'None') (spec.clusterIPs ?? []).forEach((ip, i) => ipWarning(`spec.clusterIPs[${i}]`, ip));
  (spec.externalIPs ?? []).forEach((ip, i) => ipWarning(`spec.externalIPs[${i}]`, ip));
  if (spec.loadBalancerIP) ipWarning('spec.loadBalancerIP', spec.loadBalancerIP);
  if (spec.type === 'ExternalName' && (spec.externalIPs ?? []).length > 0) out.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (spec.type !== 'ExternalName' && spec.externalName) out.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  return out;
}

export const serviceStrategy: KindStrategy<Svc> = {
  warnings,
  defaults,
  prepareForCreate(svc) {
    dropStatus(svc);
    normalizeClusterIPs(svc, undefined);
    initIPFamilyFields(svc);
  },
  prepareForUpdate(svc, old) {
    keepOldStatus(svc, old);
    patchAllocatedValues(svc, old);
    normalizeClusterIPs(svc, old);
    dropTypeDependentFields(svc, old);
    initIPFamilyFields(svc);
  },
  validate: validateService,
  validateUpdate(svc, old) {
    return [...validateUpgradeDowngrade(svc, old), ...validateService(svc)];
  },
  prepareForStatusUpdate: keepOldSpec,
  validateStatusUpdate: validateLoadBalancerStatus,
};
