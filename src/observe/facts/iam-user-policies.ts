/** @module Fact `iam.user-policies`: the policies attached to and embedded in every IAM user. */

import type { IamUserPolicies } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, mapLimit } from '../read-helpers.js';

export const iamUserPolicies = defineFact({
  id: 'iam.user-policies',
  scope: 'account',
  iamActions: ['iam:ListUsers', 'iam:ListAttachedUserPolicies', 'iam:ListUserPolicies'],
  async read(ctx) {
    const users = await ctx.aws.list('iam', 'ListUsers', {}, 'Users');
    const names = users.flatMap((u) => (u.UserName ? [u.UserName] : []));
    const policies = await mapLimit(names, 4, async (userName): Promise<IamUserPolicies> => {
      const [attached, inline] = await Promise.all([
        ctx.aws.list('iam', 'ListAttachedUserPolicies', { UserName: userName }, 'AttachedPolicies'),
        ctx.aws.list('iam', 'ListUserPolicies', { UserName: userName }, 'PolicyNames'),
      ]);
      return {
        userName,
        attached: attached.flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : [])).sort(),
        inline: [...inline].sort(),
      };
    });
    return ok(policies.sort(byString((p) => p.userName)));
  },
});
