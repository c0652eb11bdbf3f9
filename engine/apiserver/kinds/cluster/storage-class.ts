/** storage.k8s.io/v1 StorageClass: SetDefaults_StorageClass and ValidateStorageClass[Update] (1.32). Cluster-scoped, no status. */
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { byteLength, isQualifiedName, semanticDeepEqual, validateImmutableField, validateLabelName } from '../../validation';

type SC = StorageClass & KubeObject;

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateStorageClass(sc: SC): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = sc.provisioner ?? '';
  if (provisioner === '') errs.push(fieldError.required('provisioner', provisioner));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(fieldError.invalid('provisioner', provisioner.toLowerCase(), m));

  const params = sc.parameters ?? {};
  if (Object.keys(params).length > MAX_PARAMETERS) {
    errs.push(fieldError.tooLong('parameters', 'Provisioner Parameters exceeded max allowed', MAX_PARAMETERS));
  } else {
    let size = 0;
    for (const [k, v] of Object.entries(params)) {
      if (k.length < 1) errs.push(fieldError.invalid('parameters', k, 'field can not be empty.'));
      size += byteLength(k) + byteLength(v);
    }
    if (size > MAX_PARAMETERS_SIZE) errs.push(fieldError.tooLong('parameters', '', MAX_PARAMETERS_SIZE));
  }

  const policy = sc.reclaimPolicy ?? '';
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy)) errs.push(fieldError.notSupported('reclaimPolicy', policy, RECLAIM_POLICIES));
  const mode = sc.volumeBindingMode;
  if (mode === undefined) errs.push(fieldError.required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(mode)) errs.push(fieldError.notSupported('volumeBindingMode', mode, BINDING_MODES));

  // validateAllowedTopologies → validateTopologySelectorLabelRequirement ("as least" is upstream's spelling).
  (sc.allowedTopologies ?? []).forEach((term, i) => {
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const reqPath = FieldPath.of('allowedTopologies').index(i).child('matchLabelExpressions').index(j);
      if (req.values.length === 0) errs.push(fieldError.required(reqPath.child('values'), 'must specify as least one value'));
      errs.push(...validateLabelName(req.key, reqPath.child('key')));
    });
  });
  return errs;
}

export const storageClassStrategy: KindStrategy<SC> = {
  defaults(sc) {
    if (sc.reclaimPolicy === undefined) sc.reclaimPolicy = 'Delete';
    if (sc.volumeBindingMode === undefined) sc.volumeBindingMode = 'Immediate';
  },
  validate: validateStorageClass,
  validateUpdate(sc, old) {
    const errs = validateStorageClass(sc);
    if (!semanticDeepEqual(sc.parameters, old.parameters)) errs.push(fieldError.forbidden('parameters', 'updates to parameters are forbidden.'));
    if ((sc.provisioner ?? '') !== (old.provisioner ?? '')) errs.push(fieldError.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if ((sc.reclaimPolicy ?? '') !== (old.reclaimPolicy ?? '')) errs.push(fieldError.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...validateImmutableField(sc.volumeBindingMode, old.volumeBindingMode, FieldPath.of('volumeBindingMode')));
    return errs;
  },
};
