/**
 * @module Building blocks of scenarios and console steps: accounts, the organization, OUs, the
 * Identity Center instance, permission sets, users, groups and assignments, written straight into
 * the world (no API calls, no limits), with AWS's id formats.
 */

import { SandboxError } from '../../errors.js';
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/desired.js';
import { issueCredentials } from '../credentials.js';
import { addRole, newAccountRecord } from '../services/iam/model.js';
import { newOrganizationRecord } from '../services/organizations.js';
import { permissionSetArn } from '../services/sso-admin/common.js';
import { newInstanceRecord } from '../services/sso-admin/instances.js';
import type { AccountRecord, AccountStateName, PermissionSetRecord, Principal } from '../state.js';
import type { InstanceIndex, OrgIndex, World } from '../world.js';

export const DAY_MS = 86_400_000;

/** Credentials a caller chose for the scenario's default principal (tests use marker strings). */
export interface ChosenCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function addStandaloneAccount(world: World, id: string, name: string, createdAt: number): AccountRecord {
  const account = newAccountRecord(id, name, `${name}@example.com`, createdAt);
  account.contactInformation = {
    FullName: 'Example Founder',
    AddressLine1: '1 Example Street',
    City: 'Berlin',
    PostalCode: '10115',
    CountryCode: 'DE',
    PhoneNumber: '+49 30 1234567',
    CompanyName: 'Example GmbH',
  };
  world.addAccount(account);
  return account;
}

/** Creates the organization with `managementId` as management account; SCPs enabled with FullAWSAccess. */
export function createOrganization(world: World, managementId: string, now: number): OrgIndex {
  const management = world.account(managementId);
  if (!management) throw new SandboxError(`account ${managementId} does not exist`);
  const org = newOrganizationRecord(world, managementId, now, true);
  management.org = { parentId: org.root.id, state: 'ACTIVE', joinedMethod: 'CREATED', joinedAt: now };
  // With SCPs enabled AWS attaches FullAWSAccess to every root, OU and account.
  org.attachments[managementId] = ['p-FullAWSAccess'];
  return world.setOrganization(org);
}

export function addOu(world: World, name: string, parentId: string, now: number): string {
  const index = world.org;
  if (!index) throw new SandboxError('no organization');
  const root4 = index.record.root.id.slice(2, 6);
  const id = `ou-${root4}-${world.lowerAlnum(8)}`;
  index.addOu({ id, name, parentId, createdAt: now, tags: {} });
  const scp = index.record.root.policyTypes.some((p) => p.Type === 'SERVICE_CONTROL_POLICY');
  if (scp) index.record.attachments[id] = ['p-FullAWSAccess'];
  return id;
}

/**
 * A member account created through Organizations: no root password (as new member accounts are),
 * and OrganizationAccountAccessRole trusting the management account.
 */
export function addMemberAccount(
  world: World,
  fields: {
    id: string;
    name: string;
    parentId: string;
    state?: AccountStateName;
    tags?: Record<string, string>;
    now: number;
  },
): AccountRecord {
  const index = world.org;
  if (!index) throw new SandboxError('no organization');
  const account = newAccountRecord(fields.id, fields.name, `aws+${fields.name}@example.com`, fields.now);
  account.iam.root.passwordEnabled = false;
  account.org = {
    parentId: fields.parentId,
    state: fields.state ?? 'ACTIVE',
    joinedMethod: 'CREATED',
    joinedAt: fields.now,
  };
  account.tags = { ...fields.tags };
  const contact = world.account(index.record.managementAccountId)?.contactInformation;
  account.contactInformation = contact ? { ...contact } : null;
  addRole(world, account, 'OrganizationAccountAccessRole', [index.record.managementAccountId], fields.now);
  world.addAccount(account);
  if (index.record.root.policyTypes.length > 0) index.record.attachments[account.id] = ['p-FullAWSAccess'];
  return account;
}

/** The organization instance of Identity Center (what the console's "Enable" does). */
export function enableOrganizationInstance(world: World, region: string, now: number): InstanceIndex {
  const org = world.organization;
  if (!org) throw new SandboxError('enabling the organization instance of IAM Identity Center needs an organization');
  const index = world.addInstance(
    newInstanceRecord(
      { world },
      { ownerAccountId: org.managementAccountId, region, kind: 'organization', name: null, createdAt: now },
    ),
  );
  org.serviceAccess['sso.amazonaws.com'] ??= now;
  return index;
}

export function addPermissionSet(
  world: World,
  index: InstanceIndex,
  fields: {
    name: string;
    description?: string;
    sessionDuration?: string;
    managedPolicies?: string[];
    inlinePolicy?: string;
    managed?: boolean;
    now: number;
  },
): PermissionSetRecord {
  const ps: PermissionSetRecord = {
    arn: permissionSetArn(index.record.arn, `ps-${world.hex(16)}`),
    name: fields.name,
    description: fields.description ?? null,
    sessionDuration: fields.sessionDuration ?? 'PT1H',
    relayState: null,
    createdAt: fields.now,
    version: 1,
    managedPolicies: (fields.managedPolicies ?? []).map((arn) => ({ name: arn.slice(arn.lastIndexOf('/') + 1), arn })),
    customerManagedPolicies: [],
    inlinePolicy: fields.inlinePolicy ?? null,
    permissionsBoundary: null,
    tags: fields.managed ? { [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE } : {},
  };
  index.addPermissionSet(ps);
  return ps;
}

function resourceId(world: World, index: InstanceIndex): string {
  return `${index.record.identityStoreId.slice(2)}-${world.uuid()}`;
}

export function addUser(
  world: World,
  index: InstanceIndex,
  fields: { userName: string; givenName: string; familyName: string; email: string; now: number; by: string },
): string {
  const userId = resourceId(world, index);
  index.addUser({
    UserId: userId,
    UserName: fields.userName,
    attributes: {
      Name: { GivenName: fields.givenName, FamilyName: fields.familyName },
      DisplayName: `${fields.givenName} ${fields.familyName}`,
      Emails: [{ Value: fields.email, Type: 'work', Primary: true }],
    },
    status: 'ENABLED',
    createdAt: fields.now,
    createdBy: fields.by,
    updatedAt: fields.now,
    updatedBy: fields.by,
  });
  return userId;
}

export function addGroup(
  world: World,
  index: InstanceIndex,
  fields: { name: string; description?: string; now: number; by: string },
): string {
  const groupId = resourceId(world, index);
  index.addGroup({
    GroupId: groupId,
    DisplayName: fields.name,
    Description: fields.description ?? null,
    ExternalIds: null,
    createdAt: fields.now,
    createdBy: fields.by,
    updatedAt: fields.now,
    updatedBy: fields.by,
  });
  return groupId;
}

export function addMembership(
  world: World,
  index: InstanceIndex,
  groupId: string,
  userId: string,
  now: number,
  by: string,
): void {
  index.addMembership({
    MembershipId: resourceId(world, index),
    GroupId: groupId,
    UserId: userId,
    createdAt: now,
    createdBy: by,
  });
}

/** A completed assignment: the permission set is provisioned to the account at its current version. */
export function assign(
  index: InstanceIndex,
  fields: {
    accountId: string;
    ps: PermissionSetRecord;
    principalType: 'USER' | 'GROUP';
    principalId: string;
    now: number;
  },
): void {
  index.addAssignment({
    accountId: fields.accountId,
    permissionSetArn: fields.ps.arn,
    principalType: fields.principalType,
    principalId: fields.principalId,
    createdAt: fields.now,
  });
  index.setProvisioned(fields.ps.arn, fields.accountId, fields.ps.version);
}

/** Issues the scenario's default credentials (chosen values when given) and records them as default. */
export function issueDefaultCredentials(
  world: World,
  accountId: string,
  principal: Principal,
  now: number,
  chosen?: ChosenCredentials,
): void {
  const record = issueCredentials(world, {
    accountId,
    principal,
    now,
    ...(chosen
      ? {
          accessKeyId: chosen.accessKeyId,
          secretAccessKey: chosen.secretAccessKey,
          ...(chosen.sessionToken !== undefined ? { sessionToken: chosen.sessionToken } : {}),
        }
      : {}),
  });
  world.state.defaultAccessKeyId = record.accessKeyId;
}
