import { describe, expect, test } from 'vitest';
import { piDigits } from '../../../../engine/kubelet/runtime/pi-digits';

/** Reference digits by a different method: Gibbons' unbounded spigot (BigInt), one decimal digit at a time. */
function spigotDigits(count: number): string {
  let q = 1n, r = 0n, t = 1n, k = 1n, n = 3n, l = 3n;
  let out = '';
  while (out.length < count) {
    if (4n * q + r - t < n * t) {
      out += n.toString();
      const nr = 10n * (r - n * t);
      n = (10n * (3n * q + r)) / t - 10n * n;
      q *= 10n;
      r = nr;
    } else {
      const nr = (2n * q + r) * l;
      const nn = (q * (7n * k) + 2n + r * l) / (t * l);
      q *= k;
      t *= l;
      l += 2n;
      k += 1n;
      n = nn;
      r = nr;
    }
  }
  return out;
}

describe('perl -Mbignum=bpi -wle "print bpi(N)"', () => {
  const reference = spigotDigits(2012);

  test('bpi(2000) has 2000 significant digits matching an independent spigot, rounded half-even at the last', () => {
    const printed = piDigits(2000);
    expect(printed.length).toBe(2001);
    expect(printed.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    const digits = printed.replace('.', '');
    // All but the last digit agree with the truncated reference; the last is the reference rounded at digit 2001.
    expect(digits.slice(0, 1999)).toBe(reference.slice(0, 1999));
    const next = Number(reference[2000]);
    const tail = reference.slice(2001);
    const last = Number(reference[1999]);
    const roundUp = next > 5 || (next === 5 && (/[1-9]/.test(tail) || last % 2 === 1));
    expect(digits.at(-1)).toBe(String(roundUp ? last + 1 : last));
  });

  test('the Feynman point: decimals 762–767 are 999999', () => {
    expect(piDigits(1000).split('.')[1]?.slice(761, 767)).toBe('999999');
  });

  test('small precisions round like Math::BigFloat', () => {
    expect(piDigits(1)).toBe('3');
    expect(piDigits(5)).toBe('3.1416');
    expect(piDigits(10)).toBe('3.141592654');
  });
});
