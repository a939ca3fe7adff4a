/**
 * @module Fact `identity-center.provisioning`: per permission set, the accounts it is provisioned to
 * and those still on an older version (ListAccountsForProvisionedPermissionSet without a filter and
 * with LATEST_PERMISSION_SET_NOT_PROVISIONED). The unfiltered list is shared with the assignment
 * pair scan.
 */

import type { ProvisioningState } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import {
  byString,
  instanceOf,
  mapLimit,
  permissionSetArns,
  provisionedAccounts,
  SSO_READ_CONCURRENCY,
} from '../read-helpers.js';

export const identityCenterProvisioning = defineFact({
  id: 'identity-center.provisioning',
  scope: 'organization',
  iamActions: ['sso:ListPermissionSets', 'sso:ListAccountsForProvisionedPermissionSet'],
  needs: ['identity-center.instance'],
  async read(ctx) {
    const found = instanceOf<ProvisioningState[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const { instance } = found;
    const arns = await permissionSetArns(ctx, instance);
    const states = await mapLimit(arns, Math.ceil(SSO_READ_CONCURRENCY / 2), async (arn) => {
      const [accounts, outdated] = await Promise.all([
        provisionedAccounts(ctx, instance, arn),
        ctx.aws.list(
          'sso-admin',
          'ListAccountsForProvisionedPermissionSet',
          {
            InstanceArn: instance.arn,
            PermissionSetArn: arn,
            ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
          },
          'AccountIds',
          { region: instance.region },
        ),
      ]);
      return { permissionSetArn: arn, accounts: [...accounts].sort(), outdated: [...outdated].sort() };
    });
    return ok(states.sort(byString((s) => s.permissionSetArn)));
  },
});
