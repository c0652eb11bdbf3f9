/**
 * Tab completion for the terminal: shell commands first, then kubectl subcommands, resource kinds (plural
 * names from discovery, as kubectl's completion offers them) and object names (listed from the API in the line's namespace),
 * `rollout`/`create`/`top`/`config`/`auth` subcommands, and etcdctl keys from the store.
 */
import type { Discovery } from '../discovery';
import { resourcePath } from '../discovery';
import type { Json, Rest } from '../rest';
import type { Store } from '../../store/types';
import { COMMANDS, COMMAND_ORDER } from '../commands';
import { NODE_NETWORK_COMMANDS } from './node-network';
import { splitWords } from './shell-words';

export const SHELL_COMMANDS = ['kubectl', 'k', 'etcdctl', ...NODE_NETWORK_COMMANDS, 'clear', 'help', 'history'];

/** Verbs whose first argument is a resource type and second an object name. */
const TYPE_THEN_NAME = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'wait', 'explain']);

export interface CompletionSources {
  discovery: Discovery;
  rest: Rest;
  store: Store;
  defaultNamespace: string;
}

/** Candidates for the word being typed at the end of `line`, and that word. */
export async function completions(line: string, src: CompletionSources): Promise<{ word: string; candidates: string[] }> {
  const { words, endsWithSpace } = splitWords(line);
  const word = endsWithSpace || words.length === 0 ? '' : (words[words.length - 1] as string);
  const before = endsWithSpace ? words : words.slice(0, -1);
  const match = (list: Iterable<string>) => [...new Set(list)].filter((c) => c.startsWith(word)).sort();
  if (before.length === 0) return { word, candidates: match(SHELL_COMMANDS) };
  const cmd = before[0];
  if (cmd === 'etcdctl') {
    if (before.length === 1) return { word, candidates: match(['get']) };
    if (word.startsWith('-')) return { word, candidates: match(['--prefix', '--keys-only', '--limit=', '--print-value-only']) };
    const dir = word.slice(0, word.lastIndexOf('/') + 1) || '/';
    const list = await src.store.list(dir, { limit: 5000 });
    // Complete one path segment at a time, like a file system.
    const next = list.items.map((i) => i.key).filter((k) => k.startsWith(word)).map((k) => {
      const slash = k.indexOf('/', word.length);
      return slash >= 0 ? k.slice(0, slash + 1) : k;
    });
    return { word, candidates: match(next) };
  }
  if (cmd !== 'kubectl' && cmd !== 'k') return { word, candidates: [] };
  const positional = positionals(before.slice(1));
  if (word.startsWith('-')) return { word, candidates: match(['--namespace=', '--all-namespaces', '--output=', '--selector=', '--watch', '--show-labels', '--help']) };
  if (positional.length === 0) return { word, candidates: match(COMMAND_ORDER.filter((c) => COMMANDS.has(c))) };
  const verb = positional[0] as string;
  const def = COMMANDS.get(verb);
  if (def?.subcommands && positional.length === 1) return { word, candidates: match(def.subcommands.map((s) => s.name)) };
  const args = def?.subcommands ? positional.slice(2) : positional.slice(1);
  if (verb === 'top' && positional.length === 1) return { word, candidates: match(['node', 'pod']) };
  const wantsType = TYPE_THEN_NAME.has(verb) || verb === 'rollout' || verb === 'set';
  if (!wantsType && verb !== 'logs' && verb !== 'exec' && verb !== 'cordon' && verb !== 'uncordon' && verb !== 'drain') return { word, candidates: [] };
  const resources = await src.discovery.resources();
  if (verb === 'logs' || verb === 'exec') return { word, candidates: match(await names(src, 'pods', namespaceOf(before, src.defaultNamespace))) };
  if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain') return { word, candidates: match(await names(src, 'nodes', undefined)) };
  if (args.length === 0) {
    if (word.includes('/')) {
      const type = word.slice(0, word.indexOf('/'));
      const ns = namespaceOf(before, src.defaultNamespace);
      return { word, candidates: match((await names(src, type, ns)).map((n) => `${type}/${n}`)) };
    }
    // kubectl's own completion offers plural resource names (api-resources' NAME column).
    const kinds = resources.filter((r) => r.preferred && r.verbs.includes('list')).map((r) => r.resource);
    return { word, candidates: match(kinds) };
  }
  if (args.length >= 1 && !(args[0] as string).includes('/')) return { word, candidates: match(await names(src, args[0] as string, namespaceOf(before, src.defaultNamespace))) };
  return { word, candidates: [] };
}

/** Positional words, skipping flags and the values of flags that take one. */
function positionals(words: string[]): string[] {
  const out: string[] = [];
  const valued = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container', '-f', '--filename', '-p', '--patch', '--type', '--field-selector', '--sort-by']);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (valued.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

function namespaceOf(words: string[], fallback: string): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if ((w === '-n' || w === '--namespace') && words[i + 1]) return words[i + 1] as string;
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length);
    if (w.startsWith('-n') && w.length > 2) return w.slice(2);
  }
  return fallback;
}

async function names(src: CompletionSources, type: string, namespace: string | undefined): Promise<string[]> {
  const m = await src.discovery.find(type);
  if (!m) return [];
  try {
    const list = await src.rest.json<Json>({ method: 'GET', path: resourcePath(m, namespace), query: { limit: '500' } });
    return ((list['items'] as Json[] | undefined) ?? []).map((i) => String((i['metadata'] as Json)['name']));
  } catch {
    return [];
  }
}
