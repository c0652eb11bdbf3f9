/**
 * `kubectl get` (kubectl/pkg/cmd/get/get.go): human-readable output from server-side Tables (one table per
 * resource type, a blank line between types, `kind.group/` name prefixes when several types print), or objects
 * as yaml/json/name/jsonpath/custom-columns; `--sort-by`, selectors, `-A`, and `-w` streaming until aborted.
 * "No resources found" goes to stderr; NotFound errors for named objects print after everything found.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { gvrString, kindPrefix, resourcePath, type ResourceMapping } from '../discovery';
import { bool, int, list, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { errorText, KubectlError } from '../kubectl-error';
import { parseOutputFormat, printObjects } from '../printers/output-format';
import { TablePrinter, type Table, type TableRow } from '../printers/table-printer';
import { TabWriter } from '../printers/tabwriter';
import { ACCEPT_TABLE, type Json } from '../rest';
import { resolveResourceArgs, type ResourceRequest } from '../resource-args';
import { sortObjects } from '../sort-by';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string', default: '' },
  { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
  { name: 'selector', short: 'l', kind: 'string', default: '' },
  { name: 'field-selector', kind: 'string', default: '' },
  { name: 'sort-by', kind: 'string', default: '' },
  { name: 'show-labels', kind: 'bool', default: false },
  { name: 'label-columns', short: 'L', kind: 'stringSlice', default: [] },
  { name: 'watch', short: 'w', kind: 'bool', default: false },
  { name: 'watch-only', kind: 'bool', default: false },
  { name: 'no-headers', kind: 'bool', default: false },
  { name: 'ignore-not-found', kind: 'bool', default: false },
  { name: 'chunk-size', kind: 'int', default: 500 },
  { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
  { name: 'show-kind', kind: 'bool', default: false },
  { name: 'show-managed-fields', kind: 'bool', default: false },
  { name: 'subresource', kind: 'string', default: '' },
  { name: 'raw', kind: 'string', default: '' },
];

export const getCommand: CommandDef = { name: 'get', flags: GET_FLAGS, run: runGet };

interface Fetched {
  mapping: ResourceMapping;
  /** Table (human-readable) or objects (every other format), in server order. */
  table?: Table;
  objects: Json[];
  resourceVersion?: string;
}

async function runGet(inv: Invocation): Promise<number> {
  const { ctx } = inv;
  const raw = str(inv.flags, 'raw');
  if (raw !== '') {
    ctx.stdout(await inv.rest.text({ method: 'GET', path: raw }));
    return 0;
  }
  if (inv.args.length === 0) {
    ctx.stderr('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw new KubectlError(
      `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
      true,
    );
  }
  const format = parseOutputFormat(str(inv.flags, 'output'), true);
  if (!format) throw new KubectlError('missing output format');
  const resolved = await resolveResourceArgs(inv.discovery, inv.args);
  const selector = str(inv.flags, 'selector');
  const fieldSelector = str(inv.flags, 'field-selector');
  const sortBy = str(inv.flags, 'sort-by');
  const watch = bool(inv.flags, 'watch') || bool(inv.flags, 'watch-only');
  const human = format.kind === 'table';
  if (resolved.requests.some((r) => r.names.length > 0) && (selector !== '' || fieldSelector !== '')) {
    throw new KubectlError('name cannot be provided when a selector is specified');
  }
  if (watch) return runWatch(inv, resolved.requests, human, format.kind === 'table' && format.wide);

  const errors: unknown[] = [];
  const fetched: Fetched[] = [];
  for (const req of resolved.requests) {
    try {
      fetched.push(await fetch(inv, req, human, selector, fieldSelector, sortBy !== '', errors));
    } catch (e) {
      errors.push(e);
    }
  }

  let written = 0;
  const out = (s: string) => {
    if (s !== '') written++;
    ctx.stdout(s);
  };
  if (format.kind === 'table') {
    const w = new TabWriter(out);
    let printedRows = 0;
    let first = true;
    for (const f of fetched) {
      if (!f.table || (f.table.rows ?? []).length === 0) continue;
      w.flush();
      w.resetWidths();
      if (!first && !bool(inv.flags, 'no-headers') && printedRows > 0) w.write('\n');
      first = false;
      const printer = new TablePrinter(w, {
        wide: format.wide,
        withNamespace: inv.allNamespaces && f.mapping.namespaced,
        showLabels: bool(inv.flags, 'show-labels'),
        labelColumns: list(inv.flags, 'label-columns'),
        noHeaders: bool(inv.flags, 'no-headers'),
        kindPrefix: resolved.multipleTypes || bool(inv.flags, 'show-kind') ? kindPrefix(f.mapping) : undefined,
      });
      let table = f.table;
      if (sortBy !== '') table = { ...table, rows: sortObjects(table.rows ?? [], sortBy, (r: TableRow) => r.object) };
      printedRows += printer.print(table);
    }
    w.flush();
  } else {
    let objects: Json[] = fetched.flatMap((f) => f.objects);
    if (sortBy !== '') objects = sortObjects(objects, sortBy, (o) => o);
    if (!bool(inv.flags, 'show-managed-fields')) objects = objects.map(withoutManagedFields);
    if (objects.length > 0 || format.kind === 'json' || format.kind === 'yaml' || format.kind === 'jsonpath') {
      if (!(objects.length === 0 && resolved.singleItem)) printObjects(out, format, objects, resolved.singleItem, (o) => prefixOf(o, fetched));
    }
  }

  for (const e of errors) ctx.stderr(errorText(e));
  if (written === 0 && errors.length === 0 && !bool(inv.flags, 'ignore-not-found') && (format.kind === 'table' || format.kind === 'name' || format.kind === 'custom-columns')) {
    const allNamespaced = !inv.allNamespaces && fetched.every((f) => f.mapping.namespaced);
    ctx.stderr(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
  }
  return errors.length > 0 ? 1 : 0;
}

function prefixOf(o: Json, fetched: Fetched[]): string {
  const f = fetched.find((x) => x.objects.includes(o));
  if (f) return kindPrefix(f.mapping);
  const [group] = String(o['apiVersion'] ?? '').includes('/') ? String(o['apiVersion']).split('/') : [''];
  return kindPrefix({ kind: String(o['kind'] ?? ''), group: group ?? '' });
}

export function withoutManagedFields(o: Json): Json {
  const meta = o['metadata'] as Json | undefined;
  if (o['kind'] === 'List' && Array.isArray(o['items'])) return { ...o, items: (o['items'] as Json[]).map(withoutManagedFields) };
  if (!meta || !('managedFields' in meta)) return o;
  const { managedFields: _, ...rest } = meta;
  return { ...o, metadata: rest };
}

async function fetch(inv: Invocation, req: ResourceRequest, human: boolean, selector: string, fieldSelector: string, sorting: boolean, errors: unknown[]): Promise<Fetched> {
  const { mapping } = req;
  const ns = inv.allNamespaces ? undefined : inv.namespace;
  const accept = human ? ACCEPT_TABLE : 'application/json';
  const extra = human && sorting ? { includeObject: 'Object' } : {};
  if (req.names.length > 0) {
    const out: Fetched = { mapping, objects: [] };
    for (const name of req.names) {
      try {
        const obj = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(mapping, inv.namespace, name), accept, query: extra });
        if (human) {
          const t = obj as unknown as Table;
          if (!out.table) out.table = { ...t, rows: [...(t.rows ?? [])] };
          else (out.table.rows as TableRow[]).push(...(t.rows ?? []));
        } else out.objects.push(obj);
      } catch (e) {
        if (e instanceof StatusError && e.code === 404 && bool(inv.flags, 'ignore-not-found')) continue;
        errors.push(e);
      }
    }
    return out;
  }
  // kubectl lists in chunks of --chunk-size (500) and follows `continue` until the list is complete.
  const chunk = int(inv.flags, 'chunk-size');
  const pages: Json[] = [];
  let cont: string | undefined;
  do {
    const query = { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined, limit: chunk > 0 ? String(chunk) : undefined, continue: cont, ...extra };
    let page: Json;
    try {
      page = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(mapping, ns), accept, query });
    } catch (e) {
      throw listError(e, mapping, selector, fieldSelector);
    }
    pages.push(page);
    cont = ((page['metadata'] as Json | undefined)?.['continue'] as string | undefined) || undefined;
  } while (cont);
  const first = pages[0] as Json;
  const rv = (first['metadata'] as Json | undefined)?.['resourceVersion'] as string | undefined;
  if (human) {
    const table = first as unknown as Table;
    const rows = pages.length === 1 ? table.rows : pages.flatMap((p) => ((p as unknown as Table).rows ?? []));
    return { mapping, table: { ...table, rows }, objects: [], resourceVersion: rv };
  }
  const items = pages.flatMap((page) => ((page['items'] as Json[] | undefined) ?? []).map((item) => ({ apiVersion: page['apiVersion'], kind: String(page['kind'] ?? '').replace(/List$/, ''), ...item })));
  return { mapping, objects: items, resourceVersion: rv };
}

/** resource.Selector's wording for a failed list (cli-runtime/pkg/resource/selector.go). */
export function listError(e: unknown, mapping: ResourceMapping, selector: string, fieldSelector: string): unknown {
  if (e instanceof StatusError && (e.code === 400 || e.code === 404)) {
    const message =
      selector === '' && fieldSelector === ''
        ? `Unable to list ${JSON.stringify(gvrString(mapping))}: ${e.message}`
        : `Unable to find ${JSON.stringify(gvrString(mapping))} that match label selector ${JSON.stringify(selector)}, field selector ${JSON.stringify(fieldSelector)}: ${e.message}`;
    return new StatusError({ ...e.status, message });
  }
  return e;
}

/** `get -w`: list and print (unless --watch-only), then print every watch event's row until aborted. */
async function runWatch(inv: Invocation, requests: ResourceRequest[], human: boolean, wide: boolean): Promise<number> {
  const { ctx } = inv;
  if (requests.length !== 1) throw new KubectlError('you may only specify a single resource type');
  const req = requests[0] as ResourceRequest;
  const format = parseOutputFormat(str(inv.flags, 'output'), true);
  const selector = str(inv.flags, 'selector');
  const fieldSelector = str(inv.flags, 'field-selector');
  const w = new TabWriter((s) => ctx.stdout(s));
  const printer = new TablePrinter(w, {
    wide,
    withNamespace: inv.allNamespaces && req.mapping.namespaced,
    showLabels: bool(inv.flags, 'show-labels'),
    labelColumns: list(inv.flags, 'label-columns'),
    noHeaders: bool(inv.flags, 'no-headers'),
  });
  const errors: unknown[] = [];
  const first = await fetch(inv, { mapping: req.mapping, names: [] }, human, selector, fieldSelector, false, errors);
  const nameFilter = req.names.length > 0 ? `metadata.name=${req.names[0]}` : '';
  const printOne = (obj: Json) => {
    if (human) printer.print(obj as unknown as Table);
    else if (format) printObjects((s) => ctx.stdout(s), format, [withoutManagedFields(obj)], true, () => kindPrefix(req.mapping));
    w.flush();
  };
  if (!bool(inv.flags, 'watch-only')) {
    if (human && first.table) {
      const rows = (first.table.rows ?? []).filter((r) => req.names.length === 0 || req.names.includes(r.object?.metadata?.name ?? ''));
      printer.print({ ...first.table, rows });
      w.flush();
    } else for (const o of first.objects) if (req.names.length === 0 || req.names.includes(String((o['metadata'] as Json)['name']))) printOne(o);
  }
  if (ctx.signal.aborted) return 0;
  return new Promise<number>((resolve) => {
    let sub: { dispose(): void } | undefined;
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      abort.dispose();
      sub?.dispose();
      resolve(code);
    };
    const abort = ctx.signal.onAbort(() => finish(0));
    const query = {
      watch: 'true',
      resourceVersion: first.resourceVersion,
      labelSelector: selector || undefined,
      fieldSelector: [fieldSelector, nameFilter].filter((s) => s !== '').join(',') || undefined,
      allowWatchBookmarks: 'true',
    };
    inv.rest
      .stream(
        { method: 'GET', path: resourcePath(req.mapping, inv.allNamespaces ? undefined : inv.namespace), query, accept: human ? ACCEPT_TABLE : 'application/json' },
        (line) => {
          const ev = JSON.parse(line) as { type: string; object: Json };
          if (ev.type === 'BOOKMARK') return;
          if (ev.type === 'ERROR') {
            ctx.stderr(errorText(new StatusError(ev.object as never)));
            finish(1);
            return;
          }
          printOne(ev.object);
        },
        () => finish(0),
      )
      .then((d) => {
        sub = d;
        if (done) d.dispose();
      })
      .catch((e) => {
        ctx.stderr(errorText(e));
        finish(1);
      });
  });
}

