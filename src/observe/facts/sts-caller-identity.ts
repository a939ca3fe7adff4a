/** @module Fact `sts.caller-identity`: who gatehouse is signed in as (GetCallerIdentity needs no permission). */

import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';

export const stsCallerIdentity = defineFact({
  id: 'sts.caller-identity',
  scope: 'organization',
  iamActions: ['sts:GetCallerIdentity'],
  async read(ctx) {
    const caller = await ctx.callerIdentity();
    return ok({ accountId: caller.accountId, arn: caller.arn, userId: caller.userId });
  },
});
