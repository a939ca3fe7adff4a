/**
 * @module Identity Store groups: CreateGroup (display name, description), UpdateGroup (description),
 * DeleteGroup. A display name that already exists at create time is never adopted: the plan did not
 * show that group or its members, so apply stops as on a stale plan (`principalAppeared`). Deleting a
 * group that is gone is success.
 */

import type { GroupAction } from '../../plan/actions.js';
import { isAlreadyExists, isNotFound, principalAppeared } from '../aws.js';
import type { Handler, HandlerContext } from '../types.js';

async function setDescription(ctx: HandlerContext, groupId: string, description: string | null) {
  const { identityStoreId, region } = ctx.identityCenter();
  await ctx.aws.call(
    'identitystore',
    'UpdateGroup',
    {
      IdentityStoreId: identityStoreId,
      GroupId: groupId,
      // An operation without a value removes the attribute.
      Operations: [
        description === null
          ? { AttributePath: 'description' }
          : { AttributePath: 'description', AttributeValue: description },
      ],
    },
    { region },
  );
}

export const groupHandler: Handler<GroupAction> = {
  iamActions: ['identitystore:CreateGroup', 'identitystore:UpdateGroup', 'identitystore:DeleteGroup'],
  async run(action, ctx) {
    const { identityStoreId, region } = ctx.identityCenter();
    switch (action.kind) {
      case 'create': {
        const a = action.after;
        try {
          const out = await ctx.aws.call(
            'identitystore',
            'CreateGroup',
            {
              IdentityStoreId: identityStoreId,
              DisplayName: a.displayName,
              ...(a.description !== null ? { Description: a.description } : {}),
            },
            { region },
          );
          if (out.GroupId) ctx.resolver.groups.set(a.displayName, out.GroupId);
          return undefined;
        } catch (error) {
          if (isAlreadyExists(error)) throw principalAppeared('group', a.displayName);
          throw error;
        }
      }
      case 'update':
        await setDescription(ctx, action.group.id, action.after.description);
        return undefined;
      case 'delete':
        try {
          await ctx.aws.call(
            'identitystore',
            'DeleteGroup',
            { IdentityStoreId: identityStoreId, GroupId: action.group.id },
            { region },
          );
          return undefined;
        } catch (error) {
          if (isNotFound(error)) return { note: 'already gone' };
          throw error;
        }
    }
  },
};
