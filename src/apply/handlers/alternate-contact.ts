/**
 * @module PutAlternateContact (idempotent in AWS). AWS requires the caller's own account to be
 * addressed WITHOUT `AccountId`; another account of the organization is addressed with it.
 */

import type { AlternateContactPut } from '../../plan/actions.js';
import type { Handler } from '../types.js';

export const alternateContactHandler: Handler<AlternateContactPut> = {
  iamActions: ['account:PutAlternateContact'],
  async run(action, ctx) {
    const own = action.accountId === ctx.plan.caller.accountId;
    await ctx.aws.call('account', 'PutAlternateContact', {
      AlternateContactType: action.contactType,
      Name: action.after.name,
      Title: action.after.title,
      EmailAddress: action.after.email,
      PhoneNumber: action.after.phone,
      ...(own ? {} : { AccountId: action.accountId }),
    });
    return undefined;
  },
};
