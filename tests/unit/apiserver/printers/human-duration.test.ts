// Expectations follow k8s.io/apimachinery/pkg/util/duration (duration.go and duration_test.go).
import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, timestampSince } from '../../../../engine/apiserver/printers/human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('humanDuration', () => {
  it.each([
    [1 * s, '1s'],
    [70 * s, '70s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [190 * s, '3m10s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [70 * m, '70m'],
    [179 * m, '179m'],
    [180 * m, '3h'],
    [190 * m, '3h10m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [365 * 2 * 24 * h, '2y'],
    [(365 * 8 * 24 + 2) * h, '8y'],
  ])('%d ms → %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });

  it('tolerates up to 2s of clock skew and rejects more', () => {
    expect(humanDuration(-1999)).toBe('0s'); // int(-1.999) = -1
    expect(humanDuration(-1 * s)).toBe('0s');
    expect(humanDuration(-2 * s)).toBe('<invalid>');
    expect(humanDuration(0)).toBe('0s');
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [1 * s, '1s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m, '59m'],
    [60 * m, '1h'],
    [23 * h, '23h'],
    [24 * h, '1d'],
    [364 * 24 * h, '364d'],
    [365 * 24 * h, '1y'],
    [-1 * s, '0s'],
    [-2 * s, '<invalid>'],
  ])('%d ms → %s', (d, want) => {
    expect(shortHumanDuration(d)).toBe(want);
  });
});

describe('timestampSince (translateTimestampSince)', () => {
  it('prints <unknown> for a missing timestamp', () => {
    expect(timestampSince(undefined, 0)).toBe('<unknown>');
    expect(timestampSince('', 0)).toBe('<unknown>');
  });
  it('ages an RFC 3339 timestamp', () => {
    expect(timestampSince('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:05:00Z'))).toBe('5m');
  });
});
