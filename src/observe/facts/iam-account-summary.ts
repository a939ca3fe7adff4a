/** @module Fact `iam.account-summary`: GetAccountSummary's SummaryMap (root MFA, root keys, … as 0/1 flags). */

import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';

export const iamAccountSummary = defineFact({
  id: 'iam.account-summary',
  scope: 'account',
  iamActions: ['iam:GetAccountSummary'],
  async read(ctx) {
    const { SummaryMap } = await ctx.aws.call('iam', 'GetAccountSummary', {});
    const summary: Record<string, number> = {};
    for (const key of Object.keys(SummaryMap ?? {}).sort()) {
      const value = SummaryMap?.[key as keyof typeof SummaryMap];
      if (typeof value === 'number') summary[key] = value;
    }
    return ok(summary);
  },
});
