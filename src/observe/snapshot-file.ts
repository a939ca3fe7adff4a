/**
 * @module `--save-snapshot FILE` / `--snapshot FILE`: a snapshot as a JSON file, written atomically
 * and read back with its format version and shape checked (a bad file is an InputFileError, exit 2).
 */

import { readFileSync, statSync } from 'node:fs';
import { parseJsonText } from '../config/json-text.js';
import { InputFileError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Evidence } from './evidence.js';
import { isAccountFact, isFactId, isOrgFact } from './facts/index.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './snapshot.js';

/** Snapshots of very large organizations are tens of MB; anything beyond this is not one of ours. */
const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export function saveSnapshot(snapshot: Snapshot, file: string): void {
  writeFileAtomic(file, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkEvidence(value: unknown, where: string, file: string): asserts value is Evidence<unknown> {
  const bad = (why: string) => new InputFileError(file, `${file} is not a valid gatehouse snapshot: ${where} ${why}`);
  if (!isRecord(value)) throw bad('is not an evidence object');
  switch (value.status) {
    case 'ok':
      if (!('value' in value)) throw bad('has no value');
      return;
    case 'denied':
      if (typeof value.action !== 'string' || typeof value.message !== 'string') throw bad('lacks action/message');
      return;
    case 'error':
      if (typeof value.code !== 'string' || typeof value.message !== 'string') throw bad('lacks code/message');
      return;
    case 'notApplicable':
      if (typeof value.reason !== 'string') throw bad('lacks a reason');
      return;
    default:
      throw bad(`has unknown status ${JSON.stringify(value.status)}`);
  }
}

function checkFacts(facts: unknown, where: string, file: string, scope: 'organization' | 'account'): void {
  if (!isRecord(facts))
    throw new InputFileError(file, `${file} is not a valid gatehouse snapshot: ${where} is not an object`);
  for (const [id, evidence] of Object.entries(facts)) {
    if (!isFactId(id) || (scope === 'organization' ? !isOrgFact(id) : !isAccountFact(id))) {
      throw new InputFileError(
        file,
        `${file} is not a valid gatehouse snapshot: unknown ${scope} fact ${id} in ${where}`,
      );
    }
    checkEvidence(evidence, `${where}.${id}`, file);
  }
}

/** Reads a snapshot saved by `saveSnapshot`. Throws InputFileError (exit 2) for anything else. */
export function loadSnapshot(file: string): Snapshot {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputFileError(file, `${file} is a directory, not a snapshot file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(
      file,
      `cannot read snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (size > MAX_SNAPSHOT_BYTES)
    throw new InputFileError(file, `${file} is too large to be a snapshot (${size} bytes)`);
  // Not JSON.parse's own message: it quotes the text around the error (whatever file was named).
  const parsed = parseJsonText(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    throw new InputFileError(
      file,
      `${file} is not JSON: ${parsed.problem} at line ${parsed.line}, column ${parsed.column}`,
    );
  }
  const data: unknown = parsed.value;
  if (!isRecord(data)) throw new InputFileError(file, `${file} is not a gatehouse snapshot`);
  if (data.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new InputFileError(
      file,
      typeof data.formatVersion === 'number'
        ? `${file} is a snapshot of format version ${data.formatVersion}; this gatehouse reads version ${SNAPSHOT_FORMAT_VERSION}`
        : `${file} is not a gatehouse snapshot (no formatVersion)`,
    );
  }
  if (typeof data.observedAt !== 'string' || Number.isNaN(Date.parse(data.observedAt))) {
    throw new InputFileError(file, `${file} is not a valid gatehouse snapshot: observedAt is not a timestamp`);
  }
  checkFacts(data.org, 'org', file, 'organization');
  if (!isRecord(data.accounts))
    throw new InputFileError(file, `${file} is not a valid gatehouse snapshot: accounts is not an object`);
  for (const [accountId, facts] of Object.entries(data.accounts)) {
    if (!/^\d{12}$/.test(accountId)) {
      throw new InputFileError(file, `${file} is not a valid gatehouse snapshot: ${accountId} is not an account id`);
    }
    checkFacts(facts, `accounts.${accountId}`, file, 'account');
  }
  return data as unknown as Snapshot;
}
