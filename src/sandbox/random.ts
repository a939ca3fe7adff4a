/**
 * @module Deterministic randomness for the sandbox: counter-based streams whose whole state is two
 * numbers, so it persists in the state file and a second process continues the same sequence.
 */

/** One random stream. `counter` advances by one per draw; the pair is JSON and lives in the state. */
export interface RngState {
  seed: number;
  counter: number;
}

export function newRng(seed: number, stream: number): RngState {
  // Streams of one seed must not overlap: mix the stream number into the seed.
  return { seed: mix32((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)), counter: 0 };
}

/** splitmix32-style finalizer: a good avalanche for sequential inputs. */
function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function nextUint32(rng: RngState): number {
  rng.counter += 1;
  return mix32(rng.seed + Math.imul(rng.counter, 0x9e3779b9));
}

/** A float in [0, 1). */
export function nextFloat(rng: RngState): number {
  return nextUint32(rng) / 0x1_0000_0000;
}

/** An integer in [0, bound). */
export function nextInt(rng: RngState, bound: number): number {
  return Math.floor(nextFloat(rng) * bound);
}

export function randomChars(rng: RngState, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[nextInt(rng, alphabet.length)];
  return out;
}

export const HEX = '0123456789abcdef';
export const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A lowercase version-4 UUID (the format of sso-admin request ids and identity-store ids). */
export function randomUuid(rng: RngState): string {
  const hex = randomChars(rng, HEX, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[nextInt(rng, 4)] ?? '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `AKIA…` (long-term) or `ASIA…` (session) followed by 16 characters, like real access key ids. */
export function randomAccessKeyId(rng: RngState, kind: 'long-term' | 'session'): string {
  return `${kind === 'session' ? 'ASIA' : 'AKIA'}${randomChars(rng, UPPER_ALNUM, 16)}`;
}

export function randomSecret(rng: RngState, length = 40): string {
  return randomChars(rng, BASE64ISH, length);
}
