/**
 * @module Test organization for import, access and profiles unit tests, and snapshot builders around
 * it. Management 111111111111 at the root; /Workloads with /Workloads/Dev (dev 222…, staging 333…,
 * old-dev 444… SUSPENDED) and /Workloads/Prod (prod 555…, prod-eu 666…); /Security (audit 777…,
 * log 888…); sandbox 999… at the root (closing). Tags: env on the workload accounts.
 */

import type {
  AccountAssignment,
  GroupMembership,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrgAccount,
  OrganizationalUnit,
  PermissionSetState,
} from '../model/types.js';
import { notApplicable, ok } from '../observe/evidence.js';
import { emptySnapshot, type Snapshot } from '../observe/snapshot.js';
import type { AccountUniverse } from '../plan/targets.js';

export const MGMT = '111111111111';
export const DEV = '222222222222';
export const STAGING = '333333333333';
export const OLD_DEV = '444444444444';
export const PROD = '555555555555';
export const PROD_EU = '666666666666';
export const AUDIT = '777777777777';
export const LOG = '888888888888';
export const SANDBOX = '999999999999';

export const OUS: OrganizationalUnit[] = [
  { id: 'ou-root-work', name: 'Workloads', parentId: 'r-root', path: '/Workloads' },
  { id: 'ou-root-dev', name: 'Dev', parentId: 'ou-root-work', path: '/Workloads/Dev' },
  { id: 'ou-root-prod', name: 'Prod', parentId: 'ou-root-work', path: '/Workloads/Prod' },
  { id: 'ou-root-sec', name: 'Security', parentId: 'r-root', path: '/Security' },
];

const account = (id: string, name: string, ouPath: string, state: OrgAccount['state'] = 'ACTIVE'): OrgAccount => ({
  id,
  name,
  email: `${name}@example.com`,
  state,
  parentId: OUS.find((o) => o.path === ouPath)?.id ?? 'r-root',
  ouPath,
});

export const ACCOUNTS: OrgAccount[] = [
  account(MGMT, 'management', '/'),
  account(DEV, 'dev', '/Workloads/Dev'),
  account(STAGING, 'staging', '/Workloads/Dev'),
  account(OLD_DEV, 'old-dev', '/Workloads/Dev', 'SUSPENDED'),
  account(PROD, 'prod', '/Workloads/Prod'),
  account(PROD_EU, 'prod-eu', '/Workloads/Prod'),
  account(AUDIT, 'audit', '/Security'),
  account(LOG, 'log', '/Security'),
  account(SANDBOX, 'sandbox', '/', 'PENDING_CLOSURE'),
];

export const TAGS: Record<string, Record<string, string>> = {
  [DEV]: { env: 'dev' },
  [STAGING]: { env: 'dev' },
  [OLD_DEV]: { env: 'dev' },
  [PROD]: { env: 'prod' },
  [PROD_EU]: { env: 'prod' },
  [AUDIT]: { team: 'security' },
  [LOG]: { team: 'security' },
};

export function universe(overrides: Partial<AccountUniverse> = {}): AccountUniverse {
  return {
    accounts: ACCOUNTS,
    ous: OUS,
    managementAccountId: MGMT,
    tags: TAGS,
    aliases: {},
    hasOrganization: true,
    ...overrides,
  };
}

export const INSTANCE: IdentityCenterInstance = {
  arn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
  identityStoreId: 'd-1111111111',
  ownerAccountId: MGMT,
  region: 'eu-west-1',
  status: 'ACTIVE',
  encryption: { keyType: 'AWS_OWNED_KMS_KEY' },
};

export const psArn = (name: string) =>
  `arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-${name.toLowerCase().padEnd(16, '0').slice(0, 16)}`;

export function permissionSet(name: string, fields: Partial<PermissionSetState> = {}): PermissionSetState {
  return {
    arn: psArn(name),
    name,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: { 'managed-by': 'gatehouse' },
    ...fields,
  };
}

export function user(userName: string, fields: Partial<IdentityStoreUser> = {}): IdentityStoreUser {
  const given = userName.charAt(0).toUpperCase() + userName.slice(1);
  return {
    id: `u-${userName}`,
    userName,
    displayName: `${given} Example`,
    givenName: given,
    familyName: 'Example',
    email: `${userName}@example.com`,
    status: 'ENABLED',
    ...fields,
  };
}

export function group(name: string, fields: Partial<IdentityStoreGroup> = {}): IdentityStoreGroup {
  return { id: `g-${name}`, displayName: name, ...fields };
}

export const member = (groupName: string, userName: string): GroupMembership => ({
  membershipId: `m-${groupName}-${userName}`,
  groupId: `g-${groupName}`,
  userId: `u-${userName}`,
});

export function assignment(ps: string, principal: string, accountId: string): AccountAssignment {
  const [type, name] = principal.split(':') as ['user' | 'group', string];
  return {
    accountId,
    permissionSetArn: psArn(ps),
    principalType: type === 'user' ? 'USER' : 'GROUP',
    principalId: type === 'user' ? `u-${name}` : `g-${name}`,
  };
}

/** Every account of the universe in `accounts`, each assigned `ps` to `principal`. */
export function assignments(ps: string, principal: string, accounts: string[]): AccountAssignment[] {
  return accounts.map((id) => assignment(ps, principal, id));
}

export interface LiveFixture {
  permissionSets?: PermissionSetState[];
  users?: IdentityStoreUser[];
  groups?: IdentityStoreGroup[];
  memberships?: GroupMembership[];
  assignments?: AccountAssignment[];
  /** null: no Identity Center instance. */
  instance?: IdentityCenterInstance | null;
  /** false: a standalone account (no organization). */
  organization?: boolean;
  tags?: Record<string, Record<string, string>> | 'denied';
  callerAccountId?: string;
}

/** A snapshot of the test organization with the given Identity Center content. */
export function liveSnapshot(fixture: LiveFixture = {}): Snapshot {
  const snapshot = emptySnapshot('2026-11-28T09:00:00.000Z');
  const caller = fixture.callerAccountId ?? MGMT;
  const instance = fixture.instance === undefined ? INSTANCE : fixture.instance;
  snapshot.callerAccountId = caller;
  snapshot.org['sts.caller-identity'] = ok({
    accountId: caller,
    arn: `arn:aws:sts::${caller}:assumed-role/Admin/gatehouse`,
    userId: 'AROA:gatehouse',
  });
  if (fixture.organization === false) {
    const none = 'the account is not a member of an organization';
    snapshot.org['organizations.organization'] = notApplicable(none);
    snapshot.org['organizations.tree'] = notApplicable(none);
    snapshot.org['organizations.account-tags'] = notApplicable(none);
  } else {
    snapshot.org['organizations.organization'] = ok({
      id: 'o-example1234',
      arn: 'arn:aws:organizations::111111111111:organization/o-example1234',
      featureSet: 'ALL',
      managementAccountId: MGMT,
    });
    snapshot.org['organizations.tree'] = ok({ rootId: 'r-root', ous: OUS, accounts: ACCOUNTS });
    snapshot.org['organizations.account-tags'] =
      fixture.tags === 'denied'
        ? { status: 'denied', action: 'organizations:ListTagsForResource', message: 'denied' }
        : ok(fixture.tags ?? TAGS);
  }
  snapshot.org['identity-center.instance'] = ok({ instance, probedRegions: ['eu-west-1'] });
  if (instance) {
    snapshot.identityCenterRegion = instance.region;
    snapshot.org['identity-center.permission-sets'] = ok(fixture.permissionSets ?? []);
    snapshot.org['identity-center.provisioning'] = ok([]);
    snapshot.org['identity-center.assignments'] = ok(fixture.assignments ?? []);
    snapshot.org['identity-store.users'] = ok(fixture.users ?? []);
    snapshot.org['identity-store.groups'] = ok(fixture.groups ?? []);
    snapshot.org['identity-store.memberships'] = ok(fixture.memberships ?? []);
  } else {
    const reason = 'no IAM Identity Center instance';
    for (const id of [
      'identity-center.permission-sets',
      'identity-center.provisioning',
      'identity-center.assignments',
      'identity-store.users',
      'identity-store.groups',
      'identity-store.memberships',
    ] as const) {
      snapshot.org[id] = notApplicable(reason);
    }
  }
  snapshot.accounts[caller] = {
    'iam.account-summary': ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }),
    'iam.console-access': ok([]),
  };
  return snapshot;
}
