/**
 * @module IAM per-account state helpers: a fresh account's IAM, ARNs, the GetAccountSummary map
 * (root flags included), and the builders scenarios and console steps use.
 */

import type { AccessKeyRecord, AccountRecord, IamAccountState, IamUserRecord } from '../../state.js';
import type { World } from '../../world.js';

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function userArn(accountId: string, user: Pick<IamUserRecord, 'path' | 'userName'>): string {
  return `arn:aws:iam::${accountId}:user${user.path}${user.userName}`;
}

export function roleArn(accountId: string, roleName: string, path = '/'): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}

/** IAM of a new account: a root user with a password and nothing else. */
export function newIamState(createdAt: number): IamAccountState {
  return {
    root: {
      createdAt,
      passwordEnabled: true,
      passwordLastUsed: null,
      mfa: null,
      accessKeys: [],
      signingCertificates: 0,
    },
    users: {},
    virtualMfaDevices: {},
    roles: {},
    customerPolicies: {},
    passwordPolicy: null,
    aliases: [],
    credentialReport: null,
  };
}

/** A new account record (not yet in an organization). */
export function newAccountRecord(id: string, name: string, email: string, createdAt: number): AccountRecord {
  return {
    id,
    name,
    email,
    createdAt,
    org: null,
    tags: {},
    iam: newIamState(createdAt),
    alternateContacts: {},
    contactInformation: null,
  };
}

/** GetAccountSummary's SummaryMap; the four Account* keys describe the root user as 0/1. */
export function accountSummary(iam: IamAccountState): Record<string, number> {
  const users = Object.values(iam.users);
  const virtualDevices = Object.values(iam.virtualMfaDevices);
  const userMfa = users.reduce((n, u) => n + u.mfaDevices.length, 0);
  const flag = (b: boolean) => (b ? 1 : 0);
  return {
    Users: users.length,
    UsersQuota: 5000,
    Groups: 0,
    GroupsQuota: 300,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    UserPolicySizeQuota: 2048,
    GroupPolicySizeQuota: 5120,
    GroupsPerUserQuota: 10,
    SigningCertificatesPerUserQuota: 2,
    AccessKeysPerUserQuota: 2,
    MFADevices: virtualDevices.length,
    MFADevicesInUse: userMfa + (iam.root.mfa ? 1 : 0),
    AccountMFAEnabled: flag(iam.root.mfa !== null),
    AccountAccessKeysPresent: flag(iam.root.accessKeys.length > 0),
    AccountPasswordPresent: flag(iam.root.passwordEnabled),
    AccountSigningCertificatesPresent: flag(iam.root.signingCertificates > 0),
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    Policies: Object.keys(iam.customerPolicies).length,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: Object.keys(iam.customerPolicies).length,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    GlobalEndpointTokenVersion: 1,
    AssumeRolePolicySizeQuota: 2048,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    Providers: 0,
    RolePolicySizeQuota: 10240,
    Roles: Object.keys(iam.roles).length,
    RolesQuota: 1000,
  };
}

/** Adds an IAM user (optionally with a console password, MFA and access keys) to an account. */
export function addIamUser(
  world: World,
  account: AccountRecord,
  userName: string,
  options: { createdAt: number; password?: boolean; mfa?: boolean; accessKeys?: number; path?: string },
): IamUserRecord {
  const user: IamUserRecord = {
    userName,
    userId: world.uniqueId('AIDA'),
    path: options.path ?? '/',
    createdAt: options.createdAt,
    passwordLastUsed: null,
    loginProfile: options.password ? { createdAt: options.createdAt, passwordResetRequired: false } : null,
    mfaDevices: [],
    accessKeys: [],
    attachedPolicies: [],
    inlinePolicies: {},
  };
  if (options.mfa) {
    const serialNumber = `arn:aws:iam::${account.id}:mfa/${userName}`;
    user.mfaDevices.push({ type: 'virtual', serialNumber, enabledAt: options.createdAt });
    account.iam.virtualMfaDevices[serialNumber] = {
      serialNumber,
      userArn: userArn(account.id, user),
      enabledAt: options.createdAt,
    };
  }
  for (let i = 0; i < (options.accessKeys ?? 0); i++) {
    const key = newAccessKey(world, options.createdAt);
    user.accessKeys.push(key);
    world.addCredential({
      accessKeyId: key.accessKeyId,
      secretAccessKey: world.secret(),
      accountId: account.id,
      principal: { kind: 'user', userName },
      createdAt: options.createdAt,
    });
  }
  account.iam.users[userName] = user;
  return user;
}

export function newAccessKey(world: World, createdAt: number): AccessKeyRecord {
  return { accessKeyId: world.accessKeyId('long-term'), status: 'Active', createdAt, lastUsed: null };
}

/** Gives the root user an access key (also registered as usable credentials). */
export function addRootAccessKey(world: World, account: AccountRecord, createdAt: number): AccessKeyRecord {
  const key = newAccessKey(world, createdAt);
  account.iam.root.accessKeys.push(key);
  world.addCredential({
    accessKeyId: key.accessKeyId,
    secretAccessKey: world.secret(),
    accountId: account.id,
    principal: { kind: 'root' },
    createdAt,
  });
  return key;
}

/** Enables root MFA: a virtual device (listed by ListVirtualMFADevices with the root ARN) or a hardware one. */
export function enableRootMfa(account: AccountRecord, type: 'virtual' | 'hardware', at: number): void {
  const serialNumber =
    type === 'virtual' ? `arn:aws:iam::${account.id}:mfa/root-account-mfa-device` : `GAHT${account.id.slice(-8)}`;
  account.iam.root.mfa = { type, serialNumber, enabledAt: at };
  if (type === 'virtual') {
    account.iam.virtualMfaDevices[serialNumber] = { serialNumber, userArn: rootArn(account.id), enabledAt: at };
  }
}

/** Adds a role (e.g. OrganizationAccountAccessRole) that principals of `trustedAccounts` may assume. */
export function addRole(
  world: World,
  account: AccountRecord,
  roleName: string,
  trustedAccounts: string[],
  createdAt: number,
): void {
  account.iam.roles[roleName] = {
    roleName,
    roleId: world.uniqueId('AROA'),
    path: '/',
    createdAt,
    trustedAccounts,
  };
}
