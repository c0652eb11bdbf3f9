/**
 * Deep equality of JSON objects for guaranteedUpdate's no-op check. Upstream compares the encoded bytes after
 * clearing resourceVersion (storage "PrepareObjectForStorage"); comparing the JSON trees with
 * metadata.resourceVersion ignored is the same test without encoding. Absent and `undefined` fields are
 * equal, as they encode the same.
 */
export function equalIgnoringResourceVersion(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return jsonEqual(a, b);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'metadata') {
      const ma = a[k], mb = b[k];
      if (isObject(ma) && isObject(mb)) {
        if (!jsonEqual(withoutResourceVersion(ma), withoutResourceVersion(mb))) return false;
        continue;
      }
    }
    if (!jsonEqual(a[k], b[k])) return false;
  }
  return true;
}

function withoutResourceVersion(meta: Record<string, unknown>): Record<string, unknown> {
  const { resourceVersion: _ignored, ...rest } = meta;
  return rest;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
  let counted = 0;
  for (const k of Object.keys(a)) {
    if (a[k] === undefined) continue;
    counted++;
    if (!jsonEqual(a[k], b[k])) return false;
  }
  let other = 0;
  for (const k of Object.keys(b)) if (b[k] !== undefined) other++;
  return counted === other;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
