/**
 * Converts objects of one kind to a meta.k8s.io/v1 Table as the API server answers `as=Table` requests:
 * the kind's printer (or, for custom resources, its CRD columns; otherwise the default NAME / CREATED AT
 * table), then the row objects per includeObject (endpoints/handlers/response.go asTable; the default,
 * `Metadata`, is a PartialObjectMetadata with the full ObjectMeta).
 */
import type { KubeObject, ListMeta } from '../../api/objects';
import { rfc3339 } from '../../base/clock';
import { crdPrinter } from './crd-table-convertor';
import { FIELD_DOC } from './field-descriptions';
import { column, docColumn, type KindPrinter } from './kind-printer';
import { kindPrinter } from './kind-printers';
import type { Table, TableRow, ToTableOptions } from './table-types';

/** rest.DefaultTableConvertor: NAME and CREATED AT (RFC 3339, Go's zero time when unset). */
const defaultPrinter: KindPrinter = {
  columns: [docColumn('Name', 'string', 'meta.name', { format: 'name' }), column('Created At', 'date', FIELD_DOC['meta.creationTimestamp'])],
  print(obj) {
    const created = obj.metadata?.creationTimestamp;
    const t = typeof created === 'string' ? Date.parse(created) : Number.NaN;
    return { cells: [obj.metadata?.name ?? '', Number.isNaN(t) ? '0001-01-01T00:00:00Z' : rfc3339(t)] };
  },
};

/**
 * Row objects share the listed objects' data instead of copying it: a Table is only ever serialized (its one
 * consumer, the API server's ResponseConverter, encodes it at once), and copying every row's metadata was a
 * large share of `kubectl get` on big lists. Whoever mutates a Table must copy the rows first.
 */
function rowObject(obj: KubeObject, include: ToTableOptions['includeObject']): TableRow['object'] {
  switch (include) {
    case 'None':
      return null;
    case 'Object':
      return obj;
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
  }
}

/** ListMeta with Go's omitempty: only set fields, in json tag order. */
function listMetadata(opts: ToTableOptions): ListMeta {
  const lm = opts.listMeta;
  return {
    ...(lm?.resourceVersion ? { resourceVersion: lm.resourceVersion } : {}),
    ...(lm?.continue ? { continue: lm.continue } : {}),
    ...(lm?.remainingItemCount !== undefined && lm.remainingItemCount !== null ? { remainingItemCount: lm.remainingItemCount } : {}),
  };
}

export function toTable(kindKey: string, objects: readonly KubeObject[], opts: ToTableOptions): Table {
  const builtin = kindPrinter(kindKey);
  const printer = opts.crdColumns !== undefined ? crdPrinter(opts.crdColumns) : (builtin ?? defaultPrinter);
  const rows: TableRow[] = objects.map((obj) => {
    const printed = printer.print(obj, opts.now);
    // Key order follows the Go struct: cells, conditions, object.
    return {
      cells: printed.cells,
      ...(printed.conditions !== undefined ? { conditions: printed.conditions.map((c) => ({ ...c })) } : {}),
      object: rowObject(obj, opts.includeObject),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata(opts),
    columnDefinitions: opts.noHeaders === true ? null : printer.columns.map((c) => ({ ...c })),
    // The default convertor appends to a nil slice, so an empty list serializes as `null` there.
    rows: rows.length === 0 && printer === defaultPrinter ? null : rows,
  };
}
