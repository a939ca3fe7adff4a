/**
 * @module Fact `organizations.caller-location`: where gatehouse runs in the organization — its
 * management account, IAM Identity Center's delegated administrator account, another member, or a
 * standalone account. From GetCallerIdentity, DescribeOrganization and ListDelegatedAdministrators
 * for `sso.amazonaws.com` (callable from the management account and from delegated administrators).
 * What it decides: a delegated administrator may not call ListAccountAssignmentsForPrincipal nor
 * manage the management account's access (see `plan/delegated.ts`).
 */

import type { CallerLocation } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';

export const IDENTITY_CENTER_SERVICE_PRINCIPAL = 'sso.amazonaws.com';

export const organizationsCallerLocation = defineFact({
  id: 'organizations.caller-location',
  scope: 'organization',
  iamActions: ['organizations:ListDelegatedAdministrators'],
  needs: ['sts.caller-identity', 'organizations.organization'],
  async read(ctx) {
    const caller = ctx.need('sts.caller-identity');
    const organization = ctx.need('organizations.organization');
    if (caller.status !== 'ok') return caller;
    const accountId = caller.value.accountId;
    if (organization.status === 'notApplicable') {
      return ok({ place: 'standalone', accountId, managementAccountId: null, identityCenterAdministrators: [] });
    }
    if (organization.status !== 'ok') return organization;
    const managementAccountId = organization.value.managementAccountId;
    const admins = await ctx.aws.list(
      'organizations',
      'ListDelegatedAdministrators',
      { ServicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL },
      'DelegatedAdministrators',
    );
    const identityCenterAdministrators = admins.flatMap((a) => (a.Id ? [a.Id] : [])).sort();
    const location: CallerLocation = {
      place:
        accountId === managementAccountId
          ? 'management'
          : identityCenterAdministrators.includes(accountId)
            ? 'delegated-administrator'
            : 'member',
      accountId,
      managementAccountId,
      identityCenterAdministrators,
    };
    return ok(location);
  },
});
