/**
 * Loads a lab folder (files by relative path) into a Lab, validating lab.yaml against the lab schema: every text in
 * en and zh-CN (inline, or a Markdown file of the folder), a `source:` naming a note, the cluster set-up, steps with
 * at least one check, each check naming exactly one kind of condition. Every problem is reported at once with its
 * file, line and column (LabFormatError), so a lab author fixes them in one pass.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Check, Condition, FailCheck, Hint, Lab, LabStepDef, LocalizedText, SolutionCommand } from './lab-types';

export interface LabProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class LabFormatError extends Error {
  constructor(readonly problems: LabProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'LabFormatError';
  }
}

const LANGS = ['en', 'zh-CN'] as const;
const CONDITION_KINDS = ['object', 'event', 'storeKey', 'trace'] as const;

/** `steps[0].body.en`: field.Path's form. */
function pathText(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

class Reader {
  readonly problems: LabProblem[] = [];
  private readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    private readonly file: string,
    text: string,
    private readonly files: Record<string, string>,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines });
    for (const e of this.doc.errors) this.problemAt(e.pos[0], e.message.split('\n')[0] ?? e.message);
  }

  private problemAt(offset: number, message: string): void {
    const p = this.lines.linePos(offset);
    this.problems.push({ file: this.file, line: p.line, column: p.col, message });
  }

  /** A problem at the node of `path` (or its nearest existing parent). */
  problem(path: Array<string | number>, message: string): void {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.problemAt(node.range[0], message);
    }
    this.problemAt(0, message);
  }

  get(path: Array<string | number>): unknown {
    const v = this.doc.getIn(path, true);
    if (v === undefined) return undefined;
    return isMap(v) || isSeq(v) ? (v as { toJSON(): unknown }).toJSON() : (v as { value?: unknown }).value;
  }

  string(path: Array<string | number>, required = true): string {
    const v = this.get(path);
    if (typeof v === 'string' && v.length > 0) return v;
    if (required || v !== undefined) this.problem(path, `${pathText(path)}: a non-empty string is required`);
    return '';
  }

  /** `{en, zh-CN}` with inline text or the name of a .md file of the folder. */
  text(path: Array<string | number>): LocalizedText {
    const out = { en: '', 'zh-CN': '' };
    for (const lang of LANGS) {
      const raw = this.string([...path, lang]);
      if (!raw) continue;
      if (/\.md$/.test(raw)) {
        const body = this.files[raw];
        if (body === undefined) this.problem([...path, lang], `${pathText(path)}.${lang}: file ${raw} is not in the lab folder`);
        out[lang] = body ?? '';
      } else {
        out[lang] = raw;
      }
    }
    return out;
  }

  list(path: Array<string | number>, required = false): number {
    const v = this.doc.getIn(path, true);
    if (v === undefined) {
      if (required) this.problem(path, `${pathText(path)}: a list is required`);
      return 0;
    }
    if (!isSeq(v)) {
      this.problem(path, `${pathText(path)}: must be a list`);
      return 0;
    }
    return v.items.length;
  }
}

function condition(r: Reader, path: Array<string | number>): Condition {
  const raw = (r.get(path) ?? {}) as Condition & Record<string, unknown>;
  const kinds = CONDITION_KINDS.filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) r.problem(path, `${pathText(path)}: exactly one of ${CONDITION_KINDS.join(', ')} is required, found ${kinds.length === 0 ? 'none' : kinds.join(', ')}`);
  if (raw.object && typeof raw.object.resource !== 'string') r.problem([...path, 'object'], `${pathText(path)}.object.resource: a resource name is required`);
  if (raw.event && typeof raw.event.reason !== 'string') r.problem([...path, 'event'], `${pathText(path)}.event.reason: an event reason is required`);
  return raw;
}

export function loadLab(files: Record<string, string>): Lab {
  const text = files['lab.yaml'];
  if (text === undefined) throw new LabFormatError([{ file: 'lab.yaml', line: 1, column: 1, message: 'the lab folder has no lab.yaml' }]);
  const r = new Reader('lab.yaml', text, files);
  const id = r.string(['id']);
  if (id && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id)) r.problem(['id'], `id: ${JSON.stringify(id)} must be a lowercase DNS label`);
  const source = r.string(['source']);
  if (source && !/^\d{3}_[0-9a-f]{16}\.txt$/.test(source)) r.problem(['source'], `source: ${JSON.stringify(source)} must name a note file such as 000_2e88c02bccd3bf2b.txt`);
  const minutes = Number(r.get(['estimatedMinutes']) ?? 10);
  const nodes = Number(r.get(['cluster', 'nodes']) ?? 2);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 100) r.problem(['cluster', 'nodes'], 'cluster.nodes: an integer from 1 to 100 is required');
  const zones = (r.get(['cluster', 'zones']) as string[] | undefined) ?? ['zone-a'];
  const proxyMode = (r.get(['cluster', 'proxyMode']) as Lab['cluster']['proxyMode'] | undefined) ?? 'iptables';
  if (!['iptables', 'ipvs', 'userspace'].includes(proxyMode)) r.problem(['cluster', 'proxyMode'], `cluster.proxyMode: Unsupported value: "${proxyMode}": supported values: "iptables", "ipvs", "userspace"`);
  const manifests: string[] = [];
  for (let i = 0; i < r.list(['cluster', 'manifests']); i++) {
    const name = r.string(['cluster', 'manifests', i]);
    if (name && files[name] === undefined) r.problem(['cluster', 'manifests', i], `cluster.manifests[${i}]: file ${name} is not in the lab folder`);
    manifests.push(files[name] ?? '');
  }
  const steps: LabStepDef[] = [];
  const stepIds = new Set<string>();
  for (let i = 0; i < r.list(['steps'], true); i++) {
    const p = ['steps', i];
    const stepId = r.string([...p, 'id']);
    if (stepIds.has(stepId)) r.problem([...p, 'id'], `steps[${i}].id: Duplicate value: ${JSON.stringify(stepId)}`);
    stepIds.add(stepId);
    const checks: Check[] = [];
    const nChecks = r.list([...p, 'checks'], true);
    if (nChecks === 0) r.problem([...p, 'checks'], `steps[${i}].checks: a step needs at least one check`);
    for (let j = 0; j < nChecks; j++) checks.push({ ...condition(r, [...p, 'checks', j]), title: r.text([...p, 'checks', j, 'title']) });
    const hints: Hint[] = [];
    for (let j = 0; j < r.list([...p, 'hints']); j++) {
      const hp = [...p, 'hints', j];
      const hint: Hint = { text: r.text([...hp, 'text']) };
      if (r.get([...hp, 'when']) !== undefined) hint.when = condition(r, [...hp, 'when']);
      const after = r.get([...hp, 'afterSeconds']);
      if (after !== undefined) hint.afterSeconds = Number(after);
      if (!hint.when && hint.afterSeconds === undefined) r.problem(hp, `steps[${i}].hints[${j}]: a hint needs "when" or "afterSeconds"`);
      hints.push(hint);
    }
    const fail: FailCheck[] = [];
    for (let j = 0; j < r.list([...p, 'fail']); j++) fail.push({ when: condition(r, [...p, 'fail', j, 'when']), text: r.text([...p, 'fail', j, 'text']) });
    const solution: SolutionCommand[] = [];
    for (let j = 0; j < r.list([...p, 'solution']); j++) {
      const s = r.get([...p, 'solution', j]) as SolutionCommand | string;
      const cmd = typeof s === 'string' ? { kubectl: s } : s;
      if (!cmd?.kubectl) r.problem([...p, 'solution', j], `steps[${i}].solution[${j}]: a kubectl command line is required`);
      if (cmd?.stdinFile && files[cmd.stdinFile] === undefined) r.problem([...p, 'solution', j], `steps[${i}].solution[${j}].stdinFile: file ${cmd.stdinFile} is not in the lab folder`);
      solution.push(cmd);
    }
    steps.push({ id: stepId, title: r.text([...p, 'title']), body: r.text([...p, 'body']), checks, hints, fail, solution });
  }
  const lab: Lab = {
    id,
    title: r.text(['title']),
    summary: r.text(['summary']),
    intro: r.text(['intro']),
    source,
    estimatedMinutes: minutes,
    cluster: { nodes, zones, proxyMode, manifests },
    steps,
    files,
  };
  if (r.problems.length > 0) throw new LabFormatError(r.problems);
  return lab;
}
