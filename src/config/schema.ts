/**
 * @module The config language, version 1: one zod schema that is the single source of the written
 * config's TypeScript types (`WrittenConfig`), of its validation, of its defaults and of the generated
 * JSON Schema (`schema/gatehouse.schema.json`). Cross-references between sections are checked by
 * `rules.ts`; resolving names to ARNs and filling dependent defaults is `normalize.ts`.
 *
 * Every message here is a phrase about the value at the issue's path (the loader prefixes the path).
 */

import { z } from 'zod';
import { SEVERITIES } from '../model/desired.js';
import { principalNameFormProblem } from '../model/principal-name.js';
import { SESSION_DURATION_FORMAT, sessionDurationProblem } from './duration.js';
import {
  ACCOUNT_ALIAS,
  ACCOUNT_ID,
  CHECK_ID,
  CONTACT_EMAIL,
  CONTACT_PHONE,
  GROUP_NAME,
  IDENTITY_TEXT,
  IDENTITY_TEXT_MAX,
  ISO_DATE,
  KMS_KEY_ARN,
  MAX_TAGS,
  PERMISSION_SET_DESCRIPTION_CHARS,
  PERMISSION_SET_DESCRIPTION_MAX,
  PERMISSION_SET_NAME,
  POLICY_NAME,
  POLICY_PATH,
  POLICY_PATH_MAX,
  PORTAL_URL,
  REGION,
  RELAY_STATE,
  RESERVED_PRINCIPAL_NAMES,
  ROLE_NAME,
  TAG_KEY,
  TAG_VALUE,
  USER_EMAIL,
  USER_EMAIL_MAX,
  USER_NAME,
} from './limits.js';
import { resolveManagedPolicy } from './managed-policy.js';
import { policyDocumentSchema } from './policy-grammar.js';
import { MANAGEMENT_TARGET, parseAccountTarget } from './targets.js';
import { describeCodePoint, mixedScriptProblem } from './unicode.js';

/** The URL users put in the yaml-language-server modeline; also the generated schema's `$id`. */
export const CONFIG_SCHEMA_URL = './node_modules/gatehouse-aws/schema/gatehouse.schema.json';

type Refinement = z.core.$RefinementCtx<string>;

function custom(ctx: Refinement, code: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: { code } });
}

/** Principal names people compare by eye: no mixed look-alike scripts, one Unicode form (the identity rule). */
function refineName(value: string, ctx: Refinement): void {
  const problem = mixedScriptProblem(value);
  if (problem) {
    custom(ctx, 'mixed-script', problem);
    return;
  }
  const form = principalNameFormProblem(value);
  if (form) custom(ctx, 'name-form', form);
}

function refineReservedPrincipal(value: string, ctx: Refinement): void {
  const reserved = RESERVED_PRINCIPAL_NAMES.find((r) => r.toLowerCase() === value.toLowerCase());
  if (reserved) custom(ctx, 'reserved-name', `\`${reserved}\` is reserved by the Identity Store; choose another name`);
}

// ---------------------------------------------------------------------------------------------
// Names and small values

/** One message per bad name: a look-alike letter is named as such rather than as a forbidden character. */
const permissionSetName = z
  .string()
  .superRefine((value, ctx) => {
    const mixed = mixedScriptProblem(value);
    if (mixed) custom(ctx, 'mixed-script', mixed);
    else if (!PERMISSION_SET_NAME.test(value)) {
      custom(
        ctx,
        'invalid-name',
        `\`${value}\` is not a valid permission set name: 1–32 letters, digits or _+=,.@- (no spaces)`,
      );
    }
  })
  .meta({ pattern: PERMISSION_SET_NAME.source });

const groupName = z
  .string()
  .max(IDENTITY_TEXT_MAX)
  .regex(GROUP_NAME, {
    error: 'a group name is letters, digits, punctuation and symbols, with no spaces at either end',
    abort: true,
  })
  .superRefine(refineName)
  .superRefine(refineReservedPrincipal);

const userKey = z
  .string()
  .regex(USER_NAME, {
    error: 'a user key is 1–128 letters, digits, punctuation or symbols, without spaces',
    abort: true,
  })
  .superRefine(refineName);

const userName = z
  .string()
  .regex(USER_NAME, {
    error: 'a user name is 1–128 letters, digits, punctuation or symbols, without spaces',
    abort: true,
  })
  .superRefine(refineName)
  .superRefine(refineReservedPrincipal);

const identityText = (what: string) =>
  z
    .string()
    .min(1, { abort: true })
    .max(IDENTITY_TEXT_MAX, { abort: true })
    .regex(IDENTITY_TEXT, { error: `${what} must not be empty or start or end with spaces`, abort: true });

const accountId = z.string().regex(ACCOUNT_ID, { error: 'an account id is a string of exactly 12 digits' });

const accountAlias = z
  .string()
  .regex(ACCOUNT_ALIAS, {
    error: 'an account alias is 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit',
    abort: true,
  })
  .superRefine((value, ctx) => {
    if (value === MANAGEMENT_TARGET || value === 'all') {
      custom(ctx, 'reserved-name', `\`${value}\` is a built-in target; choose another alias`);
    } else if (ACCOUNT_ID.test(value)) {
      custom(ctx, 'reserved-name', 'an alias must not look like an account id');
    }
  });

const accountTarget = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseAccountTarget(value);
    if (!parsed.ok) custom(ctx, 'invalid-target', parsed.problem);
  })
  .describe(
    'An account target: a 12-digit id (quoted), an account name or alias, `management`, `ou:/Path` (recursive, matched by OU name segments), `ou:ou-xxxx-xxxxxxxx` (an OU by id, for names that contain `/`), `tag:key=value` or `all`.',
  );

const isoDate = z
  .string()
  .regex(ISO_DATE, { error: 'a date is written YYYY-MM-DD', abort: true })
  .superRefine((value, ctx) => {
    if (!isRealDate(value)) custom(ctx, 'invalid-date', `${value} is not a real calendar date`);
  });

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const checkId = z
  .string()
  .regex(CHECK_ID, { error: 'a check id is `area.condition` in kebab-case, e.g. `root.mfa-enabled`' });

const managedPolicyReference = z
  .string()
  .superRefine((value, ctx) => {
    const resolved = resolveManagedPolicy(value);
    if (!resolved.ok) custom(ctx, 'invalid-policy', resolved.problem);
  })
  .describe(
    'An AWS managed policy: a name (`ReadOnlyAccess`), a name with its path (`job-function/ViewOnlyAccess`) or its ARN.',
  );

const customerPolicyReference = z
  .strictObject({
    name: z
      .string()
      .regex(POLICY_NAME, { error: 'a policy name is 1–128 letters, digits or _+=,.@-' })
      .describe('Name of the customer managed policy; it must exist in every account the set is assigned to.'),
    path: z
      .string()
      .max(POLICY_PATH_MAX)
      .regex(POLICY_PATH, { error: 'an IAM path starts and ends with `/`, e.g. `/` or `/team/`' })
      .default('/')
      .describe('IAM path of the policy (default `/`).'),
  })
  .describe('A customer managed policy, referenced by name and path (the same in every account).');

// ---------------------------------------------------------------------------------------------
// Sections

export const rootSchema = z
  .strictObject({
    mfa: z
      .enum(['required', 'hardware'])
      .default('required')
      .describe('MFA on the root user: `required` (any device) or `hardware` (a hardware device; virtual fails).'),
    accessKeys: z
      .literal('forbidden', { error: 'the only setting is `forbidden`: the root user must have no access keys' })
      .default('forbidden')
      .describe('Root access keys: always `forbidden`.'),
    maxDaysSinceLastUse: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Root sign-ins or key use within this many days fail the audit (default 90).'),
    centralizedManagement: z
      .boolean()
      .default(false)
      .describe(
        'Organizations only: manage member-account root credentials centrally (RootCredentialsManagement and RootSessions). Default false.',
      ),
  })
  .describe('The root user of the management (or standalone) account.');

export const organizationSchema = z
  .strictObject({
    featureSet: z
      .literal('ALL', { error: 'the only supported feature set is `ALL`' })
      .default('ALL')
      .describe('The organization feature set: `ALL` (needed for SCPs and centralized root access).'),
    memberAccessRole: z
      .string()
      .regex(ROLE_NAME, { error: 'an IAM role name is 1–64 letters, digits or _+=,.@-' })
      .default('OrganizationAccountAccessRole')
      .describe('Role gatehouse assumes to read member accounts (default OrganizationAccountAccessRole).'),
  })
  .describe('The AWS Organization. Absent: gatehouse does not manage the organization itself.');

const contactSchema = (type: string) =>
  z
    .strictObject({
      name: z.string().min(1).max(64).describe('Full name (1–64 characters).'),
      title: z.string().min(1).max(50).describe('Job title (1–50 characters).'),
      email: z
        .string()
        .max(254)
        .regex(CONTACT_EMAIL, { error: 'is not an email address AWS accepts' })
        .describe('Email address.'),
      phone: z
        .string()
        .regex(CONTACT_PHONE, { error: 'a phone number is 1–25 digits, spaces and ()+-' })
        .describe('Phone number, e.g. "+1 206 555 0100".'),
    })
    .describe(`The ${type} alternate contact of the account.`);

export const contactsSchema = z
  .strictObject({
    security: contactSchema('security').optional(),
    operations: contactSchema('operations').optional(),
    billing: contactSchema('billing').optional(),
  })
  .describe('Alternate contacts AWS writes to about security, operations and billing.');

const encryptionSchema = z
  .union(
    [
      z.literal('aws-owned-key').describe('Encrypt with an AWS owned key (the default).'),
      z
        .strictObject({
          customerManagedKey: z
            .string()
            .regex(KMS_KEY_ARN, { error: 'is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)' })
            .describe('ARN of a KMS key in the Identity Center region.'),
        })
        .describe('Encrypt with your own KMS key.'),
    ],
    { error: 'encryption is `aws-owned-key` or `{ customerManagedKey: arn:aws:kms:… }`' },
  )
  .default('aws-owned-key')
  .describe('How Identity Center encrypts its data at rest.');

export const identityCenterSchema = z
  .strictObject({
    region: z
      .string()
      .regex(REGION, { error: 'is not an AWS region name (e.g. eu-west-1)' })
      .optional()
      .describe('Region of the Identity Center instance (chosen once). Absent: found by probing regions.'),
    instance: z
      .enum(['organization', 'account'])
      .default('organization')
      .describe('`organization` (recommended: owned by the management account) or `account`.'),
    encryption: encryptionSchema,
    requireMfa: z
      .boolean()
      .default(true)
      .describe('Every sign-in requires MFA (console-only setting: audited as manual or attested).'),
    identitySource: z
      .enum(['internal', 'external'])
      .default('internal')
      .describe(
        '`internal`: the Identity Center directory (gatehouse manages users and groups). `external`: an IdP provisions them; users and groups are references.',
      ),
    portalUrl: z
      .string()
      .regex(PORTAL_URL, { error: 'is not an https URL' })
      .optional()
      .describe('Custom access-portal URL (default https://<identity store id>.awsapps.com/start).'),
  })
  .describe('IAM Identity Center.');

const inlinePolicyFile = z
  .strictObject({
    file: z
      .string()
      .min(1)
      .regex(/\.json$/i, { error: 'the policy file must be a .json file' })
      .describe('Path of a JSON policy file, relative to this config file.'),
  })
  .describe('An inline policy read from a JSON file.');

const permissionsBoundarySchema = z
  .union(
    [
      z.strictObject({ policy: managedPolicyReference }).describe('An AWS managed policy as the boundary.'),
      z
        .strictObject({ customerPolicy: customerPolicyReference })
        .describe('A customer managed policy as the boundary.'),
    ],
    { error: 'a permissions boundary is `{ policy: NAME }` or `{ customerPolicy: { name: NAME, path: / } }`' },
  )
  .describe('The permissions boundary of the roles this set creates.');

export const permissionSetSchema = z
  .strictObject({
    description: z
      .string()
      .min(1)
      .max(PERMISSION_SET_DESCRIPTION_MAX)
      .superRefine((value, ctx) => {
        const bad = Array.from(value).find((char) => !PERMISSION_SET_DESCRIPTION_CHARS.test(char));
        if (bad !== undefined) {
          custom(
            ctx,
            'invalid-format',
            `contains ${describeCodePoint(bad.codePointAt(0)!)} \`${bad}\`; AWS accepts only printable ASCII and Latin-1 letters in descriptions`,
          );
        }
      })
      .meta({ pattern: PERMISSION_SET_DESCRIPTION_CHARS.source })
      .optional()
      .describe('Description shown in the access portal (1–700 printable ASCII/Latin-1 characters).'),
    sessionDuration: z
      .string({
        error: (issue) =>
          typeof issue.input === 'number'
            ? `write the duration as an ISO-8601 string, e.g. PT${issue.input}H`
            : undefined,
      })
      .superRefine((value, ctx) => {
        const problem = sessionDurationProblem(value);
        if (problem) custom(ctx, 'invalid-session-duration', problem);
      })
      .default('PT1H')
      .meta({ pattern: SESSION_DURATION_FORMAT.source })
      .describe('How long a session lasts: ISO-8601 from PT1H to PT12H (default PT1H), e.g. PT4H or PT1H30M.'),
    relayState: z
      .string()
      .regex(RELAY_STATE, { error: 'a relay state is 1–240 URL characters' })
      .optional()
      .describe('Console URL users land on after sign-in.'),
    policies: z
      .array(managedPolicyReference)
      .default([])
      .describe('AWS managed policies: names (`AdministratorAccess`), path/name or ARNs.'),
    customerPolicies: z
      .array(customerPolicyReference)
      .default([])
      .describe('Customer managed policies, by name and path; they must exist in each target account.'),
    inlinePolicy: z
      .union([policyDocumentSchema, inlinePolicyFile], {
        error: 'an inline policy is a policy document (Version, Statement) or `{ file: policy.json }`',
      })
      .optional()
      .describe('One inline policy: a policy document, or `{ file: path.json }` relative to this file.'),
    permissionsBoundary: permissionsBoundarySchema.optional(),
    tags: z
      .record(
        z
          .string()
          .regex(TAG_KEY, { error: 'a tag key is 1–128 letters, digits, spaces and _.:/=+-@', abort: true })
          .superRefine((key, ctx) => {
            if (key.toLowerCase().startsWith('aws:'))
              custom(ctx, 'reserved-tag', 'tag keys starting with `aws:` are reserved by AWS');
            if (key === 'managed-by') custom(ctx, 'reserved-tag', '`managed-by` is the tag gatehouse sets itself');
          }),
        z.string().regex(TAG_VALUE, { error: 'a tag value is 0–256 letters, digits, spaces and _.:/=+-@' }),
      )
      .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { error: `at most ${MAX_TAGS} tags` })
      .default({})
      .describe('Tags on the permission set (gatehouse adds `managed-by: gatehouse` itself).'),
    managed: z
      .boolean()
      .default(true)
      .describe('true (default): gatehouse creates and updates it. false: a reference to a set it never changes.'),
    formerNames: z
      .array(permissionSetName)
      .default([])
      .describe('Earlier names of this set: a live set with one of them is replaced by this one (a rename).'),
  })
  .describe('A permission set: the role template assigned to people in accounts.');

export const groupSchema = z
  .strictObject({
    description: identityText('a description').optional().describe('Group description.'),
    members: z.array(userKey).default([]).describe('Members: keys of `users:`.'),
  })
  .describe('A group in the Identity Store.');

export const userSchema = z
  .strictObject({
    userName: userName.optional().describe('Sign-in name (default: the key). Unique in the Identity Store; no spaces.'),
    email: z
      .string()
      .max(USER_EMAIL_MAX)
      .regex(USER_EMAIL, { error: 'is not an email address' })
      .optional()
      .describe(
        'Work email address: the access-portal invitation goes here. Without it the user gets no invitation (and an existing user keeps its email).',
      ),
    givenName: identityText('a given name').describe('First name.'),
    familyName: identityText('a family name').describe('Last name.'),
    displayName: identityText('a display name').optional().describe('Display name (default: "Given Family").'),
  })
  .describe('A person in the Identity Store.');

export const assignmentSchema = z
  .strictObject({
    principal: z
      .string()
      .regex(/^(group|user):\S(.*\S)?$/, {
        error: 'a principal is `group:NAME` or `user:NAME` (a key of `groups:` or `users:`)',
      })
      .describe('Who: `group:NAME` or `user:KEY`.'),
    permissionSet: permissionSetName.describe('Which permission set (a key of `permissionSets:`).'),
    accounts: z
      .array(accountTarget)
      .min(1, { error: 'list at least one account target' })
      .describe('Where: account targets.'),
    exclude: z.array(accountTarget).default([]).describe('Account targets to leave out.'),
  })
  .superRefine((assignment, ctx) => {
    assignment.exclude.forEach((target, index) => {
      if (target === 'all') {
        ctx.addIssue({
          code: 'custom',
          message: '`all` cannot be excluded; remove the rule instead',
          path: ['exclude', index],
          params: { code: 'invalid-target' },
        });
      }
    });
  })
  .describe('Grant a permission set to a group or user in some accounts.');

export const attestationSchema = z
  .strictObject({
    by: z.string().min(1).max(128).describe('Who verified it (a user key or a name).'),
    on: isoDate.describe('When it was verified (YYYY-MM-DD).'),
    note: z.string().max(1000).optional().describe('What was checked, where the evidence is.'),
    expires: isoDate.optional().describe('When the attestation stops counting (default: 180 days after `on`).'),
  })
  .describe('A manual check someone verified by hand.');

export const thresholdsSchema = z
  .strictObject({
    adminSessionHours: z
      .number()
      .min(1)
      .max(12)
      .default(4)
      .describe('Longest session (hours) a set with administrator access may allow (default 4).'),
    maxAdmins: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(3)
      .describe('Most people with administrator access in the management account (default 3).'),
    unusedCredentialDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(45)
      .describe('IAM passwords and keys unused this many days fail (default 45).'),
    accessKeyMaxAgeDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Active access keys older than this many days fail (default 90).'),
    passwordMinLength: z
      .number()
      .int()
      .min(6)
      .max(128)
      .default(14)
      .describe('Minimum IAM password length the password policy must require (default 14).'),
    passwordReusePrevention: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(24)
      .describe('Previous passwords the password policy must prevent reusing (default 24).'),
  })
  .describe('Numbers the audit judges against.');

export const waiverSchema = z
  .strictObject({
    check: checkId.describe('The check id the waiver applies to.'),
    account: accountId.optional().describe('Only findings in this account (a quoted 12-digit id).'),
    resource: z.string().min(1).max(2048).optional().describe('Only findings about this resource.'),
    reason: z.string().min(1).max(1000).describe('Why the finding is accepted (shown in every report).'),
    expires: isoDate.describe('When the waiver stops applying (YYYY-MM-DD); waivers always expire.'),
  })
  .describe('Accept a failing finding for a while, with a reason.');

export const auditSchema = z
  .strictObject({
    severity: z
      .record(checkId, z.enum(SEVERITIES as [string, ...string[]]))
      .default({})
      .describe('Override the severity of checks: check id → critical|high|medium|low|info.'),
    thresholds: thresholdsSchema.prefault({}),
    waivers: z.array(waiverSchema).default([]).describe('Accepted findings, each with a reason and an expiry date.'),
  })
  .describe('How the audit judges: severities, thresholds, waivers.');

const PROFILE_TOKENS = ['{account}', '{accountId}', '{permissionSet}'];

export const profilesSchema = z
  .strictObject({
    namePattern: z
      .string()
      .min(1)
      .max(200)
      .superRefine((pattern, ctx) => {
        const unknown = (pattern.match(/\{[^}]*\}/g) ?? []).filter((t) => !PROFILE_TOKENS.includes(t));
        if (unknown.length > 0) {
          custom(ctx, 'invalid-value', `unknown token ${unknown[0]}; the tokens are ${PROFILE_TOKENS.join(' ')}`);
        }
      })
      .default('{account}-{permissionSet}')
      .describe('Profile name pattern; tokens {account} {accountId} {permissionSet}.'),
    region: z
      .string()
      .regex(REGION, { error: 'is not an AWS region name (e.g. eu-west-1)' })
      .optional()
      .describe('Default region written into each profile (default: the Identity Center region).'),
    sessionName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'a session name is 1–64 letters, digits or ._-' })
      .default('gatehouse')
      .describe('Name of the `[sso-session …]` section (default gatehouse).'),
  })
  .describe('AWS CLI profiles generated by `gatehouse profiles`.');

export const safetySchema = z
  .strictObject({
    maxDestroy: z
      .number()
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be 0 or more' })
      .default(25)
      .describe(
        'Apply refuses a plan that deletes more than this many resources unless run with --allow-destroy (default 25).',
      ),
  })
  .describe('Guards on what one apply may do.');

export const configSchema = z
  .strictObject({
    version: z
      .literal(1, { error: 'must be 1: this gatehouse reads version 1 of the config language' })
      .describe('Config language version: 1.'),
    root: rootSchema.optional(),
    organization: organizationSchema.optional(),
    contacts: contactsSchema.optional(),
    identityCenter: identityCenterSchema.optional(),
    permissionSets: z
      .record(permissionSetName, permissionSetSchema)
      .optional()
      .describe('Permission sets by name (1–32 letters, digits or _+=,.@-).'),
    groups: z.record(groupName, groupSchema).optional().describe('Groups by display name.'),
    users: z.record(userKey, userSchema).optional().describe('People by key (the key is the default user name).'),
    accounts: z
      .record(accountAlias, accountId)
      .optional()
      .describe('Names for account ids: alias → quoted 12-digit id. `management` is built in.'),
    assignments: z.array(assignmentSchema).optional().describe('Who gets which permission set where.'),
    attestations: z
      .record(checkId, attestationSchema)
      .optional()
      .describe('Manual checks verified by hand: check id → who, when.'),
    audit: auditSchema.optional(),
    profiles: profilesSchema.optional(),
    safety: safetySchema.optional(),
  })
  .describe('gatehouse configuration: the Day-1 access baseline of an AWS organization.');

/** The config as a person writes it (optional keys may be left out). */
export type WrittenConfig = z.input<typeof configSchema>;
/** The config after schema validation, with defaults filled in. */
export type ParsedConfig = z.output<typeof configSchema>;
export type ParsedPermissionSet = z.output<typeof permissionSetSchema>;
export type ParsedUser = z.output<typeof userSchema>;
export type ParsedGroup = z.output<typeof groupSchema>;
export type ParsedAssignment = z.output<typeof assignmentSchema>;
export type ParsedAttestation = z.output<typeof attestationSchema>;
export type ParsedAudit = z.output<typeof auditSchema>;
export type ParsedWaiver = z.output<typeof waiverSchema>;

/** Paths whose values are account ids (where an unquoted number is reported). */
export function isAccountIdPath(path: readonly (string | number)[]): boolean {
  const [section, a, b, c] = path;
  if (section === 'accounts') return path.length === 2;
  if (section === 'assignments')
    return path.length === 4 && typeof a === 'number' && (b === 'accounts' || b === 'exclude') && typeof c === 'number';
  if (section === 'audit') return path.length === 4 && a === 'waivers' && typeof b === 'number' && c === 'account';
  return false;
}
