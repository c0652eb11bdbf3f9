/**
 * Identity the API server assigns on create: UIDs (RFC 4122 v4 from the seeded random) and names from
 * `generateName` (upstream's SimpleNameGenerator: base truncated to 58 chars + 5 chars from its alphabet).
 */
import type { Random } from '../../base/clock';

const HEX = '0123456789abcdef';

export function newUid(random: Random): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let nibble = random.int(16);
    if (i === 12) nibble = 4; // version 4
    if (i === 16) nibble = (nibble & 0x3) | 0x8; // RFC 4122 variant
    s += HEX[nibble];
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels (no words) and no confusable characters. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_GENERATED_BASE = MAX_NAME_LENGTH - RANDOM_LENGTH;

export function randomString(random: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[random.int(NAME_ALPHABET.length)];
  return s;
}

export function generateName(random: Random, base: string): string {
  const trimmed = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
  return trimmed + randomString(random, RANDOM_LENGTH);
}
