export type {
  Table,
  TableColumnDefinition,
  TableRow,
  TableCell,
  TableRowCondition,
  PartialObjectMetadata,
  IncludeObject,
  CrdPrinterColumn,
  ToTableOptions,
} from './table-types';
export { toTable } from './to-table';
export { humanDuration, shortHumanDuration, timestampSince } from './human-duration';
export { kindPrinter } from './kind-printers';
export type { KindPrinter, PrintedRow } from './kind-printer';
