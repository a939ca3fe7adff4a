/** @module Fact `iam.password-policy`: the account password policy; null (ok) when none is set (NoSuchEntity). */

import type { PasswordPolicy } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { defined, isAwsError } from '../read-helpers.js';

export const iamPasswordPolicy = defineFact({
  id: 'iam.password-policy',
  scope: 'account',
  iamActions: ['iam:GetAccountPasswordPolicy'],
  async read(ctx) {
    try {
      const { PasswordPolicy: p } = await ctx.aws.call('iam', 'GetAccountPasswordPolicy', {});
      if (!p) return ok(null);
      return ok(
        defined<PasswordPolicy>({
          minimumPasswordLength: p.MinimumPasswordLength,
          passwordReusePrevention: p.PasswordReusePrevention,
          requireSymbols: p.RequireSymbols,
          requireNumbers: p.RequireNumbers,
          requireUppercaseCharacters: p.RequireUppercaseCharacters,
          requireLowercaseCharacters: p.RequireLowercaseCharacters,
          expirePasswords: p.ExpirePasswords,
          maxPasswordAge: p.MaxPasswordAge,
        }),
      );
    } catch (error) {
      if (isAwsError(error, { kind: 'not-found' })) return ok(null);
      throw error;
    }
  },
});
