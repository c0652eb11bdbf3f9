/**
 * π to `significantDigits` significant digits, rounded as Perl's `Math::BigFloat->bpi(N)` (what
 * `perl -Mbignum=bpi -wle 'print bpi(N)'` prints; round-half-even, the BigFloat default): `bpi(5)` → `3.1416`.
 * Computed with Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in BigInt fixed point with guard digits.
 */
export function piDigits(significantDigits: number): string {
  if (!Number.isInteger(significantDigits) || significantDigits < 1) throw new RangeError('significantDigits must be a positive integer');
  const guard = 12;
  const scale = 10n ** BigInt(significantDigits - 1 + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  // pi = π·scale, i.e. (significantDigits + guard) digits; drop the guard digits with half-even rounding.
  const divisor = 10n ** BigInt(guard);
  let q = pi / divisor;
  const r = pi % divisor;
  if (r * 2n > divisor || (r * 2n === divisor && q % 2n === 1n)) q += 1n;
  const digits = q.toString();
  return digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
}

/** atan(1/x)·scale by its Taylor series; the truncation error is bounded by the number of terms, covered by the guard digits. */
function arctanInverse(x: bigint, scale: bigint): bigint {
  let sum = 0n;
  let power = scale / x; // scale / x^(2k+1)
  const x2 = x * x;
  for (let k = 0n; power !== 0n; k++) {
    const term = power / (2n * k + 1n);
    sum += k % 2n === 0n ? term : -term;
    power /= x2;
  }
  return sum;
}
