/** `{{name}}` placeholders in catalogue texts (log lines, response bodies), filled from the virtual clock and the container. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

export interface TemplateContext {
  now: number;
  /** Virtual ms the program started. */
  startedAt: number;
  hostname: string;
  ip: string;
  extra?: Record<string, string>;
}

/** The time formats servers print, each from the same instant (UTC, as containers run with TZ unset). */
export function timeVars(ms: number): Record<string, string> {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const M = p2(d.getUTCMonth() + 1);
  const D = p2(d.getUTCDate());
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const msPart = String(d.getUTCMilliseconds()).padStart(3, '0');
  const mon = MONTHS[d.getUTCMonth()] as string;
  return {
    nginxTime: `${Y}/${M}/${D} ${hms}`,
    httpdTime: `${DAYS[d.getUTCDay()]} ${mon} ${D} ${hms}.${msPart}000 ${Y}`,
    redisTime: `${D} ${mon} ${Y} ${hms}.${msPart}`,
    clfTime: `${D}/${mon}/${Y}:${hms} +0000`,
    rfc3339: `${Y}-${M}-${D}T${hms}Z`,
    goTime: `${Y}-${M}-${D} ${hms}.${msPart}000000 +0000 UTC`,
    unixSeconds: String(Math.floor(ms / 1000)),
    date: `${DAYS[d.getUTCDay()]} ${mon} ${D} ${hms} UTC ${Y}`,
  };
}

export function renderTemplate(text: string, ctx: TemplateContext): string {
  if (!text.includes('{{')) return text;
  const vars: Record<string, string> = {
    ...timeVars(ctx.now),
    // Go's %v of a float64 number of seconds: shortest representation, no trailing zeros.
    uptimeSeconds: String((ctx.now - ctx.startedAt) / 1000),
    hostname: ctx.hostname,
    ip: ctx.ip,
    ...ctx.extra,
  };
  return text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => vars[name] ?? m);
}
