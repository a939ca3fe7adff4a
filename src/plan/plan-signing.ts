/**
 * @module Plan signing: an HMAC-SHA256 over a plan file's canonical body with a key from the
 * environment (GATEHOUSE_PLAN_KEY), for plans that cross a trust boundary (made in one CI job,
 * applied in another). The checksum catches accidents; only a signature says who wrote the plan.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidPlanError, UsageError } from '../errors.js';

/** The environment variable that holds the signing key (the CI action passes it through unchanged). */
export const PLAN_KEY_ENV = 'GATEHOUSE_PLAN_KEY';

/** A key shorter than this (in UTF-8 bytes) is refused: an HMAC is only as strong as its key. */
export const MIN_PLAN_KEY_BYTES = 32;

const SIGNATURE_PREFIX = 'hmac-sha256:';

/** The signing key, read once from the environment; never printed, logged or written anywhere. */
export interface PlanKey {
  readonly bytes: Buffer;
}

/**
 * The plan key from `env`, or undefined when GATEHOUSE_PLAN_KEY is unset or empty (CI systems turn
 * a missing secret into an empty string, and unsigned plans are then the rule on both sides). A key
 * shorter than 32 bytes is a usage error (exit 2); the message never contains the key.
 */
export function planKeyFromEnv(env: NodeJS.ProcessEnv): PlanKey | undefined {
  const value = env[PLAN_KEY_ENV];
  if (value === undefined || value === '') return undefined;
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length < MIN_PLAN_KEY_BYTES) {
    throw new UsageError(
      `${PLAN_KEY_ENV} is ${bytes.length} bytes long; a plan signing key must be at least ${MIN_PLAN_KEY_BYTES} bytes`,
      { hints: [`generate one with \`openssl rand -hex 32\` and keep it in your CI's secret store`] },
    );
  }
  return { bytes };
}

/**
 * Compact JSON with object keys sorted, built as text so that every own key counts — including a
 * `__proto__` key from JSON.parse, which copying into a fresh object would silently drop (and with
 * it, whatever an attacker put there) from what is signed.
 */
function signedText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(signedText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${signedText(record[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `hmac-sha256:<hex>` of the canonical JSON of `body` (a plan file without checksum and signature). */
export function planSignature(body: unknown, key: PlanKey): string {
  return `${SIGNATURE_PREFIX}${createHmac('sha256', key.bytes).update(signedText(body), 'utf8').digest('hex')}`;
}

/**
 * Checks the signature of a parsed plan file before anything else in it is looked at. With a key,
 * only a plan carrying a valid signature by that key passes; without a key, a signed plan is refused
 * (its signature cannot be verified, and applying it silently would defeat signing) and an unsigned
 * plan passes. Throws InvalidPlanError (exit 4) naming `file`.
 */
export function verifyPlanSignature(record: Record<string, unknown>, file: string, key: PlanKey | undefined): void {
  const { signature, checksum: _checksum, ...body } = record;
  if (key === undefined) {
    if (signature === undefined) return;
    throw new InvalidPlanError(`${file} is signed, but ${PLAN_KEY_ENV} is not set to verify its signature`, {
      hints: [`set ${PLAN_KEY_ENV} to the key the plan was signed with, then run the same command again`],
    });
  }
  if (signature === undefined) {
    throw new InvalidPlanError(`${file} is not signed, but ${PLAN_KEY_ENV} is set: only signed plans are applied`, {
      hints: [`make the plan with ${PLAN_KEY_ENV} set: \`gatehouse plan -o ${file}\``],
    });
  }
  const expected = Buffer.from(planSignature(body, key), 'utf8');
  const given = Buffer.from(typeof signature === 'string' ? signature : '', 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidPlanError(
      `${file}: the signature does not match ${PLAN_KEY_ENV} (the plan was changed after it was signed, or signed with another key)`,
      { hints: [`make the plan again with the same ${PLAN_KEY_ENV}: \`gatehouse plan -o ${file}\``] },
    );
  }
}
