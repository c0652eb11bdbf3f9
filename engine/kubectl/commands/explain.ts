/**
 * `kubectl explain TYPE[.field…]` from the served OpenAPI v3 (kubectl/pkg/explain/v2, plaintext template):
 * GROUP/KIND/VERSION, the field's type guess (`<[]Container>`, `<map[string]string>`, `<Object>`), its
 * description followed by the referenced type's, then the type's fields in name order with `-required-`
 * marks; descriptions wrapped as github.com/mitchellh/go-wordwrap wraps them at 80 minus the indent.
 */
import { groupVersion } from '../discovery';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import type { Json } from '../rest';

type Schema = Json;

export const explainCommand: CommandDef = {
  name: 'explain',
  flags: [{ name: 'recursive', kind: 'bool', default: false }, { name: 'api-version', kind: 'string', default: '' }, { name: 'output', short: 'o', kind: 'string', default: 'plaintext' }],
  async run(inv: Invocation): Promise<number> {
    const arg = inv.args[0];
    if (!arg) throw new KubectlError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`, true);
    const [typeWord, ...path] = arg.split('.');
    const mapping = await inv.discovery.find(typeWord as string);
    if (!mapping) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(typeWord)}\n`, true);
    const index = await inv.rest.json<{ paths: Record<string, { serverRelativeURL: string }> }>({ method: 'GET', path: '/openapi/v3' });
    const key = mapping.group === '' ? `api/${mapping.version}` : `apis/${mapping.group}/${mapping.version}`;
    const url = index.paths[key]?.serverRelativeURL;
    if (!url) throw new KubectlError(`couldn't find resource for ${JSON.stringify(groupVersion(mapping))}`);
    const [docPath, query] = url.split('?') as [string, string | undefined];
    const q: Record<string, string> = {};
    for (const part of (query ?? '').split('&').filter(Boolean)) q[part.slice(0, part.indexOf('='))] = part.slice(part.indexOf('=') + 1);
    const doc = await inv.rest.json<Json>({ method: 'GET', path: docPath, query: q });
    const schemas = ((doc['components'] as Json | undefined)?.['schemas'] ?? {}) as Record<string, Schema>;
    const rootName = Object.keys(schemas).find((n) =>
      ((schemas[n]?.['x-kubernetes-group-version-kind'] as Json[] | undefined) ?? []).some((g) => g['group'] === mapping.group && g['version'] === mapping.version && g['kind'] === mapping.kind),
    );
    if (!rootName) throw new KubectlError(`couldn't find resource for ${JSON.stringify(`${mapping.group}/${mapping.version}, Kind=${mapping.kind}`)}`);
    const resolve = (s: Schema | undefined): Schema | undefined => {
      const ref = refOf(s);
      return ref ? schemas[ref.split('/').pop() as string] : s;
    };

    let head = '';
    if (mapping.group !== '') head += `GROUP:      ${mapping.group}\n`;
    head += `KIND:       ${mapping.kind}\nVERSION:    ${mapping.version}\n\n`;

    let field: Schema | undefined;
    let fieldName = '';
    let current = schemas[rootName] as Schema;
    for (const segment of path) {
      const container = elementType(current, resolve);
      const props = (container?.['properties'] ?? {}) as Record<string, Schema>;
      const next = props[segment];
      if (!next) {
        inv.ctx.stdout(head);
        throw new KubectlError(`field ${JSON.stringify(segment)} does not exist`);
      }
      field = next;
      fieldName = segment;
      current = next;
    }

    let out = head;
    const typeSchema = elementType(current, resolve);
    if (field) out += `FIELD: ${fieldName} <${typeGuess(field)}>\n\n\n`;
    out += 'DESCRIPTION:\n';
    const own = field ? String(field['description'] ?? '') : '';
    const referenced = field ? (refOf(field) || refOf(itemsOf(field)) ? String(typeSchema?.['description'] ?? '') : '') : String(typeSchema?.['description'] ?? '');
    const parts = [own, referenced].filter((p) => p !== '');
    if (parts.length === 0) out += '    <empty>\n';
    // The template ends the description with a newline that is indented too: a line of four spaces.
    else out += `${indent(parts.map((p) => wrap(p, 76)).join('\n'), 4)}\n    \n`;
    const props = (typeSchema?.['properties'] ?? {}) as Record<string, Schema>;
    const names = Object.keys(props).sort();
    if (names.length > 0) {
      out += 'FIELDS:\n';
      const required = new Set((typeSchema?.['required'] as string[] | undefined) ?? []);
      for (const name of names) {
        const p = props[name] as Schema;
        out += `  ${name}\t<${typeGuess(p)}>${required.has(name) ? ' -required-' : ''}\n`;
        const d = String(p['description'] ?? '');
        out += d === '' ? '    <no description>\n' : `${indent(wrap(d, 76), 4)}\n`;
        out += '\n';
      }
    }
    out += '\n';
    inv.ctx.stdout(out);
    return 0;
  },
};

function refOf(s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  if (typeof s['$ref'] === 'string') return s['$ref'];
  const all = s['allOf'] as Schema[] | undefined;
  if (all?.length === 1 && typeof all[0]?.['$ref'] === 'string') return all[0]['$ref'] as string;
  return undefined;
}

function itemsOf(s: Schema): Schema | undefined {
  return s['items'] as Schema | undefined;
}

/** The schema whose fields a path steps into: through references and array items. */
function elementType(s: Schema | undefined, resolve: (s: Schema | undefined) => Schema | undefined): Schema | undefined {
  let cur = resolve(s);
  for (let i = 0; i < 8 && cur && cur['type'] === 'array'; i++) cur = resolve(itemsOf(cur));
  return cur;
}

/** kubectl's typeGuess: a referenced type's short name, `[]` for arrays, `map[string]` for maps, else the JSON type. */
function typeGuess(s: Schema | undefined): string {
  if (!s) return 'Object';
  const ref = refOf(s);
  if (ref) return (ref.split('/').pop() as string).split('.').pop() as string;
  if (s['type'] === 'array') return `[]${typeGuess(itemsOf(s))}`;
  if (s['x-kubernetes-int-or-string'] === true) return 'IntOrString';
  if (s['type'] === 'object' && s['additionalProperties'] && typeof s['additionalProperties'] === 'object') return `map[string]${typeGuess(s['additionalProperties'] as Schema)}`;
  if (typeof s['type'] === 'string') return s['type'] === 'object' ? 'Object' : s['type'];
  return 'Object';
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l, i, all) => (i === all.length - 1 && l === '' ? '' : pad + l))
    .join('\n');
}

/** github.com/mitchellh/go-wordwrap WrapString: break at whitespace before a word would pass `lim`. */
export function wrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word === '') {
        if (current + space.length > lim) current = 0;
        else {
          current += space.length;
          buf += space;
        }
        space = '';
      } else {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space === '' || word !== '') {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + space.length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}
