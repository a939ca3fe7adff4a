import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, InputFileError } from '../errors.js';
import { denied, notApplicable, ok } from './evidence.js';
import { emptySnapshot, type Snapshot } from './snapshot.js';
import { loadSnapshot, saveSnapshot } from './snapshot-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sample(): Snapshot {
  const s = emptySnapshot('2026-11-28T09:00:00.000Z');
  s.callerAccountId = '111111111111';
  s.org['sts.caller-identity'] = ok({
    accountId: '111111111111',
    arn: 'arn:aws:iam::111111111111:root',
    userId: '111111111111',
  });
  s.org['organizations.organization'] = notApplicable('the account is not a member of an organization');
  s.accounts['111111111111'] = {
    'iam.account-summary': ok({ AccountMFAEnabled: 1 }),
    'iam.password-policy': denied('iam:GetAccountPasswordPolicy', 'no'),
  };
  return s;
}

function expectInputError(file: string, message: RegExp): void {
  try {
    loadSnapshot(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).exitCode).toBe(ExitCode.Usage);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an InputFileError');
}

describe('saveSnapshot / loadSnapshot', () => {
  it('round-trips a snapshot through a private JSON file', () => {
    const file = join(dir, 'snap.json');
    saveSnapshot(sample(), file);
    expect(loadSnapshot(file)).toEqual(sample());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('refuses missing files, directories and non-JSON', () => {
    expectInputError(join(dir, 'missing.json'), /cannot read snapshot .*ENOENT/);
    expectInputError(dir, /is a directory/);
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"formatVersion": 1,');
    expectInputError(file, /is not JSON/);
  });

  it('refuses another format version or a file that is not a snapshot', () => {
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify({ ...sample(), formatVersion: 2 }));
    expectInputError(file, /format version 2; this gatehouse reads version 1/);
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    expectInputError(file, /not a gatehouse snapshot \(no formatVersion\)/);
  });

  it('refuses unknown facts, facts in the wrong scope, bad evidence and bad account ids', () => {
    const file = join(dir, 'x.json');
    const cases: [unknown, RegExp][] = [
      [{ ...sample(), org: { 'made.up': ok(1) } }, /unknown organization fact made\.up/],
      [{ ...sample(), org: { 'iam.account-summary': ok({}) } }, /unknown organization fact iam\.account-summary/],
      [{ ...sample(), org: { 'sts.caller-identity': { status: 'maybe' } } }, /unknown status "maybe"/],
      [{ ...sample(), org: { 'sts.caller-identity': { status: 'denied' } } }, /lacks action\/message/],
      [{ ...sample(), accounts: { '1234': {} } }, /1234 is not an account id/],
      [{ ...sample(), observedAt: 'yesterday' }, /observedAt is not a timestamp/],
    ];
    for (const [content, message] of cases) {
      writeFileSync(file, JSON.stringify(content));
      expectInputError(file, message);
    }
  });
});
