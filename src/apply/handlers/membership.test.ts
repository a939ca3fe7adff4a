import { describe, expect, it } from 'vitest';
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
  it('resolves the group and user by name (created earlier, or looked up in AWS) and is idempotent', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createUserAction('ana'));
    await runHandler(h, HANDLERS, createGroupAction('Founders'));
    const action = createMembershipAction('Founders', 'ana');
    // A fresh run context: the names are not in its map, so they are looked up in AWS.
    const first = await runHandler(h, HANDLERS, action, planWith(h.sandbox, [action]));
    expect(first.actions.sort()).toEqual([
      'identitystore:CreateGroupMembership',
      'identitystore:GetGroupId',
      'identitystore:GetUserId',
    ]);
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
