/**
 * One place that knows every served schema — the built-in definitions generated from kubernetes-types plus
 * the custom resources' openAPIV3Schemas — and answers what the API server asks of them: field validation,
 * patch metadata for strategic merge and server-side apply, and the /openapi documents.
 */
import type { KubeObject } from '../../api/objects';
import { builtinDefinitions, definitionForKind, type Definitions } from '../openapi/definitions';
import { checkTypes, findUnknownFields } from '../openapi/decode-checks';
import { customResourceDefinitions, customResourceDefinitionName } from '../openapi/crd-schema';
import { validateCustomResource } from '../openapi/custom-resource-validation';
import type { FieldError } from '../errors/field-errors';
import { OpenAPIService } from '../openapi/openapi-service';
import { patchMeta, type PatchMeta } from '../openapi/patch-meta';
import type { Schema, ServedResource } from '../openapi/schema';
import type { SchemaChecks } from '../registry/registry-deps';
import type { DynamicCatalog } from '../resources/dynamic-catalog';
import type { ResourceInfo } from '../resources/resource-catalog';
import { rfc1123 } from './http-date';

interface CrdVersionSchema {
  name: string;
  schema?: { openAPIV3Schema?: Schema };
}

export class SchemaRegistry implements SchemaChecks {
  private defs: Definitions = builtinDefinitions;
  private service: OpenAPIService | undefined;
  /**
   * definitionForKind over merged (non-builtin) definitions scans every definition; the answer only changes
   * when `defs` is rebuilt, so it is remembered per group/version/kind until then.
   */
  private readonly definitionNames = new Map<string, string | undefined>();

  constructor(
    private readonly catalog: DynamicCatalog,
    private readonly crds: () => Iterable<KubeObject>,
    private readonly now: () => number,
  ) {
    catalog.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  private rebuild(): void {
    const merged: Record<string, Schema> = { ...builtinDefinitions };
    for (const crd of this.crds()) {
      const spec = crd['spec'] as { group: string; names: { kind: string }; versions: CrdVersionSchema[] } | undefined;
      if (!spec) continue;
      for (const v of spec.versions ?? []) Object.assign(merged, customResourceDefinitions(spec.group, v.name, spec.names.kind, v.schema?.openAPIV3Schema));
    }
    this.defs = merged;
    this.definitionNames.clear();
    this.service = undefined;
  }

  definitionFor(info: ResourceInfo): string | undefined {
    if (info.crd) return customResourceDefinitionName(info.group, info.version, info.kind);
    const key = `${info.group}/${info.version}/${info.kind}`;
    if (this.definitionNames.has(key)) return this.definitionNames.get(key);
    const name = definitionForKind(info.group, info.version, info.kind, this.defs);
    this.definitionNames.set(key, name);
    return name;
  }

  unknownFields(info: ResourceInfo, obj: KubeObject): string[] {
    const def = this.definitionFor(info);
    return def ? findUnknownFields(def, obj, this.defs) : [];
  }

  typeError(info: ResourceInfo, obj: KubeObject): string | undefined {
    const def = this.definitionFor(info);
    return def ? checkTypes(def, obj, this.defs) : undefined;
  }

  customResourceErrors(info: ResourceInfo, obj: KubeObject): FieldError[] {
    const def = info.crd ? this.defs[customResourceDefinitionName(info.group, info.version, info.kind)] : undefined;
    return def ? validateCustomResource(def, obj) : [];
  }

  prune(info: ResourceInfo, obj: KubeObject): void {
    for (const path of this.unknownFields(info, obj)) deleteAtPath(obj, path);
  }

  /** Field metadata along `path` (field names from the object root; list items stepped through). */
  patchMeta(info: ResourceInfo, path: readonly string[]): PatchMeta {
    const def = this.definitionFor(info);
    return def ? patchMeta(def, path, this.defs) : {};
  }

  openapi() {
    this.service ??= new OpenAPIService(this.servedResources(), this.defs);
    const service = this.service;
    return {
      serve: (path: string, query: Record<string, string[]>, accept?: string) => {
        const res = service.handle(path, { get: (k) => query[k]?.[0] }, accept, rfc1123(this.now() + 365 * 24 * 3600 * 1000));
        if (!res) return undefined;
        return { kind: 'body' as const, status: res.status, contentType: res.contentType, body: res.body, headers: { ...res.headers } };
      },
    };
  }

  private servedResources(): ServedResource[] {
    return this.catalog
      .all()
      .filter((r) => !r.createOnly || r.verbs.length > 0)
      .map((r) => ({
        group: r.group,
        version: r.version,
        kind: r.kind,
        plural: r.plural,
        namespaced: r.namespaced,
        subresources: r.subresources.map((s) => s.name),
        verbs: r.verbs,
        definition: this.definitionFor(r),
      }));
  }
}

/** Deletes `a.b[0].c` from an object (paths as findUnknownFields reports them). */
function deleteAtPath(obj: unknown, path: string): void {
  const parts: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  let node: unknown = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[parts[i] as string | number];
  }
  if (node !== null && typeof node === 'object') delete (node as Record<string | number, unknown>)[parts.at(-1) as string | number];
}
