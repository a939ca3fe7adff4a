/**
 * @module Domain types of live AWS state, shared by observe, checks, plan, import and access.
 * Plain JSON-serialisable data (no Date objects: timestamps are ISO-8601 strings) so a snapshot
 * can be saved and replayed.
 */

/** A 12-digit AWS account id, always a string (leading zeros matter). */
export type AccountId = string;

export type AccountState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface OrganizationInfo {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: AccountId;
  managementAccountEmail?: string;
}

export interface OrgAccount {
  id: AccountId;
  name: string;
  email: string;
  state: AccountState;
  /** Id of the direct parent (root `r-…` or OU `ou-…`). */
  parentId: string;
  /** Path of OU names from the root: `/` for accounts directly under the root, `/Workloads/Dev` otherwise. */
  ouPath: string;
}

export interface OrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
  /** `/Workloads/Dev` (the OU's own name is the last segment). */
  path: string;
}

/** The organization's structure as read by walking the root's children. */
export interface OrgTree {
  rootId: string;
  ous: OrganizationalUnit[];
  accounts: OrgAccount[];
}

export type KeyType = 'AWS_OWNED_KMS_KEY' | 'CUSTOMER_MANAGED_KEY';

export interface IdentityCenterInstance {
  arn: string;
  identityStoreId: string;
  ownerAccountId: AccountId;
  /** The region where ListInstances returned it. */
  region: string;
  status: string;
  name?: string;
  createdDate?: string;
  encryption?: { keyType: KeyType; kmsKeyArn?: string; status?: string; statusReason?: string };
}

export interface CustomerManagedPolicyRef {
  name: string;
  /** Always starts and ends with `/`; `/` when AWS omits it. */
  path: string;
}

export type PermissionsBoundary = { managedPolicyArn: string } | { customerManagedPolicy: CustomerManagedPolicyRef };

export interface PermissionSetState {
  arn: string;
  name: string;
  description?: string;
  /** ISO-8601 duration as AWS returns it (`PT4H`). */
  sessionDuration?: string;
  relayState?: string;
  createdDate?: string;
  /** ARNs of attached AWS managed policies, sorted. */
  managedPolicies: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  /** The inline policy document exactly as AWS returned it (URL-decoded), or null when none. */
  inlinePolicy: string | null;
  permissionsBoundary: PermissionsBoundary | null;
  tags: Record<string, string>;
}

/** Where one permission set is provisioned, and where the provisioned copy is out of date. */
export interface ProvisioningState {
  permissionSetArn: string;
  accounts: AccountId[];
  outdated: AccountId[];
}

export interface IdentityStoreUser {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  /** Present when the user is synchronised from an external IdP (SCIM). */
  externalIds?: { issuer: string; id: string }[];
  status?: 'ENABLED' | 'DISABLED';
}

export interface IdentityStoreGroup {
  id: string;
  displayName: string;
  description?: string;
  externalIds?: { issuer: string; id: string }[];
}

export interface GroupMembership {
  membershipId: string;
  groupId: string;
  userId: string;
}

export type PrincipalType = 'USER' | 'GROUP';

export interface AccountAssignment {
  accountId: AccountId;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
}

/** Where gatehouse runs in the organization (fact `organizations.caller-location`). */
export interface CallerLocation {
  place: 'management' | 'delegated-administrator' | 'member' | 'standalone';
  accountId: AccountId;
  managementAccountId: AccountId | null;
  /** Accounts registered as delegated administrator for IAM Identity Center (`sso.amazonaws.com`). */
  identityCenterAdministrators: AccountId[];
}

export interface CallerIdentity {
  accountId: AccountId;
  arn: string;
  userId: string;
}

export type AlternateContactType = 'SECURITY' | 'OPERATIONS' | 'BILLING';

export interface AlternateContact {
  name: string;
  title: string;
  email: string;
  phone: string;
}

/** One row of the IAM credential report; the root user's row has `user: '<root_account>'`. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime?: string;
  passwordEnabled: boolean | 'not_supported';
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  mfaActive: boolean;
  accessKey1Active: boolean;
  accessKey1LastRotated?: string;
  accessKey1LastUsedDate?: string;
  accessKey2Active: boolean;
  accessKey2LastRotated?: string;
  accessKey2LastUsedDate?: string;
  cert1Active: boolean;
  cert2Active: boolean;
}

export interface CredentialReport {
  generatedTime: string;
  rows: CredentialReportRow[];
}

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user the device is bound to; `arn:aws:iam::<acct>:root` for the root user. */
  userArn?: string;
  enableDate?: string;
}

export interface PasswordPolicy {
  minimumPasswordLength?: number;
  passwordReusePrevention?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
}

/** Console access of one IAM user, read live (GetLoginProfile, ListMFADevices) rather than from the cached credential report. */
export interface IamUserConsoleAccess {
  userName: string;
  arn: string;
  hasConsolePassword: boolean;
  mfaDevices: number;
}

export interface IamUserPolicies {
  userName: string;
  attached: string[];
  inline: string[];
}
