/**
 * `$(VAR)` expansion (third_party/forked/golang/expansion): `$(NAME)` becomes the value when NAME is defined and
 * stays literally otherwise; `$$` is an escaped `$`; any other `$x` is kept as written.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      const value = lookup(name);
      out += value !== undefined ? value : `$(${name})`;
      i = end;
    } else {
      out += ch;
    }
  }
  return out;
}
