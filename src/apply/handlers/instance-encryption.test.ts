import { describe, expect, it } from 'vitest';
import type { InstanceEncryptionUpdate } from '../../plan/actions.js';
import { harness, instanceOf, runHandler } from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { instanceEncryptionHandler } from './instance-encryption.js';

const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const toCustomerKey: InstanceEncryptionUpdate = {
  id: 'identity-center#update',
  type: 'instance-encryption',
  kind: 'update',
  address: 'identity-center',
  reason: { code: 'changed', message: 'test' },
  risk: 'neutral',
  dependsOn: [],
  blockedBy: [],
  applyable: true,
  before: { keyType: 'AWS_OWNED_KMS_KEY', kmsKeyArn: null },
  after: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: KEY },
};

describe('instance-encryption handler', () => {
  it('updates the key and waits until DescribeInstance shows it ENABLED; a key in place needs no update', async () => {
    const h = harness();
    const { actions } = await runHandler(h, HANDLERS, toCustomerKey);
    expect(instanceOf(h.sandbox).encryption).toMatchObject({
      keyType: 'CUSTOMER_MANAGED_KEY',
      kmsKeyArn: KEY,
      status: 'ENABLED',
    });
    expect(actions.filter((a) => a === 'sso:UpdateInstance')).toHaveLength(1);
    expect(actions.filter((a) => a === 'sso:DescribeInstance').length).toBeGreaterThan(1);
    for (const a of actions) expect(instanceEncryptionHandler.iamActions).toContain(a);
    const again = await runHandler(h, HANDLERS, toCustomerKey);
    expect(again.result).toEqual({ note: 'already in place' });
    expect(again.actions).toEqual(['sso:DescribeInstance']);
  });

  it('UPDATE_FAILED is a failure with AWS’s reason', async () => {
    const h = harness({ knobs: { faults: [{ operation: 'UpdateInstance', kind: 'failed', probability: 1 }] } });
    await expect(runHandler(h, HANDLERS, toCustomerKey)).rejects.toThrow(/could not change the encryption key/);
    expect(instanceOf(h.sandbox).encryption.keyType).toBe('AWS_OWNED_KMS_KEY');
  });
});
