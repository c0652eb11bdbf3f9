/**
 * Splits a request target (`/api/v1/namespaces/a%20b/pods?labelSelector=app%3Dweb&limit=5`) into the
 * percent-decoded path and the query multi-map, the way Go's net/url does for the kube-apiserver:
 * the path is decoded segment by segment (an invalid escape makes the whole target invalid, as
 * url.ParseRequestURI rejects it), and `url.ParseQuery` semantics apply to the query — `+` is a space,
 * pairs with an invalid escape or a `;` in the key are dropped, repeated keys keep every value in order.
 */
export interface RequestTarget {
  path: string;
  query: Record<string, string[]>;
}

/** Returns undefined when the path cannot be decoded (the transport answers 400). */
export function parseRequestTarget(target: string): RequestTarget | undefined {
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const path = decodePath(rawPath);
  if (path === undefined) return undefined;
  const query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (q !== -1 && q + 1 < target.length) parseQueryInto(target.slice(q + 1), query);
  return { path, query };
}

function decodePath(raw: string): string | undefined {
  // Fast path: nothing to decode (the common case for kubectl and client libraries).
  if (raw.indexOf('%') === -1) return raw;
  const segments = raw.split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.indexOf('%') === -1) continue;
    try {
      segments[i] = decodeURIComponent(s);
    } catch {
      return undefined;
    }
  }
  return segments.join('/');
}

function parseQueryInto(raw: string, into: Record<string, string[]>): void {
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = raw.length;
    if (end > start) addPair(raw.slice(start, end), into);
    start = end + 1;
  }
}

function addPair(pair: string, into: Record<string, string[]>): void {
  const eq = pair.indexOf('=');
  const rawKey = eq === -1 ? pair : pair.slice(0, eq);
  if (rawKey.indexOf(';') !== -1) return;
  const key = decodeQueryComponent(rawKey);
  const value = eq === -1 ? '' : decodeQueryComponent(pair.slice(eq + 1));
  if (key === undefined || value === undefined) return;
  const list = into[key];
  if (list === undefined) into[key] = [value];
  else list.push(value);
}

function decodeQueryComponent(s: string): string | undefined {
  const plus = s.indexOf('+') === -1 ? s : s.replace(/\+/g, ' ');
  if (plus.indexOf('%') === -1) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    return undefined;
  }
}
