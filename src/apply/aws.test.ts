import { describe, expect, it } from 'vitest';
import { ApplyAws, isAlreadyExists, isNotFound } from './aws.js';
import { harness, instanceOf } from './test-support.test-helpers.js';

describe('ApplyAws', () => {
  it('remembers a denied action: later calls of it fail without asking AWS again', async () => {
    const h = harness({ knobs: { denials: ['identitystore:CreateGroup'] } });
    const aws = new ApplyAws(h.session, new AbortController().signal);
    const { identityStoreId } = instanceOf(h.sandbox);
    const create = (name: string) =>
      aws.call(
        'identitystore',
        'CreateGroup',
        { IdentityStoreId: identityStoreId, DisplayName: name },
        { region: 'eu-west-1' },
      );
    const first = await create('A').catch((e: unknown) => e);
    const second = await create('B').catch((e: unknown) => e);
    expect(second).toBe(first);
    expect((first as Error).message).toMatch(/access denied to identitystore:CreateGroup/);
    expect(h.sandbox.calls().filter((c) => c.operation === 'CreateGroup')).toHaveLength(1);
  });

  it('classifies "already exists" and "not found" answers, and refuses to call once aborted', async () => {
    const h = harness();
    const controller = new AbortController();
    const aws = new ApplyAws(h.session, controller.signal);
    const { identityStoreId } = instanceOf(h.sandbox);
    const input = { IdentityStoreId: identityStoreId, DisplayName: 'Team' };
    await aws.call('identitystore', 'CreateGroup', input, { region: 'eu-west-1' });
    const duplicate = await aws
      .call('identitystore', 'CreateGroup', input, { region: 'eu-west-1' })
      .catch((e: unknown) => e);
    expect(isAlreadyExists(duplicate)).toBe(true);
    expect(isNotFound(duplicate)).toBe(false);
    const missing = await aws
      .call(
        'identitystore',
        'DeleteGroup',
        { IdentityStoreId: identityStoreId, GroupId: '1234567890-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
        { region: 'eu-west-1' },
      )
      .catch((e: unknown) => e);
    expect(isNotFound(missing)).toBe(true);
    controller.abort(new Error('stop'));
    const before = h.sandbox.calls().length;
    await expect(aws.call('identitystore', 'CreateGroup', input, { region: 'eu-west-1' })).rejects.toThrow('stop');
    expect(h.sandbox.calls()).toHaveLength(before);
  });
});
