import { describe, expect, test } from 'vitest';
import { denied } from '../../observe/evidence.js';
import { aSnapshot, desiredState, INSTANCE_ARN, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.mfa-required';

describe(ID, () => {
  test('manual: with the console path (there is no pass: AWS has no API)', () => {
    const [r] = runCheck(ID, aSnapshot().instance().build());
    expect(r).toMatchObject({ status: 'manual', severity: 'high', resource: INSTANCE_ARN });
    expect(r?.reason).toContain('Settings → Authentication → Multi-factor authentication');
  });

  test('attested: recorded in the config; expired → manual with the date', () => {
    const valid = desiredState((d) => {
      d.attestations = [{ checkId: ID, by: 'ismail', on: '2026-11-20', expires: '2027-05-19' }];
    });
    expect(runCheck(ID, aSnapshot().instance().build(), valid)[0]).toMatchObject({
      status: 'attested',
      attestation: { by: 'ismail', on: '2026-11-20', expires: '2027-05-19' },
    });
    const expired = desiredState((d) => {
      d.attestations = [{ checkId: ID, by: 'ismail', on: '2026-01-02', expires: '2026-07-01' }];
    });
    expect(runCheck(ID, aSnapshot().instance().build(), expired)[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining('expired on 2026-07-01'),
    });
  });

  test('manual with an external identity provider: verify MFA there', () => {
    const external = desiredState((d) => {
      d.identityCenter.identitySource = 'external';
    });
    expect(runCheck(ID, aSnapshot().instance().build(), external)[0]?.reason).toContain('external identity provider');
  });

  test('skipped: no instance, or the config does not require MFA', () => {
    expect(runCheck(ID, aSnapshot().noInstance().build())[0]?.status).toBe('skipped');
    const noMfa = desiredState((d) => {
      d.identityCenter.requireMfa = false;
    });
    expect(runCheck(ID, aSnapshot().instance().build(), noMfa)[0]?.status).toBe('skipped');
  });

  test('unreadable instance evidence cannot hide the manual step (never error, never pass)', () => {
    const snapshot = aSnapshot().org('identity-center.instance', denied('sso:ListInstances', 'AccessDenied')).build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'manual', resource: 'identity-center' });
  });
});
