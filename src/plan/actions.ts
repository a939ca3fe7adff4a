/**
 * @module The plan's vocabulary: the closed union of actions (what apply executes), manual steps
 * (what only a person in the console can do), drift, rule resolutions, the summary, the estimate and
 * the plan document that holds them. Plain JSON data; the zod schema in `schema.ts` mirrors these
 * types exactly (a compile-time check keeps them in step) and generates `schema/plan.schema.json`.
 *
 * Conventions every action follows (Terraform's `plans.Change` rules):
 * - `before` is null for `create`; `after` is null for `delete`; `replace` has both (old → new).
 * - Things that exist at plan time carry their live id/ARN; things created by an earlier action of
 *   the same apply carry `null` there and are resolved by name at apply time (the executor keeps a
 *   name → id map of what it created).
 * - `reason` explains the choice to a person. It is for humans only: apply must never branch on it.
 * - `dependsOn` lists action ids that must have finished (and, for asynchronous work, reached
 *   SUCCEEDED) before this one starts. `actions` in a plan document are already in a valid order.
 */

import type { Diagnostic } from '../errors.js';
import type { SourceRef } from '../model/desired.js';
import type {
  AlternateContact,
  AlternateContactType,
  CustomerManagedPolicyRef,
  KeyType,
  PermissionsBoundary,
} from '../model/types.js';

/** The plan file format name and version written into every plan document. */
export const PLAN_FORMAT = 'gatehouse-plan';
export const PLAN_FORMAT_VERSION = 1;

export type Risk = 'broadening' | 'destructive' | 'neutral';
export const RISKS: readonly Risk[] = ['broadening', 'destructive', 'neutral'];

export type ActionKind = 'create' | 'update' | 'replace' | 'delete' | 'provision';
export const ACTION_KINDS: readonly ActionKind[] = ['create', 'update', 'replace', 'delete', 'provision'];

export type ActionType =
  | 'organization'
  | 'service-access'
  | 'root-feature'
  | 'alternate-contact'
  | 'instance-encryption'
  | 'permission-set'
  | 'permission-set-provision'
  | 'user'
  | 'group'
  | 'membership'
  | 'assignment';
export const ACTION_TYPES: readonly ActionType[] = [
  'organization',
  'service-access',
  'root-feature',
  'alternate-contact',
  'instance-encryption',
  'permission-set',
  'permission-set-provision',
  'user',
  'group',
  'membership',
  'assignment',
];

/**
 * Why an action was chosen. For humans only — apply must never use it to decide anything.
 * - `missing`: the config asks for it and AWS does not have it → create.
 * - `changed`: it exists but differs from the config → update.
 * - `adopt`: a live permission set with a config name but without the `managed-by=gatehouse` tag;
 *   the update adds the tag (and any other differences) → update.
 * - `renamed`: the config renamed a permission set (`formerNames`) → replace, and its assignments
 *   are created on the new set.
 * - `replaced`: the old permission set of a rename and its assignments → delete.
 * - `not-in-config`: something gatehouse manages that the config no longer names → delete.
 * - `prune`: something gatehouse does not manage, deleted because of `--prune` → delete.
 * - `permission-set-deleted`: an assignment removed because its permission set is deleted.
 * - `definition-changed`: re-provision after this plan changes a permission set.
 * - `outdated`: re-provision because AWS reports accounts with an out-of-date copy.
 */
export type ReasonCode =
  | 'missing'
  | 'changed'
  | 'adopt'
  | 'renamed'
  | 'replaced'
  | 'not-in-config'
  | 'prune'
  | 'permission-set-deleted'
  | 'definition-changed'
  | 'outdated';
export const REASON_CODES: readonly ReasonCode[] = [
  'missing',
  'changed',
  'adopt',
  'renamed',
  'replaced',
  'not-in-config',
  'prune',
  'permission-set-deleted',
  'definition-changed',
  'outdated',
];

/** For humans only (see `ReasonCode`). */
export interface Reason {
  code: ReasonCode;
  message: string;
}

/** Fields every action has. */
interface ActionBase<T extends ActionType, K extends ActionKind> {
  /** Stable id: `<address>#<kind>`. Unique in a plan; what `dependsOn`, `blockedBy` and manual steps refer to. */
  id: string;
  type: T;
  kind: K;
  /** Canonical address (`formatAddress`), e.g. `assignment/Admin/group:Founders/111122223333`. */
  address: string;
  reason: Reason;
  risk: Risk;
  /** Ids of actions that must be finished (asynchronous ones: SUCCEEDED) before this one starts. */
  dependsOn: string[];
  /** Ids of manual steps (`manualSteps[].id`) that must be done first, directly or through a dependency. */
  blockedBy: string[];
  /** False when `blockedBy` is not empty: apply skips it and reports it as waiting for a manual step. */
  applyable: boolean;
}

// ---------------------------------------------------------------- organization and root

/** CreateOrganization(FeatureSet=ALL) in the caller's account (which becomes the management account). */
export interface OrganizationCreate extends ActionBase<'organization', 'create'> {
  before: null;
  after: { featureSet: 'ALL' };
}

/** organizations EnableAWSServiceAccess(ServicePrincipal) — trusted access, needed for centralized root access. */
export interface ServiceAccessCreate extends ActionBase<'service-access', 'create'> {
  servicePrincipal: string;
  before: null;
  after: { servicePrincipal: string };
}

export type RootFeature = 'RootCredentialsManagement' | 'RootSessions';

/** iam EnableOrganizationsRootCredentialsManagement / EnableOrganizationsRootSessions. */
export interface RootFeatureCreate extends ActionBase<'root-feature', 'create'> {
  feature: RootFeature;
  before: null;
  after: { feature: RootFeature };
}

/**
 * account PutAlternateContact. `accountId` is the account whose contact is set; apply omits
 * `AccountId` in the request when it is the caller's own account (AWS requires that).
 */
export interface AlternateContactPut extends ActionBase<'alternate-contact', 'create' | 'update'> {
  contactType: AlternateContactType;
  accountId: string;
  before: AlternateContact | null;
  after: AlternateContact;
}

export interface InstanceEncryption {
  keyType: KeyType;
  /** Set for CUSTOMER_MANAGED_KEY, null otherwise. */
  kmsKeyArn: string | null;
}

/**
 * sso-admin UpdateInstance(EncryptionConfiguration) on `plan.identityCenter.instanceArn`; asynchronous:
 * poll DescribeInstance until EncryptionConfigurationDetails.EncryptionStatus is ENABLED (or UPDATE_FAILED).
 */
export interface InstanceEncryptionUpdate extends ActionBase<'instance-encryption', 'update'> {
  before: InstanceEncryption;
  after: InstanceEncryption;
}

// ---------------------------------------------------------------- permission sets

/** A permission set by name; `arn` is null when an earlier action of the same apply creates it. */
export interface PermissionSetRef {
  name: string;
  arn: string | null;
}

/** Every attribute gatehouse manages on a permission set, in one comparable shape. */
export interface PermissionSetAttributes {
  name: string;
  /** null: none. The API cannot clear a description, so a config without one keeps the live one. */
  description: string | null;
  /** ISO-8601 duration as AWS returns it (`PT4H`). */
  sessionDuration: string;
  /** null: none (UpdatePermissionSet without RelayState clears it). */
  relayState: string | null;
  /** AWS managed policy ARNs, sorted. */
  managedPolicies: string[];
  /** Sorted by path, then name. */
  customerManagedPolicies: CustomerManagedPolicyRef[];
  /** Canonical compact JSON (`canonical.ts`: sorted keys, Action/Resource as sorted lists), or null. */
  inlinePolicy: string | null;
  permissionsBoundary: PermissionsBoundary | null;
  /** All tags, including `managed-by=gatehouse` on sets gatehouse manages. */
  tags: Record<string, string>;
}

export type PermissionSetAttribute = Exclude<keyof PermissionSetAttributes, 'name'>;
export const PERMISSION_SET_ATTRIBUTES: readonly PermissionSetAttribute[] = [
  'description',
  'sessionDuration',
  'relayState',
  'managedPolicies',
  'customerManagedPolicies',
  'inlinePolicy',
  'permissionsBoundary',
  'tags',
];

/**
 * CreatePermissionSet(Name, Description, SessionDuration, RelayState, Tags), then one call per
 * attached managed policy, customer managed policy, the inline policy and the boundary. No
 * provisioning: CreateAccountAssignment provisions the set to each account it is assigned in.
 */
export interface PermissionSetCreate extends ActionBase<'permission-set', 'create'> {
  permissionSet: PermissionSetRef & { arn: null };
  before: null;
  after: PermissionSetAttributes;
}

/**
 * One action for every difference on one permission set; apply derives the API calls from
 * `before`/`after` (`changes` names the attributes that differ): UpdatePermissionSet (always send
 * description, session duration and relay state), Attach/Detach managed and customer managed
 * policies, Put/Delete inline policy and boundary, TagResource/UntagResource. Re-provisioning is a
 * separate `permission-set-provision` action.
 */
export interface PermissionSetUpdate extends ActionBase<'permission-set', 'update'> {
  permissionSet: PermissionSetRef & { arn: string };
  changes: PermissionSetAttribute[];
  before: PermissionSetAttributes;
  after: PermissionSetAttributes;
}

/**
 * A rename (`formerNames`): create the new set from `after` exactly like `create`. The assignments
 * move through separate actions (create on the new set, then delete on the old one) and the old set
 * is deleted by a separate `delete` action with reason `replaced` — so access never has a gap.
 * The address is the new name; `before` is the old set.
 */
export interface PermissionSetReplace extends ActionBase<'permission-set', 'replace'> {
  permissionSet: PermissionSetRef & { arn: null };
  replaces: PermissionSetRef & { arn: string };
  before: PermissionSetAttributes;
  after: PermissionSetAttributes;
}

/** DeletePermissionSet. Runs after every deletion of its assignments has SUCCEEDED (`dependsOn`). */
export interface PermissionSetDelete extends ActionBase<'permission-set', 'delete'> {
  permissionSet: PermissionSetRef & { arn: string };
  before: PermissionSetAttributes;
  after: null;
}

export interface ProvisioningView {
  /** Accounts where the permission set is provisioned. */
  accounts: string[];
  /** Of those, the accounts whose copy is older than the definition. */
  outdated: string[];
}

/**
 * ProvisionPermissionSet, asynchronous (poll until SUCCEEDED). `target`:
 * - `ALL_PROVISIONED_ACCOUNTS`: one call without TargetId (`accountIds` lists the accounts it reaches);
 * - `AWS_ACCOUNT`: one call per id in `accountIds`, each with TargetId.
 * Only accounts where the set is provisioned are targeted; accounts that get a first assignment are
 * provisioned by CreateAccountAssignment itself.
 */
export interface PermissionSetProvision extends ActionBase<'permission-set-provision', 'provision'> {
  permissionSet: PermissionSetRef & { arn: string };
  target: 'ALL_PROVISIONED_ACCOUNTS' | 'AWS_ACCOUNT';
  accountIds: string[];
  before: ProvisioningView;
  after: ProvisioningView;
}

// ---------------------------------------------------------------- Identity Store

export interface UserAttributes {
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
}
export type UserAttribute = Exclude<keyof UserAttributes, 'userName'>;

/** A user by user name; `id` is null when an earlier action of the same apply creates it. */
export interface UserRef {
  userName: string;
  id: string | null;
}

/** identitystore CreateUser / UpdateUser (AttributeOperations for `changes`) / DeleteUser. */
export type UserAction =
  | (ActionBase<'user', 'create'> & { user: UserRef & { id: null }; before: null; after: UserAttributes })
  | (ActionBase<'user', 'update'> & {
      user: UserRef & { id: string };
      changes: UserAttribute[];
      before: UserAttributes;
      after: UserAttributes;
    })
  | (ActionBase<'user', 'delete'> & { user: UserRef & { id: string }; before: UserAttributes; after: null });

export interface GroupAttributes {
  displayName: string;
  description: string | null;
}

/** A group by display name; `id` is null when an earlier action of the same apply creates it. */
export interface GroupRef {
  name: string;
  id: string | null;
}

/** identitystore CreateGroup / UpdateGroup (description) / DeleteGroup. */
export type GroupAction =
  | (ActionBase<'group', 'create'> & { group: GroupRef & { id: null }; before: null; after: GroupAttributes })
  | (ActionBase<'group', 'update'> & {
      group: GroupRef & { id: string };
      before: GroupAttributes;
      after: GroupAttributes;
    })
  | (ActionBase<'group', 'delete'> & { group: GroupRef & { id: string }; before: GroupAttributes; after: null });

export interface MembershipView {
  group: string;
  userName: string;
}

/** identitystore CreateGroupMembership / DeleteGroupMembership(MembershipId). */
export type MembershipAction =
  | (ActionBase<'membership', 'create'> & { group: GroupRef; user: UserRef; before: null; after: MembershipView })
  | (ActionBase<'membership', 'delete'> & {
      membershipId: string;
      group: GroupRef & { id: string };
      user: UserRef & { id: string };
      before: MembershipView;
      after: null;
    });

// ---------------------------------------------------------------- assignments

/** A principal by name (`name` is the user name or the group display name); `id` null = created by this apply. */
export interface PrincipalRef {
  type: 'user' | 'group';
  name: string;
  id: string | null;
}

export interface AssignmentView {
  permissionSet: string;
  /** `group:Founders` or `user:ismail`. */
  principal: string;
  accountId: string;
}

/**
 * sso-admin CreateAccountAssignment / DeleteAccountAssignment (TargetType AWS_ACCOUNT), asynchronous:
 * poll until SUCCEEDED. At most 15 outstanding; actions are ordered round-robin across accounts.
 */
export type AssignmentAction =
  | (ActionBase<'assignment', 'create'> & {
      permissionSet: PermissionSetRef;
      principal: PrincipalRef;
      accountId: string;
      before: null;
      after: AssignmentView;
    })
  | (ActionBase<'assignment', 'delete'> & {
      permissionSet: PermissionSetRef & { arn: string };
      principal: PrincipalRef & { id: string };
      accountId: string;
      before: AssignmentView;
      after: null;
    });

/** Every action a plan can hold: a closed union discriminated on `type`, then `kind`. */
export type PlanAction =
  | OrganizationCreate
  | ServiceAccessCreate
  | RootFeatureCreate
  | AlternateContactPut
  | InstanceEncryptionUpdate
  | PermissionSetCreate
  | PermissionSetUpdate
  | PermissionSetReplace
  | PermissionSetDelete
  | PermissionSetProvision
  | UserAction
  | GroupAction
  | MembershipAction
  | AssignmentAction;

/** An action before ordering has filled in `dependsOn`, `blockedBy` and `applyable`. */
export type DraftAction = PlanAction extends infer A
  ? A extends PlanAction
    ? Omit<A, 'dependsOn' | 'blockedBy' | 'applyable'>
    : never
  : never;

// ---------------------------------------------------------------- manual steps, drift, resolution

export type ManualStepId =
  | 'enable-organization-instance'
  | 'enable-account-instance'
  | 'replace-account-instance'
  | 'enable-all-features'
  | 'enable-root-mfa'
  | 'replace-root-virtual-mfa'
  | 'delete-root-access-keys'
  | 'disable-iam-user-console-access';
export const MANUAL_STEP_IDS: readonly ManualStepId[] = [
  'enable-organization-instance',
  'enable-account-instance',
  'replace-account-instance',
  'enable-all-features',
  'enable-root-mfa',
  'replace-root-virtual-mfa',
  'delete-root-access-keys',
  'disable-iam-user-console-access',
];

/** Something only a person can do (AWS has no API for it, or only the root user may do it). */
export interface ManualStep {
  id: ManualStepId;
  /** `manual/<id>`. */
  address: string;
  title: string;
  /** Why it is needed. */
  why: string;
  /** Exact console steps, in order. */
  consoleSteps: string[];
  /** The resources (ARNs) the step acts on, when it acts on named ones (e.g. IAM users); as the audit names them. */
  resources?: string[];
  /** Action ids that cannot run until this is done (they are `applyable: false`). */
  blocks: string[];
  /** Action ids that must be applied before this step can be done (e.g. creating the organization). */
  after: string[];
  /** How to confirm it is done. */
  verify: string;
}

/**
 * A difference gatehouse reports but does not change:
 * - `unmanaged`: exists in AWS, not named by the config, not managed by gatehouse (`--prune` deletes it);
 * - `reference-differs`: a `managed: false` permission set differs from its config entry;
 * - `reference-outdated`: a permission set gatehouse does not manage has accounts with an old copy;
 * - `orphan-assignment`: an assignment whose principal or permission set no longer exists.
 */
export type DriftCode = 'unmanaged' | 'reference-differs' | 'reference-outdated' | 'orphan-assignment';
export const DRIFT_CODES: readonly DriftCode[] = [
  'unmanaged',
  'reference-differs',
  'reference-outdated',
  'orphan-assignment',
];

export interface DriftItem {
  code: DriftCode;
  address: string;
  message: string;
}

export interface SkippedAccount {
  id: string;
  /** `suspended`, `pending closure`, `closed`, `pending activation`, `management account`, `excluded`. */
  why: string;
}

/** What one assignment rule resolved to at plan time. */
export interface RuleResolution {
  /** The rule's 0-based index in `assignments:` (rendered as #index+1). */
  rule: number;
  /** As written: `group:Engineers`. */
  principal: string;
  permissionSet: string;
  /** Targets and excludes as written (`ou:/Workloads`, `tag:env=prod`, `dev`, `all`, …). */
  targets: string[];
  exclude: string[];
  /** Account ids the rule assigns, sorted. */
  accounts: string[];
  /** Accounts a pattern matched but that were left out, and why. */
  skipped: SkippedAccount[];
  source?: SourceRef;
}

export interface PlanSummary {
  /** Creates and replaces (a replace creates the new set). */
  add: number;
  change: number;
  /** Deletes (the old set of a replace is its own delete). */
  destroy: number;
  provision: number;
  manual: number;
  /** Actions waiting for a manual step. */
  blocked: number;
  broadening: number;
  destructive: number;
}

export interface PlanEstimate {
  /** Every API call apply is expected to make, including status polls. */
  apiCalls: number;
  /** Expected wall-clock seconds, from AWS's published limits and `assumptions`. */
  seconds: number;
  byService: Record<string, number>;
  assumptions: {
    /** Assumed time for one asynchronous request (assignment, provisioning, encryption) to finish. */
    completionSeconds: number;
    ssoAdminCallsPerSecond: number;
    identityStoreCallsPerSecond: number;
    organizationsCallsPerSecond: number;
    maxOutstandingAssignmentOperations: number;
    maxConcurrentProvisioning: number;
    /** How often apply polls the status of asynchronous requests. */
    pollSeconds: number;
  };
}

export interface PlanDocument {
  format: typeof PLAN_FORMAT;
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** When the plan was made (ISO-8601). */
  createdAt: string;
  /** `DesiredState.hash` of the config the plan was made from. */
  configHash: string;
  configFile: string | null;
  /** When the observed facts were read. */
  observedAt: string;
  /** sha256 over the canonical form of exactly the facts the diff used (no timestamps). */
  observedFingerprint: string;
  /** Who made the plan (sts GetCallerIdentity). Apply refuses a plan made for another account. */
  caller: { accountId: string; arn: string };
  /** null: the account is not in an organization (yet). */
  organizationId: string | null;
  /** The organization's management account, or the caller's account when there is no organization. */
  managementAccountId: string;
  /** The Identity Center instance the actions target; null when it does not exist yet. */
  identityCenter: { instanceArn: string; identityStoreId: string; region: string } | null;
  options: { prune: boolean };
  /** In execution order (dependencies first, assignments round-robin across accounts). */
  actions: PlanAction[];
  manualSteps: ManualStep[];
  resolution: RuleResolution[];
  drift: DriftItem[];
  warnings: Diagnostic[];
  /** Names of the accounts the plan mentions (id → name), for display. */
  accountNames: Record<string, string>;
  summary: PlanSummary;
  estimate: PlanEstimate;
}

/** A plan document as written to disk: with a checksum over its canonical body. */
export interface PlanFile extends PlanDocument {
  /** `sha256:<hex>` of the canonical JSON of every other field. */
  checksum: string;
  /** `hmac-sha256:<hex>` over the same body, when the plan was made with GATEHOUSE_PLAN_KEY set. */
  signature?: string;
}

/** `<address>#<kind>`: the id of an action. */
export function actionId(address: string, kind: ActionKind): string {
  return `${address}#${kind}`;
}
