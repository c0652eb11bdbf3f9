/** PodDisruptionBudget, HorizontalPodAutoscaler, RoleBinding/ClusterRoleBinding and webhook configuration printers. */
import { age, arr, intOrString, num, obj, quantityString, str, type Json } from './cell-formats';
import { AGE_COLUMN, NAME_COLUMN, column, docColumn, type KindPrinter } from './kind-printer';

const name = (o: Json): string => str(obj(o.metadata).name);

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const minAvailable = spec.minAvailable === undefined || spec.minAvailable === null ? 'N/A' : intOrString(spec.minAvailable);
    const maxUnavailable = spec.maxUnavailable === undefined || spec.maxUnavailable === null ? 'N/A' : intOrString(spec.maxUnavailable);
    return { cells: [name(o), minAvailable, maxUnavailable, num(obj(o.status).disruptionsAllowed), age(o, now)] };
  },
};

/** One metric's `current/target` as formatHPAMetrics prints it (autoscaling/v2 shapes). */
function formatMetric(spec: Json, status: Json | undefined): string {
  const unknown = '<unknown>';
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = obj(obj(spec[key]).target);
      const current = status?.[key] === undefined ? undefined : obj(obj(status[key]).current);
      if (target.averageValue !== undefined) {
        const cur = current?.averageValue !== undefined ? quantityString(current.averageValue) : unknown;
        return `${cur}/${quantityString(target.averageValue)} (avg)`;
      }
      return `${current === undefined ? unknown : quantityString(current.value)}/${quantityString(target.value)}`;
    }
    case 'Pods': {
      const target = obj(obj(spec.pods).target);
      const current = status?.pods === undefined ? unknown : quantityString(obj(obj(status.pods).current).averageValue);
      return `${current}/${quantityString(target.averageValue)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = obj(spec[key]);
      const target = obj(source.target);
      const cur = status?.[key] === undefined ? undefined : obj(obj(status[key]).current);
      if (target.averageValue !== undefined) {
        return `${str(source.name)}: ${cur === undefined ? unknown : quantityString(cur.averageValue)}/${quantityString(target.averageValue)}`;
      }
      const current = typeof cur?.averageUtilization === 'number' ? `${cur.averageUtilization}%` : unknown;
      const goal = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
      return `${str(source.name)}: ${current}/${goal}`;
    }
    default:
      return '<unknown type>';
  }
}

function formatHPAMetrics(specs: Json[], statuses: Json[]): string {
  if (specs.length === 0) return '<none>';
  const max = 2;
  const list = specs.map((s, i) => formatMetric(s, statuses[i]));
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    docColumn('Reference', 'string', 'hpaSpec.scaleTargetRef'),
    docColumn('Targets', 'string', 'hpaSpec.metrics'),
    docColumn('MinPods', 'string', 'hpaSpec.minReplicas'),
    docColumn('MaxPods', 'string', 'hpaSpec.maxReplicas'),
    docColumn('Replicas', 'string', 'hpaStatus.currentReplicas'),
    AGE_COLUMN,
  ],
  print(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const ref = obj(spec.scaleTargetRef);
    let metrics = arr(spec.metrics);
    // autoscaling/v1 objects carry their single CPU target in targetCPUUtilizationPercentage.
    if (metrics.length === 0 && typeof spec.targetCPUUtilizationPercentage === 'number') {
      metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
    }
    let currentMetrics = arr(status.currentMetrics);
    if (currentMetrics.length === 0 && typeof status.currentCPUUtilizationPercentage === 'number') {
      currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
    }
    const minPods = typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>';
    return {
      cells: [name(o), `${str(ref.kind)}/${str(ref.name)}`, formatHPAMetrics(metrics, currentMetrics), minPods, num(spec.maxReplicas), num(status.currentReplicas), age(o, now)],
    };
  },
};

/** rbac.SubjectsStrings joined with ", ": users, groups, and `namespace/name` service accounts. */
function subjectCells(subjects: Json[]): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(what: 'roleBinding' | 'clusterRoleBinding'): KindPrinter {
  return {
    columns: [
      NAME_COLUMN,
      docColumn('Role', 'string', `${what}.roleRef`),
      AGE_COLUMN,
      column('Users', 'string', `Users in the ${what}`, { priority: 1 }),
      column('Groups', 'string', `Groups in the ${what}`, { priority: 1 }),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, { priority: 1 }),
    ],
    print(o, now) {
      const roleRef = obj(o.roleRef);
      return { cells: [name(o), `${str(roleRef.kind)}/${str(roleRef.name)}`, age(o, now), ...subjectCells(arr(o.subjects))] };
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

export const webhookConfigurationPrinter: KindPrinter = {
  columns: [NAME_COLUMN, column('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), AGE_COLUMN],
  print: (o, now) => ({ cells: [name(o), arr(o.webhooks).length, age(o, now)] }),
};
