/**
 * kubectl's HumanReadablePrinter over a server-side meta.k8s.io/v1 Table (cli-runtime printers/tableprinter.go):
 * upper-cased headers, priority>0 columns only with `-o wide`, a NAMESPACE column first with `-A`, `-L` label
 * columns and a LABELS column with `--show-labels`, `kind.group/` before names when several types print, cells
 * cut at their first line break with `...`, and no header for a table without rows.
 */
import type { TabWriter } from './tabwriter';

export interface TableColumn {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
}
export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } } & Record<string, unknown>;
}
export interface Table {
  columnDefinitions: TableColumn[];
  rows: TableRow[] | null;
}

export interface TablePrintOptions {
  wide: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** `deployment.apps/` before each name when several resource types print together. */
  kindPrefix?: string;
}

export class TablePrinter {
  private headerPrinted = false;
  /** Watch events after the first carry no column definitions (the API server sends them once). */
  private columns: TableColumn[] = [];
  constructor(
    private readonly w: TabWriter,
    private readonly opts: TablePrintOptions,
  ) {}

  /** Prints rows; returns how many were printed. */
  print(table: Table): number {
    const rows = table.rows ?? [];
    if (rows.length === 0) return 0;
    if (table.columnDefinitions.length > 0) this.columns = table.columnDefinitions;
    const cols = this.columns;
    const shown = cols.map((c, i) => ({ c, i })).filter(({ c }) => (c.priority ?? 0) === 0 || this.opts.wide);
    if (!this.headerPrinted && !this.opts.noHeaders) {
      const headers: string[] = [];
      if (this.opts.withNamespace) headers.push('NAMESPACE');
      for (const { c } of shown) headers.push(c.name.toUpperCase());
      for (const l of this.opts.labelColumns) headers.push(labelColumnHeader(l));
      if (this.opts.showLabels) headers.push('LABELS');
      this.w.write(`${headers.join('\t')}\n`);
    }
    this.headerPrinted = true;
    for (const row of rows) {
      const out: string[] = [];
      const meta = row.object?.metadata;
      if (this.opts.withNamespace) out.push(meta?.namespace ?? '');
      for (const { c, i } of shown) {
        let text = cellText(row.cells[i]);
        if (c.format === 'name' && this.opts.kindPrefix) text = `${this.opts.kindPrefix}/${text}`;
        out.push(text);
      }
      for (const l of this.opts.labelColumns) out.push(meta?.labels?.[l] ?? '');
      if (this.opts.showLabels) out.push(formatLabels(meta?.labels));
      this.w.write(`${out.join('\t')}\n`);
    }
    return rows.length;
  }
}

/** `-L app.kubernetes.io/name` heads its column `NAME`: the part after the last `/`, upper-cased. */
function labelColumnHeader(label: string): string {
  const parts = label.split('/');
  return (parts[parts.length - 1] as string).toUpperCase();
}

export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  let text = typeof cell === 'string' ? cell : typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
  const cut = text.search(/[\f\n\r]/);
  if (cut >= 0) text = `${text.slice(0, cut)}...`;
  return text;
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}
