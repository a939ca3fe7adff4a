/**
 * @module Identity Store users: CreateUser (UserName, DisplayName, Name, one work e-mail), UpdateUser
 * (one attribute operation per changed attribute), DeleteUser. A user name that already exists at
 * create time is never adopted (its password, MFA and groups would come with it unseen): apply stops
 * as on a stale plan (`principalAppeared`) and the next plan shows the user. Deleting a user that is
 * gone is success.
 */

import type { OperationInput } from '../../aws/index.js';
import type { UserAction, UserAttribute, UserAttributes } from '../../plan/actions.js';
import { isAlreadyExists, isNotFound, principalAppeared } from '../aws.js';
import type { Handler, HandlerContext } from '../types.js';

type Operation = NonNullable<OperationInput<'identitystore', 'UpdateUser'>['Operations']>[number];

function workEmail(email: string) {
  return [{ Value: email, Type: 'work', Primary: true }];
}

/** The UpdateUser operation that sets one attribute. */
export function userOperation(attribute: UserAttribute, after: UserAttributes): Operation {
  switch (attribute) {
    case 'displayName':
      return { AttributePath: 'displayName', AttributeValue: after.displayName };
    case 'givenName':
      return { AttributePath: 'name.givenName', AttributeValue: after.givenName };
    case 'familyName':
      return { AttributePath: 'name.familyName', AttributeValue: after.familyName };
    case 'email':
      return { AttributePath: 'emails', AttributeValue: workEmail(after.email) };
  }
}

async function update(ctx: HandlerContext, userId: string, attributes: UserAttribute[], after: UserAttributes) {
  const { identityStoreId, region } = ctx.identityCenter();
  await ctx.aws.call(
    'identitystore',
    'UpdateUser',
    {
      IdentityStoreId: identityStoreId,
      UserId: userId,
      Operations: attributes.map((a) => userOperation(a, after)),
    },
    { region },
  );
}

export const userHandler: Handler<UserAction> = {
  iamActions: ['identitystore:CreateUser', 'identitystore:UpdateUser', 'identitystore:DeleteUser'],
  async run(action, ctx) {
    const { identityStoreId, region } = ctx.identityCenter();
    switch (action.kind) {
      case 'create': {
        const a = action.after;
        try {
          const out = await ctx.aws.call(
            'identitystore',
            'CreateUser',
            {
              IdentityStoreId: identityStoreId,
              UserName: a.userName,
              DisplayName: a.displayName,
              Name: { GivenName: a.givenName, FamilyName: a.familyName },
              ...(a.email ? { Emails: workEmail(a.email) } : {}),
            },
            { region },
          );
          if (out.UserId) ctx.resolver.users.set(a.userName, out.UserId);
          return undefined;
        } catch (error) {
          if (isAlreadyExists(error)) throw principalAppeared('user', a.userName);
          throw error;
        }
      }
      case 'update':
        await update(ctx, action.user.id, action.changes, action.after);
        return undefined;
      case 'delete':
        try {
          await ctx.aws.call(
            'identitystore',
            'DeleteUser',
            { IdentityStoreId: identityStoreId, UserId: action.user.id },
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
