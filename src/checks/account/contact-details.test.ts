import { describe, expect, test } from 'vitest';
import { aSnapshot, desiredState, MANAGEMENT, NOW, runCheck } from '../test-builders.test-helpers.js';

const ID = 'account.contact-details';

describe(ID, () => {
  test('manual: without an attestation, with the console path', () => {
    const [r] = runCheck(ID, aSnapshot().build());
    expect(r).toMatchObject({ status: 'manual', severity: 'low', accountId: MANAGEMENT });
    expect(r?.reason).toContain('Console: Account menu (top right) → Account → Contact information → Edit.');
  });

  test('attested: an unexpired attestation (valid through its expiry day)', () => {
    const desired = desiredState((d) => {
      d.attestations = [
        { checkId: ID, by: 'ismail', on: '2026-11-20', expires: NOW.slice(0, 10), note: 'checked the phone' },
      ];
    });
    const [r] = runCheck(ID, aSnapshot().build(), desired);
    expect(r).toMatchObject({
      status: 'attested',
      attestation: { by: 'ismail', on: '2026-11-20', expires: '2026-11-28', note: 'checked the phone' },
      reason: 'Attested by ismail on 2026-11-20 (counts until 2026-11-28): checked the phone.',
    });
  });

  test('manual again: an expired attestation, and the reason says when it expired', () => {
    const desired = desiredState((d) => {
      d.attestations = [{ checkId: ID, by: 'ismail', on: '2026-01-01', expires: '2026-06-30' }];
    });
    const [r] = runCheck(ID, aSnapshot().build(), desired);
    expect(r?.status).toBe('manual');
    expect(r?.attestation).toBeUndefined();
    expect(r?.reason).toContain('expired on 2026-06-30');
  });

  test('an attestation for another check does not count', () => {
    const desired = desiredState((d) => {
      d.attestations = [
        { checkId: 'identity-center.mfa-required', by: 'ismail', on: '2026-11-20', expires: '2027-05-19' },
      ];
    });
    expect(runCheck(ID, aSnapshot().build(), desired)[0]?.status).toBe('manual');
  });

  test('never an error: it reads no facts (a manual check cannot be blocked by evidence)', () => {
    expect(runCheck(ID, aSnapshot(null).build())[0]).toMatchObject({
      status: 'manual',
      resource: 'account/unknown/contact-information',
    });
  });
});
