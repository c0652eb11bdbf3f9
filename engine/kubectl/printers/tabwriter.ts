/**
 * Go's text/tabwriter as kubectl configures it (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3,
 * pad ' ', flags RememberWidths from github.com/liggitt/tabwriter): cells end at '\t', the text after a line's
 * last tab is not a column, a column's width is decided per block of consecutive lines that have that cell,
 * and widths seen before a Flush are remembered, so `get -w` rows stay aligned with the header.
 * `describe` uses the standard tabwriter (minwidth 0, padding 2, nothing remembered): DESCRIBE_LAYOUT.
 */
export interface TabLayout {
  minWidth: number;
  padding: number;
  rememberWidths: boolean;
}

export const GET_LAYOUT: TabLayout = { minWidth: 6, padding: 3, rememberWidths: true };
export const DESCRIBE_LAYOUT: TabLayout = { minWidth: 0, padding: 2, rememberWidths: false };

export class TabWriter {
  private buffer = '';
  private remembered: number[] = [];

  constructor(
    private readonly out: (s: string) => void,
    private readonly layout: TabLayout = GET_LAYOUT,
  ) {}

  write(s: string): void {
    this.buffer += s;
  }

  /** Forget remembered widths (kubectl does so between resource types). */
  resetWidths(): void {
    this.remembered = [];
  }

  flush(): void {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    const endsWithNewline = text.endsWith('\n');
    const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    const lines = rawLines.map((l) => l.split('\t'));
    const parts: string[] = [];
    this.format(lines, 0, lines.length, [], parts);
    let out = parts.join('\n');
    if (endsWithNewline) out += '\n';
    this.out(out);
  }

  private format(lines: string[][], line0: number, line1: number, widths: number[], parts: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as string[];
      if (column >= line.length - 1) continue;
      this.writeLines(lines, start, i, widths, parts);
      start = i;
      let width = this.layout.minWidth;
      for (; i < line1; i++) {
        const l = lines[i] as string[];
        if (column >= l.length - 1) break;
        const w = runeCount(l[column] as string) + this.layout.padding;
        if (w > width) width = w;
      }
      if (this.layout.rememberWidths) {
        const prev = this.remembered[column];
        if (prev !== undefined && prev > width) width = prev;
        this.remembered[column] = width;
      }
      widths.push(width);
      this.format(lines, start, i, widths, parts);
      widths.pop();
      start = i; // line i lacks this column: the loop's i++ moves past it, as Go's does
    }
    this.writeLines(lines, start, line1, widths, parts);
  }

  private writeLines(lines: string[][], from: number, to: number, widths: number[], parts: string[]): void {
    for (let i = from; i < to; i++) {
      const cells = lines[i] as string[];
      let s = '';
      cells.forEach((c, j) => {
        if (j < widths.length && j < cells.length - 1) s += c + ' '.repeat(Math.max(0, (widths[j] as number) - runeCount(c)));
        else s += c;
      });
      parts.push(s);
    }
  }
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
