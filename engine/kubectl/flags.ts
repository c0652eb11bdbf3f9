/**
 * Command-line parsing as cobra + pflag do it for kubectl: long flags `--name=value` / `--name value`, short
 * flags `-n value`, `-nvalue`, `-n=value`, combined boolean shorthands (`-it`), booleans with optional
 * `=true|false`, interspersed positional arguments, and `--` ending flag parsing (exec's command). Errors are
 * pflag's words, which kubectl prints as `error: <msg>\nSee 'kubectl <cmd> --help' for usage.`
 */
export type FlagKind = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: string | boolean | number | string[];
}

export interface ParsedFlags {
  args: string[];
  /** Index in `args` where `--` appeared (cobra's ArgsLenAtDash), or -1. */
  argsLenAtDash: number;
  values: Map<string, string | boolean | number | string[]>;
  /** Flags the user set explicitly. */
  changed: Set<string>;
}

export class FlagError extends Error {}

/** Flags every kubectl command accepts (kubectl's persistent flags that matter in-app). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string', default: '' },
  { name: 'kubeconfig', kind: 'string', default: '' },
  { name: 'context', kind: 'string', default: '' },
  { name: 'cluster', kind: 'string', default: '' },
  { name: 'user', kind: 'string', default: '' },
  { name: 'request-timeout', kind: 'string', default: '0' },
  { name: 'v', short: 'v', kind: 'int', default: 0 },
  { name: 'server', short: 's', kind: 'string', default: '' },
  { name: 'token', kind: 'string', default: '' },
  { name: 'insecure-skip-tls-verify', kind: 'bool', default: false },
  { name: 'match-server-version', kind: 'bool', default: false },
  { name: 'warnings-as-errors', kind: 'bool', default: false },
  { name: 'help', short: 'h', kind: 'bool', default: false },
];

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS.filter((g) => !specs.some((s) => s.name === g.name))];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string | boolean | number | string[]>();
  for (const s of all) if (s.default !== undefined) values.set(s.name, Array.isArray(s.default) ? [...s.default] : s.default);
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string, display: string) => {
    switch (spec.kind) {
      case 'bool': {
        if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(raw)) throw new FlagError(`invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(display)} flag: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
        values.set(spec.name, /^(1|t|T|TRUE|true|True)$/.test(raw));
        break;
      }
      case 'int': {
        if (!/^[-+]?\d+$/.test(raw)) throw new FlagError(`invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(display)} flag: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
        values.set(spec.name, Number(raw));
        break;
      }
      case 'stringArray': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        values.set(spec.name, [...prev, raw]);
        break;
      }
      case 'stringSlice': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        values.set(spec.name, [...prev, ...(raw === '' ? [] : raw.split(','))]);
        break;
      }
      default:
        values.set(spec.name, raw);
    }
    changed.add(spec.name);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.kind === 'bool') set(spec, 'true', `--${name}`);
      else if (i + 1 < argv.length) set(spec, argv[++i] as string, `--${name}`);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j] as string;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.kind === 'bool') {
          if (a[j + 1] === '=') {
            set(spec, a.slice(j + 2), `-${c}, --${spec.name}`);
            j = a.length;
          } else {
            set(spec, 'true', `-${c}, --${spec.name}`);
            j++;
          }
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        else if (rest === '') {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          rest = argv[++i] as string;
        }
        set(spec, rest, `-${c}, --${spec.name}`);
        j = a.length;
      }
      continue;
    }
    args.push(a);
  }
  return { args, argsLenAtDash, values, changed };
}

export function str(p: ParsedFlags, name: string): string {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}
export function bool(p: ParsedFlags, name: string): boolean {
  return p.values.get(name) === true;
}
export function int(p: ParsedFlags, name: string): number {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : Number(v ?? 0);
}
export function list(p: ParsedFlags, name: string): string[] {
  const v = p.values.get(name);
  return Array.isArray(v) ? v : [];
}
