/**
 * Makes kubectl output comparable across runs: values that differ on every real cluster too (UIDs,
 * resourceVersions, timestamps, allocated IPs and ports, generated name suffixes, the server's port) become
 * placeholders. Everything else — headers, column alignment, messages — must match the golden file exactly.
 * Ages need no placeholder: the suites pause the lab's virtual clock, so every AGE reads `0s`, deterministically.
 */
export function normalize(text: string, opts: { port?: number } = {}): string {
  let out = text;
  if (opts.port !== undefined) out = out.split(`127.0.0.1:${opts.port}`).join('127.0.0.1:<port>');
  out = out
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<date>')
    .replace(/(resourceVersion"?:\s*)"?\d+"?/g, '$1<rv>')
    .replace(/10\.(9[6-9]|10[0-9]|11[01])\.\d{1,3}\.\d{1,3}/g, '<cluster-ip>')
    .replace(/kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}/g, 'kube-api-access-<rand>')
    .replace(/\b3[0-2]\d{3}\b(?=\/TCP|\/UDP)/g, '<node-port>');
  return out;
}
