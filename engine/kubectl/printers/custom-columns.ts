/**
 * `-o custom-columns=HEADER:.path,…` (kubectl/pkg/cmd/get/customcolumn.go): each path is a jsonpath without
 * braces; several results join with `,`; nothing found prints `<none>`.
 */
import { KubectlError } from '../kubectl-error';
import { evaluate, valueText } from './jsonpath-template';
import type { TabWriter } from './tabwriter';

export function customColumns(w: TabWriter, spec: string, objects: Record<string, unknown>[], noHeaders = false): void {
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    let path = part.slice(colon + 1).trim();
    if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
    if (!path.startsWith('.') && !path.startsWith('$') && !path.startsWith('@')) path = `.${path}`;
    return { header: part.slice(0, colon), path };
  });
  if (!noHeaders) w.write(`${columns.map((c) => c.header).join('\t')}\n`);
  for (const o of objects) {
    const cells = columns.map((c) => {
      const values = evaluate(c.path, o).filter((v) => v !== undefined);
      if (values.length === 0) return '<none>';
      return values.map((v) => (v === null ? '<nil>' : valueText(v))).join(',');
    });
    w.write(`${cells.join('\t')}\n`);
  }
}
