/**
 * `etcdctl get KEY [--prefix] [--keys-only] [--limit N] [--print-value-only]` over the lab's Store, printed as
 * etcdctl 3.4's simple format prints: the key on one line, the value on the next (with --keys-only an empty
 * line). Real Kubernetes stores protobuf; the lab's store holds JSON, so values print as JSON.
 */
import type { Store } from '../../store/types';

export async function runEtcdctl(args: readonly string[], store: Store, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'get') {
    err(verb === undefined ? 'etcdctl: only `etcdctl get KEY [--prefix] [--keys-only]` is available here\n' : `Error: unknown command "${verb}" for "etcdctl"\n`);
    return 1;
  }
  let prefix = false;
  let keysOnly = false;
  let valueOnly = false;
  let limit = 0;
  const keys: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--prefix') prefix = true;
    else if (a === '--keys-only') keysOnly = true;
    else if (a === '--print-value-only') valueOnly = true;
    else if (a.startsWith('--limit=')) limit = Number(a.slice(8));
    else if (a === '--limit') limit = Number(rest[++i]);
    else if (a.startsWith('-')) {
      err(`Error: unknown flag: ${a}\n`);
      return 1;
    } else keys.push(a);
  }
  const key = keys[0];
  if (key === undefined) {
    err('Error: get command needs one argument as key and an optional argument as range_end\n');
    return 1;
  }
  let entries: Array<{ key: string; value: string }>;
  if (prefix) {
    const dir = key.slice(0, key.lastIndexOf('/') + 1) || '/';
    const list = await store.list(dir);
    entries = list.items.filter((i) => i.key.startsWith(key)).map((i) => ({ key: i.key, value: JSON.stringify(i.object) }));
  } else {
    const v = await store.get(key);
    entries = v ? [{ key: v.key, value: JSON.stringify(v.object) }] : [];
  }
  if (limit > 0) entries = entries.slice(0, limit);
  let text = '';
  for (const e of entries) {
    if (!valueOnly) text += `${e.key}\n`;
    text += `${keysOnly ? '' : e.value}\n`;
  }
  out(text);
  return 0;
}
