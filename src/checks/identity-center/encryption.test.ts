import { describe, expect, test } from 'vitest';
import { denied } from '../../observe/evidence.js';
import { aSnapshot, desiredState, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.encryption';
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const customerKey = desiredState((d) => {
  d.identityCenter.encryption = { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: KEY };
});

describe(ID, () => {
  test('pass: AWS owned key as by default; the configured customer key', () => {
    expect(runCheck(ID, aSnapshot().instance().build())[0]).toMatchObject({ status: 'pass', severity: 'low' });
    const cmk = aSnapshot()
      .instance({ encryption: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: KEY, status: 'ENABLED' } })
      .build();
    expect(runCheck(ID, cmk, customerKey)[0]?.status).toBe('pass');
  });

  test('fail: other key type, other key, failed or pending change', () => {
    expect(runCheck(ID, aSnapshot().instance().build(), customerKey)[0]).toMatchObject({
      status: 'fail',
      reason: 'The instance uses an AWS owned key, but the config asks for a customer managed KMS key.',
    });
    const otherKey = aSnapshot()
      .instance({ encryption: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: `${KEY}-other`, status: 'ENABLED' } })
      .build();
    expect(runCheck(ID, otherKey, customerKey)[0]?.reason).toContain('-other');
    const failedChange = aSnapshot()
      .instance({ encryption: { keyType: 'AWS_OWNED_KMS_KEY', status: 'UPDATE_FAILED', statusReason: 'key disabled' } })
      .build();
    expect(runCheck(ID, failedChange)[0]).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('key disabled'),
    });
    const pending = aSnapshot()
      .instance({ encryption: { keyType: 'AWS_OWNED_KMS_KEY', status: 'UPDATING' } })
      .build();
    expect(runCheck(ID, pending)[0]).toMatchObject({ status: 'fail', reason: expect.stringContaining('UPDATING') });
  });

  test('skipped: no instance', () => {
    expect(runCheck(ID, aSnapshot().noInstance().build())[0]?.status).toBe('skipped');
  });

  test('error when denied; manual when DescribeInstance gave no encryption details (optional in the model)', () => {
    const deniedSnapshot = aSnapshot()
      .org('identity-center.instance', denied('sso:DescribeInstance', 'AccessDenied'))
      .build();
    expect(runCheck(ID, deniedSnapshot)[0]?.status).toBe('error');
    const noDetails = aSnapshot().instance().build();
    const found = noDetails.org['identity-center.instance'];
    if (found?.status === 'ok' && found.value.instance) delete found.value.instance.encryption;
    expect(runCheck(ID, noDetails)[0]).toMatchObject({
      status: 'manual',
      reason: expect.stringContaining('Key for encrypting IAM Identity Center data at rest'),
    });
  });
});
