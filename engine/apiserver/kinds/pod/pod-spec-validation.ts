/**
 * ValidatePodSpec, ValidatePodTemplateSpec and ValidatePodCreate from pkg/apis/core/validation (1.32),
 * in upstream's order. ObjectMeta of the Pod itself is validated by the registry.
 */
import type { PodSpec, PodTemplateSpec, PodDNSConfig } from 'kubernetes-types/core/v1';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import {
  isDNS1123Subdomain,
  isValidIPMessages,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabels,
  validateServiceAccountName,
  inclusiveRangeError,
} from '../../validation';
import { validateContainers, validateDNS1123Label, validateInitContainers, validateQualifiedName } from './container-validation';
import { validateAffinity, validateSchedulingGates, validateTolerations, validateTopologySpreadConstraints } from './scheduling-validation';
import { validateVolumes } from './volume-validation';

const MAX_INT32 = 2147483647;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;

export function validateRestartPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const p = policy ?? '';
  if (RESTART_POLICIES.includes(p)) return [];
  if (p === '') return [fieldError.required(path, '')];
  return [fieldError.notSupported(path, p, RESTART_POLICIES)];
}

function validateDNSPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const p = policy ?? '';
  if (DNS_POLICIES.includes(p)) return [];
  if (p === '') return [fieldError.required(path, '')];
  return [fieldError.notSupported(path, p, DNS_POLICIES)];
}

function validatePodDNSConfig(config: PodDNSConfig | undefined, dnsPolicy: string | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === 'None') {
    if (!config) return [fieldError.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((config.nameservers ?? []).length === 0) {
      errs.push(fieldError.required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
    }
  }
  if (!config) return errs;
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    errs.push(fieldError.invalid(path.child('nameservers'), nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((ns, i) => {
    for (const m of isValidIPMessages(ns)) errs.push(fieldError.invalid(path.child('nameservers').index(i), ns, m));
  });
  const searches = config.searches ?? [];
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    errs.push(fieldError.invalid(path.child('searches'), searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of isDNS1123Subdomain(trimmed)) errs.push(fieldError.invalid(path.child('searches').index(i), trimmed, m));
  });
  (config.options ?? []).forEach((o, i) => {
    if ((o.name ?? '').length === 0) errs.push(fieldError.required(path.child('options').index(i), 'Option.Name must not be empty'));
  });
  return errs;
}

function validatePodSecurityContext(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const sc = spec.securityContext;
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        if ((port.hostPort ?? 0) !== (port.containerPort ?? 0)) {
          errs.push(
            fieldError.invalid(path.child('containers').index(i).child('ports').index(j).child('containerPort'), port.containerPort ?? 0, 'must match `hostPort` when `hostNetwork` is true'),
          );
        }
      });
    });
  }
  if (!sc) return errs;
  const scPath = path.child('securityContext');
  const id = (v: number | undefined, name: string): void => {
    if (v !== undefined && (v < 0 || v > MAX_INT32)) errs.push(fieldError.invalid(scPath.child(name), v, inclusiveRangeError(0, MAX_INT32)));
  };
  id(sc.fsGroup, 'fsGroup');
  id(sc.runAsUser, 'runAsUser');
  id(sc.runAsGroup, 'runAsGroup');
  (sc.supplementalGroups ?? []).forEach((g, i) => {
    if (g < 0 || g > MAX_INT32) errs.push(fieldError.invalid(scPath.child('supplementalGroups').index(i), g, inclusiveRangeError(0, MAX_INT32)));
  });
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== 'OnRootMismatch' && sc.fsGroupChangePolicy !== 'Always') {
    errs.push(fieldError.notSupported(scPath.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['OnRootMismatch', 'Always']));
  }
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(fieldError.required(path.child('terminationGracePeriodSeconds'), ''));
  }
  const vols = validateVolumes(spec.volumes, path.child('volumes'));
  errs.push(...vols.errors);
  const ctx = { volumes: vols.names, gracePeriod: spec.terminationGracePeriodSeconds ?? undefined };
  errs.push(...validateContainers(spec.containers, ctx, path.child('containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, path.child('initContainers')));
  errs.push(...validatePodSecurityContext(spec, path));
  errs.push(...validateRestartPolicy(spec.restartPolicy, path.child('restartPolicy')));
  errs.push(...validateDNSPolicy(spec.dnsPolicy, path.child('dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validateAffinity(spec.affinity, path.child('affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, spec.dnsPolicy, path.child('dnsConfig')));
  (spec.readinessGates ?? []).forEach((g, i) => errs.push(...validateQualifiedName(g.conditionType ?? '', path.child('readinessGates').index(i).child('conditionType'))));
  errs.push(...validateSchedulingGates(spec.schedulingGates, path.child('schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')));
  const sa = spec.serviceAccountName ?? '';
  if (sa.length > 0) for (const m of validateServiceAccountName(sa, false)) errs.push(fieldError.invalid(path.child('serviceAccountName'), sa, m));
  const nodeName = spec.nodeName ?? '';
  if (nodeName.length > 0) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(fieldError.invalid(path.child('nodeName'), nodeName, m));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(fieldError.invalid(path.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  if ((spec.hostname ?? '').length > 0) errs.push(...validateDNS1123Label(spec.hostname ?? '', path.child('hostname')));
  if ((spec.subdomain ?? '').length > 0) errs.push(...validateDNS1123Label(spec.subdomain ?? '', path.child('subdomain')));
  if ((spec.tolerations ?? []).length > 0) errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  (spec.hostAliases ?? []).forEach((alias, i) => {
    const p = path.child('hostAliases').index(i);
    for (const m of isValidIPMessages(alias.ip ?? '')) errs.push(fieldError.invalid(p.child('ip'), alias.ip ?? '', m));
    (alias.hostnames ?? []).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h)) errs.push(fieldError.invalid(p.child('hostnames').index(j), h, m));
    });
  });
  const pc = spec.priorityClassName ?? '';
  if (pc.length > 0) for (const m of nameIsDNSSubdomain(pc, false)) errs.push(fieldError.invalid(path.child('priorityClassName'), pc, m));
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    for (const m of nameIsDNSSubdomain(spec.runtimeClassName, false)) errs.push(fieldError.invalid(path.child('runtimeClassName'), spec.runtimeClassName, m));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== 'PreemptLowerPriority' && spec.preemptionPolicy !== 'Never') {
    errs.push(fieldError.notSupported(path.child('preemptionPolicy'), spec.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  if (spec.os && spec.os.name !== 'linux' && spec.os.name !== 'windows') {
    errs.push(fieldError.notSupported(path.child('os').child('name'), spec.os.name ?? '', ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: note upstream reports template labels at `<path>.labels`, not `.metadata.labels`. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const t = template ?? {};
  const errs = validateLabels(t.metadata?.labels, path.child('labels'));
  errs.push(...validateAnnotations(t.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(t.spec ?? { containers: [] }, path.child('spec')));
  if ((t.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(fieldError.forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** ValidatePodCreate minus ObjectMeta: the spec plus the create-only rules. */
export function validatePodCreate(spec: PodSpec): FieldError[] {
  const path = FieldPath.root('spec');
  const errs = validatePodSpec(spec, path);
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(fieldError.forbidden(path.child('ephemeralContainers'), 'cannot be set on create'));
  if ((spec.nodeName ?? '') !== '' && (spec.schedulingGates ?? []).length !== 0) {
    errs.push(fieldError.forbidden(path.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
