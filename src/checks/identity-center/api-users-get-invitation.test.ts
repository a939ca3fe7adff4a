import { describe, expect, test } from 'vitest';
import { failed } from '../../observe/evidence.js';
import { aSnapshot, desiredState, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.api-users-get-invitation';

describe(ID, () => {
  test('manual: with the console path', () => {
    const [r] = runCheck(ID, aSnapshot().instance().build());
    expect(r).toMatchObject({ status: 'manual', severity: 'medium' });
    expect(r?.reason).toContain('Send email OTP for users created from API');
  });

  test('attested', () => {
    const desired = desiredState((d) => {
      d.attestations = [{ checkId: ID, by: 'ismail', on: '2026-11-27', expires: '2027-05-26' }];
    });
    expect(runCheck(ID, aSnapshot().instance().build(), desired)[0]?.status).toBe('attested');
  });

  test('skipped: external identity provider, or no instance', () => {
    const external = desiredState((d) => {
      d.identityCenter.identitySource = 'external';
    });
    expect(runCheck(ID, aSnapshot().instance().build(), external)[0]?.status).toBe('skipped');
    expect(runCheck(ID, aSnapshot().noInstance().build())[0]?.status).toBe('skipped');
  });

  test('failed instance evidence still yields the manual step', () => {
    const snapshot = aSnapshot().org('identity-center.instance', failed('Throttling', 'slow')).build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('manual');
  });
});
