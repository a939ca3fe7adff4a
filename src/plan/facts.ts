/**
 * @module The facts a plan reads, taken out of a snapshot strictly: a fact the plan needs that was
 * denied or failed stops the plan (a diff over missing data would plan deletions of things it merely
 * could not see). Also answers which facts the collector must read for a given config.
 */

import { AwsAccessError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type {
  AccountAssignment,
  AlternateContact,
  AlternateContactType,
  CallerIdentity,
  GroupMembership,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrganizationInfo,
  OrgTree,
  PermissionSetState,
  ProvisioningState,
} from '../model/types.js';
import type { AssignmentReadRequest, AssignmentScope } from '../observe/assignment-scope.js';
import { type Evidence, requireEvidence } from '../observe/evidence.js';
import { type AccountFactId, accountFact, type OrgFactId, orgFact, type Snapshot } from '../observe/snapshot.js';

/** The service principal whose trusted access centralized root access needs. */
export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

/** Root credentials of the management (or standalone) account, as far as the plan needs them. */
export interface RootCredentialFacts {
  mfaEnabled: boolean;
  accessKeysPresent: boolean;
  /** Whether the root user's MFA is a virtual device; null when not read (config does not ask for hardware). */
  virtualMfa: boolean | null;
}

/** An IAM user with a console password, as far as the plan needs it. */
export interface IamConsoleUser {
  userName: string;
  arn: string;
}

/** Everything the diff reads, already checked. */
export interface PlanFacts {
  caller: CallerIdentity;
  /** null: the caller's account is not in an organization. */
  organization: OrganizationInfo | null;
  tree: OrgTree | null;
  /** Tags by account id; null when no assignment rule uses a tag target. */
  accountTags: Record<string, Record<string, string>> | null;
  /** Trusted-access service principals; null when the config does not ask for centralized root access. */
  serviceAccess: string[] | null;
  rootFeatures: string[] | null;
  /** null: no Identity Center instance exists. */
  instance: IdentityCenterInstance | null;
  permissionSets: PermissionSetState[];
  provisioning: ProvisioningState[];
  assignments: AccountAssignment[];
  users: IdentityStoreUser[];
  groups: IdentityStoreGroup[];
  memberships: GroupMembership[];
  /** null when the caller is not the management (or standalone) account: its root cannot be judged from here. */
  root: RootCredentialFacts | null;
  /** IAM users of the caller's account that have a console password (iam.no-console-users fails on each). */
  iamConsoleUsers: IamConsoleUser[];
  /** Alternate contacts of the caller's account; null when the config names none. */
  contacts: Partial<Record<AlternateContactType, AlternateContact | null>> | null;
  /** What `assignments` covers when only the config's footprint was read; null: every assignment. */
  assignmentScope: AssignmentScope | null;
}

/**
 * The assignments a plan of `desired` must see: every assignment of the principals the config names,
 * of the sets gatehouse owns (tagged), in the management and caller accounts (the lockout guard),
 * Nothing else can become an action. `--prune` may delete anything (sets, principals and assignments
 * the config does not name), so a pruning plan reads every assignment instead (no request).
 */
export function planAssignmentRequest(desired: DesiredState): AssignmentReadRequest {
  const principals = new Map<string, { type: 'user' | 'group'; name: string }>();
  const add = (type: 'user' | 'group', name: string) => principals.set(`${type}:${name}`, { type, name });
  for (const u of desired.users) add('user', u.userName);
  for (const g of desired.groups) add('group', g.name);
  const userNameByKey = new Map(desired.users.map((u) => [u.key, u.userName]));
  for (const rule of desired.assignments) {
    const { type, name } = rule.principal;
    add(type, type === 'user' ? (userNameByKey.get(name) ?? name) : name);
  }
  const sets = new Set<string>();
  for (const ps of desired.permissionSets) {
    sets.add(ps.name);
    for (const former of ps.formerNames) sets.add(former);
  }
  for (const rule of desired.assignments) sets.add(rule.permissionSet);
  return {
    principals: [...principals.values()],
    permissionSets: [...sets].sort(),
    ownedSets: true,
    adminAccounts: true,
  };
}

export function usesTagTargets(desired: DesiredState): boolean {
  return desired.assignments.some((rule) => [...rule.targets, ...rule.exclude].some((t) => t.kind === 'tag'));
}

/** What the collector must read for a plan of `desired` (account facts: in the caller's account). */
export function requiredPlanFacts(desired: DesiredState): { org: OrgFactId[]; callerAccount: AccountFactId[] } {
  const org: OrgFactId[] = [
    'sts.caller-identity',
    'organizations.organization',
    'organizations.tree',
    'identity-center.instance',
    'identity-center.permission-sets',
    'identity-center.provisioning',
    'identity-center.assignments',
    'identity-store.users',
    'identity-store.groups',
    'identity-store.memberships',
  ];
  if (usesTagTargets(desired)) org.push('organizations.account-tags');
  if (desired.root.centralizedManagement) org.push('organizations.service-access', 'iam.organizations-features');
  // iam.console-access: the console passwords the audit fails on are manual steps of the plan.
  const callerAccount: AccountFactId[] = ['iam.account-summary', 'iam.console-access'];
  if (desired.root.mfa === 'hardware') callerAccount.push('iam.virtual-mfa-devices');
  if (Object.keys(desired.contacts).length > 0) callerAccount.push('account.alternate-contacts');
  return { org, callerAccount };
}

const PLAN_READER = { verb: 'plan', permissionsFor: 'apply' } as const;

/** The value of a fact the plan cannot do without; notApplicable is answered by `onNotApplicable`. */
function need<T>(evidence: Evidence<T> | undefined, factId: string, onNotApplicable: (reason: string) => T): T {
  return requireEvidence(evidence, factId, PLAN_READER, onNotApplicable);
}

function mustExist(factId: string): (reason: string) => never {
  return (reason) => {
    throw new AwsAccessError('service', `cannot plan: ${factId} is not available (${reason})`);
  };
}

/** Reads and checks every fact the diff of `desired` uses. Throws AwsAccessError for denied/failed facts. */
export function extractPlanFacts(desired: DesiredState, snapshot: Snapshot): PlanFacts {
  const caller = need(
    orgFact(snapshot, 'sts.caller-identity'),
    'sts.caller-identity',
    mustExist('sts.caller-identity'),
  );
  const organization = need(orgFact(snapshot, 'organizations.organization'), 'organizations.organization', () => null);
  const tree = organization
    ? need(orgFact(snapshot, 'organizations.tree'), 'organizations.tree', mustExist('organizations.tree'))
    : null;
  const accountTags =
    usesTagTargets(desired) && organization
      ? need(orgFact(snapshot, 'organizations.account-tags'), 'organizations.account-tags', () => ({}))
      : usesTagTargets(desired)
        ? {}
        : null;

  let serviceAccess: string[] | null = null;
  let rootFeatures: string[] | null = null;
  if (desired.root.centralizedManagement) {
    serviceAccess = organization
      ? need(orgFact(snapshot, 'organizations.service-access'), 'organizations.service-access', () => [])
      : [];
    // Without trusted access for IAM, ListOrganizationsFeatures fails: the features are simply not enabled.
    rootFeatures = serviceAccess.includes(IAM_SERVICE_PRINCIPAL)
      ? need(orgFact(snapshot, 'iam.organizations-features'), 'iam.organizations-features', () => ({
          enabledFeatures: [],
        })).enabledFeatures
      : [];
  }

  const instanceFact = need(orgFact(snapshot, 'identity-center.instance'), 'identity-center.instance', () => ({
    instance: null,
    probedRegions: [],
  }));
  const instance = instanceFact.instance;
  // Without an instance these facts are notApplicable: Identity Center is empty.
  const none = () => [];

  const managementAccountId = organization?.managementAccountId ?? caller.accountId;
  let root: RootCredentialFacts | null = null;
  if (caller.accountId === managementAccountId) {
    const summary = need(
      accountFact(snapshot, caller.accountId, 'iam.account-summary'),
      'iam.account-summary',
      mustExist('iam.account-summary'),
    );
    let virtualMfa: boolean | null = null;
    if (desired.root.mfa === 'hardware') {
      const devices = need(
        accountFact(snapshot, caller.accountId, 'iam.virtual-mfa-devices'),
        'iam.virtual-mfa-devices',
        () => [],
      );
      virtualMfa = devices.some((d) => d.userArn?.endsWith(':root') === true);
    }
    root = {
      mfaEnabled: summary.AccountMFAEnabled === 1,
      accessKeysPresent: (summary.AccountAccessKeysPresent ?? 0) > 0,
      virtualMfa,
    };
  }

  const iamConsoleUsers = need(
    accountFact(snapshot, caller.accountId, 'iam.console-access'),
    'iam.console-access',
    () => [],
  )
    .filter((u) => u.hasConsolePassword)
    .map((u) => ({ userName: u.userName, arn: u.arn }));

  const contacts =
    Object.keys(desired.contacts).length > 0
      ? need(
          accountFact(snapshot, caller.accountId, 'account.alternate-contacts'),
          'account.alternate-contacts',
          () => ({}),
        )
      : null;

  return {
    caller,
    organization,
    tree,
    accountTags,
    serviceAccess,
    rootFeatures,
    instance,
    permissionSets: instance
      ? need(orgFact(snapshot, 'identity-center.permission-sets'), 'identity-center.permission-sets', none)
      : [],
    provisioning: instance
      ? need(orgFact(snapshot, 'identity-center.provisioning'), 'identity-center.provisioning', none)
      : [],
    assignments: instance
      ? need(orgFact(snapshot, 'identity-center.assignments'), 'identity-center.assignments', none)
      : [],
    users: instance ? need(orgFact(snapshot, 'identity-store.users'), 'identity-store.users', none) : [],
    groups: instance ? need(orgFact(snapshot, 'identity-store.groups'), 'identity-store.groups', none) : [],
    memberships: instance
      ? need(orgFact(snapshot, 'identity-store.memberships'), 'identity-store.memberships', none)
      : [],
    root,
    iamConsoleUsers,
    contacts,
    assignmentScope: instance ? (snapshot.readScope?.assignments ?? null) : null,
  };
}
