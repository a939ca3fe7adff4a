/**
 * @module Group memberships: CreateGroupMembership (group and user by id, resolved by name when an
 * earlier action created them) and DeleteGroupMembership. "Already a member" and "already gone" are
 * success.
 */

import type { MembershipAction } from '../../plan/actions.js';
import { isAlreadyExists, isNotFound } from '../aws.js';
import type { Handler } from '../types.js';

export const membershipHandler: Handler<MembershipAction> = {
  iamActions: ['identitystore:CreateGroupMembership', 'identitystore:DeleteGroupMembership'],
  async run(action, ctx) {
    const { identityStoreId, region } = ctx.identityCenter();
    if (action.kind === 'create') {
      const [groupId, userId] = await Promise.all([
        ctx.resolver.groupId(action.group),
        ctx.resolver.userId(action.user),
      ]);
      try {
        await ctx.aws.call(
          'identitystore',
          'CreateGroupMembership',
          { IdentityStoreId: identityStoreId, GroupId: groupId, MemberId: { UserId: userId } },
          { region },
        );
        return undefined;
      } catch (error) {
        if (isAlreadyExists(error)) return { note: 'already a member' };
        throw error;
      }
    }
    try {
      await ctx.aws.call(
        'identitystore',
        'DeleteGroupMembership',
        { IdentityStoreId: identityStoreId, MembershipId: action.membershipId },
        { region },
      );
      return undefined;
    } catch (error) {
      if (isNotFound(error)) return { note: 'already gone' };
      throw error;
    }
  },
};
