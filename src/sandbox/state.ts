/**
 * @module The sandbox's persisted state: one JSON document (format `gatehouse-sandbox`, version 1).
 * Times are epoch milliseconds of the sandbox clock. Collections are objects keyed by id (insertion
 * order is the listing order); in-memory indexes are rebuilt from them on load (see world.ts).
 */

import type { SandboxKnobs } from './knobs.js';
import type { RngState } from './random.js';

export const STATE_FORMAT = 'gatehouse-sandbox';
export const STATE_VERSION = 1;

export type Principal =
  | { kind: 'root' }
  | { kind: 'user'; userName: string }
  | { kind: 'assumed-role'; roleName: string; sessionName: string };

/** Credentials the sandbox accepts. It never checks signatures or secrets, only the access key id. */
export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  principal: Principal;
  /** Session credentials expire: calls after this time get ExpiredToken. */
  expiresAt?: number;
  createdAt: number;
}

export interface AccessKeyRecord {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createdAt: number;
  lastUsed: { at: number; service: string; region: string } | null;
}

export interface MfaRecord {
  type: 'virtual' | 'hardware';
  serialNumber: string;
  enabledAt: number;
}

export interface RootUserRecord {
  createdAt: number;
  passwordEnabled: boolean;
  passwordLastUsed: number | null;
  mfa: MfaRecord | null;
  accessKeys: AccessKeyRecord[];
  signingCertificates: number;
}

export interface IamUserRecord {
  userName: string;
  userId: string;
  path: string;
  createdAt: number;
  passwordLastUsed: number | null;
  loginProfile: { createdAt: number; passwordResetRequired: boolean } | null;
  mfaDevices: MfaRecord[];
  accessKeys: AccessKeyRecord[];
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: Record<string, string>;
}

export interface VirtualMfaRecord {
  serialNumber: string;
  /** ARN of the user (or root) the device is enabled for; null when unassigned. */
  userArn: string | null;
  enabledAt: number | null;
}

export interface RoleRecord {
  roleName: string;
  roleId: string;
  path: string;
  createdAt: number;
  /** Accounts whose principals may assume the role (its trust policy, simplified). */
  trustedAccounts: string[];
}

export interface CustomerPolicyRecord {
  name: string;
  path: string;
  createdAt: number;
}

export interface PasswordPolicyRecord {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface IamAccountState {
  root: RootUserRecord;
  users: Record<string, IamUserRecord>;
  virtualMfaDevices: Record<string, VirtualMfaRecord>;
  roles: Record<string, RoleRecord>;
  /** Keyed by `<path><name>` (`/team/Boundary`). */
  customerPolicies: Record<string, CustomerPolicyRecord>;
  passwordPolicy: PasswordPolicyRecord | null;
  aliases: string[];
  /** The last generated report: its CSV is taken when generation starts and is readable from completesAt. */
  credentialReport: { requestedAt: number; completesAt: number; csv: string } | null;
}

export type AlternateContactTypeName = 'BILLING' | 'OPERATIONS' | 'SECURITY';

export interface AlternateContactRecord {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface ContactInformationRecord {
  FullName: string;
  AddressLine1: string;
  City: string;
  PostalCode: string;
  CountryCode: string;
  PhoneNumber: string;
  CompanyName?: string;
  StateOrRegion?: string;
  WebsiteUrl?: string;
}

export type AccountStateName = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface AccountRecord {
  id: string;
  name: string;
  email: string;
  createdAt: number;
  /** Membership in the sandbox's organization; null for a standalone account. */
  org: { parentId: string; state: AccountStateName; joinedMethod: 'CREATED' | 'INVITED'; joinedAt: number } | null;
  /** Organizations tags of the account. */
  tags: Record<string, string>;
  iam: IamAccountState;
  alternateContacts: Partial<Record<AlternateContactTypeName, AlternateContactRecord>>;
  contactInformation: ContactInformationRecord | null;
}

export interface OuRecord {
  id: string;
  name: string;
  parentId: string;
  createdAt: number;
  tags: Record<string, string>;
}

export interface OrgPolicyRecord {
  id: string;
  name: string;
  description: string;
  type: string;
  awsManaged: boolean;
  content: string;
}

export interface OrganizationRecord {
  id: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  createdAt: number;
  root: { id: string; name: string; policyTypes: { Type: string; Status: string }[]; tags: Record<string, string> };
  ous: Record<string, OuRecord>;
  policies: Record<string, OrgPolicyRecord>;
  /** Policy ids attached to each target (root, OU or account id). */
  attachments: Record<string, string[]>;
  /** Trusted access: service principal → time enabled. */
  serviceAccess: Record<string, number>;
  delegatedAdmins: { accountId: string; servicePrincipal: string; enabledAt: number }[];
  /** IAM centralized root access features: RootCredentialsManagement, RootSessions. */
  rootFeatures: string[];
}

export interface PermissionSetRecord {
  arn: string;
  name: string;
  description: string | null;
  sessionDuration: string;
  relayState: string | null;
  createdAt: number;
  /** Bumped on every definition change; provisioned copies carry the version they were made from. */
  version: number;
  managedPolicies: { name: string; arn: string }[];
  customerManagedPolicies: { name: string; path: string }[];
  inlinePolicy: string | null;
  permissionsBoundary: { kind: 'managed'; arn: string } | { kind: 'customer'; name: string; path: string } | null;
  tags: Record<string, string>;
  /** Until when AWS still removes the set's role from an account (knob `variants.deprovisioningMs`). */
  deprovisioningUntil?: number;
}

export interface AssignmentRecord {
  accountId: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
  createdAt: number;
}

export type AsyncKind = 'assignment-create' | 'assignment-delete' | 'provision' | 'instance-update';
export type AsyncStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface AsyncRequestRecord {
  id: string;
  kind: AsyncKind;
  status: AsyncStatus;
  createdAt: number;
  completesAt: number;
  failureReason: string | null;
  /** Decided at start by the `failed` fault knob; natural failures are decided at completion. */
  injectedFailure: boolean;
  permissionSetArn?: string;
  /** Assignment requests. */
  targetId?: string;
  principalType?: 'USER' | 'GROUP';
  principalId?: string;
  /** Provisioning requests. */
  targetType?: 'AWS_ACCOUNT' | 'ALL_PROVISIONED_ACCOUNTS';
  /** Accounts whose permission-set role this request updates (one update per account at a time). */
  roleAccounts: string[];
  /** Instance updates. */
  encryption?: { keyType: string; kmsKeyArn: string | null };
}

export interface IdentityStoreUserRecord {
  UserId: string;
  UserName: string | null;
  /** Every other attribute exactly as the API names it (Name, DisplayName, Emails, ExternalIds, …). */
  attributes: Record<string, unknown>;
  status: 'ENABLED' | 'DISABLED';
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export interface IdentityStoreGroupRecord {
  GroupId: string;
  DisplayName: string | null;
  Description: string | null;
  ExternalIds: { Issuer: string; Id: string }[] | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export interface MembershipRecord {
  MembershipId: string;
  GroupId: string;
  UserId: string;
  createdAt: number;
  createdBy: string;
}

export interface InstanceRecord {
  arn: string;
  identityStoreId: string;
  ownerAccountId: string;
  region: string;
  kind: 'organization' | 'account';
  name: string | null;
  createdAt: number;
  status: 'ACTIVE';
  clientToken: string | null;
  encryption: {
    keyType: 'AWS_OWNED_KMS_KEY' | 'CUSTOMER_MANAGED_KEY';
    kmsKeyArn: string | null;
    status: 'ENABLED' | 'UPDATING' | 'UPDATE_FAILED';
    statusReason: string | null;
  };
  tags: Record<string, string>;
  permissionSets: Record<string, PermissionSetRecord>;
  /** Keyed by `<account>|<permission set arn>|<principal type>|<principal id>`. */
  assignments: Record<string, AssignmentRecord>;
  /** permission set arn → account → provisioned version. */
  provisioned: Record<string, Record<string, number>>;
  requests: Record<string, AsyncRequestRecord>;
  identityStore: {
    users: Record<string, IdentityStoreUserRecord>;
    groups: Record<string, IdentityStoreGroupRecord>;
    memberships: Record<string, MembershipRecord>;
  };
}

/** One call as the sandbox saw it: for permission tests (which actions) and benchmarks (how many). */
export interface CallRecord {
  seq: number;
  /** Sandbox-clock time the call was served (after its latency), epoch ms. */
  time: number;
  service: string;
  operation: string;
  /** The caller's account; null when the access key was unknown. */
  accountId: string | null;
  region: string;
  /** The IAM action the call needs (`sso:ListInstances`). */
  action: string;
  /** `ok`, or the error code returned (`ThrottlingException`, `NoSuchEntity`, …). */
  outcome: string;
  /** True when the call was refused by a rate or concurrency limit or an injected throttle. */
  throttled: boolean;
  requestId: string;
}

export interface SandboxState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** The scenario the state was created from (informational). */
  scenario: string | null;
  knobs: SandboxKnobs;
  rng: { ids: RngState; faults: RngState; timing: RngState };
  credentials: Record<string, CredentialRecord>;
  /** Access key id of the credentials the CLI uses when the environment has none. */
  defaultAccessKeyId: string | null;
  accounts: Record<string, AccountRecord>;
  organization: OrganizationRecord | null;
  instances: Record<string, InstanceRecord>;
  /** Present only with the `recordCallsInState` knob. */
  calls?: CallRecord[];
  /**
   * The newest sandbox-clock instant at which this state changed (epoch ms). A sandbox opened with a
   * clock behind it runs from here on (see clock-floor.ts). Absent in files written before it existed.
   */
  clockHighWater?: number;
}
