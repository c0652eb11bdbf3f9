/**
 * The field manager name the API server records when a request has no fieldManager: the User-Agent up to
 * its first `/`, without unprintable characters, cut to 128 bytes (create.go prefixFromUserAgent). kubectl's
 * own names (`kubectl-client-side-apply`, `kubectl-edit`, `kubectl-create`, …) are not derived here: kubectl
 * sends them as the fieldManager parameter.
 */

const FIELD_MANAGER_MAX_LENGTH = 128;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function defaultManagerFromUserAgent(ua: string): string {
  const prefix = ua.split('/')[0] ?? '';
  // Printable ASCII is one byte per character and all of it passes isPrint: the loop below would keep it whole.
  if (prefix.length <= FIELD_MANAGER_MAX_LENGTH && PRINTABLE_ASCII.test(prefix)) return prefix;
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!isPrint(ch)) continue;
    const len = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + len > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
    bytes += len;
  }
  return out;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(ch: string): boolean {
  if (ch === ' ') return true;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}
