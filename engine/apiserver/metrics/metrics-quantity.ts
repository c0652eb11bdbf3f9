/**
 * resource.Quantity's canonical text for the two ways metrics-server builds its quantities:
 * CPU as NewScaledQuantity(nanocores, Nano) (decimal SI: `123456n`, `5m`, `2`), memory as
 * NewQuantity(bytes, BinarySI) (`12345Ki`, `1Mi`, or plain bytes when not a multiple of 1024).
 */
const DECIMAL_SUFFIXES = ['n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export function cpuQuantity(nanoCores: number): string {
  let value = Math.round(nanoCores);
  if (value === 0) return '0';
  let step = 0;
  while (value % 1000 === 0 && step < DECIMAL_SUFFIXES.length - 1) {
    value /= 1000;
    step++;
  }
  return `${value}${DECIMAL_SUFFIXES[step]}`;
}

export function memoryQuantity(bytes: number): string {
  let value = Math.round(bytes);
  if (value === 0) return '0';
  let step = 0;
  while (value % 1024 === 0 && step < BINARY_SUFFIXES.length - 1) {
    value /= 1024;
    step++;
  }
  return `${value}${BINARY_SUFFIXES[step]}`;
}

/** A window as metav1.Duration marshals it (Go's time.Duration.String for whole and fractional seconds). */
export function windowDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const ms = Math.round(seconds * 1000);
  const whole = Math.floor(ms / 1000);
  const frac = ms % 1000;
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  const sec = frac === 0 ? `${s}s` : `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
