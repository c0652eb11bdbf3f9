/**
 * Where Go's base64.StdEncoding reports corrupt input: the expected offsets are Go's own table
 * (encoding/base64 base64_test.go TestDecodeCorrupt); -1 means Go decodes the input.
 */
import { describe, expect, it } from 'vitest';
import { goBase64Error, goBase64ErrorOffset } from '../../engine/apiserver/request/go-base64';

const GO_DECODE_CORRUPT: [string, number][] = [
  ['', -1],
  ['\n', -1],
  ['AAA=\n', -1],
  ['AAAA\n', -1],
  ['!!!!', 0],
  ['====', 0],
  ['x===', 1],
  ['=AAA', 0],
  ['A=AA', 1],
  ['AA=A', 2],
  ['AA==A', 4],
  ['AAA=AAAA', 4],
  ['AAAAA', 4],
  ['AAAAAA', 4],
  ['A=', 1],
  ['A==', 1],
  ['AA=', 3],
  ['AA==', -1],
  ['AAA=', -1],
  ['AAAA', -1],
  ['AAAAAA=', 7],
  ['YWJjZA=====', 8],
  ['A!\n', 1],
  ['A=\n', 1],
];

describe('goBase64ErrorOffset', () => {
  it.each(GO_DECODE_CORRUPT)('%j → %d', (input, offset) => {
    expect(goBase64ErrorOffset(input) ?? -1).toBe(offset);
  });

  it('words the error as base64.CorruptInputError, counting UTF-8 bytes', () => {
    expect(goBase64Error('abc!')).toBe('illegal base64 data at input byte 3');
    expect(goBase64Error('é')).toBe('illegal base64 data at input byte 0');
    expect(goBase64Error('MQ==')).toBeUndefined();
  });
});
