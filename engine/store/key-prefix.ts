/**
 * Which keys a list or watch "prefix" covers. A prefix ending in '/' covers every key below it; any other
 * string names one key and, as etcd3's store does for a recursive read (it appends '/'), the keys below it.
 * So '/registry/pods/ns1/' never covers '/registry/pods/ns10/x' (prefix isolation).
 */
export function keyInPrefix(key: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return key.startsWith(prefix);
  return key === prefix || (key.length > prefix.length && key.startsWith(prefix) && key.charCodeAt(prefix.length) === 47 /* '/' */);
}
