/**
 * `-o` for object output (get, create, apply, label, …): yaml, json, name, jsonpath=, jsonpath-as-json?
 * (not supported in-app), custom-columns=, go-template (not supported). One object prints alone; several as a
 * `kind: List` (kubectl wraps multiple results so they round-trip).
 */
import { KubectlError } from '../kubectl-error';
import { goJson } from './go-json';
import { goYaml } from './go-yaml';
import { parseTemplate, renderTemplate, TemplateError } from './jsonpath-template';
import { TabWriter } from './tabwriter';
import { customColumns } from './custom-columns';

export type OutputFormat =
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'table'; wide: boolean };

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutputFormat(o: string, allowTable: boolean): OutputFormat | undefined {
  if (o === '') return allowTable ? { kind: 'table', wide: false } : undefined;
  if (o === 'wide' && allowTable) return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const eq = o.indexOf('=');
  const head = eq >= 0 ? o.slice(0, eq) : o;
  const rest = eq >= 0 ? o.slice(eq + 1) : '';
  if (head === 'jsonpath') {
    if (rest === '') throw new KubectlError('template format specified but no template given');
    return { kind: 'jsonpath', template: rest };
  }
  if (head === 'custom-columns') {
    if (rest === '') throw new KubectlError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: rest };
  }
  throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${ALLOWED}`);
}

export function asListIfMany(objects: Record<string, unknown>[], single: boolean): Record<string, unknown> {
  if (single && objects.length === 1) return objects[0] as Record<string, unknown>;
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Prints objects in a non-table format; `namePrefix(obj)` gives `deployment.apps` for `-o name`. */
export function printObjects(out: (s: string) => void, format: OutputFormat, objects: Record<string, unknown>[], single: boolean, namePrefix: (o: Record<string, unknown>) => string): void {
  switch (format.kind) {
    case 'yaml':
      if (!single || objects.length !== 1) out(goYaml(asListIfMany(objects, false)));
      else out(goYaml(objects[0]));
      return;
    case 'json':
      out(`${goJson(asListIfMany(objects, single), '    ')}\n`);
      return;
    case 'name':
      for (const o of objects) out(`${namePrefix(o)}/${((o['metadata'] as Record<string, unknown> | undefined)?.['name'] as string | undefined) ?? ''}\n`);
      return;
    case 'jsonpath': {
      let nodes;
      try {
        nodes = parseTemplate(format.template);
      } catch (e) {
        throw new KubectlError(`error parsing jsonpath ${format.template}, ${e instanceof TemplateError ? e.message : String(e)}`);
      }
      out(renderTemplate(nodes, asListIfMany(objects, single)));
      return;
    }
    case 'custom-columns': {
      const w = new TabWriter(out);
      customColumns(w, format.spec, objects);
      w.flush();
      return;
    }
    case 'table':
      throw new Error('tables print through TablePrinter');
  }
}
