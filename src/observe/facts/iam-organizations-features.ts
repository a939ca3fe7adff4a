/**
 * @module Fact `iam.organizations-features`: centralized root access features (ListOrganizationsFeatures).
 * Without IAM's trusted access no feature can be enabled, so ServiceAccessNotEnabled and a
 * consolidated-billing organization both read as "none enabled"; outside an organization the fact
 * does not apply; from a member account that is not IAM's delegated administrator (e.g. Identity
 * Center's delegated administrator) it cannot be read there, which is not an error of the
 * organization: notApplicable, and the check says where to read it.
 */

import { notApplicable, ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { isAwsError } from '../read-helpers.js';

export const iamOrganizationsFeatures = defineFact({
  id: 'iam.organizations-features',
  scope: 'organization',
  iamActions: ['iam:ListOrganizationsFeatures'],
  async read(ctx) {
    try {
      const out = await ctx.aws.call('iam', 'ListOrganizationsFeatures', {});
      const value: { organizationId?: string; enabledFeatures: string[] } = {
        enabledFeatures: [...(out.EnabledFeatures ?? [])].sort(),
      };
      if (out.OrganizationId) value.organizationId = out.OrganizationId;
      return ok(value);
    } catch (error) {
      if (
        isAwsError(error, { code: ['ServiceAccessNotEnabledException', 'OrganizationNotInAllFeaturesModeException'] })
      ) {
        return ok({ enabledFeatures: [] });
      }
      if (isAwsError(error, { code: 'OrganizationNotFoundException' })) {
        return notApplicable('the account is not a member of an organization');
      }
      if (isAwsError(error, { code: 'AccountNotManagementOrDelegatedAdministratorException' })) {
        return notApplicable(
          'centralized root access can only be read from the management account or an IAM delegated administrator',
        );
      }
      throw error;
    }
  },
});
