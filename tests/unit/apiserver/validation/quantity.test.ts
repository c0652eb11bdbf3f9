// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (v0.32): TestQuantityParse,
// TestQuantityString, TestQuantityParseEmit and the parse-error tables.
import { describe, expect, it } from 'vitest';
import { parseQuantity, Quantity, ERR_FORMAT_WRONG, ERR_SUFFIX } from '../../../../engine/apiserver/validation';

describe('parseQuantity → canonical string (TestQuantityParseEmit / TestQuantityString alternates)', () => {
  const table: [string, string][] = [
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['5000m', '5'],
    ['0.5', '500m'],
    ['0.001T', '1G'],
    ['1000u', '1m'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['00', '0'],
    // scale 0, no trailing 000: upstream's fast path caches the input text as is.
    ['100.035k', '100.035k'],
    ['0.5Mi', '512Ki'],
    ['1.5Gi', '1536Mi'],
    ['3.001n', '4n'],
    ['1.1E-9', '2e-9'],
    ['0.00000012345', '124n'],
    ['9Ei', '9223372036854775807'],
    ['12E', '12E'],
    ['1.01E', '1010P'],
    ['50k', '50k'],
    ['1.2e3', '1200'],
    ['0.5e-9', '1e-9'],
  ];
  for (const [input, expected] of table) {
    it(`${input} → ${expected}`, () => expect(parseQuantity(input).toString()).toBe(expected));
  }
});

describe('canonical text is kept verbatim when upstream caches it', () => {
  for (const s of ['1Gi', '300Mi', '6Ki', '1001Gi', '1Ti', '5', '500m', '1G', '1m', '80m', '1080m', '300M', '1T', '1234567M', '3k', '1025', '0', '1e9', '1e-3', '1e-9', '80e-3', '300e6', '1e12', '1e3', '3e3', '1n', '80n', '1080n', '1u', '80u', '1080u']) {
    it(s, () => expect(parseQuantity(s).toString()).toBe(s));
  }
  it('echoes a leading plus and zeros as upstream does', () => {
    expect(parseQuantity('+1').toString()).toBe('+1');
    expect(parseQuantity('0010').toString()).toBe('0010');
  });
});

describe('negative values print with a minus sign', () => {
  it('-1Gi, -500m', () => {
    expect(parseQuantity('-1024Mi').toString()).toBe('-1Gi');
    expect(parseQuantity('-0.5').toString()).toBe('-500m');
  });
});

describe('parse errors carry upstream messages', () => {
  // Go's parser: unknown characters fail the shape check; known suffix letters in a bad order fail lookup.
  for (const s of ['', '1.1.M', '1+1.0M', 'aoeu', ' 1', '1 ', '1KI', '1MiB']) {
    it(JSON.stringify(s), () => expect(() => parseQuantity(s)).toThrow(ERR_FORMAT_WRONG));
  }
  for (const s of ['0.1mi', '.5i', '1i', '-3.01i', '1kk', '1ii', '1e', '-3.01e-']) {
    it(JSON.stringify(s), () => expect(() => parseQuantity(s)).toThrow(ERR_SUFFIX));
  }
  it('the format message is exactly upstream', () => {
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('comparison and values', () => {
  it('cmp across formats', () => {
    expect(parseQuantity('1Gi').cmp(parseQuantity('1073741824'))).toBe(0);
    expect(parseQuantity('500m').cmp(parseQuantity('1'))).toBe(-1);
    expect(parseQuantity('1k').cmp(parseQuantity('999'))).toBe(1);
  });
  it('value and milliValue round away from zero', () => {
    expect(parseQuantity('1500m').value()).toBe(2n);
    expect(parseQuantity('1n').milliValue()).toBe(1n);
    expect(parseQuantity('128Mi').value()).toBe(134217728n);
  });
  it('arithmetic keeps the receiver format', () => {
    expect(parseQuantity('1Gi').add(parseQuantity('1Gi')).toString()).toBe('2Gi');
    expect(Quantity.fromMilli(250).toString()).toBe('250m');
  });
});
