/**
 * describe.go's PrefixWriter over tabwriter(0, 8, 2, ' ', 0): each line is written at an indent level (two spaces
 * per level), and the whole description is aligned by one tabwriter flush at the end (tabbedString), so columns
 * line up within each block of consecutive lines that share them — exactly where kubectl's do.
 */
import { DESCRIBE_LAYOUT, TabWriter } from '../printers/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  private text = '';

  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  writeLine(...parts: string[]): void {
    this.text += parts.join(' ') + '\n';
  }

  /** tabbedString: the aligned text. */
  toString(): string {
    let out = '';
    const tw = new TabWriter((s) => (out += s), DESCRIBE_LAYOUT);
    tw.write(this.text);
    tw.flush();
    return out;
  }
}
