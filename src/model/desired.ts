/**
 * @module The desired model: a loaded, validated and normalised config. Produced by `config/`,
 * consumed by checks (baseline choices, thresholds, attestations, waivers), the diff, access views
 * and profiles. Written by `import` (via the config writer). Plain data; every name is resolved
 * except account targets, which need the live organization and are expanded at plan time.
 */

import type { AlternateContact, AlternateContactType, CustomerManagedPolicyRef } from './types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Where a config element was written, for diagnostics and "which rule resolved to what". */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** One account target of an assignment rule, as written. */
export type AccountTarget =
  | { kind: 'id'; id: string }
  /** An account name, a key of `accounts:`, or the built-in `management`. */
  | { kind: 'name'; name: string }
  /** `ou:/Workloads/Dev`: every account below that OU, recursively. */
  | { kind: 'ou'; path: string }
  /** `ou:ou-ab12-cd34ef56` (or `ou:r-ab12`, the root): an OU by its id, for names a path cannot say unambiguously. */
  | { kind: 'ouId'; id: string }
  /** `tag:env=prod`. */
  | { kind: 'tag'; key: string; value: string }
  | { kind: 'all' };

export interface DesiredPermissionSet {
  name: string;
  description?: string;
  /** Normalised ISO-8601 duration in whole hours or minutes as AWS returns it (`PT4H`, `PT1H30M`). */
  sessionDuration: string;
  relayState?: string;
  /** AWS managed policy ARNs (names in the config resolve to `arn:aws:iam::aws:policy/<name>`), sorted. */
  managedPolicies: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  /** The inline policy as parsed JSON (from the config or the referenced file), or null. */
  inlinePolicy: Record<string, unknown> | null;
  permissionsBoundary: { managedPolicyArn: string } | { customerManagedPolicy: CustomerManagedPolicyRef } | null;
  /** User tags (the ownership tag is added by the diff, not here). */
  tags: Record<string, string>;
  /**
   * false: a reference to a permission set gatehouse does not own (e.g. written by `import`):
   * it is never created, changed, tagged or deleted; differences are reported as drift.
   */
  managed: boolean;
  /** Earlier names: a live set with one of these names is renamed (replaced) into this one. */
  formerNames: string[];
  source?: SourceRef;
}

export interface DesiredUser {
  /** The key in `users:`; what groups, assignments and addresses refer to. */
  key: string;
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  /**
   * Work email (where Identity Center sends the invitation). Optional: without it gatehouse creates the
   * user without one and leaves an existing user's email as it is.
   */
  email?: string;
  source?: SourceRef;
}

export interface DesiredGroup {
  name: string;
  description?: string;
  /** User keys. */
  members: string[];
  source?: SourceRef;
}

export interface DesiredAssignmentRule {
  /** Position in `assignments:` (0-based), for "rule #3 resolved to …". */
  index: number;
  principal: { type: 'group' | 'user'; name: string };
  permissionSet: string;
  targets: AccountTarget[];
  exclude: AccountTarget[];
  source?: SourceRef;
}

export interface Attestation {
  checkId: string;
  by: string;
  /** ISO date (YYYY-MM-DD) the check was verified. */
  on: string;
  note?: string;
  /** ISO date after which the attestation no longer counts; default: `on` + 180 days. */
  expires: string;
}

export interface Waiver {
  checkId: string;
  /** Limit the waiver to one account or one resource; absent = every finding of the check. */
  accountId?: string;
  resource?: string;
  reason: string;
  /** ISO date; required: waivers expire. */
  expires: string;
}

export interface AuditSettings {
  severityOverrides: Record<string, Severity>;
  thresholds: {
    /** identity-center.session-duration: maximum hours for administrator sessions (default 4). */
    adminSessionHours: number;
    /** identity-center.few-admins: maximum people with admin in the management account (default 3). */
    maxAdmins: number;
    /** iam.unused-credentials: days (default 45). */
    unusedCredentialDays: number;
    /** iam.access-key-rotation: days (default 90). */
    accessKeyMaxAgeDays: number;
    /** iam.password-policy (defaults 14 and 24). */
    passwordMinLength: number;
    passwordReusePrevention: number;
  };
  waivers: Waiver[];
}

export interface DesiredState {
  /** The config file it came from (absent for the built-in default baseline). */
  file?: string;
  /** sha256 of the normalised model (not of the file text: comments and order do not matter). */
  hash: string;
  root: {
    mfa: 'required' | 'hardware';
    accessKeys: 'forbidden';
    maxDaysSinceLastUse: number;
    centralizedManagement: boolean;
  };
  /** Absent: gatehouse does not manage the organization's existence. */
  organization?: {
    featureSet: 'ALL';
    /** Role assumed to enter member accounts (default OrganizationAccountAccessRole). */
    memberAccessRole: string;
  };
  contacts: Partial<Record<AlternateContactType, AlternateContact>>;
  identityCenter: {
    /** Absent: found by probing regions. */
    region?: string;
    instance: 'organization' | 'account';
    encryption: { keyType: 'AWS_OWNED_KMS_KEY' } | { keyType: 'CUSTOMER_MANAGED_KEY'; kmsKeyArn: string };
    requireMfa: boolean;
    identitySource: 'internal' | 'external';
    /** Custom access-portal URL; default https://<identity store id>.awsapps.com/start. */
    portalUrl?: string;
  };
  permissionSets: DesiredPermissionSet[];
  users: DesiredUser[];
  groups: DesiredGroup[];
  /** Account aliases from `accounts:` (alias → 12-digit id). */
  accountAliases: Record<string, string>;
  assignments: DesiredAssignmentRule[];
  attestations: Attestation[];
  audit: AuditSettings;
  profiles: {
    /** Tokens: {account} {accountId} {permissionSet}; sanitised to [A-Za-z0-9._-]. */
    namePattern: string;
    /** Default region written into each profile (default: the Identity Center region). */
    region?: string;
    sessionName: string;
  };
  /** Written `safety:` settings; absent means the defaults (see `maxDestroyOf`). */
  safety?: { maxDestroy: number };
}

/** How many deletions one apply may make without `--allow-destroy` when the config does not say. */
export const DEFAULT_MAX_DESTROY = 25;

/** The config's `safety.maxDestroy`, or the default. */
export function maxDestroyOf(desired: Pick<DesiredState, 'safety'>): number {
  return desired.safety?.maxDestroy ?? DEFAULT_MAX_DESTROY;
}

/** The tag gatehouse puts on permission sets it manages. */
export const MANAGED_TAG_KEY = 'managed-by';
export const MANAGED_TAG_VALUE = 'gatehouse';

/** The AWS managed policy that makes a permission set "administrator" for checks and the lockout guard. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
