/**
 * Build step: turns the `kubernetes-types` declarations (which carry upstream's field docs as TSDoc) into
 * OpenAPI definitions named and shaped like upstream's /openapi/v2 `definitions`, and writes them to
 * engine/apiserver/openapi/generated/definitions.json (gitignored).
 *
 * Shape (Swagger 2.0 / JSON-Schema flavoured, usable as-is by monaco-yaml through `#/definitions/...`):
 * - names: `io.k8s.api.<group>.<version>.<Kind>`, meta → `io.k8s.apimachinery.pkg.apis.meta.v1`, Quantity →
 *   `io.k8s.apimachinery.pkg.api.resource.Quantity`, `number | string` → `io.k8s.apimachinery.pkg.util.intstr.IntOrString`,
 *   apiextensions → `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1`;
 * - `required` = the non-optional properties; `$ref` siblings carry the property description (as upstream v2);
 * - integer formats and x-kubernetes-* list/map metadata come from the table in
 *   engine/apiserver/openapi/field-metadata.ts (derived from upstream types.go, see its header);
 * - `x-kubernetes-group-version-kind` on every declaration whose `apiVersion`/`kind` are string literals,
 *   plus the meta kinds (DeleteOptions, WatchEvent, Status) that upstream registers in every group-version.
 *
 * Run: `npx tsx scripts/gen-openapi.ts`.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fieldFormats, listMetadata, structTypes } from '../engine/apiserver/openapi/field-metadata';
import type { GroupVersionKind, Schema } from '../engine/apiserver/openapi/schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules', 'kubernetes-types');
const outFile = join(root, 'engine', 'apiserver', 'openapi', 'generated', 'definitions.json');

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Upstream package of a kubernetes-types module path like `core/v1` or `api/resource`. */
function packageOf(modulePath: string): string {
  switch (modulePath) {
    case 'meta/v1': return 'io.k8s.apimachinery.pkg.apis.meta.v1';
    case 'api/resource': return 'io.k8s.apimachinery.pkg.api.resource';
    case 'runtime': return 'io.k8s.apimachinery.pkg.runtime';
    case 'version': return 'io.k8s.apimachinery.pkg.version';
    case 'apiextensions/v1': return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
    default: return `io.k8s.api.${modulePath.replace(/\//g, '.')}`;
  }
}

function listDeclarationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listDeclarationFiles(path));
    else if (entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** TSDoc body → upstream description text (paragraphs separated by a blank line, code indentation kept). */
function docOf(node: ts.Node, text: string): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const doc = ranges.filter((r) => text.startsWith('/**', r.pos)).at(-1);
  if (!doc) return undefined;
  const body = text.slice(doc.pos + 3, doc.end - 2);
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const joined = lines.join('\n').trim();
  return joined === '' ? undefined : joined;
}

const files = listDeclarationFiles(typesDir);
const program = ts.createProgram(files, { noResolve: false, types: [] });
const checker = program.getTypeChecker();

/** Qualified upstream name of the declaration a type reference points at. */
function definitionNameOf(decl: ts.Declaration): string {
  const sourcePath = relative(typesDir, decl.getSourceFile().fileName).replace(/\.d\.ts$/, '');
  const name = (decl as ts.InterfaceDeclaration | ts.TypeAliasDeclaration).name.text;
  return `${packageOf(sourcePath)}.${name}`;
}

function isIntOrString(node: ts.TypeNode): boolean {
  if (!ts.isUnionTypeNode(node) || node.types.length !== 2) return false;
  const kinds = node.types.map((t) => t.kind).sort();
  return kinds[0] === ts.SyntaxKind.NumberKeyword && kinds[1] === ts.SyntaxKind.StringKeyword;
}

/** Schema of a property type; `fieldKey` (`Definition.field`) selects formats for numbers and bytes. */
function schemaOfType(node: ts.TypeNode, fieldKey: string): Schema {
  if (isIntOrString(node)) return { $ref: `#/definitions/${INT_OR_STRING}` };
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: {
      return fieldFormats[fieldKey] === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
    }
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword: {
      const format = fieldFormats[fieldKey];
      if (format === 'double') return { type: 'number', format: 'double' };
      return { type: 'integer', format: format === 'int64' ? 'int64' : 'int32' };
    }
  }
  if (ts.isLiteralTypeNode(node)) {
    if (ts.isStringLiteral(node.literal)) return { type: 'string' };
    if (node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean' };
  }
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: schemaOfType(node.elementType, fieldKey) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { type: 'object', additionalProperties: schemaOfType(index.type, fieldKey) };
    return { type: 'object' };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) {
      return { type: 'array', items: schemaOfType(node.typeArguments[0]!, fieldKey) };
    }
    let symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const decl = symbol?.declarations?.[0];
    if (decl && (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl))) {
      return { $ref: `#/definitions/${definitionNameOf(decl)}` };
    }
  }
  throw new Error(`gen-openapi: unsupported type '${node.getText()}' at ${fieldKey}`);
}

function literalOf(member: ts.TypeElement | undefined): string | undefined {
  if (!member || !ts.isPropertySignature(member) || !member.type) return undefined;
  const t = member.type;
  return ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined;
}

function propertyName(member: ts.PropertySignature): string {
  const n = member.name;
  return ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : n.getText();
}

/** Definitions whose on-the-wire form is not what their TS declaration says (upstream custom marshalling). */
function specialDefinition(name: string, description: string | undefined): Schema | undefined {
  const d = description === undefined ? {} : { description };
  switch (name) {
    case 'io.k8s.apimachinery.pkg.api.resource.Quantity':
      return { ...d, type: 'string' };
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.Time':
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime':
      return { ...d, type: 'string', format: 'date-time' };
    case 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1':
    case 'io.k8s.apimachinery.pkg.runtime.RawExtension':
      return { ...d, type: 'object' };
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool':
    case 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray':
      return { ...d };
  }
  return undefined;
}

function withListMetadata(schema: Schema, key: string): Schema {
  const meta = listMetadata[key];
  if (!meta) return schema;
  const out: Schema = { ...schema };
  if (meta.listType) out['x-kubernetes-list-type'] = meta.listType;
  if (meta.mapKeys) out['x-kubernetes-list-map-keys'] = [...meta.mapKeys];
  if (meta.mapType) out['x-kubernetes-map-type'] = meta.mapType;
  if (meta.mergeKey) out['x-kubernetes-patch-merge-key'] = meta.mergeKey;
  if (meta.strategy) out['x-kubernetes-patch-strategy'] = meta.strategy;
  return out;
}

const definitions: Record<string, Schema> = {};
const groupVersions = new Set<string>();

for (const file of files) {
  const source = program.getSourceFile(file);
  if (!source) continue;
  const text = source.getFullText();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) continue;
    const name = definitionNameOf(statement);
    const description = docOf(statement, text);
    const special = specialDefinition(name, description);
    if (special) {
      definitions[name] = special;
      continue;
    }
    if (!ts.isInterfaceDeclaration(statement)) throw new Error(`gen-openapi: unhandled type alias ${name}`);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const field = propertyName(member);
      const key = `${name}.${field}`;
      let schema = schemaOfType(member.type, key);
      const doc = docOf(member, text);
      schema = doc === undefined ? schema : { description: doc, ...schema };
      properties[field] = withListMetadata(schema, key);
      if (!member.questionToken) required.push(field);
    }
    const definition: Schema = {};
    if (description !== undefined) definition.description = description;
    definition.type = 'object';
    if (Object.keys(properties).length > 0) definition.properties = properties;
    if (required.length > 0) definition.required = required;
    const apiVersion = literalOf(statement.members.find((m) => m.name?.getText() === 'apiVersion'));
    const kind = literalOf(statement.members.find((m) => m.name?.getText() === 'kind'));
    if (apiVersion && kind) {
      const slash = apiVersion.indexOf('/');
      const gvk: GroupVersionKind = slash < 0
        ? { group: '', kind, version: apiVersion }
        : { group: apiVersion.slice(0, slash), kind, version: apiVersion.slice(slash + 1) };
      definition['x-kubernetes-group-version-kind'] = [gvk];
      groupVersions.add(apiVersion);
    }
    const structType = structTypes[name];
    if (structType) definition['x-kubernetes-map-type'] = structType;
    definitions[name] = definition;
  }
}

definitions[INT_OR_STRING] = {
  description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
  type: 'string',
  format: 'int-or-string',
};

// Upstream registers these meta kinds in every served group-version (v1 first, then groups sorted).
const everyGroupVersion = [...groupVersions].sort((a, b) => {
  const ca = a.includes('/') ? 1 : 0;
  const cb = b.includes('/') ? 1 : 0;
  return ca - cb || (a < b ? -1 : a > b ? 1 : 0);
});
for (const kind of ['DeleteOptions', 'WatchEvent']) {
  const def = definitions[`io.k8s.apimachinery.pkg.apis.meta.v1.${kind}`];
  if (!def) throw new Error(`gen-openapi: missing meta ${kind}`);
  def['x-kubernetes-group-version-kind'] = everyGroupVersion.map((gv) => {
    const slash = gv.indexOf('/');
    return slash < 0 ? { group: '', kind, version: gv } : { group: gv.slice(0, slash), kind, version: gv.slice(slash + 1) };
  });
}
const status = definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Status'];
if (status) status['x-kubernetes-group-version-kind'] = [{ group: '', kind: 'Status', version: 'v1' }];

const sorted: Record<string, Schema> = {};
for (const name of Object.keys(definitions).sort()) sorted[name] = definitions[name]!;
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(sorted, null, 1) + '\n');
console.log(`gen-openapi: ${Object.keys(sorted).length} definitions → ${relative(root, outFile)}`);
