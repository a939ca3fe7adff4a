/**
 * @module The allowance table of the differential suite: every known way moto 5.2.1 answers
 * differently from the sandbox (which follows AWS), each named, described and justified. The same
 * ids are listed in src/sandbox/README.md ("Known differences from moto"). A `rewrite` allowance
 * reconciles a representation difference in every answer before comparison; a `matches` allowance
 * explains individual differences. Anything no allowance explains fails the suite, and an
 * allowance that explains nothing in a full run is stale and fails it too.
 */

import { type Difference, diff } from './normalize.js';
import type { Service } from './sides.js';
import type { Answered, CallStep } from './steps.js';

/** A difference with the step that found it and both complete answers. */
export interface Finding extends Difference {
  step: string;
  service: Service;
  op: string;
  answers: { sandbox: unknown; moto: unknown };
}

export interface Allowance {
  id: string;
  /** What moto does, against what AWS (and the sandbox) does. */
  difference: string;
  /** Why the suite accepts it. */
  why: string;
  /** Representation differences: both answers of a step, reconciled (null: nothing to do). */
  rewrite?: (
    step: CallStep,
    answers: { sandbox: unknown; moto: unknown },
  ) => { sandbox: unknown; moto: unknown } | null;
  /** Behaviour differences: whether this allowance explains one difference. */
  matches?: (finding: Finding) => boolean;
}

/** Operations gatehouse calls that moto 5.2.1 does not implement (all exercised by the suite). */
export const MOTO_MISSING_OPERATIONS: readonly string[] = [
  'sso-admin:DescribeInstance',
  'sso-admin:CreateInstance',
  'sso-admin:ListTagsForResource',
  'sso-admin:TagResource',
  'sso-admin:UntagResource',
  'sso-admin:GetPermissionsBoundaryForPermissionSet',
  'sso-admin:PutPermissionsBoundaryToPermissionSet',
  'sso-admin:DeletePermissionsBoundaryFromPermissionSet',
  'sso-admin:DescribePermissionSetProvisioningStatus',
  'sso-admin:ListPermissionSetProvisioningStatus',
  'sso-admin:ListAccountAssignmentCreationStatus',
  'sso-admin:ListAccountAssignmentDeletionStatus',
  'identitystore:UpdateUser',
  'identitystore:UpdateGroup',
  'identitystore:DescribeGroupMembership',
  'identitystore:GetGroupMembershipId',
  'identitystore:IsMemberInGroups',
  'iam:ListOrganizationsFeatures',
  'iam:EnableOrganizationsRootCredentialsManagement',
  'iam:EnableOrganizationsRootSessions',
  'account:GetContactInformation',
];

const JSON_SERVICES = new Set<Service>(['sso-admin', 'identitystore', 'organizations', 'account']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function errorOf(answer: unknown): { name: string; status: number | null } | null {
  const e = (answer as { error?: { name: string; status: number | null } } | null)?.error;
  return e ?? null;
}

/** moto's answer to an operation it lacks: an HTML page the SDK cannot parse (no AWS error code). */
function isHtmlError(answer: unknown): boolean {
  const e = errorOf(answer);
  return e !== null && (e.name === 'SyntaxError' || e.name === 'Error') && (e.status === 500 || e.status === 404);
}

function okOf(answer: unknown): unknown {
  return (answer as { ok?: unknown } | null)?.ok;
}

/** `value` with `fn` applied to every object (bottom-up); `fn` returns the replacement. */
function mapObjects(value: unknown, fn: (o: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => mapObjects(v, fn));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapObjects(v, fn);
    return fn(out);
  }
  return value;
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return value;
}

function without(keys: readonly string[]) {
  return (o: Record<string, unknown>) => {
    const out = { ...o };
    for (const k of keys) delete out[k];
    return out;
  };
}

/** A rewrite of the sandbox's answers of one service: dropping members moto never returns. */
function dropSandboxMembers(service: Service, keys: readonly string[]): NonNullable<Allowance['rewrite']> {
  return (step, answers) => {
    if (step.service !== service) return null;
    const sandbox = mapObjects(answers.sandbox, without(keys));
    return same(sandbox, answers.sandbox) ? null : { sandbox, moto: answers.moto };
  };
}

const ASYNC_STARTS = new Set(['CreateAccountAssignment', 'DeleteAccountAssignment', 'ProvisionPermissionSet']);
const IDENTITY_STORE_AUDIT_MEMBERS = ['CreatedAt', 'CreatedBy', 'UpdatedAt', 'UpdatedBy', 'UserStatus'] as const;

export const ALLOWANCES: readonly Allowance[] = [
  {
    id: 'moto-missing-operation',
    difference: `moto answers HTTP 500 (404 for Account's REST routes) with an HTML page for ${MOTO_MISSING_OPERATIONS.length} operations gatehouse calls`,
    why: 'moto 5.2.1 does not implement them; the contract tests that need some run moto with the launcher shims',
    matches: (f) => MOTO_MISSING_OPERATIONS.includes(`${f.service}:${f.op}`) && isHtmlError(f.answers.moto),
  },
  {
    id: 'moto-error-status-400',
    difference:
      'moto answers client errors of the JSON services with HTTP 400 where the models (and the sandbox) use 404 or 409',
    why: "the error code, which callers branch on, is the same; only the status differs (moto's JsonRESTError default)",
    matches: (f) =>
      JSON_SERVICES.has(f.service) &&
      f.path === 'error.status' &&
      f.moto === 400 &&
      (f.sandbox === 404 || f.sandbox === 409),
  },
  {
    id: 'moto-instant-async',
    difference:
      'moto finishes assignments, their deletion and provisioning inside the call (SUCCEEDED); AWS answers IN_PROGRESS',
    why: 'the sandbox completes that work between steps, so later reads compare the same state; IN_PROGRESS handling is tested against the sandbox',
    matches: (f) =>
      ASYNC_STARTS.has(f.op) && f.path.endsWith('.Status') && f.sandbox === 'IN_PROGRESS' && f.moto === 'SUCCEEDED',
  },
  {
    id: 'moto-permission-set-arn-format',
    difference:
      'moto writes permission-set ARNs as arn:aws:sso:::instance/ssoins-…/ps-…; AWS as arn:aws:sso:::permissionSet/ssoins-…/ps-…',
    why: 'gatehouse treats the ARN as opaque; every other part of the ARN is still compared',
    rewrite: (step, answers) => {
      if (step.service !== 'sso-admin') return null;
      const moto = mapStrings(answers.moto, (s) =>
        s.replace(/arn:aws:sso:::instance\/([^/"]+)\/(ps-|<ps:)/g, 'arn:aws:sso:::permissionSet/$1/$2'),
      );
      return same(moto, answers.moto) ? null : { sandbox: answers.sandbox, moto };
    },
  },
  {
    id: 'moto-session-duration-number',
    difference: 'moto returns an omitted SessionDuration as the number 3600; AWS returns "PT1H"',
    why: 'AWS always returns the ISO string; gatehouse always sends SessionDuration, so sets it creates never show the number',
    matches: (f) => f.path.endsWith('.SessionDuration') && f.sandbox === 'PT1H' && f.moto === 3600,
  },
  {
    id: 'moto-identitystore-no-audit-fields',
    difference:
      'moto returns no CreatedAt, CreatedBy, UpdatedAt, UpdatedBy or UserStatus for users, groups and memberships',
    why: 'newer members moto does not model; gatehouse does not rely on them',
    rewrite: dropSandboxMembers('identitystore', IDENTITY_STORE_AUDIT_MEMBERS),
  },
  {
    id: 'moto-empty-external-ids',
    difference: 'moto returns ExternalIds: [] for a group created without external ids; AWS omits the member',
    why: 'an empty list and an absent one mean the same to gatehouse',
    matches: (f) =>
      f.service === 'identitystore' && f.path.endsWith('.ExternalIds') && f.sandbox === undefined && same(f.moto, []),
  },
  {
    id: 'moto-organizations-no-paths',
    difference: "moto returns no Path for OUs and no Paths for accounts (AWS's newer members)",
    why: 'gatehouse builds OU paths from ListParents/ListOrganizationalUnitsForParent, which moto answers',
    rewrite: dropSandboxMembers('organizations', ['Path', 'Paths']),
  },
  {
    id: 'moto-new-org-policy-types',
    difference:
      "moto's new organization reports AvailablePolicyTypes [SERVICE_CONTROL_POLICY ENABLED] (its root has none); a new AWS organization has none enabled",
    why: 'gatehouse does not manage policy types',
    matches: (f) =>
      (f.op === 'CreateOrganization' || f.op === 'DescribeOrganization') &&
      f.path === 'ok.Organization.AvailablePolicyTypes' &&
      same(f.sandbox, []),
  },
  {
    id: 'moto-trusted-service-list',
    difference:
      "moto refuses EnableAWSServiceAccess for iam.amazonaws.com (InvalidInputException): it is not in moto's list of trusted services",
    why: 'centralized root access needs it on AWS; moto cannot model that feature at all',
    matches: (f) =>
      f.op === 'EnableAWSServiceAccess' &&
      f.path === '' &&
      same(f.sandbox, { ok: {} }) &&
      errorOf(f.answers.moto)?.name === 'InvalidInputException',
  },
  {
    id: 'moto-instance-per-region',
    difference:
      'moto creates an Identity Center instance in every region (and account) a call touches; AWS has the one instance that was enabled',
    why: 'gatehouse is given the region (config or --region) in every moto contract test; region probing cannot work against moto',
    matches: (f) =>
      f.op === 'ListInstances' &&
      f.path === 'ok.Instances' &&
      same(f.sandbox, []) &&
      Array.isArray(f.moto) &&
      f.moto.length === 1,
  },
  {
    id: 'moto-any-identity-store',
    difference:
      'moto accepts any IdentityStoreId and treats an unknown one as a new empty store; AWS answers ResourceNotFoundException',
    why: 'gatehouse always takes the store id from ListInstances',
    matches: (f) =>
      f.service === 'identitystore' &&
      f.path === '' &&
      errorOf(f.answers.sandbox)?.name === 'ResourceNotFoundException' &&
      same(f.moto, { ok: { Users: [] } }),
  },
  {
    id: 'moto-default-page-size',
    difference:
      "moto's Identity Store lists hold 100 items when no MaxResults is given; the sandbox's default is 10 (AWS's is undocumented)",
    why: 'gatehouse always sets the page size and pages while a NextToken comes back',
    matches: (f) =>
      f.step === 'list eleven users without a page size' &&
      ((f.path === 'ok.count' && f.sandbox === 10 && f.moto === 11) ||
        (f.path === 'ok.more' && f.sandbox === true && f.moto === false)),
  },
  {
    id: 'moto-ignores-page-size',
    difference: 'moto ignores MaxItems for IAM ListUsers: every user comes in one page with IsTruncated false',
    why: "gatehouse's pagination still ends correctly (no Marker); the sandbox tests multi-page IAM lists",
    matches: (f) => f.service === 'iam' && f.op === 'ListUsers' && f.path === 'ok.pages',
  },
  {
    id: 'moto-no-uniqueness',
    difference:
      'moto accepts a duplicate permission-set name and a duplicate group membership, and stores a repeated account assignment twice; AWS refuses the first two (ConflictException) and keeps one assignment',
    why: 'moto does not enforce uniqueness; gatehouse never relies on AWS refusing a duplicate (it plans from what it reads)',
    matches: (f) =>
      (f.step === 'a duplicate permission set name' &&
        errorOf(f.answers.sandbox)?.name === 'ConflictException' &&
        okOf(f.answers.moto) !== undefined) ||
      (f.step === 'a duplicate membership' &&
        errorOf(f.answers.sandbox)?.name === 'ConflictException' &&
        okOf(f.answers.moto) !== undefined) ||
      (f.step === 'assignments of PowerUser on dev after the repeat' &&
        f.path === 'ok.AccountAssignments' &&
        Array.isArray(f.moto) &&
        f.moto.length === 1 &&
        same(f.sandbox, [])) ||
      (f.step === 'members of Engineers after the duplicate and the deletion' &&
        /\[MembershipId=<uuid>\]$/.test(f.path) &&
        f.sandbox === undefined),
  },
  {
    id: 'moto-no-validation',
    difference:
      'moto accepts a permission-set name outside [\\w+=,.@-]{1,32}, a SessionDuration above PT12H, an unknown InstanceArn and an invalid alternate-contact e-mail address; AWS answers ValidationException or ResourceNotFoundException',
    why: "gatehouse validates names and durations in its config before any call; the sandbox tests AWS's validation",
    matches: (f) =>
      [
        'a permission set name with spaces',
        'a session duration above 12 hours',
        'a permission set in an instance that does not exist',
        'a contact with an invalid e-mail address',
      ].includes(f.step) &&
      f.path === '' &&
      ['ValidationException', 'ResourceNotFoundException'].includes(errorOf(f.answers.sandbox)?.name ?? '') &&
      okOf(f.answers.moto) !== undefined,
  },
  {
    id: 'moto-no-referential-checks',
    difference:
      'moto creates assignments for principals that do not exist and to accounts that lack a referenced customer managed policy (SUCCEEDED), and deletes a permission set that is still assigned; AWS answers ResourceNotFoundException, ends the assignment FAILED, and answers ConflictException',
    why: 'moto links sso-admin to neither identitystore nor IAM; gatehouse orders its work so that AWS accepts it, which the sandbox checks',
    matches: (f) =>
      (f.step === 'an assignment to a principal that does not exist' &&
        errorOf(f.answers.sandbox)?.name === 'ResourceNotFoundException' &&
        okOf(f.answers.moto) !== undefined) ||
      (f.step === 'the assignment to an account without TeamBoundary' &&
        f.path === 'ok.AccountAssignmentCreationStatus.Status' &&
        f.sandbox === 'FAILED' &&
        f.moto === 'SUCCEEDED') ||
      (f.step === 'the assignment to an account without TeamBoundary' &&
        f.path === 'ok.AccountAssignmentCreationStatus.FailureReason' &&
        f.moto === undefined) ||
      (f.step === 'delete PowerUser while it is assigned' &&
        errorOf(f.answers.sandbox)?.name === 'ConflictException' &&
        same(f.answers.moto, { ok: {} })),
  },
  {
    id: 'moto-delete-user-keeps-memberships',
    difference: "moto's DeleteUser keeps the user's group memberships; AWS removes them",
    why: 'gatehouse deletes memberships before users; the sandbox follows AWS',
    matches: (f) =>
      f.step === 'members of Engineers after the duplicate and the deletion' &&
      f.path.endsWith('[MembershipId=<membership:Engineers/bob>]') &&
      f.sandbox === undefined,
  },
  {
    id: 'moto-deletion-request-id',
    difference: "moto's DeleteAccountAssignment reuses the creation's RequestId; AWS gives every request its own",
    why: 'gatehouse polls deletions by the id DeleteAccountAssignment returns, which moto can describe',
    matches: (f) =>
      (f.op === 'DeleteAccountAssignment' || f.op === 'DescribeAccountAssignmentDeletionStatus') &&
      f.path.endsWith('.RequestId') &&
      f.sandbox === '<req:delete-alice>' &&
      f.moto === '<req:create-alice>',
  },
  {
    id: 'moto-forgets-creation-request',
    difference:
      "once an assignment is deleted, moto's DescribeAccountAssignmentCreationStatus no longer finds its creation request",
    why: 'gatehouse describes a creation only while it polls it',
    matches: (f) =>
      f.step === 'the creation request after the deletion' &&
      okOf(f.answers.sandbox) !== undefined &&
      errorOf(f.answers.moto)?.name === 'ResourceNotFoundException',
  },
  {
    id: 'moto-provisioning-not-tracked',
    difference:
      "moto provisions only through ProvisionPermissionSet, always to the caller's account, and ignores AccountId when listing; AWS provisions a set to every account an assignment names",
    why: 'gatehouse reads provisioning to find stale accounts; against moto that reading is meaningless, the sandbox tests it',
    matches: (f) =>
      (f.op === 'ListAccountsForProvisionedPermissionSet' && f.path === 'ok.AccountIds') ||
      (f.op === 'ListPermissionSetsProvisionedToAccount' && f.path.startsWith('ok.PermissionSets')),
  },
  {
    id: 'moto-managed-policy-paths',
    difference:
      'moto ignores the path of AWS managed policies: it refuses arn:aws:iam::aws:policy/job-function/ViewOnlyAccess (ResourceNotFoundException) and accepts arn:aws:iam::aws:policy/ViewOnlyAccess, the reverse of AWS',
    why: 'moto 5.2.1 reads the policy path under the wrong key; the moto contract tests use policies whose path is /',
    matches: (f) =>
      f.step === 'a job-function policy by its ARN' &&
      same(f.answers.sandbox, { ok: {} }) &&
      errorOf(f.answers.moto)?.name === 'ResourceNotFoundException',
  },
  {
    id: 'sandbox-any-managed-policy',
    difference:
      "moto knows AWS's managed policies and refuses an unknown ARN (ResourceNotFoundException); the sandbox has no catalogue and accepts any well-formed ARN (its README, Assumed 24)",
    why: 'a documented gap of the sandbox, not of moto; gatehouse resolves policy names from its own list',
    matches: (f) =>
      f.step === 'an AWS managed policy that does not exist' &&
      same(f.answers.sandbox, { ok: {} }) &&
      errorOf(f.answers.moto)?.name === 'ResourceNotFoundException',
  },
  {
    id: 'moto-no-root-user',
    difference:
      'moto models no root user: AccountMFAEnabled and AccountAccessKeysPresent are always 0, AccountPasswordPresent is missing, root MFA devices do not exist (MFADevices, ListVirtualMFADevices) and the credential report has no <root_account> row',
    why: "gatehouse's root checks must then say error/skipped, never pass (test/moto/audit.test.ts asserts it)",
    matches: (f) =>
      (f.op === 'GetAccountSummary' &&
        ((['ok.SummaryMap.AccountMFAEnabled', 'ok.SummaryMap.AccountAccessKeysPresent'].includes(f.path) &&
          f.sandbox === 1 &&
          f.moto === 0) ||
          (f.path === 'ok.SummaryMap.AccountPasswordPresent' && f.moto === undefined) ||
          (['ok.SummaryMap.MFADevices', 'ok.SummaryMap.MFADevicesInUse'].includes(f.path) &&
            typeof f.sandbox === 'number' &&
            f.sandbox === (f.moto as number) + 1))) ||
      (f.op === 'ListVirtualMFADevices' && f.path.includes(':mfa/root-account-mfa-device]') && f.moto === undefined) ||
      (f.op === 'GetCredentialReport' && f.path === 'ok.rows.<root_account>' && f.moto === undefined),
  },
  {
    id: 'moto-credential-report-values',
    difference:
      "moto's credential report writes not_supported where AWS writes N/A (access-key last use of an unused key, password_last_used without a password) or a date (password_next_rotation under a rotating password policy), gives users without a password a password_last_changed date, and GenerateCredentialReport returns no Description",
    why: 'gatehouse treats N/A, not_supported and no_information alike as "no date"; the sandbox follows the IAM user guide',
    matches: (f) => {
      if (f.op === 'GenerateCredentialReport') return f.path === 'ok.Description' && f.moto === undefined;
      if (f.op !== 'GetCredentialReport') return false;
      const column = /^ok\.rows\.[^.]+\.(.+)$/.exec(f.path)?.[1] ?? '';
      if (f.moto === 'not_supported') {
        return (
          /^access_key_[12]_last_used_(region|service)$/.test(column) ||
          column === 'password_last_used' ||
          column === 'password_next_rotation'
        );
      }
      return column === 'password_last_changed' && f.sandbox === 'N/A' && f.moto === '<time>';
    },
  },
  {
    id: 'moto-mfa-seed-listed',
    difference:
      "moto's ListVirtualMFADevices returns each device's Base32StringSeed and QRCodePNG; AWS returns them only from CreateVirtualMFADevice",
    why: 'gatehouse reads neither',
    matches: (f) =>
      f.op === 'ListVirtualMFADevices' &&
      (f.path.endsWith('.Base32StringSeed') || f.path.endsWith('.QRCodePNG')) &&
      f.sandbox === undefined,
  },
  {
    id: 'moto-iam-caller-lookup',
    difference:
      'moto answers ListMFADevices and ListAccessKeys without UserName from a role session with NoSuchEntity (it looks the caller up by access key); AWS answers ValidationError',
    why: 'gatehouse always names the user',
    matches: (f) =>
      (f.op === 'ListMFADevices' || f.op === 'ListAccessKeys') &&
      ((f.path === 'error.name' && f.sandbox === 'ValidationError' && f.moto === 'NoSuchEntityException') ||
        (f.path === 'error.status' && f.sandbox === 400 && f.moto === 404)),
  },
  {
    id: 'moto-omits-is-truncated',
    difference: 'moto omits IsTruncated from ListAccessKeys and ListAccountAliases; AWS always sends it',
    why: 'an absent IsTruncated reads as false, as the sandbox sends it',
    matches: (f) => f.service === 'iam' && f.path === 'ok.IsTruncated' && f.sandbox === false && f.moto === undefined,
  },
  {
    id: 'moto-password-policy-hard-expiry',
    difference:
      'moto returns HardExpiry: false in a password policy that never set it; the sandbox returns only the members that were set',
    why: 'false and absent mean the same to gatehouse',
    matches: (f) =>
      f.op === 'GetAccountPasswordPolicy' &&
      f.path === 'ok.PasswordPolicy.HardExpiry' &&
      f.sandbox === undefined &&
      f.moto === false,
  },
  {
    id: 'moto-member-account-lists',
    difference:
      'moto answers ListAccounts from a member account with an empty list; AWS allows it only to the management account or a delegated administrator (AccessDeniedException)',
    why: 'gatehouse reads the organization from the management account; the sandbox tests the refusal',
    matches: (f) =>
      f.op === 'ListAccounts' &&
      f.path === '' &&
      errorOf(f.answers.sandbox)?.name === 'AccessDeniedException' &&
      same(f.answers.moto, { ok: { Accounts: [] } }),
  },
  {
    id: 'moto-packed-policy-size',
    difference:
      "moto's AssumeRole always returns PackedPolicySize; AWS only when the request carries a session policy or tags",
    why: 'gatehouse reads only the credentials',
    matches: (f) => f.op === 'AssumeRole' && f.path === 'ok.PackedPolicySize' && f.sandbox === undefined,
  },
  {
    id: 'moto-assume-role-unchecked',
    difference:
      'moto lets AssumeRole assume a role that does not exist and ask for longer than the role allows; AWS answers AccessDenied and ValidationError',
    why: "gatehouse's member-account access is tested against the sandbox; moto has no member-account roles to check",
    matches: (f) =>
      f.op === 'AssumeRole' &&
      f.path === '' &&
      ['AccessDenied', 'ValidationError'].includes(errorOf(f.answers.sandbox)?.name ?? '') &&
      okOf(f.answers.moto) !== undefined,
  },
];

/** Why a finding is allowed: the allowance (and, for missing operations, which one), or null. */
export function explain(finding: Finding): string | null {
  const allowance = ALLOWANCES.find((a) => a.matches?.(finding));
  if (!allowance) return null;
  return allowance.id === 'moto-missing-operation' ? `${allowance.id}:${finding.service}:${finding.op}` : allowance.id;
}

/** Every key that a full run must use at least once: each allowance, and each missing operation. */
export function allowanceKeys(): string[] {
  return [
    ...ALLOWANCES.filter((a) => a.id !== 'moto-missing-operation').map((a) => a.id),
    ...MOTO_MISSING_OPERATIONS.map((op) => `moto-missing-operation:${op}`),
  ];
}

/** Compares both answers of each step after the rewrites; returns what no allowance explains, and what was used. */
export function judge(answered: readonly Answered[], used: Set<string>): Finding[] {
  const unexplained: Finding[] = [];
  for (const { step, sandbox, moto } of answered) {
    let answers = { sandbox, moto };
    for (const allowance of ALLOWANCES) {
      const rewritten = allowance.rewrite?.(step, answers);
      if (rewritten) {
        used.add(allowance.id);
        answers = rewritten;
      }
    }
    for (const d of diff(answers.sandbox, answers.moto)) {
      const finding: Finding = { ...d, step: step.name, service: step.service, op: step.op, answers };
      const key = explain(finding);
      if (key) used.add(key);
      else unexplained.push(finding);
    }
  }
  return unexplained;
}
