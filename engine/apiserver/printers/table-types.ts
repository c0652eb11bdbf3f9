/**
 * meta.k8s.io/v1 Table as the API server serializes it. Field presence follows the Go json tags:
 * every TableColumnDefinition field is always written (no omitempty); a row's `conditions` only when set;
 * a row's `object` is always written (RawExtension ignores omitempty), `null` for includeObject=None.
 */
import type { KubeObject, ListMeta, ObjectMeta } from '../../api/objects';

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** OpenAPI format, e.g. `name`; '' when none. */
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `kubectl get -o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object: KubeObject | PartialObjectMetadata | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  /** `null` when the client asked for noHeaders. */
  columnDefinitions: TableColumnDefinition[] | null;
  /** `null` only from the default convertor over an empty list (Go's nil slice). */
  rows: TableRow[] | null;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A CRD version's additionalPrinterColumns entry (apiextensions.k8s.io/v1 CustomResourceColumnDefinition). */
export interface CrdPrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ToTableOptions {
  /** Virtual now in ms, for AGE and other durations. */
  now: number;
  includeObject: IncludeObject;
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** Set for custom resources: the served version's additionalPrinterColumns (may be empty). */
  crdColumns?: CrdPrinterColumn[];
  /** TableOptions.noHeaders: omit column definitions. */
  noHeaders?: boolean;
}
