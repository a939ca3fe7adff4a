/**
 * @module Builders for plan tests: desired states (configs without YAML) and snapshots (live AWS
 * state as Evidence), around a standard organization with nested OUs, a suspended and a closing
 * account, and tags.
 */

import { createHash } from 'node:crypto';
import type {
  AccountTarget,
  DesiredAssignmentRule,
  DesiredGroup,
  DesiredPermissionSet,
  DesiredState,
  DesiredUser,
} from '../../src/model/desired.js';
import type {
  AccountAssignment,
  AlternateContact,
  AlternateContactType,
  CallerIdentity,
  GroupMembership,
  IamUserConsoleAccess,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrganizationInfo,
  OrgTree,
  PermissionSetState,
  ProvisioningState,
  VirtualMfaDevice,
} from '../../src/model/types.js';
import type { AssignmentScope } from '../../src/observe/assignment-scope.js';
import { notApplicable, ok } from '../../src/observe/evidence.js';
import { emptySnapshot, type Snapshot } from '../../src/observe/snapshot.js';

export const MGMT = '111111111111';
export const DEV = '222222222222';
export const PROD = '333333333333';
export const SHARED = '444444444444';
export const SANDBOX = '555555555555';
export const LEGACY = '666666666666';
export const CLOSING = '777777777777';
export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111222233334444';
export const STORE_ID = 'd-1234567890';
export const OBSERVED_AT = '2026-11-28T09:00:00.000Z';

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export function psArn(name: string): string {
  return `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-${hex(name, 16)}`;
}
export function userId(userName: string): string {
  const h = hex(`user:${userName}`, 32);
  return `1234567890-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
export function groupId(name: string): string {
  const h = hex(`group:${name}`, 32);
  return `1234567890-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
export function membershipId(group: string, userName: string): string {
  const h = hex(`m:${group}:${userName}`, 32);
  return `1234567890-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const ORGANIZATION: OrganizationInfo = {
  id: 'o-abcdefghij',
  arn: `arn:aws:organizations::${MGMT}:organization/o-abcdefghij`,
  featureSet: 'ALL',
  managementAccountId: MGMT,
};

/** management (root), Workloads/{Dev,Prod}, Sandbox; legacy is suspended, closing is pending closure. */
export const TREE: OrgTree = {
  rootId: 'r-abcd',
  ous: [
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd', path: '/Workloads' },
    { id: 'ou-abcd-dev00000', name: 'Dev', parentId: 'ou-abcd-workload', path: '/Workloads/Dev' },
    { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload', path: '/Workloads/Prod' },
    { id: 'ou-abcd-sandbox0', name: 'Sandbox', parentId: 'r-abcd', path: '/Sandbox' },
  ],
  accounts: [
    { id: MGMT, name: 'management', email: 'root@example.com', state: 'ACTIVE', parentId: 'r-abcd', ouPath: '/' },
    {
      id: DEV,
      name: 'dev',
      email: 'dev@example.com',
      state: 'ACTIVE',
      parentId: 'ou-abcd-dev00000',
      ouPath: '/Workloads/Dev',
    },
    {
      id: PROD,
      name: 'prod',
      email: 'prod@example.com',
      state: 'ACTIVE',
      parentId: 'ou-abcd-prod0000',
      ouPath: '/Workloads/Prod',
    },
    {
      id: SHARED,
      name: 'shared',
      email: 'shared@example.com',
      state: 'ACTIVE',
      parentId: 'ou-abcd-workload',
      ouPath: '/Workloads',
    },
    {
      id: SANDBOX,
      name: 'sandbox',
      email: 'sb@example.com',
      state: 'ACTIVE',
      parentId: 'ou-abcd-sandbox0',
      ouPath: '/Sandbox',
    },
    {
      id: LEGACY,
      name: 'legacy',
      email: 'legacy@example.com',
      state: 'SUSPENDED',
      parentId: 'ou-abcd-workload',
      ouPath: '/Workloads',
    },
    {
      id: CLOSING,
      name: 'closing',
      email: 'closing@example.com',
      state: 'PENDING_CLOSURE',
      parentId: 'ou-abcd-prod0000',
      ouPath: '/Workloads/Prod',
    },
  ],
};

export const TAGS: Record<string, Record<string, string>> = {
  [DEV]: { env: 'dev' },
  [PROD]: { env: 'prod', team: 'core' },
  [SHARED]: { env: 'prod' },
  [LEGACY]: { env: 'prod' },
};

export const INSTANCE: IdentityCenterInstance = {
  arn: INSTANCE_ARN,
  identityStoreId: STORE_ID,
  ownerAccountId: MGMT,
  region: 'eu-west-1',
  status: 'ACTIVE',
  encryption: { keyType: 'AWS_OWNED_KMS_KEY' },
};

// ------------------------------------------------------------------ desired

export function permissionSet(name: string, overrides: Partial<DesiredPermissionSet> = {}): DesiredPermissionSet {
  return {
    name,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: {},
    managed: true,
    formerNames: [],
    ...overrides,
  };
}

export function user(key: string, overrides: Partial<DesiredUser> = {}): DesiredUser {
  const given = key.charAt(0).toUpperCase() + key.slice(1);
  return {
    key,
    userName: key,
    displayName: `${given} Example`,
    givenName: given,
    familyName: 'Example',
    email: `${key}@example.com`,
    ...overrides,
  };
}

export function group(name: string, members: string[] = [], overrides: Partial<DesiredGroup> = {}): DesiredGroup {
  return { name, members, ...overrides };
}

/** Parses `ou:/A`, `tag:k=v`, `all`, 12 digits, or a name (the config's target syntax). */
export function target(text: string): AccountTarget {
  if (text === 'all') return { kind: 'all' };
  if (/^\d{12}$/.test(text)) return { kind: 'id', id: text };
  if (text.startsWith('ou:')) return { kind: 'ou', path: text.slice(3) };
  if (text.startsWith('tag:')) {
    const [key, value] = text.slice(4).split('=') as [string, string];
    return { kind: 'tag', key, value };
  }
  return { kind: 'name', name: text };
}

export function rule(
  index: number,
  principal: string,
  permissionSetName: string,
  targets: string[],
  exclude: string[] = [],
): DesiredAssignmentRule {
  const [type, name] = principal.split(':') as ['group' | 'user', string];
  return {
    index,
    principal: { type, name },
    permissionSet: permissionSetName,
    targets: targets.map(target),
    exclude: exclude.map(target),
    source: { file: 'gatehouse.yaml', line: 20 + index, column: 5 },
  };
}

export function desiredState(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    file: 'gatehouse.yaml',
    hash: `sha256:${'0'.repeat(64)}`,
    root: { mfa: 'required', accessKeys: 'forbidden', maxDaysSinceLastUse: 90, centralizedManagement: false },
    contacts: {},
    identityCenter: {
      region: 'eu-west-1',
      instance: 'organization',
      encryption: { keyType: 'AWS_OWNED_KMS_KEY' },
      requireMfa: true,
      identitySource: 'internal',
    },
    permissionSets: [],
    users: [],
    groups: [],
    accountAliases: {},
    assignments: [],
    attestations: [],
    audit: {
      severityOverrides: {},
      thresholds: {
        adminSessionHours: 4,
        maxAdmins: 3,
        unusedCredentialDays: 45,
        accessKeyMaxAgeDays: 90,
        passwordMinLength: 14,
        passwordReusePrevention: 24,
      },
      waivers: [],
    },
    profiles: { namePattern: '{account}-{permissionSet}', sessionName: 'gatehouse' },
    ...overrides,
  };
}

// ------------------------------------------------------------------ live

/** Live AWS state; absent fields take the standard organization's defaults. */
export interface LiveWorld {
  caller?: CallerIdentity;
  /** null: not in an organization. */
  organization?: OrganizationInfo | null;
  tree?: OrgTree;
  accountTags?: Record<string, Record<string, string>>;
  serviceAccess?: string[];
  rootFeatures?: string[];
  /** null: no instance. */
  instance?: IdentityCenterInstance | null;
  permissionSets?: PermissionSetState[];
  provisioning?: ProvisioningState[];
  assignments?: AccountAssignment[];
  /** What `assignments` covers when only a plan's footprint was read (absent: every assignment). */
  assignmentScope?: AssignmentScope;
  users?: IdentityStoreUser[];
  groups?: IdentityStoreGroup[];
  memberships?: GroupMembership[];
  accountSummary?: Record<string, number>;
  virtualMfaDevices?: VirtualMfaDevice[];
  contacts?: Partial<Record<AlternateContactType, AlternateContact | null>>;
  /** IAM users of the caller's account (iam.console-access); default none. */
  iamUsers?: IamUserConsoleAccess[];
}

export const IAM_CALLER: CallerIdentity = {
  accountId: MGMT,
  arn: `arn:aws:sts::${MGMT}:assumed-role/Deployer/ci`,
  userId: 'AROAEXAMPLE:ci',
};

export function snapshotOf(world: LiveWorld = {}): Snapshot {
  const s = emptySnapshot(OBSERVED_AT);
  const caller = world.caller ?? IAM_CALLER;
  const organization = world.organization === undefined ? ORGANIZATION : world.organization;
  const instance = world.instance === undefined ? INSTANCE : world.instance;
  s.callerAccountId = caller.accountId;
  if (world.assignmentScope) s.readScope = { assignments: world.assignmentScope };
  s.org['sts.caller-identity'] = ok(caller);
  if (organization) {
    s.org['organizations.organization'] = ok(organization);
    s.org['organizations.tree'] = ok(world.tree ?? TREE);
    s.org['organizations.account-tags'] = ok(world.accountTags ?? TAGS);
    s.org['organizations.service-access'] = ok(world.serviceAccess ?? ['sso.amazonaws.com']);
    s.org['iam.organizations-features'] = ok({
      organizationId: organization.id,
      enabledFeatures: world.rootFeatures ?? [],
    });
  } else {
    const none = notApplicable('the account is not in an organization');
    s.org['organizations.organization'] = none;
    s.org['organizations.tree'] = none;
    s.org['organizations.account-tags'] = none;
    s.org['organizations.service-access'] = none;
    s.org['iam.organizations-features'] = none;
  }
  s.org['identity-center.instance'] = ok({ instance, probedRegions: ['eu-west-1'] });
  if (instance) {
    s.identityCenterRegion = instance.region;
    s.org['identity-center.permission-sets'] = ok(world.permissionSets ?? []);
    s.org['identity-center.provisioning'] = ok(world.provisioning ?? []);
    s.org['identity-center.assignments'] = ok(world.assignments ?? []);
    s.org['identity-store.users'] = ok(world.users ?? []);
    s.org['identity-store.groups'] = ok(world.groups ?? []);
    s.org['identity-store.memberships'] = ok(world.memberships ?? []);
  } else {
    const none = notApplicable('no Identity Center instance');
    s.org['identity-center.permission-sets'] = none;
    s.org['identity-center.provisioning'] = none;
    s.org['identity-center.assignments'] = none;
    s.org['identity-store.users'] = none;
    s.org['identity-store.groups'] = none;
    s.org['identity-store.memberships'] = none;
  }
  s.accounts[caller.accountId] = {
    'iam.account-summary': ok(world.accountSummary ?? { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }),
    'iam.virtual-mfa-devices': ok(world.virtualMfaDevices ?? []),
    'account.alternate-contacts': ok(world.contacts ?? {}),
    'iam.console-access': ok(world.iamUsers ?? []),
  };
  return s;
}

export function livePermissionSet(name: string, overrides: Partial<PermissionSetState> = {}): PermissionSetState {
  return {
    arn: psArn(name),
    name,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: { 'managed-by': 'gatehouse' },
    createdDate: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function liveUser(userName: string, overrides: Partial<IdentityStoreUser> = {}): IdentityStoreUser {
  const u = user(userName);
  return {
    id: userId(userName),
    userName,
    displayName: u.displayName,
    givenName: u.givenName,
    familyName: u.familyName,
    email: u.email,
    status: 'ENABLED',
    ...overrides,
  };
}

export function liveGroup(name: string, overrides: Partial<IdentityStoreGroup> = {}): IdentityStoreGroup {
  return { id: groupId(name), displayName: name, ...overrides };
}

export function liveMembership(groupName: string, userName: string): GroupMembership {
  return { membershipId: membershipId(groupName, userName), groupId: groupId(groupName), userId: userId(userName) };
}

export function liveAssignment(permissionSetName: string, principal: string, accountId: string): AccountAssignment {
  const [type, name] = principal.split(':') as ['group' | 'user', string];
  return {
    accountId,
    permissionSetArn: psArn(permissionSetName),
    principalType: type === 'user' ? 'USER' : 'GROUP',
    principalId: type === 'user' ? userId(name) : groupId(name),
  };
}

/** An Identity Center session ARN for `userName` through `permissionSetName` in `accountId`. */
export function ssoCaller(permissionSetName: string, userName: string, accountId = MGMT): CallerIdentity {
  return {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${permissionSetName}_0123456789abcdef/${userName}`,
    userId: `AROAEXAMPLE:${userName}`,
  };
}

export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const READONLY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
export const POWERUSER_ARN = 'arn:aws:iam::aws:policy/PowerUserAccess';
