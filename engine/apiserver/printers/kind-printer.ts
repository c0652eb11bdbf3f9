/**
 * One kind's entry in upstream's printers.AddHandlers: its column definitions and the function that turns an
 * object into one row of cells. The API server always prints with Wide=true, so `print` returns every cell,
 * priority-1 columns included; kubectl hides those unless `-o wide`.
 */
import type { KubeObject } from '../../api/objects';
import { FIELD_DOC, type FieldDocKey } from './field-descriptions';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table-types';

export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

export interface KindPrinter {
  readonly columns: readonly TableColumnDefinition[];
  print(obj: KubeObject, now: number): PrintedRow;
}

interface ColumnOptions {
  format?: string;
  priority?: number;
}

/** A column whose description is a literal upstream string. */
export function column(name: string, type: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** A column whose description is a field's SwaggerDoc (`''` for keys upstream looks up but that do not exist). */
export function docColumn(name: string, type: string, doc: FieldDocKey | '', opts: ColumnOptions = {}): TableColumnDefinition {
  return column(name, type, doc === '' ? '' : FIELD_DOC[doc], opts);
}

export const NAME_COLUMN = docColumn('Name', 'string', 'meta.name', { format: 'name' });
export const AGE_COLUMN = docColumn('Age', 'string', 'meta.creationTimestamp');
export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', { priority: 1 });
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 });
