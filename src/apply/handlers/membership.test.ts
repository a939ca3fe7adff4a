import { describe, expect, it } from 'vitest';
import { StalePlanError } from '../../errors.js';
import type { MembershipAction } from '../../plan/actions.js';
import {
  createGroupAction,
  createMembershipAction,
  createUserAction,
  harness,
  instanceOf,
  planWith,
  runHandler,
} from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { membershipHandler } from './membership.js';

describe('membership handler', () => {
  it('never looks a principal up by name in AWS: one this apply did not create is refused as a stale plan', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createUserAction('ana'));
    await runHandler(h, HANDLERS, createGroupAction('Founders'));
    // A fresh run context: the names were not created by it, so they are not adopted.
    const unseen = createMembershipAction('Founders', 'ana');
    const before = h.sandbox.calls().length;
    await expect(runHandler(h, HANDLERS, unseen, planWith(h.sandbox, [unseen]))).rejects.toBeInstanceOf(StalePlanError);
    expect(
      h.sandbox
        .calls()
        .slice(before)
        .map((c) => c.action),
    ).toEqual([]);
    expect(Object.values(instanceOf(h.sandbox).identityStore.memberships)).toHaveLength(0);
  });

  it('adds the member by the ids the plan names and is idempotent', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createUserAction('ana'));
    await runHandler(h, HANDLERS, createGroupAction('Founders'));
    const store = instanceOf(h.sandbox).identityStore;
    const userId = Object.values(store.users).find((u) => u.UserName === 'ana')?.UserId as string;
    const groupId = Object.values(store.groups).find((g) => g.DisplayName === 'Founders')?.GroupId as string;
    const planned = createMembershipAction('Founders', 'ana');
    const action = { ...planned, group: { name: 'Founders', id: groupId }, user: { userName: 'ana', id: userId } };
    const first = await runHandler(h, HANDLERS, action, planWith(h.sandbox, [action]));
    expect(first.actions.sort()).toEqual(['identitystore:CreateGroupMembership']);
    for (const a of first.actions) expect(membershipHandler.iamActions).toContain(a);
    const memberships = () => Object.values(instanceOf(h.sandbox).identityStore.memberships);
    expect(memberships()).toHaveLength(1);

    const again = await runHandler(h, HANDLERS, action);
    expect(again.result).toEqual({ note: 'already a member' });
    expect(memberships()).toHaveLength(1);

    const m = memberships()[0]!;
    const remove: MembershipAction = {
      ...action,
      id: `${action.address}#delete`,
      kind: 'delete',
      membershipId: m.MembershipId,
      group: { name: 'Founders', id: m.GroupId },
      user: { userName: 'ana', id: m.UserId },
      before: { group: 'Founders', userName: 'ana' },
      after: null,
    };
    await runHandler(h, HANDLERS, remove);
    expect(memberships()).toHaveLength(0);
    expect((await runHandler(h, HANDLERS, remove)).result).toEqual({ note: 'already gone' });
  });
});
