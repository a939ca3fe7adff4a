/**
 * @module Handlers for the organization and centralized root access: CreateOrganization (all
 * features), trusted access (EnableAWSServiceAccess) and the root-access features. Each tolerates
 * "already done": enabling twice is harmless in AWS, and an organization that already exists with
 * this account as its management account is the result we wanted.
 */

import type { OrganizationCreate, RootFeatureCreate, ServiceAccessCreate } from '../../plan/actions.js';
import { isAwsCode } from '../aws.js';
import type { Handler } from '../types.js';

export const organizationHandler: Handler<OrganizationCreate> = {
  iamActions: ['organizations:CreateOrganization', 'organizations:DescribeOrganization'],
  async run(_action, ctx) {
    try {
      await ctx.aws.call('organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
      return undefined;
    } catch (error) {
      if (!isAwsCode(error, 'AlreadyInOrganizationException')) throw error;
      // A run that died after creating it, or someone else: fine if it is ours, with all features.
      const { Organization: org } = await ctx.aws.call('organizations', 'DescribeOrganization', {});
      if (org?.MasterAccountId === ctx.plan.caller.accountId && org.FeatureSet === 'ALL') {
        return { note: 'already existed' };
      }
      throw new Error(
        `account ${ctx.plan.caller.accountId} is already in organization ${org?.Id ?? '(unknown)'} managed by ${org?.MasterAccountId ?? '(unknown)'}`,
      );
    }
  },
};

export const serviceAccessHandler: Handler<ServiceAccessCreate> = {
  iamActions: ['organizations:EnableAWSServiceAccess'],
  async run(action, ctx) {
    await ctx.aws.call('organizations', 'EnableAWSServiceAccess', { ServicePrincipal: action.servicePrincipal });
    return undefined;
  },
};

export const rootFeatureHandler: Handler<RootFeatureCreate> = {
  iamActions: ['iam:EnableOrganizationsRootCredentialsManagement', 'iam:EnableOrganizationsRootSessions'],
  async run(action, ctx) {
    if (action.feature === 'RootCredentialsManagement') {
      await ctx.aws.call('iam', 'EnableOrganizationsRootCredentialsManagement', {});
    } else {
      await ctx.aws.call('iam', 'EnableOrganizationsRootSessions', {});
    }
    return undefined;
  },
};
