/**
 * apiextensions-apiserver's tableconvertor: NAME, then the served version's additionalPrinterColumns — or,
 * when it declares none, the default `Age` column (type date, `.metadata.creationTimestamp`).
 * Cells: the first JSONPath result, rendered per the column type (cellForJSONValue); string columns print
 * scalars as text and maps/arrays as compact JSON; anything missing or of the wrong type is `null`.
 */
import type { KubeObject } from '../../api/objects';
import { FIELD_DOC } from './field-descriptions';
import { humanDuration } from './human-duration';
import { evaluateJsonPath, parseJsonPath } from './json-path';
import { NAME_COLUMN, type KindPrinter } from './kind-printer';
import type { CrdPrinterColumn, TableCell, TableColumnDefinition } from './table-types';

const DEFAULT_COLUMNS: CrdPrinterColumn[] = [
  { name: 'Age', type: 'date', description: FIELD_DOC['meta.creationTimestamp'], jsonPath: '.metadata.creationTimestamp' },
];

/** Go's json.Marshal of decoded JSON: map keys sorted, `<`, `>`, `&` escaped. */
function goJson(v: unknown): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) out[k] = sortKeys((x as Record<string, unknown>)[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(sortKeys(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function stringCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return goJson(value);
  return String(value);
}

function cellForJsonValue(type: string, value: unknown, now: number): TableCell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      if (value === '') return '<unknown>';
      const t = Date.parse(value);
      return Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? '<invalid>' : humanDuration(now - t);
    }
    default:
      return null;
  }
}

export function crdPrinter(columns: readonly CrdPrinterColumn[]): KindPrinter {
  const effective = columns.length > 0 ? columns : DEFAULT_COLUMNS;
  const parsed = effective.map((c) => parseJsonPath(c.jsonPath));
  const definitions: TableColumnDefinition[] = [
    NAME_COLUMN,
    ...effective.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description !== undefined && c.description !== '' ? c.description : `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns: definitions,
    print(obj: KubeObject, now: number) {
      const cells: TableCell[] = [obj.metadata?.name ?? ''];
      effective.forEach((c, i) => {
        const results = evaluateJsonPath(parsed[i] ?? [], obj);
        if (results.length === 0) cells.push(null);
        else cells.push(c.type === 'string' ? stringCell(results[0]) : cellForJsonValue(c.type, results[0], now));
      });
      return { cells };
    },
  };
}
