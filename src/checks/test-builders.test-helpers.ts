/**
 * @module Test builders for checks and reports: a desired state with the documented defaults, a
 * fluent Snapshot builder with domain helpers, and `fresh`/`day1`-like scenarios. Test-only code
 * (imported by *.test.ts files), kept next to the checks so every check test reads the same way.
 */

import type { DesiredPermissionSet, DesiredState } from '../model/desired.js';
import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import type {
  AccountAssignment,
  AccountId,
  AlternateContact,
  CredentialReportRow,
  GroupMembership,
  IamUserConsoleAccess,
  IamUserPolicies,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrganizationInfo,
  PasswordPolicy,
  PermissionSetState,
  ProvisioningState,
  VirtualMfaDevice,
} from '../model/types.js';
import { type Evidence, notApplicable, ok } from '../observe/evidence.js';
import {
  type AccountFactId,
  type AccountFacts,
  emptySnapshot,
  type OrgFactId,
  type OrgFacts,
  type Snapshot,
} from '../observe/snapshot.js';
import { findCheck } from './catalog.js';
import type { PlanSummary } from './define-check.js';
import { type CheckResult, runChecks } from './run.js';

export const MANAGEMENT: AccountId = '111111111111';
export const MEMBER: AccountId = '222222222222';
export const NOW = '2026-11-28T12:00:00.000Z';
export const ORG_ID = 'o-abc123def4';
export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
export const POWER_USER_ACCESS_ARN = 'arn:aws:iam::aws:policy/PowerUserAccess';

/** `n` days before NOW, as an ISO timestamp. */
export function daysAgo(n: number, from = NOW): string {
  return new Date(Date.parse(from) - n * 86_400_000).toISOString();
}

/** A desired state with the defaults DesiredState documents; `edit` adjusts it in place. */
export function desiredState(edit?: (d: DesiredState) => void): DesiredState {
  const d: DesiredState = {
    file: 'gatehouse.yaml',
    hash: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
    root: { mfa: 'required', accessKeys: 'forbidden', maxDaysSinceLastUse: 90, centralizedManagement: true },
    contacts: {},
    identityCenter: {
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
  };
  edit?.(d);
  return d;
}

export function desiredPermissionSet(name: string, extra: Partial<DesiredPermissionSet> = {}): DesiredPermissionSet {
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
    ...extra,
  };
}

export function organization(extra: Partial<OrganizationInfo> = {}): OrganizationInfo {
  return {
    id: ORG_ID,
    arn: `arn:aws:organizations::${MANAGEMENT}:organization/${ORG_ID}`,
    featureSet: 'ALL',
    managementAccountId: MANAGEMENT,
    ...extra,
  };
}

export function instance(extra: Partial<IdentityCenterInstance> = {}): IdentityCenterInstance {
  return {
    arn: INSTANCE_ARN,
    identityStoreId: 'd-1234567890',
    ownerAccountId: MANAGEMENT,
    region: 'eu-west-1',
    status: 'ACTIVE',
    encryption: { keyType: 'AWS_OWNED_KMS_KEY', status: 'ENABLED' },
    ...extra,
  };
}

export function permissionSet(name: string, extra: Partial<PermissionSetState> = {}): PermissionSetState {
  return {
    arn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${name.toLowerCase()}`,
    name,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: {},
    ...extra,
  };
}

export function user(userName: string, extra: Partial<IdentityStoreUser> = {}): IdentityStoreUser {
  return { id: `u-${userName}`, userName, ...extra };
}

export function group(displayName: string): IdentityStoreGroup {
  return { id: `g-${displayName.toLowerCase()}`, displayName };
}

export function membership(groupName: string, userName: string): GroupMembership {
  return {
    membershipId: `m-${groupName.toLowerCase()}-${userName}`,
    groupId: `g-${groupName.toLowerCase()}`,
    userId: `u-${userName}`,
  };
}

export function assignment(
  ps: PermissionSetState,
  principal: `user:${string}` | `group:${string}`,
  accountId: AccountId = MANAGEMENT,
): AccountAssignment {
  const [type, name] = principal.split(':') as ['user' | 'group', string];
  return {
    accountId,
    permissionSetArn: ps.arn,
    principalType: type === 'user' ? 'USER' : 'GROUP',
    principalId: type === 'user' ? `u-${name}` : `g-${name.toLowerCase()}`,
  };
}

/** The credential report row of the root user. Defaults: password set, MFA on, no keys, no use recorded. */
export function rootRow(
  accountId: AccountId = MANAGEMENT,
  extra: Partial<CredentialReportRow> = {},
): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${accountId}:root`,
    userCreationTime: '2026-01-01T00:00:00.000Z',
    passwordEnabled: true,
    mfaActive: true,
    accessKey1Active: false,
    accessKey2Active: false,
    cert1Active: false,
    cert2Active: false,
    ...extra,
  };
}

/** The credential report row of an IAM user. Defaults: no password, no MFA, no keys. */
export function userRow(
  name: string,
  accountId: AccountId = MANAGEMENT,
  extra: Partial<CredentialReportRow> = {},
): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    userCreationTime: daysAgo(10),
    passwordEnabled: false,
    mfaActive: false,
    accessKey1Active: false,
    accessKey2Active: false,
    cert1Active: false,
    cert2Active: false,
    ...extra,
  };
}

export interface RootUserState {
  mfa?: boolean;
  /** A virtual MFA device bound to root (only meaningful with `mfa`). */
  virtualMfa?: boolean;
  /** Number of root access keys (all active). */
  keys?: 0 | 1 | 2;
  password?: boolean;
  certificates?: boolean;
  passwordLastUsed?: string;
  /** Include AccountPasswordPresent in the summary (older summaries lack it). */
  summaryHasPasswordFlag?: boolean;
}

/** Fluent Snapshot builder. Facts not set are absent (never read), which checks must treat as `error`. */
export class SnapshotBuilder {
  readonly #snapshot: Snapshot;

  /** `callerAccountId: null` builds a snapshot whose caller is unknown. */
  constructor(callerAccountId: AccountId | null = MANAGEMENT, observedAt = NOW) {
    this.#snapshot = emptySnapshot(observedAt);
    if (callerAccountId) this.#snapshot.callerAccountId = callerAccountId;
  }

  org<K extends OrgFactId>(id: K, evidence: Evidence<OrgFacts[K]>): this {
    (this.#snapshot.org as Record<string, unknown>)[id] = evidence;
    return this;
  }

  account<K extends AccountFactId>(accountId: AccountId, id: K, evidence: Evidence<AccountFacts[K]>): this {
    this.#snapshot.accounts[accountId] ??= {};
    (this.#snapshot.accounts[accountId] as Record<string, unknown>)[id] = evidence;
    return this;
  }

  /** Removes a fact (as if it was never read). */
  without(id: OrgFactId | AccountFactId, accountId?: AccountId): this {
    if (accountId) delete (this.#snapshot.accounts[accountId] as Record<string, unknown> | undefined)?.[id];
    else delete (this.#snapshot.org as Record<string, unknown>)[id];
    return this;
  }

  /** Marks the account as in scope even without facts. */
  inScope(accountId: AccountId): this {
    this.#snapshot.accounts[accountId] ??= {};
    return this;
  }

  identityCenterRegion(region: string): this {
    this.#snapshot.identityCenterRegion = region;
    return this;
  }

  organization(extra: Partial<OrganizationInfo> = {}): this {
    return this.org('organizations.organization', ok(organization(extra)));
  }

  noOrganization(): this {
    return this.org('organizations.organization', notApplicable('the account is not a member of an organization'));
  }

  orgFeatures(...enabledFeatures: string[]): this {
    return this.org('iam.organizations-features', ok({ organizationId: ORG_ID, enabledFeatures }));
  }

  instance(extra: Partial<IdentityCenterInstance> = {}): this {
    const found = instance(extra);
    this.identityCenterRegion(found.region);
    return this.org('identity-center.instance', ok({ instance: found, probedRegions: [found.region] }));
  }

  noInstance(probedRegions = ['eu-west-1', 'us-east-1']): this {
    return this.org('identity-center.instance', ok({ instance: null, probedRegions }));
  }

  permissionSets(...sets: PermissionSetState[]): this {
    return this.org('identity-center.permission-sets', ok(sets));
  }

  assignments(...list: AccountAssignment[]): this {
    return this.org('identity-center.assignments', ok(list));
  }

  provisioning(...list: ProvisioningState[]): this {
    return this.org('identity-center.provisioning', ok(list));
  }

  users(...list: IdentityStoreUser[]): this {
    return this.org('identity-store.users', ok(list));
  }

  groups(...list: IdentityStoreGroup[]): this {
    return this.org('identity-store.groups', ok(list));
  }

  memberships(...list: GroupMembership[]): this {
    return this.org('identity-store.memberships', ok(list));
  }

  /** Sets the root user's account summary flags, credential report row and virtual MFA devices. */
  rootUser(accountId: AccountId, state: RootUserState = {}): this {
    const mfa = state.mfa ?? true;
    const keys = state.keys ?? 0;
    const password = state.password ?? true;
    const summary: Record<string, number> = {
      Users: 0,
      AccountMFAEnabled: mfa ? 1 : 0,
      AccountAccessKeysPresent: keys > 0 ? 1 : 0,
      AccountSigningCertificatesPresent: state.certificates ? 1 : 0,
    };
    if (state.summaryHasPasswordFlag ?? true) summary.AccountPasswordPresent = password ? 1 : 0;
    this.account(accountId, 'iam.account-summary', ok(summary));
    const row = rootRow(accountId, {
      passwordEnabled: password,
      mfaActive: mfa,
      accessKey1Active: keys >= 1,
      accessKey2Active: keys >= 2,
      ...(keys >= 1 ? { accessKey1LastRotated: daysAgo(30) } : {}),
      ...(keys >= 2 ? { accessKey2LastRotated: daysAgo(30) } : {}),
      cert1Active: state.certificates ?? false,
      ...(state.passwordLastUsed ? { passwordLastUsed: state.passwordLastUsed } : {}),
    });
    this.credentialRows(accountId, row);
    const devices: VirtualMfaDevice[] =
      mfa && state.virtualMfa
        ? [
            {
              serialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
              userArn: `arn:aws:iam::${accountId}:root`,
            },
          ]
        : [];
    return this.account(accountId, 'iam.virtual-mfa-devices', ok(devices));
  }

  /** Adds rows to the account's credential report (replacing rows of the same user). */
  credentialRows(accountId: AccountId, ...rows: CredentialReportRow[]): this {
    const existing = this.#snapshot.accounts[accountId]?.['iam.credential-report'];
    const previous = existing?.status === 'ok' ? existing.value.rows : [];
    const merged = [...previous.filter((r) => !rows.some((n) => n.user === r.user)), ...rows];
    // The live console-access fact agrees with the report unless a test says otherwise (consoleAccess).
    const access = merged
      .filter((r) => r.user !== '<root_account>')
      .map((r) => ({
        userName: r.user,
        arn: r.arn,
        hasConsolePassword: r.passwordEnabled === true,
        mfaDevices: r.mfaActive ? 1 : 0,
      }));
    this.account(accountId, 'iam.console-access', ok(access));
    return this.account(accountId, 'iam.credential-report', ok({ generatedTime: NOW, rows: merged }));
  }

  /** Sets the live console-access fact (GetLoginProfile / ListMFADevices) independently of the report. */
  consoleAccess(accountId: AccountId, evidence: Evidence<IamUserConsoleAccess[]>): this {
    return this.account(accountId, 'iam.console-access', evidence);
  }

  passwordPolicy(accountId: AccountId, policy: PasswordPolicy | null): this {
    return this.account(accountId, 'iam.password-policy', ok(policy));
  }

  userPolicies(accountId: AccountId, ...list: IamUserPolicies[]): this {
    return this.account(accountId, 'iam.user-policies', ok(list));
  }

  securityContact(accountId: AccountId, contact: AlternateContact | null): this {
    return this.account(
      accountId,
      'account.alternate-contacts',
      ok({ SECURITY: contact, OPERATIONS: null, BILLING: null }),
    );
  }

  build(): Snapshot {
    return structuredClone(this.#snapshot);
  }
}

export function aSnapshot(callerAccountId: AccountId | null = MANAGEMENT): SnapshotBuilder {
  return new SnapshotBuilder(callerAccountId);
}

export const SECURITY_CONTACT: AlternateContact = {
  name: 'Security team',
  title: 'Security',
  email: 'security@example.com',
  phone: '+1 555 0100',
};

/**
 * Like the sandbox `fresh` scenario: standalone account 111111111111, root with a password, no MFA
 * and one active access key; IAM user `admin` with a console password and no MFA; no organization;
 * no Identity Center instance.
 */
export function freshSnapshot(): Snapshot {
  return aSnapshot(MANAGEMENT)
    .noOrganization()
    .org('organizations.tree', notApplicable('the account is not a member of an organization'))
    .org('iam.organizations-features', notApplicable('the account is not a member of an organization'))
    .noInstance()
    .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
    .org('identity-center.assignments', notApplicable('no IAM Identity Center instance'))
    .org('identity-center.provisioning', notApplicable('no IAM Identity Center instance'))
    .org('identity-store.users', notApplicable('no IAM Identity Center instance'))
    .org('identity-store.groups', notApplicable('no IAM Identity Center instance'))
    .org('identity-store.memberships', notApplicable('no IAM Identity Center instance'))
    .rootUser(MANAGEMENT, { mfa: false, keys: 1, password: true, passwordLastUsed: daysAgo(0) })
    .credentialRows(
      MANAGEMENT,
      userRow('admin', MANAGEMENT, {
        passwordEnabled: true,
        passwordLastUsed: daysAgo(1),
        passwordLastChanged: daysAgo(2),
      }),
    )
    .passwordPolicy(MANAGEMENT, null)
    .userPolicies(MANAGEMENT, { userName: 'admin', attached: [ADMINISTRATOR_ACCESS_ARN], inline: [] })
    .securityContact(MANAGEMENT, null)
    .build();
}

/**
 * Like src/config/baseline.ts (the built-in baseline): no config file; root MFA, no root keys, the
 * organization instance with an AWS owned key, MFA required, Admin and PowerUser; no people.
 */
export function builtInDesired(): DesiredState {
  return desiredState((d) => {
    delete d.file;
    d.permissionSets = [
      desiredPermissionSet('Admin', { description: 'Founders / Infra', managedPolicies: [ADMINISTRATOR_ACCESS_ARN] }),
      desiredPermissionSet('PowerUser', {
        description: 'DevOps / Engineers',
        managedPolicies: [POWER_USER_ACCESS_ARN],
      }),
    ];
  });
}

/**
 * Like examples/startup.yaml (the seed): organization instance in eu-west-1, AWS owned key, Admin →
 * AdministratorAccess (PT4H) and PowerUser → PowerUserAccess (PT8H), user ismail → Admin on the
 * management account, root MFA required, root keys forbidden.
 */
export function day1Desired(): DesiredState {
  return desiredState((d) => {
    d.identityCenter.region = 'eu-west-1';
    d.permissionSets = [
      desiredPermissionSet('Admin', {
        description: 'Founders / Infra',
        sessionDuration: 'PT4H',
        managedPolicies: [ADMINISTRATOR_ACCESS_ARN],
      }),
      desiredPermissionSet('PowerUser', {
        description: 'DevOps / Engineers',
        sessionDuration: 'PT8H',
        managedPolicies: [POWER_USER_ACCESS_ARN],
      }),
    ];
    d.users = [
      {
        key: 'ismail',
        userName: 'ismail',
        displayName: 'Ismail G',
        givenName: 'Ismail',
        familyName: 'G',
        email: 'ismail@example.com',
      },
    ];
    d.assignments = [
      {
        index: 0,
        principal: { type: 'user', name: 'ismail' },
        permissionSet: 'Admin',
        targets: [{ kind: 'name', name: 'management' }],
        exclude: [],
      },
    ];
  });
}

export const ADMIN_PS = permissionSet('Admin', {
  description: 'Founders / Infra',
  sessionDuration: 'PT4H',
  managedPolicies: [ADMINISTRATOR_ACCESS_ARN],
  tags: { 'managed-by': 'gatehouse' },
});
export const POWER_USER_PS = permissionSet('PowerUser', {
  description: 'DevOps / Engineers',
  sessionDuration: 'PT8H',
  managedPolicies: [POWER_USER_ACCESS_ARN],
  tags: { 'managed-by': 'gatehouse' },
});

/**
 * Like the sandbox `day1` scenario: organization with all features (management 111111111111, no
 * centralized root access yet), organization instance in eu-west-1 with an AWS owned key, Admin and
 * PowerUser, one user assigned Admin directly on the management account, root with MFA and no keys
 * (no recorded root use), no IAM users, no password policy, no security contact.
 */
export function day1Snapshot(): Snapshot {
  return aSnapshot(MANAGEMENT)
    .organization()
    .orgFeatures()
    .instance()
    .permissionSets(ADMIN_PS, POWER_USER_PS)
    .assignments(assignment(ADMIN_PS, 'user:ismail'))
    .provisioning({ permissionSetArn: ADMIN_PS.arn, accounts: [MANAGEMENT], outdated: [] })
    .users(
      user('ismail', { displayName: 'Ismail G', givenName: 'Ismail', familyName: 'G', email: 'ismail@example.com' }),
    )
    .groups()
    .memberships()
    .rootUser(MANAGEMENT, { mfa: true, keys: 0, password: true })
    .passwordPolicy(MANAGEMENT, null)
    .userPolicies(MANAGEMENT)
    .securityContact(MANAGEMENT, null)
    .build();
}

/** The plan evidence for `identity-center.matches-config`. */
export function planEvidence(addresses: string[]): Evidence<PlanSummary> {
  return ok({ actionCount: addresses.length, addresses });
}

/** Runs one check through the real runner (gating, fail-closed, waivers and all). */
export function runCheck(
  id: string,
  snapshot: Snapshot,
  desired: DesiredState = desiredState(),
  extra: { now?: string; plan?: Evidence<PlanSummary> } = {},
): CheckResult[] {
  if (!findCheck(id)) throw new Error(`no check ${id}`);
  return runChecks({
    snapshot,
    desired,
    now: extra.now ?? NOW,
    checks: [id],
    ...(extra.plan ? { plan: extra.plan } : {}),
  });
}

/** The statuses of results, for compact assertions. */
export function statuses(results: CheckResult[]): string[] {
  return results.map((r) => r.status);
}
