/**
 * Splits a command line into words as a POSIX shell would for the terminal's purposes: whitespace separates,
 * single quotes keep text literally, double quotes keep text with `\"`, `\\`, `\$` escapes, a backslash outside
 * quotes escapes the next character. No expansion. `unterminated` reports an open quote.
 */
export interface SplitResult {
  words: string[];
  unterminated: boolean;
  /** The line ended in whitespace (completion then starts a new word). */
  endsWithSpace: boolean;
}

export function splitWords(line: string): SplitResult {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return { words, unterminated: quote !== undefined, endsWithSpace: /[ \t]$/.test(line) };
}
