/**
 * robfig/cron/v3's standard schedules as the CronJob controller uses them: five fields (minute hour
 * day-of-month month day-of-week, with names, ranges, lists, steps, `*` and `?`), the descriptors (@yearly …
 * @hourly) and `@every <duration>`. Next(t) is the first activation strictly after t, in UTC.
 *
 * Day matching follows robfig: when either day field is a plain `*` (or `?`, or `*\/1`), both must match;
 * otherwise either may (standard cron's OR of day-of-month and day-of-week).
 */
export interface CronSchedule {
  next(afterMs: number): number | undefined;
}

interface Field {
  bits: Set<number>;
  star: boolean;
}

const BOUNDS = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } as Record<string, number> },
  dow: { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as Record<string, number> },
};
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const GO_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function value(text: string, names: Record<string, number> | undefined): number {
  const named = names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new Error(`failed to parse int from ${text}`);
  return Number(text);
}

function parseField(expr: string, b: { min: number; max: number; names?: Record<string, number> }): Field {
  const bits = new Set<number>();
  let star = false;
  for (const part of expr.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : value(stepText, undefined);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = b.min;
      hi = b.max;
      if (step === 1) star = true;
    } else {
      const [a = '', c] = range.split('-');
      lo = value(a, b.names);
      hi = c === undefined ? (stepText === undefined ? lo : b.max) : value(c, b.names);
    }
    if (lo < b.min || hi > b.max || lo > hi || step < 1) throw new Error(`invalid range ${part}`);
    for (let v = lo; v <= hi; v += step) bits.add(v);
  }
  return { bits, star };
}

function parseEvery(text: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    ms += Number(m[1]) * GO_UNITS_MS[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== text.length || ms <= 0) throw new Error(`failed to parse duration ${text}`);
  // ConstantDelaySchedule: whole seconds, at least one.
  return Math.max(1000, Math.floor(ms / 1000) * 1000);
}

export function parseCronSchedule(spec: string): CronSchedule {
  const text = spec.trim();
  if (text.startsWith('@every ')) {
    const delay = parseEvery(text.slice(7).trim());
    return { next: (after) => Math.floor(after / 1000) * 1000 + delay };
  }
  const fields = (DESCRIPTORS[text] ?? text).split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [minute, hour, dom, month, dow] = [
    parseField(fields[0]!, BOUNDS.minute),
    parseField(fields[1]!, BOUNDS.hour),
    parseField(fields[2]!, BOUNDS.dom),
    parseField(fields[3]!, BOUNDS.month),
    parseField(fields[4]!, { ...BOUNDS.dow, max: 7 }),
  ];
  if (dow.bits.has(7)) dow.bits.add(0); // robfig accepts 7 as Sunday
  const dayMatches = (d: Date): boolean => {
    const domOk = dom.bits.has(d.getUTCDate());
    const dowOk = dow.bits.has(d.getUTCDay());
    return dom.star || dow.star ? domOk && dowOk : domOk || dowOk;
  };
  return {
    next(after: number): number | undefined {
      const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
      const limit = after + 5 * 366 * 86_400_000;
      while (t.getTime() <= limit) {
        if (!month.bits.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
          continue;
        }
        if (!hour.bits.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
          continue;
        }
        if (!minute.bits.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
          continue;
        }
        return t.getTime();
      }
      return undefined;
    },
  };
}
