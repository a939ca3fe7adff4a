/** @module Fact `organizations.service-access`: service principals with trusted access to the organization. */

import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';

export const organizationsServiceAccess = defineFact({
  id: 'organizations.service-access',
  scope: 'organization',
  iamActions: ['organizations:ListAWSServiceAccessForOrganization'],
  async read(ctx) {
    const enabled = await ctx.aws.list(
      'organizations',
      'ListAWSServiceAccessForOrganization',
      {},
      'EnabledServicePrincipals',
    );
    const principals = [...new Set(enabled.flatMap((p) => (p.ServicePrincipal ? [p.ServicePrincipal] : [])))];
    return ok(principals.sort());
  },
});
