/**
 * Syntax errors of YAML request bodies worded as go-yaml v2 words them (sigs.k8s.io/yaml.YAMLToJSON returns
 * go-yaml's error unchanged, and the API server copies it into the 400): `yaml: line N: <problem>`.
 * The `yaml` library detects the same faults but names and places them differently; the common ones are
 * mapped to go-yaml's scanner text and line, the rest keep the library's description at its line.
 */
import type { YAMLError } from 'yaml';

/** The 1-based line of character offset `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** go-yaml flags the ':' that starts a mapping value where none may start: the first one after `from`. */
function nextMappingColon(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 === text.length || ' \t\r\n'.includes(text[i + 1] as string))) return i;
  }
  return from;
}

export function goYamlErrorMessage(text: string, err: YAMLError): string {
  const start = err.pos[0];
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `yaml: line ${lineAt(text, nextMappingColon(text, start))}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT':
      return `yaml: line ${lineAt(text, start)}: found character that cannot start any token`;
    default: {
      const described = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.message;
      return `yaml: line ${lineAt(text, start)}: ${described.charAt(0).toLowerCase()}${described.slice(1)}`;
    }
  }
}
