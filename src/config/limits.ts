/**
 * @module Limits and patterns of the config language: AWS's own field rules (reference aws-api.md §3)
 * and gatehouse's bounds on the input file. One place, so schema, rules and docs agree.
 */

/** Bounds on the config file itself: anything beyond these is refused quickly with one clear line. */
export const FILE_LIMITS = {
  /**
   * Bytes. A large organization's config is usually well under 1 MB, but `import` of an organization
   * whose assignments do not compress (1,000 accounts, 5,000 users, 20,000 assignments) writes ~2 MB,
   * which loads in a few seconds; 8 MB leaves room for four times that.
   */
  maxConfigBytes: 8 * 1024 * 1024,
  /**
   * Lines and flow values before parsing. The YAML parser takes seconds per megabyte of very dense
   * input (`- x` lines, runs of quotes); counting first keeps every refusal fast.
   */
  maxItems: 500_000,
  /** Bytes of a referenced inline policy file (AWS accepts at most 32,768 characters anyway). */
  maxPolicyFileBytes: 256 * 1024,
  /** Nesting of maps and lists. A real config is at most ~10 deep (inline policy conditions). */
  maxDepth: 64,
  /** Values produced by expanding aliases (`*anchor`): stops alias bombs long before memory suffers. */
  maxAliasValues: 100_000,
  /** Aliases (`*anchor`) expanded in one file. */
  maxAliases: 1_000,
} as const;

/** sso-admin permission set name: 1..32 of letters, digits and `_+=,.@-` (§3.1). */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
/** Permission set description: 1..700 of TAB, LF, CR, 0x20–0x7E, 0xA1–0xFF (§3.1). */
export const PERMISSION_SET_DESCRIPTION_CHARS = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$/;
export const PERMISSION_SET_DESCRIPTION_MAX = 700;
/** RelayState: 1..240 (§3.1). */
export const RELAY_STATE = /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]{1,240}$/;
/** IAM policy name (AWS managed or customer managed): 1..128 of `[\w+=,.@-]`. */
export const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** IAM path: starts and ends with `/` (§3.1). */
export const POLICY_PATH = /^(\/[A-Za-z0-9.,+@=_-]+)*\/$/;
export const POLICY_PATH_MAX = 512;
/** AWS managed policy ARN: `arn:<partition>:iam::aws:policy[/path]/<name>` (§3.1 ManagedPolicyArn). */
export const AWS_MANAGED_POLICY_ARN =
  /^arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy(\/[A-Za-z0-9.,+@=_-]+)*\/[\w+=,.@-]{1,128}$/;
/** A customer managed policy ARN, which sso-admin refuses as a managed policy. */
export const CUSTOMER_POLICY_ARN =
  /^arn:aws(-[a-z]{1,5}){0,3}:iam::(\d{12}):policy((?:\/[A-Za-z0-9.,+@=_-]+)*\/)([\w+=,.@-]{1,128})$/;
/** Managed plus customer managed policies per permission set (quota, §3.4). */
export const MAX_POLICIES_PER_PERMISSION_SET = 20;
/** IAM's default managed policies per role in each account; above it provisioning fails unless raised. */
export const IAM_DEFAULT_POLICIES_PER_ROLE = 10;
/** Inline policy: 32,768 characters, of which at most 10,240 non-whitespace (§3.1, §3.4). */
export const INLINE_POLICY_MAX_CHARS = 32_768;
export const INLINE_POLICY_MAX_NON_WHITESPACE = 10_240;

/** Tags: key 1..128, value 0..256 of letters, spaces, digits and `_.:/=+-@` (§3.1). */
export const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
export const MAX_TAGS = 50;

/** Identity Store UserName: 1..128 letters, marks, symbols, digits, punctuation; no whitespace (§3.2). */
export const USER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
/** Identity Store display names and other text attributes (§3.2), without leading/trailing spaces here. */
export const IDENTITY_TEXT =
  /^[\p{L}\p{M}\p{S}\p{N}\p{P}](?:[\p{L}\p{M}\p{S}\p{N}\p{P}\t \u00a0\u3000]*[\p{L}\p{M}\p{S}\p{N}\p{P}])?$/u;
export const IDENTITY_TEXT_MAX = 1024;
/** Group display name: like IDENTITY_TEXT without the ideographic space (§3.2). */
export const GROUP_NAME =
  /^[\p{L}\p{M}\p{S}\p{N}\p{P}](?:[\p{L}\p{M}\p{S}\p{N}\p{P} \u00a0]*[\p{L}\p{M}\p{S}\p{N}\p{P}])?$/u;
/** Names the Identity Store reserves for users and groups (§3.2), compared case-insensitively. */
export const RESERVED_PRINCIPAL_NAMES = ['Administrator', 'AWSAdministrators'] as const;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** Alias keys under `accounts:`: no spaces, no `:` (reserved for `ou:` and `tag:`). */
export const ACCOUNT_ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Organizations account names: 1..50 printable ASCII (names used as targets resolve at plan time). */
export const ACCOUNT_NAME = /^[\u0020-\u007e]{1,50}$/;

/** IAM role name (the role gatehouse assumes in member accounts). */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** AWS region name, e.g. eu-west-1, us-gov-west-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** KMS key ARN (customer managed key for Identity Center encryption). */
export const KMS_KEY_ARN =
  /^arn:aws(-[a-z]{1,5}){0,3}:kms:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):\d{12}:key\/[A-Za-z0-9-]{1,128}$/;
/** Access-portal URL: https, the default awsapps.com form or a custom one. */
export const PORTAL_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/;

/** Account alternate contacts (Account API §2.6). */
export const CONTACT_EMAIL = /^[\w+=.#|!&-]+@[\w.-]+\.\w+$/;
export const CONTACT_PHONE = /^[\s0-9()+-]{1,25}$/;

/** Check ids: `<area>.<condition>` in kebab-case (DESIGN §3). */
export const CHECK_ID = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;
/** A calendar date, YYYY-MM-DD (validated further as a real date). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A simple email address check for Identity Store users. */
export const USER_EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
export const USER_EMAIL_MAX = 254;

/** Session duration bounds (§3.1): PT1H..PT12H, in minutes. */
export const SESSION_MINUTES_MIN = 60;
export const SESSION_MINUTES_MAX = 12 * 60;

/** How long an attestation counts when it names no expiry. */
export const ATTESTATION_DEFAULT_DAYS = 180;

/** Organizations OU and root ids (the API's patterns): `ou:` targets may name an OU by id. */
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;

/** The one key a config cannot hold: JavaScript objects give `__proto__` a meaning of its own. */
export const RESERVED_KEY = '__proto__';
export const RESERVED_KEY_MESSAGE =
  'the key `__proto__` cannot be used in a gatehouse config (JavaScript gives it a special meaning): a user, group or permission set with that name must stay outside the config';
