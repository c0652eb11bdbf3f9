/**
 * resource.Quantity from k8s.io/apimachinery/pkg/api/resource (1.32), held exactly as a BigInt count of
 * nano-units (every parsed quantity is rounded up to 1n precision, as upstream does) plus its format.
 *
 * `toString()` is what the API server serialises: the canonical form, or — exactly when upstream caches it —
 * the original text (e.g. "100Mi", "+1", "0010" are echoed back verbatim; "1024Mi" becomes "1Gi").
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Thrown by parseQuantity; `message` is upstream's error text. */
export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_INT64_FACTORS = 18;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s] as const));
const BINARY_SUFFIX_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s] as const));

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: number): bigint => 10n ** BigInt(n);
/** Division rounding away from zero (inf.RoundUp on a magnitude). */
const divAwayFromZero = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b === 0n ? q : q + (a < 0n ? -1n : 1n);
};

export class Quantity {
  private constructor(
    /** The value times 1e9. */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
    /** Upstream's cached `s`: the input text when it is already canonical. */
    private readonly text?: string,
  ) {}

  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }
  /** resource.NewQuantity(value, format). */
  static fromInteger(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }
  /** resource.NewMilliQuantity(value, format). */
  static fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n, format);
  }
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  /** @internal used by parseQuantity only. */
  static parsed(nanos: bigint, format: QuantityFormat, text: string | undefined): Quantity {
    return new Quantity(nanos, format, text);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.nanos < 0n ? -1 : this.nanos > 0n ? 1 : 0;
  }
  /** q.Cmp(y): -1, 0 or 1. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }
  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }
  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }
  /** q.Value(): rounded up (away from zero) to an integer. */
  value(): bigint {
    return divAwayFromZero(this.nanos, NANO);
  }
  /** q.MilliValue(): rounded up (away from zero) to thousandths. */
  milliValue(): bigint {
    return divAwayFromZero(this.nanos, 1_000_000n);
  }
  /** Approximate float, for display and scoring only. */
  asApproximateFloat64(): number {
    return Number(this.nanos) / 1e9;
  }

  toString(): string {
    return this.text ?? this.canonical();
  }
  toJSON(): string {
    return this.toString();
  }

  /** CanonicalizeBytes: the largest suffix that keeps the value exact, no fraction digits. */
  canonical(): string {
    if (this.nanos === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      // Small or fractional binary quantities print as DecimalSI (avoids rounding and confusion).
      if (abs(this.nanos) < 1024n * NANO || this.nanos % NANO !== 0n) format = 'DecimalSI';
    }
    const sign = this.nanos < 0n ? '-' : '';
    if (format === 'BinarySI') {
      let amount = abs(this.nanos) / NANO;
      let exponent = 0;
      while (amount % 1024n === 0n) {
        amount /= 1024n;
        exponent += 10;
      }
      return `${sign}${amount}${BINARY_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
    }
    let amount = abs(this.nanos);
    let exponent = -9;
    while (amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    while (exponent % 3 !== 0) {
      amount *= 10n;
      exponent--;
    }
    let suffix: string;
    if (format === 'DecimalExponent') suffix = exponent === 0 ? '' : `e${exponent}`;
    // Upstream has no DecimalSI suffix beyond E (1e18); it then prints the bare mantissa. Kept as is.
    else suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? '';
    return `${sign}${amount}${suffix}`;
  }
}

interface QuantityParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function parseQuantityString(str: string): QuantityParts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  let num = str.slice(numStart, pos);
  if (pos >= end) return { positive, num, denom: '', suffix: '' };
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityParseError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** resource.ParseQuantity: throws QuantityParseError with upstream's message. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
  if (str === '0') return Quantity.parsed(0n, 'DecimalSI', '0');
  const { positive, num, denom, suffix } = parseQuantityString(str);
  const kind = interpretSuffix(suffix);
  if (kind === undefined) throw new QuantityParseError(ERR_SUFFIX);
  let format = kind.format;
  const digits = BigInt(num + denom);

  // Exact value, rounded up to nano precision.
  let nanos: bigint;
  if (kind.base === 10) {
    const shift = 9 + kind.exponent - denom.length;
    nanos = shift >= 0 ? digits * pow10(shift) : divAwayFromZero(digits, pow10(-shift));
  } else {
    const shift = 9 - denom.length;
    const scaled = digits << BigInt(kind.exponent);
    nanos = shift >= 0 ? scaled * pow10(shift) : divAwayFromZero(scaled, pow10(-shift));
  }

  // Upstream's int64 fast path keeps the original text when it is already canonical.
  const text = fastPathText(str, num, denom, kind.exponent, format);

  if (format === 'BinarySI' && text === undefined) {
    if (nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI';
  }
  return Quantity.parsed(positive ? nanos : -nanos, format, text);
}

function fastPathText(str: string, num: string, denom: string, exponent: number, format: QuantityFormat): string | undefined {
  const shifted = num + denom;
  if (format === 'BinarySI') {
    if (denom.length !== 0) return undefined;
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return undefined;
    const value = BigInt(shifted);
    if (value << BigInt(exponent) > MAX_INT64) return undefined;
    return exponent % 10 === 0 && (value & 7n) !== 0n ? str : undefined;
  }
  const precision = MAX_INT64_FACTORS - shifted.length;
  const scale = exponent - denom.length;
  if (precision < 0 || scale < -9) return undefined;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' ? str : undefined;
}

/**
 * Reads a Quantity field as it arrives in JSON: a string, or a bare number (UnmarshalJSON parses the raw
 * bytes after trimming spaces). Throws QuantityParseError.
 */
export function quantityFromJSON(value: unknown): Quantity {
  if (typeof value === 'number') return parseQuantity(String(value));
  if (typeof value === 'string') return parseQuantity(value.trim());
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}
