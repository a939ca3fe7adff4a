import { describe, expect, test } from 'vitest';
import { failed, ok } from '../../observe/evidence.js';
import { aSnapshot, desiredState, MANAGEMENT, MEMBER, runCheck } from '../test-builders.test-helpers.js';

const ID = 'root.hardware-mfa';

describe(ID, () => {
  test('pass: MFA on and no virtual device bound to root', () => {
    const [r] = runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { mfa: true, virtualMfa: false }).build());
    expect(r).toMatchObject({ status: 'pass', severity: 'medium' });
  });

  test('fail: the root MFA device is virtual', () => {
    const [r] = runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { mfa: true, virtualMfa: true }).build());
    expect(r?.status).toBe('fail');
    expect(r?.reason).toContain('root-account-mfa-device');
  });

  test('fail: no MFA at all', () => {
    const [r] = runCheck(ID, aSnapshot().rootUser(MANAGEMENT, { mfa: false }).build());
    expect(r).toMatchObject({ status: 'fail', reason: expect.stringContaining('no MFA device at all') });
  });

  test('a virtual device of an IAM user does not count against root', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT, { mfa: true })
      .account(
        MANAGEMENT,
        'iam.virtual-mfa-devices',
        ok([{ serialNumber: 'arn:aws:iam::111111111111:mfa/alice', userArn: 'arn:aws:iam::111111111111:user/alice' }]),
      )
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('pass');
  });

  test('severity is high when the config asks for hardware MFA', () => {
    const desired = desiredState((d) => {
      d.root.mfa = 'hardware';
    });
    expect(runCheck(ID, aSnapshot().rootUser(MANAGEMENT).build(), desired)[0]?.severity).toBe('high');
  });

  test('skipped: member account with centrally removed root credentials', () => {
    const snapshot = aSnapshot('222222222222')
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false })
      .build();
    expect(runCheck(ID, snapshot).map((r) => r.status)).toEqual(['skipped']);
  });

  test('error: the virtual MFA device list could not be read', () => {
    const snapshot = aSnapshot()
      .rootUser(MANAGEMENT)
      .account(MANAGEMENT, 'iam.virtual-mfa-devices', failed('Throttling', 'Rate exceeded'))
      .build();
    const [r] = runCheck(ID, snapshot);
    expect(r?.status).toBe('error');
    expect(r?.reason).toContain('Rate exceeded');
  });
});
