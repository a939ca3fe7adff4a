/**
 * @module Scenario `org`: management account 111111111111 with OUs /Security, /Workloads,
 * /Workloads/Dev, /Workloads/Prod and /Suspended; log-archive 222222222222 and security
 * 333333333333 in /Security, dev 444444444444 and staging 555555555555 in /Workloads/Dev, prod
 * 666666666666 in /Workloads/Prod, legacy 777777777777 (SUSPENDED) in /Suspended; tags env=… on the
 * workload accounts; the organization instance of Identity Center in eu-west-1 with nothing
 * configured; root MFA on in the management account.
 */

import { addRole, enableRootMfa } from '../services/iam/model.js';
import type { AccountStateName } from '../state.js';
import type { World } from '../world.js';
import {
  addMemberAccount,
  addOu,
  addStandaloneAccount,
  type ChosenCredentials,
  createOrganization,
  DAY_MS,
  enableOrganizationInstance,
  issueDefaultCredentials,
} from './builder.js';

export const MANAGEMENT_ACCOUNT_ID = '111111111111';
export const IDENTITY_CENTER_REGION = 'eu-west-1';

/** The management account, the organization and the management account's `Admin` role. */
export function buildManagement(world: World, created: number): void {
  const management = addStandaloneAccount(world, MANAGEMENT_ACCOUNT_ID, 'management', created);
  addRole(world, management, 'Admin', [MANAGEMENT_ACCOUNT_ID], created);
  createOrganization(world, MANAGEMENT_ACCOUNT_ID, created);
}

export function buildOrg(world: World, now: number, credentials?: ChosenCredentials): void {
  const created = now - 90 * DAY_MS;
  buildManagement(world, created);
  const management = world.account(MANAGEMENT_ACCOUNT_ID);
  if (management) enableRootMfa(management, 'hardware', created);
  const rootId = world.organization?.root.id as string;
  const security = addOu(world, 'Security', rootId, created);
  const workloads = addOu(world, 'Workloads', rootId, created);
  const dev = addOu(world, 'Dev', workloads, created);
  const prod = addOu(world, 'Prod', workloads, created);
  const suspended = addOu(world, 'Suspended', rootId, created);
  const members: [string, string, string, Record<string, string>, AccountStateName?][] = [
    ['222222222222', 'log-archive', security, {}],
    ['333333333333', 'security', security, {}],
    ['444444444444', 'dev', dev, { env: 'dev' }],
    ['555555555555', 'staging', dev, { env: 'staging' }],
    ['666666666666', 'prod', prod, { env: 'prod' }],
    ['777777777777', 'legacy', suspended, {}, 'SUSPENDED'],
  ];
  for (const [id, name, parentId, tags, state] of members) {
    addMemberAccount(world, { id, name, parentId, tags, now: created + DAY_MS, ...(state ? { state } : {}) });
  }
  enableOrganizationInstance(world, IDENTITY_CENTER_REGION, created + 2 * DAY_MS);
  issueDefaultCredentials(
    world,
    MANAGEMENT_ACCOUNT_ID,
    { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' },
    now,
    credentials,
  );
}
