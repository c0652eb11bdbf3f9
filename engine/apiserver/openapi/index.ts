/**
 * OpenAPI for the simulated API server: the built-in definitions generated from kubernetes-types
 * (`npx tsx scripts/gen-openapi.ts`), the /openapi/v2 and /openapi/v3 documents for the served resources,
 * custom-resource schemas, and the schema-driven decode checks (unknown fields, type mismatches) and
 * patch metadata the request handlers use.
 */
export type { GroupVersionKind, Schema, ServedResource } from './schema';
export { builtinDefinitions, definitionForKind, resolveSchema, refName, type Definitions } from './definitions';
export { buildV2Document, buildV3Documents } from './documents';
export { OpenAPIService, type OpenAPIResponse, type QueryLookup } from './openapi-service';
export { toV3Schema } from './v3-schema';
export { customResourceDefinitionName, customResourceDefinitions } from './crd-schema';
export { findUnknownFields, unknownFieldWarning, strictDecodingError, decodeErrorMessage, checkTypes } from './decode-checks';
export { patchMeta, type PatchMeta } from './patch-meta';
export { sha512Hex } from './sha512';
