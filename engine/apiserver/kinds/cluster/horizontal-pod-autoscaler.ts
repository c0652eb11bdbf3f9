/**
 * autoscaling/v2 HorizontalPodAutoscaler: SetDefaults_HorizontalPodAutoscaler[Behavior], the registry strategy
 * and ValidateHorizontalPodAutoscaler (1.32; HPAScaleToZero off, so minReplicas ≥ 1). Status subresource;
 * the HPA strategy sets no generation upstream.
 */
import type {
  CrossVersionObjectReference,
  HPAScalingPolicy,
  HPAScalingRules,
  HorizontalPodAutoscaler,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
} from 'kubernetes-types/autoscaling/v2';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Label, validateNonnegativeField } from '../../validation';
import { validateLimitRangeResourceName } from '../core/resource-names';
import { readQuantity } from '../core/quantities';
import { dropStatus, keepOldSpec, keepOldStatus } from '../core/spec-status-rules';
import { isValidPathSegmentName } from './rbac';

type HPA = HorizontalPodAutoscaler & KubeObject;

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;
const MIN_REPLICAS_LOWER_BOUND = 1;
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_SOURCE_TYPES = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource'];
const SELECT_POLICIES = ['Max', 'Min', 'Disabled'];
const POLICY_TYPES = ['Pods', 'Percent'];

/** The scale-up rules upstream fills in: 4 pods or 100% per 15s, whichever is more, no stabilization. */
export function defaultScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** Scale-down: 100% per 15s; stabilizationWindowSeconds stays unset (the controller's flag decides). */
export function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the user's non-nil fields win over the defaults. */
function completeRules(user: HPAScalingRules | undefined, base: HPAScalingRules): HPAScalingRules {
  if (user === undefined) return base;
  const out = { ...base };
  if (user.selectPolicy !== undefined) out.selectPolicy = user.selectPolicy;
  if (user.stabilizationWindowSeconds !== undefined) out.stabilizationWindowSeconds = user.stabilizationWindowSeconds;
  if (user.policies !== undefined) out.policies = user.policies;
  return out;
}

function defaults(hpa: HPA): void {
  const spec = hpa.spec;
  if (spec === undefined) return;
  if (spec.minReplicas === undefined) spec.minReplicas = 1;
  if ((spec.metrics ?? []).length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  // Behavior is completed only when the user wrote one.
  if (spec.behavior !== undefined) {
    spec.behavior = {
      scaleUp: completeRules(spec.behavior.scaleUp, defaultScaleUpRules()),
      scaleDown: completeRules(spec.behavior.scaleDown, defaultScaleDownRules()),
    };
  }
}

function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const kind = ref?.kind ?? '';
  const name = ref?.name ?? '';
  if (kind === '') errs.push(fieldError.required(path.child('kind')));
  else for (const m of isValidPathSegmentName(kind)) errs.push(fieldError.invalid(path.child('kind'), kind, m));
  if (name === '') errs.push(fieldError.required(path.child('name')));
  else for (const m of isValidPathSegmentName(name)) errs.push(fieldError.invalid(path.child('name'), name, m));
  return errs;
}

function validateMetricTarget(t: MetricTarget | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = t?.type ?? '';
  if (type === '') errs.push(fieldError.required(path.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(fieldError.invalid(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  for (const field of ['value', 'averageValue'] as const) {
    if (t?.[field] === undefined) continue;
    const parsed = readQuantity(t[field], path.child(field));
    if (!parsed.ok) errs.push(parsed.error);
    else if (parsed.q.sign() !== 1) errs.push(fieldError.invalid(path.child(field), parsed.q.toString(), 'must be positive'));
  }
  if (t?.averageUtilization !== undefined && t.averageUtilization < 1) {
    errs.push(fieldError.invalid(path.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, path: FieldPath): FieldError[] {
  const name = id?.name ?? '';
  if (name === '') return [fieldError.required(path.child('name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((m) => fieldError.invalid(path.child('name'), name, m));
}

/** Required, then ValidateContainerResourceName (the LimitRange Container rule). */
function validateResourceName(name: string, path: FieldPath): FieldError[] {
  if (name === '') return [fieldError.required(path, 'must specify a resource name')];
  return validateLimitRangeResourceName('Container', name, path);
}

function validateMetricSpec(spec: MetricSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? '';
  if (type === '') errs.push(fieldError.required(path.child('type'), 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(fieldError.notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));

  const present: string[] = [];
  const first = (): boolean => present.length === 1;
  if (spec.object !== undefined) {
    present.push('object');
    if (first()) {
      const p = path.child('object');
      errs.push(...validateCrossVersionObjectReference(spec.object.describedObject, p.child('describedObject')));
      errs.push(...validateMetricIdentifier(spec.object.metric, p.child('metric')));
      errs.push(...validateMetricTarget(spec.object.target, p.child('target')));
      if (spec.object.target?.value === undefined && spec.object.target?.averageValue === undefined) {
        errs.push(fieldError.required(p.child('target', 'averageValue'), 'must set either a target value or averageValue'));
      }
    }
  }
  if (spec.pods !== undefined) {
    present.push('pods');
    if (first()) {
      const p = path.child('pods');
      errs.push(...validateMetricIdentifier(spec.pods.metric, p.child('metric')));
      errs.push(...validateMetricTarget(spec.pods.target, p.child('target')));
      if (spec.pods.target?.averageValue === undefined) errs.push(fieldError.required(p.child('target', 'averageValue'), 'must specify a positive target averageValue'));
    }
  }
  if (spec.resource !== undefined) {
    present.push('resource');
    if (first()) {
      const p = path.child('resource');
      errs.push(...validateResourceName(spec.resource.name ?? '', p.child('name')));
      errs.push(...validateResourceTarget(spec.resource.target, p));
    }
  }
  if (spec.external !== undefined) {
    present.push('external');
    if (first()) {
      const p = path.child('external');
      errs.push(...validateMetricIdentifier(spec.external.metric, p.child('metric')));
      errs.push(...validateMetricTarget(spec.external.target, p.child('target')));
      const t = spec.external.target;
      if (t?.value === undefined && t?.averageValue === undefined) {
        errs.push(fieldError.required(p.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
      }
      if (t?.value !== undefined && t.averageValue !== undefined) {
        errs.push(fieldError.forbidden(p.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
      }
    }
  }
  if (spec.containerResource !== undefined) {
    present.push('containerResource');
    if (first()) {
      const p = path.child('containerResource');
      errs.push(...validateResourceName(spec.containerResource.name ?? '', p.child('name')));
      const container = spec.containerResource.container ?? '';
      if (container === '') errs.push(fieldError.required(p.child('container'), 'must specify a container'));
      else for (const m of isDNS1123Label(container)) errs.push(fieldError.invalid(p.child('container'), container, m));
      errs.push(...validateResourceTarget(spec.containerResource.target, p));
    }
  }

  const expected: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };
  const field = expected[type];
  if (field === undefined) errs.push(fieldError.notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));
  else if (spec[field as keyof MetricSpec] === undefined) errs.push(fieldError.required(path.child(field), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const typ of present) if (typ !== field) errs.push(fieldError.forbidden(path.child(typ), 'must populate the given metric source only'));
  }
  return errs;
}

function validateResourceTarget(t: MetricTarget | undefined, p: FieldPath): FieldError[] {
  const errs = validateMetricTarget(t, p.child('target'));
  if (t?.averageUtilization === undefined && t?.averageValue === undefined) {
    errs.push(fieldError.required(p.child('target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (t?.averageUtilization !== undefined && t.averageValue !== undefined) {
    errs.push(fieldError.forbidden(p.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateScalingPolicy(policy: HPAScalingPolicy, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!POLICY_TYPES.includes(policy.type)) errs.push(fieldError.notSupported(path.child('type'), policy.type, POLICY_TYPES));
  if (policy.value <= 0) errs.push(fieldError.invalid(path.child('value'), policy.value, 'must be greater than zero'));
  if (policy.periodSeconds <= 0) errs.push(fieldError.invalid(path.child('periodSeconds'), policy.periodSeconds, 'must be greater than zero'));
  if (policy.periodSeconds > MAX_PERIOD_SECONDS) {
    errs.push(fieldError.invalid(path.child('periodSeconds'), policy.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, path: FieldPath): FieldError[] {
  if (rules === undefined) return [];
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errs.push(fieldError.invalid(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(fieldError.invalid(path.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(fieldError.notSupported(path.child('selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(fieldError.required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => errs.push(...validateScalingPolicy(p, path.child('policies').index(i))));
  return errs;
}

function validateHPA(hpa: HPA): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.of('spec');
  const spec = hpa.spec;
  const min = spec?.minReplicas;
  const max = spec?.maxReplicas ?? 0;
  if (min !== undefined && min < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(fieldError.invalid(path.child('minReplicas'), min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
  }
  if (max < 1) errs.push(fieldError.invalid(path.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(fieldError.invalid(path.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec?.scaleTargetRef, path.child('scaleTargetRef')));
  const metrics = spec?.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, path.child('metrics').index(i))));
  if (min === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(fieldError.forbidden(path.child('metrics'), 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (spec?.behavior !== undefined) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, path.child('behavior', 'scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, path.child('behavior', 'scaleDown')));
  }
  return errs;
}

function validateStatus(hpa: HPA): FieldError[] {
  const path = FieldPath.of('status');
  return [
    ...validateNonnegativeField(hpa.status?.currentReplicas ?? 0, path.child('currentReplicas')),
    ...validateNonnegativeField(hpa.status?.desiredReplicas ?? 0, path.child('desiredReplicas')),
  ];
}

export const horizontalPodAutoscalerStrategy: KindStrategy<HPA> = {
  defaults,
  prepareForCreate: dropStatus,
  prepareForUpdate: keepOldStatus,
  validate: validateHPA,
  validateUpdate: validateHPA,
  prepareForStatusUpdate: keepOldSpec,
  validateStatusUpdate: validateStatus,
};
