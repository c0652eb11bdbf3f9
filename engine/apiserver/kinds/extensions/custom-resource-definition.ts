/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: SetDefaults_CustomResourceDefinition[Spec], the registry
 * strategy (pkg/registry/customresourcedefinition/strategy.go) and ValidateCustomResourceDefinition[Update]
 * (1.32). Status subresource; generation 1 on create and +1 on spec change; storage versions are recorded
 * in status.storedVersions.
 *
 * Departure from upstream, on purpose: upstream's NamingConditionController and EstablishingController set
 * status.acceptedNames and the NamesAccepted/Established conditions asynchronously, shortly after create.
 * We set them here, in the same write, with upstream's reasons and messages, so discovery can serve the new
 * resource at once and `kubectl apply` of a CRD followed by its custom resources works without a wait.
 * Name conflicts with other CRDs are not detected.
 */
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionCondition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionVersion,
} from 'kubernetes-types/apiextensions/v1';
import { deepCopy, type KubeObject } from '../../../api/objects';
import { rfc3339 } from '../../../base/clock';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy, StrategyContext } from '../../registry/strategy';
import { isDNS1035Label, isDNS1123Subdomain, semanticDeepEqual, validateImmutableField } from '../../validation';
import { bumpGenerationOnChange, keepOldStatus, setInitialGeneration } from '../core/spec-status-rules';
import { validateStructuralSchema } from './crd-schema-rules';
import { validateColumn, validateSubresources } from './crd-version-rules';

type CRD = CustomResourceDefinition & KubeObject;

const SPEC = FieldPath.of('spec');

/** The conditions the naming and establishing controllers write once names are accepted. */
function acceptedConditions(now: string): CustomResourceDefinitionCondition[] {
  return [
    { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
    { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
  ];
}

function storageVersion(spec: CustomResourceDefinitionSpec | undefined): string | undefined {
  return spec?.versions?.find((v) => v.storage)?.name;
}

function recordStorageVersion(crd: CRD): void {
  const storage = storageVersion(crd.spec);
  if (storage === undefined) return;
  const status = (crd.status ?? {}) as NonNullable<CRD['status']>;
  const stored = status.storedVersions ?? [];
  if (!stored.includes(storage)) (crd as KubeObject).status = { ...status, storedVersions: [...stored, storage] };
}

function isEstablished(crd: CRD): boolean {
  return (crd.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

/** %#v of the version list, with pointer fields as placeholders (Go prints their addresses). */
function versionsValue(versions: readonly CustomResourceDefinitionVersion[]): GoValue {
  const one = (v: CustomResourceDefinitionVersion): string =>
    `apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(v.name)}, Served:${v.served}, Storage:${v.storage}, ` +
    `Deprecated:${v.deprecated ?? false}, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(…), ` +
    `Subresources:(*apiextensions.CustomResourceSubresources)(…), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), ` +
    `SelectableFields:[]apiextensions.SelectableField(nil)}`;
  return new GoValue(`[]apiextensions.CustomResourceDefinitionVersion{${versions.map(one).join(', ')}}`);
}

/** ValidateCustomResourceDefinitionNames (also used for status.acceptedNames). */
function validateNames(names: Partial<CustomResourceDefinitionNames>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const label = (value: string | undefined, field: string, mixedCase: boolean): void => {
    if (!value) return;
    const problems = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (problems.length === 0) return;
    const detail = mixedCase ? `may have mixed case, but should otherwise match: ${problems.join(',')}` : problems.join(',');
    errs.push(fieldError.invalid(path.child(field), value, detail));
  };
  label(names.plural, 'plural', false);
  label(names.singular, 'singular', false);
  label(names.kind, 'kind', true);
  label(names.listKind, 'listKind', true);
  (names.shortNames ?? []).forEach((s, i) => {
    const problems = isDNS1035Label(s);
    if (problems.length > 0) errs.push(fieldError.invalid(path.child('shortNames').index(i), s, problems.join(',')));
  });
  if (names.kind && names.kind === names.listKind) errs.push(fieldError.invalid(path.child('listKind'), names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c, i) => {
    const problems = isDNS1035Label(c);
    if (problems.length > 0) errs.push(fieldError.invalid(path.child('categories').index(i), c, problems.join(',')));
  });
  return errs;
}

function validateEnum(path: FieldPath, value: string, accepted: string[]): FieldError[] {
  if (value === '') return [fieldError.required(path)];
  return accepted.includes(value) ? [] : [fieldError.notSupported(path, value, accepted)];
}

function validateSpec(spec: CustomResourceDefinitionSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const group = spec?.group ?? '';
  if (group === '') errs.push(fieldError.required(SPEC.child('group')));
  else {
    const problems = isDNS1123Subdomain(group);
    if (problems.length > 0) errs.push(fieldError.invalid(SPEC.child('group'), group, problems.join(',')));
    else if (group.split('.').length < 2) errs.push(fieldError.invalid(SPEC.child('group'), group, 'should be a domain with at least one dot'));
  }
  errs.push(...validateEnum(SPEC.child('scope'), spec?.scope ?? '', ['Cluster', 'Namespaced']));

  const versions = spec?.versions ?? [];
  let storageCount = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const vPath = SPEC.child('versions').index(i);
    if (v.storage) storageCount++;
    if (seen.has(v.name)) unique = false;
    seen.add(v.name);
    const problems = isDNS1035Label(v.name ?? '');
    if (problems.length > 0) errs.push(fieldError.invalid(vPath.child('name'), v.name ?? '', problems.join(',')));
    const schema = v.schema?.openAPIV3Schema;
    if (schema !== undefined) errs.push(...validateStructuralSchema(schema, vPath.child('schema', 'openAPIV3Schema')));
    errs.push(...validateSubresources(v.subresources, vPath.child('subresources')));
    (v.additionalPrinterColumns ?? []).forEach((c, j) => errs.push(...validateColumn(c, vPath.child('additionalPrinterColumns').index(j))));
  });
  if (!unique) errs.push(fieldError.invalid(SPEC.child('versions'), versionsValue(versions), 'must contain unique version names'));
  if (storageCount !== 1) errs.push(fieldError.invalid(SPEC.child('versions'), versionsValue(versions), 'must have exactly one version marked as storage version'));

  const names = spec?.names;
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names?.[field]) errs.push(fieldError.required(SPEC.child('names', field)));
  }
  errs.push(...validateNames(names ?? {}, SPEC.child('names')));

  const conversion = spec?.conversion;
  if (conversion !== undefined) {
    const cPath = SPEC.child('conversion');
    errs.push(...validateEnum(cPath.child('strategy'), conversion.strategy ?? '', ['None', 'Webhook']));
    if (conversion.strategy === 'Webhook') {
      const cc = conversion.webhook?.clientConfig;
      if (cc === undefined) errs.push(fieldError.required(cPath.child('webhookClientConfig'), 'required when strategy is set to Webhook'));
      else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(fieldError.required(cPath.child('webhookClientConfig'), 'exactly one of url or service is required'));
    } else if (conversion.webhook !== undefined) {
      errs.push(fieldError.forbidden(cPath.child('webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
    }
  }

  if (spec?.preserveUnknownFields === true) errs.push(fieldError.invalid(SPEC.child('preserveUnknownFields'), true, 'must be false'));

  // v1 requires a schema on every version.
  versions.forEach((v, i) => {
    if (v.schema?.openAPIV3Schema === undefined) errs.push(fieldError.required(SPEC.child('versions').index(i).child('schema', 'openAPIV3Schema'), 'schemas are required'));
  });
  return errs;
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function validateStoredVersions(crd: CRD): FieldError[] {
  const path = FieldPath.of('status', 'storedVersions');
  const stored = crd.status?.storedVersions ?? [];
  if (stored.length === 0) return [fieldError.invalid(path, [...stored], 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i] as const));
  for (const v of crd.spec?.versions ?? []) {
    const present = remaining.has(v.name);
    if (v.storage && !present) errs.push(fieldError.invalid(path, versionsValue([v]), `must have the storage version ${v.name}`));
    remaining.delete(v.name);
  }
  for (const [v, i] of remaining) errs.push(fieldError.invalid(path.index(i), v, 'must appear in spec.versions'));
  return errs;
}

function validateCRD(crd: CRD): FieldError[] {
  const errs: FieldError[] = [];
  const name = crd.metadata?.name ?? '';
  const expected = `${crd.spec?.names?.plural ?? ''}.${crd.spec?.group ?? ''}`;
  if (name !== expected) errs.push(fieldError.invalid(FieldPath.of('metadata', 'name'), name, 'must be spec.names.plural+"."+spec.group'));
  errs.push(...validateSpec(crd.spec));
  errs.push(...validateNames(crd.status?.acceptedNames ?? {}, FieldPath.of('status', 'acceptedNames')));
  errs.push(...validateStoredVersions(crd));
  return errs;
}

/** The names the naming controller accepts: spec.names as defaulted. */
function acceptNames(crd: CRD, ctx: StrategyContext, initial: boolean): void {
  const names = deepCopy(crd.spec?.names);
  if (names === undefined) return;
  const status = { ...(crd.status ?? {}) } as NonNullable<CRD['status']>;
  if (initial) {
    status.conditions = acceptedConditions(rfc3339(ctx.now));
  }
  (crd as KubeObject).status = { ...status, acceptedNames: names };
}

export const customResourceDefinitionStrategy: KindStrategy<CRD> = {
  defaults(crd) {
    const spec = crd.spec;
    if (spec !== undefined) {
      const names = spec.names;
      if (names !== undefined) {
        if (!names.singular) names.singular = (names.kind ?? '').toLowerCase();
        if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
      }
      if (spec.conversion === undefined) spec.conversion = { strategy: 'None' };
      const service = spec.conversion.webhook?.clientConfig?.service;
      if (service !== undefined && service.port === undefined) service.port = 443;
    }
    if ((crd.status?.storedVersions ?? []).length === 0) recordStorageVersion(crd);
  },
  prepareForCreate(crd, ctx) {
    delete crd.status;
    setInitialGeneration(crd);
    recordStorageVersion(crd);
    acceptNames(crd, ctx, true);
  },
  prepareForUpdate(crd, old, ctx) {
    keepOldStatus(crd, old);
    bumpGenerationOnChange(crd, old);
    recordStorageVersion(crd);
    // The naming controller follows spec.names changes (kind/listKind only before establishment).
    if (!semanticDeepEqual(crd.spec?.names, old.spec?.names)) acceptNames(crd, ctx, false);
  },
  validate: validateCRD,
  validateUpdate(crd, old) {
    const errs = validateCRD(crd);
    if (isEstablished(old)) {
      errs.push(...validateImmutableField(crd.spec?.scope, old.spec?.scope, SPEC.child('scope')));
      errs.push(...validateImmutableField(crd.spec?.names?.kind, old.spec?.names?.kind, SPEC.child('names', 'kind')));
    }
    errs.push(...validateImmutableField(crd.spec?.group, old.spec?.group, SPEC.child('group')));
    errs.push(...validateImmutableField(crd.spec?.names?.plural, old.spec?.names?.plural, SPEC.child('names', 'plural')));
    return errs;
  },
  prepareForStatusUpdate(crd, old) {
    crd.spec = deepCopy(old.spec);
    const meta = old.metadata ?? {};
    crd.metadata = {
      ...crd.metadata,
      labels: deepCopy(meta.labels),
      annotations: deepCopy(meta.annotations),
      finalizers: deepCopy(meta.finalizers),
      ownerReferences: deepCopy(meta.ownerReferences),
    };
  },
  validateStatusUpdate(crd) {
    return validateNames(crd.status?.acceptedNames ?? {}, FieldPath.of('status', 'acceptedNames'));
  },
};
