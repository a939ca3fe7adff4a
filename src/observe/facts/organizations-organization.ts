/** @module Fact `organizations.organization`: DescribeOrganization (notApplicable outside an organization). */

import type { OrganizationInfo } from '../../model/types.js';
import { failed, ok } from '../evidence.js';
import { defineFact } from '../fact.js';

export const organizationsOrganization = defineFact({
  id: 'organizations.organization',
  scope: 'organization',
  iamActions: ['organizations:DescribeOrganization'],
  async read(ctx) {
    const { Organization: o } = await ctx.aws.call('organizations', 'DescribeOrganization', {});
    if (!o?.Id || !o.MasterAccountId) return failed('incomplete', 'DescribeOrganization returned no organization id');
    const info: OrganizationInfo = {
      id: o.Id,
      arn: o.Arn ?? '',
      featureSet: o.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
      managementAccountId: o.MasterAccountId,
    };
    if (o.MasterAccountEmail) info.managementAccountEmail = o.MasterAccountEmail;
    return ok(info);
  },
});
