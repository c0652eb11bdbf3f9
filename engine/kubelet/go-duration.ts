/**
 * Go's time.Duration.String for whole milliseconds, as the kubelet prints durations in events and messages
 * ("Successfully pulled image … in 1.2s", "back-off 5m0s restarting failed container=…").
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const frac = millis === 0 ? '' : `.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
  const secText = `${seconds}${frac}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secText}`;
  if (minutes > 0) return `${sign}${minutes}m${secText}`;
  return `${sign}${secText}`;
}
