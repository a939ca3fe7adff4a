/**
 * @module Scenario `delegated`: the `org` scenario with IAM Identity Center administration delegated
 * to the `security` account 333333333333 (organizations RegisterDelegatedAdministrator for
 * sso.amazonaws.com, as AWS recommends), and the default credentials an `Admin` role session there.
 */

import { addRole } from '../services/iam/model.js';
import type { World } from '../world.js';
import { type ChosenCredentials, DAY_MS, issueDefaultCredentials } from './builder.js';
import { buildOrg } from './org.js';

export const DELEGATED_ADMIN_ACCOUNT_ID = '333333333333';
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = 'sso.amazonaws.com';

export function buildDelegated(world: World, now: number, credentials?: ChosenCredentials): void {
  // The org scenario's own default credentials (management) are issued too; only the default changes.
  buildOrg(world, now);
  const created = now - 90 * DAY_MS;
  const org = world.organization;
  const security = world.account(DELEGATED_ADMIN_ACCOUNT_ID);
  if (!org || !security) throw new Error('the org scenario has no organization or security account');
  org.delegatedAdmins.push({
    accountId: DELEGATED_ADMIN_ACCOUNT_ID,
    servicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL,
    enabledAt: created + 3 * DAY_MS,
  });
  addRole(world, security, 'Admin', [DELEGATED_ADMIN_ACCOUNT_ID], created + DAY_MS);
  issueDefaultCredentials(
    world,
    DELEGATED_ADMIN_ACCOUNT_ID,
    { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' },
    now,
    credentials,
  );
}
