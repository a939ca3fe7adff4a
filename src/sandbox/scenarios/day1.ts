/**
 * @module Scenario `day1`, the seed's end point: an organization with all features (management
 * account 111111111111 only), the organization instance of Identity Center in eu-west-1 with an
 * AWS-owned key, permission sets Admin (AdministratorAccess, PT4H) and PowerUser (PowerUserAccess,
 * PT8H) managed by gatehouse, user `ismail` assigned Admin on the management account — exactly what
 * applying examples/startup.yaml leaves, so planning that file here shows no changes; root with
 * (virtual) MFA, no access keys and not used for months; no IAM users with passwords.
 * The default credentials are ismail's Identity Center session in the management account.
 */

import { enableRootMfa } from '../services/iam/model.js';
import type { World } from '../world.js';
import {
  addPermissionSet,
  addUser,
  assign,
  type ChosenCredentials,
  DAY_MS,
  enableOrganizationInstance,
  issueDefaultCredentials,
} from './builder.js';
import { buildManagement, IDENTITY_CENTER_REGION, MANAGEMENT_ACCOUNT_ID } from './org.js';

export function buildDay1(world: World, now: number, credentials?: ChosenCredentials): void {
  // The account is older than its access baseline: root was last used when it was created.
  const created = now - 200 * DAY_MS;
  buildManagement(world, created);
  const management = world.account(MANAGEMENT_ACCOUNT_ID);
  if (management) {
    enableRootMfa(management, 'virtual', created + DAY_MS);
    management.iam.root.passwordLastUsed = created + DAY_MS;
  }
  const setup = now - 2 * DAY_MS;
  const index = enableOrganizationInstance(world, IDENTITY_CENTER_REGION, setup);
  const by = `arn:aws:sts::${MANAGEMENT_ACCOUNT_ID}:assumed-role/Admin/gatehouse`;
  const admin = addPermissionSet(world, index, {
    name: 'Admin',
    description: 'Founders / Infra',
    sessionDuration: 'PT4H',
    managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    managed: true,
    now: setup,
  });
  addPermissionSet(world, index, {
    name: 'PowerUser',
    description: 'DevOps / Engineers',
    sessionDuration: 'PT8H',
    managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    managed: true,
    now: setup,
  });
  const ismail = addUser(world, index, {
    userName: 'ismail',
    givenName: 'Ismail',
    familyName: 'G',
    email: 'ismail@example.com',
    now: setup,
    by,
  });
  assign(index, {
    accountId: MANAGEMENT_ACCOUNT_ID,
    ps: admin,
    principalType: 'USER',
    principalId: ismail,
    now: setup,
  });
  // Identity Center names the role of a provisioned permission set AWSReservedSSO_<name>_<16 hex>.
  const role = `AWSReservedSSO_Admin_${world.hex(16)}`;
  issueDefaultCredentials(
    world,
    MANAGEMENT_ACCOUNT_ID,
    { kind: 'assumed-role', roleName: role, sessionName: 'ismail' },
    now,
    credentials,
  );
}
