/**
 * @module The snapshot: every fact observed in one run, as Evidence, keyed by fact id and scope.
 * It is the only input of checks, diff, import and access views, and it is JSON so that
 * `--save-snapshot` / `--snapshot` can replay a run offline.
 */

import type {
  AccountAssignment,
  AccountId,
  AlternateContact,
  AlternateContactType,
  CallerIdentity,
  CallerLocation,
  CredentialReport,
  GroupMembership,
  IamUserConsoleAccess,
  IamUserPolicies,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrganizationInfo,
  OrgTree,
  PasswordPolicy,
  PermissionSetState,
  ProvisioningState,
  VirtualMfaDevice,
} from '../model/types.js';
import type { AssignmentScope } from './assignment-scope.js';
import type { Evidence } from './evidence.js';

/**
 * Facts read once per run, in the account gatehouse is signed in to (normally the management
 * account). The value type of each fact id.
 */
export interface OrgFacts {
  /** sts GetCallerIdentity. */
  'sts.caller-identity': CallerIdentity;
  /** organizations DescribeOrganization; notApplicable when the account is not in an organization. */
  'organizations.organization': OrganizationInfo;
  /** Roots, OUs and accounts, walked from the root. notApplicable without an organization. */
  'organizations.tree': OrgTree;
  /** Tags of every account, by account id (one ListTagsForResource per account: read only when needed). */
  'organizations.account-tags': Record<AccountId, Record<string, string>>;
  /** Where gatehouse runs: management account, Identity Center delegated administrator, other member, standalone. */
  'organizations.caller-location': CallerLocation;
  /** Service principals with trusted access (ListAWSServiceAccessForOrganization). */
  'organizations.service-access': string[];
  /** iam ListOrganizationsFeatures: `RootCredentialsManagement`, `RootSessions`. */
  'iam.organizations-features': { organizationId?: string; enabledFeatures: string[] };
  /**
   * The Identity Center instance, found in the configured region or by probing regions.
   * `instance: null` (ok) means no instance exists in any probed region.
   */
  'identity-center.instance': { instance: IdentityCenterInstance | null; probedRegions: string[] };
  /** Every permission set with its policies, boundary and tags. notApplicable without an instance. */
  'identity-center.permission-sets': PermissionSetState[];
  /** Where each permission set is provisioned and where that copy is out of date. */
  'identity-center.provisioning': ProvisioningState[];
  /** Every account assignment (direct: a group's assignment is not repeated for its members). */
  'identity-center.assignments': AccountAssignment[];
  'identity-store.users': IdentityStoreUser[];
  'identity-store.groups': IdentityStoreGroup[];
  'identity-store.memberships': GroupMembership[];
}

/** Facts read per account (the caller's account, and member accounts with `--accounts`). */
export interface AccountFacts {
  /** iam GetAccountSummary SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, …). */
  'iam.account-summary': Record<string, number>;
  'iam.credential-report': CredentialReport;
  'iam.virtual-mfa-devices': VirtualMfaDevice[];
  /** null (ok) when no custom password policy exists (NoSuchEntity). */
  'iam.password-policy': PasswordPolicy | null;
  'iam.user-policies': IamUserPolicies[];
  /**
   * Every IAM user's console password and MFA devices, live (the credential report can be four hours
   * old, so a password removed minutes ago still shows there).
   */
  'iam.console-access': IamUserConsoleAccess[];
  /** Alternate contacts by type; null (ok) when that type is not set (ResourceNotFoundException). */
  'account.alternate-contacts': Partial<Record<AlternateContactType, AlternateContact | null>>;
}

export type OrgFactId = keyof OrgFacts;
export type AccountFactId = keyof AccountFacts;
export type FactId = OrgFactId | AccountFactId;

export type OrgEvidence = { [K in OrgFactId]?: Evidence<OrgFacts[K]> };
export type AccountEvidence = { [K in AccountFactId]?: Evidence<AccountFacts[K]> };

export const SNAPSHOT_FORMAT_VERSION = 1;

export interface Snapshot {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** ISO-8601 time the observation finished. */
  observedAt: string;
  /** The account the run was signed in to (from sts), when known. */
  callerAccountId?: AccountId;
  /** Region used for Identity Center calls, when an instance was found. */
  identityCenterRegion?: string;
  org: OrgEvidence;
  /** Per-account facts for every account in scope; an account absent here was not in scope. */
  accounts: Record<AccountId, AccountEvidence>;
  /**
   * Present when a fact was read only in part (a plan reads the config's footprint): what it covers.
   * Nothing outside it was read, so nothing may be concluded about it. Absent: full reads.
   */
  readScope?: { assignments?: AssignmentScope };
}

export function emptySnapshot(observedAt: string): Snapshot {
  return { formatVersion: SNAPSHOT_FORMAT_VERSION, observedAt, org: {}, accounts: {} };
}

export function orgFact<K extends OrgFactId>(s: Snapshot, id: K): Evidence<OrgFacts[K]> | undefined {
  return s.org[id] as Evidence<OrgFacts[K]> | undefined;
}

export function accountFact<K extends AccountFactId>(
  s: Snapshot,
  accountId: AccountId,
  id: K,
): Evidence<AccountFacts[K]> | undefined {
  return s.accounts[accountId]?.[id] as Evidence<AccountFacts[K]> | undefined;
}
