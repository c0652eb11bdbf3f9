export { serverSideApply, BEFORE_FIRST_APPLY_MANAGER, type ServerSideApplyRequest } from './server-side-apply';
export { updateManagedFields, type UpdateManagedFieldsRequest } from './update-managed-fields';
export { defaultManagerFromUserAgent } from './default-manager';
export type { ListMeta, ListMetaLookup } from './list-meta';
export { FieldSet, type FieldsV1 } from './field-set';
export { appliedFieldSet, compareObjects } from './field-sets-of-objects';
export type { ManagedFieldsEntry, ManagedFieldsOperation } from './managed-fields';
export { pathString, type FieldPath, type PathElement } from './path-element';
