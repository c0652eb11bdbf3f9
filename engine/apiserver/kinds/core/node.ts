/**
 * Node: pkg/registry/core/node/strategy.go + ValidateNode/ValidateNodeUpdate (1.32). Nodes have no
 * generation; the kubelet registers them with a status, so create keeps the status it is given.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { keepOldSpec, keepOldStatus } from './spec-status-rules';
import { validateCIDR } from './ip-rules';
import { validateNodeTaints } from './taints';

type NodeObj = Node & KubeObject;

const CIDR_CHANGE = 'node updates may not change podCIDR except from "" to valid';

function validateNode(node: NodeObj): FieldError[] {
  const errs: FieldError[] = [];
  const cidrs = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => errs.push(...validateCIDR(c, FieldPath.of('spec', 'podCIDRs').index(i))));
  const families = cidrs.map((c) => (c.includes(':') ? 6 : 4));
  if (cidrs.length > 2 || (cidrs.length === 2 && families[0] === families[1])) {
    errs.push(fieldError.invalid(FieldPath.of('spec', 'podCIDRs'), [...cidrs], 'may specify no more than one CIDR for each IP family'));
  }
  errs.push(...validateNodeTaints(node.spec?.taints, FieldPath.of('spec', 'taints')));
  return errs;
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function defaultStatus(node: NodeObj): void {
  const status = node.status;
  if (status?.capacity !== undefined && status.allocatable === undefined) status.allocatable = deepCopy(status.capacity);
}

export const nodeStrategy: KindStrategy<NodeObj> = {
  defaults: defaultStatus,
  prepareForCreate(node) {
    // dropDisabledFields: the DynamicKubeletConfig fields are gone.
    if (node.spec) delete (node.spec as Record<string, unknown>).configSource;
  },
  prepareForUpdate(node, old) {
    keepOldStatus(node, old);
  },
  validate: validateNode,
  validateUpdate(node, old) {
    const errs = validateNode(node);
    const oldCIDRs = old.spec?.podCIDRs ?? [];
    const newCIDRs = node.spec?.podCIDRs ?? [];
    if (oldCIDRs.length > 0) {
      if (oldCIDRs.length !== newCIDRs.length) errs.push(fieldError.forbidden(FieldPath.of('spec', 'podCIDRs'), CIDR_CHANGE));
      else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(fieldError.forbidden(FieldPath.of('spec', 'podCIDRs'), CIDR_CHANGE)));
    }
    const oldProvider = old.spec?.providerID ?? '';
    if (oldProvider !== '' && oldProvider !== (node.spec?.providerID ?? '')) {
      errs.push(fieldError.forbidden(FieldPath.of('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
  prepareForStatusUpdate(node, old) {
    keepOldSpec(node, old);
  },
  validateStatusUpdate(node) {
    return validateNode(node);
  },
};
