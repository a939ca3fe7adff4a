/**
 * @module defineCheck: the shape of one audit check (metadata + the facts it reads + a pure `evaluate`)
 * and the small vocabulary checks use to state findings. Checks never call AWS and never print.
 */

import type { DesiredState, Severity } from '../model/desired.js';
import type { AccountId } from '../model/types.js';
import type { Evidence } from '../observe/evidence.js';
import type { AccountFactId, AccountFacts, FactId, OrgFactId, OrgFacts, Snapshot } from '../observe/snapshot.js';

/**
 * What a finding says (DESIGN §3, checks.md "Status words"):
 * - `pass` / `fail`: the good condition holds / does not hold for the resource;
 * - `error`: gatehouse could not judge (evidence missing, denied, inconsistent, or the check threw): fail closed;
 * - `skipped`: not applicable here, with the reason;
 * - `manual`: AWS has no API for it; the reason carries the console path;
 * - `attested`: manual, and the config records who verified it and when (set by the runner only).
 */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped' | 'manual' | 'attested';
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'error', 'skipped', 'manual', 'attested'];

/** `organization`: evaluated once per run. `account`: evaluated once per account present in `snapshot.accounts`. */
export type CheckScope = 'organization' | 'account';

/** The areas of the catalogue, in catalogue order; a check id starts with its area. */
export const CHECK_AREAS = ['root', 'account', 'organization', 'identity-center', 'iam'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

/** The value type of a fact id, org-scoped or per account. */
export type FactValue<K extends FactId> = K extends OrgFactId
  ? OrgFacts[K]
  : K extends AccountFactId
    ? AccountFacts[K]
    : never;

/** What the orchestrator passes for `identity-center.matches-config`: the diff's result. */
export interface PlanSummary {
  actionCount: number;
  /** Addresses of the pending actions (`permission-set/Admin`, …), in plan order. */
  addresses: string[];
}

/** One judgement about one resource, as `evaluate` returns it. `attested` is never returned by a check. */
export interface Finding {
  status: Exclude<CheckStatus, 'attested'>;
  /** What was judged, human-readable and stable: an ARN, an address (`permission-set/Admin`) or `account/<id>`. */
  resource: string;
  /** The account the finding is about; the runner fills it in for account-scoped checks. */
  accountId?: AccountId;
  /** One sentence for a human: what was found (Prowler's status_extended, Steampipe's reason). */
  reason: string;
}

/**
 * Stands for "the day you verify it" in remediation snippets (an attestation's `on:`): a fixed date
 * there would already be expired for a reader months later. Reports put the run's date in its place
 * (`remediationOn`); the docs and `explain` show the placeholder.
 */
export const VERIFIED_ON = 'YYYY-MM-DD';

/** The remediation with the run's day in place of VERIFIED_ON. */
export function remediationOn(remediation: Remediation, day: string): Remediation {
  const config = remediation.config?.replaceAll(VERIFIED_ON, day);
  return { ...remediation, ...(config !== undefined ? { config } : {}) };
}

export interface Remediation {
  /** Console steps with the exact console path (`IAM console → Account settings → Password policy → Edit`). */
  console: string;
  /** The gatehouse.yaml change that makes `gatehouse apply` fix it, as a YAML snippet. */
  config?: string;
  /** Shell commands (AWS CLI or gatehouse) that fix it. */
  cli?: string;
}

export interface CheckReferences {
  /**
   * CIS AWS Foundations Benchmark ids: `1.5` is the v3.0 / v4.0.1 numbering (identical for these
   * controls); `v7.0:2.5` is the v7.0 numbering. Validated against `frameworks.ts`.
   */
  cis?: string[];
  /** Prowler check ids (`iam_root_mfa_enabled`). */
  prowler?: string[];
  /** AWS Security Hub Foundational Security Best Practices control ids (`IAM.4`). */
  fsbp?: string[];
  /** AWS documentation pages (https URLs). */
  docs?: string[];
}

/** Raises the default severity when the config asks for more (e.g. `root.mfa: hardware`). */
export interface SeverityEscalation {
  severity: Severity;
  when(desired: DesiredState): boolean;
  /** For docs: "high when the config sets `root.mfa: hardware`". */
  description: string;
}

/**
 * What `evaluate` receives. `R` are the required facts (the runner guarantees they are `ok`, except
 * the ones named in `handlesNotApplicable`, which may also be `notApplicable`); `O` are facts read
 * when available. Reading an undeclared fact is a type error.
 */
export interface CheckInput<R extends FactId = FactId, O extends FactId = FactId> {
  snapshot: Snapshot;
  desired: DesiredState;
  /** The run's time, ISO-8601; `nowMs` is the same instant in epoch milliseconds. */
  now: string;
  nowMs: number;
  /** The account being judged (account-scoped checks only). */
  accountId?: AccountId;
  /** The diff's result, for `identity-center.matches-config`; absent when no plan was computed. */
  plan?: Evidence<PlanSummary>;
  /** The value of a required fact; throws (→ `error` finding) when it is not `ok`. */
  fact<K extends R>(id: K): FactValue<K>;
  /** The raw evidence of a declared fact, for checks that decide on `notApplicable` themselves. */
  evidence<K extends R | O>(id: K): Evidence<FactValue<K>> | undefined;
  /** The value of an optional fact when it was read successfully, else undefined. */
  optional<K extends O>(id: K): FactValue<K> | undefined;
}

export interface CheckDefinition<R extends FactId, O extends FactId> {
  /** `<area>.<condition>` in kebab-case; equals the file path `src/checks/<area>/<condition>.ts`. */
  id: string;
  /** The GOOD condition, as a statement ("The root user has MFA"), ≤ 150 characters, never "Ensure …". */
  title: string;
  /** Default severity; the config may override it (`audit.severity`). */
  severity: Severity;
  severityWhen?: SeverityEscalation;
  /** The risk when the condition does not hold, ≤ ~400 characters. */
  rationale: string;
  /** How gatehouse decides, when that needs saying (edge cases, definitions). Rendered in the docs. */
  notes?: string;
  remediation: Remediation;
  references: CheckReferences;
  /** Facts it cannot judge without: absent/denied/error → `error`; notApplicable → `skipped`. */
  requires: readonly R[];
  /** Facts it reads when available (their absence never blocks the check). */
  alsoReads?: readonly O[];
  /** Required facts whose `notApplicable` the check interprets itself (e.g. "not in an organization" is a FAIL). */
  handlesNotApplicable?: readonly R[];
  scope: CheckScope;
  /** AWS offers no API: findings are `manual` (or `attested`); `consolePath` is where to verify it. */
  manual?: { consolePath: string };
  /**
   * Findings are about the account's root user: the runner skips member accounts whose root
   * credentials were removed centrally (see run.ts), and reads the facts that rule needs.
   */
  rootUser?: boolean;
  evaluate(input: CheckInput<R, O>): Finding[];
}

/** A check as the catalogue, the runner and the docs see it. */
export interface Check {
  readonly id: string;
  readonly area: CheckArea;
  readonly title: string;
  readonly severity: Severity;
  readonly severityWhen?: SeverityEscalation;
  readonly rationale: string;
  readonly notes?: string;
  readonly remediation: Remediation;
  readonly references: CheckReferences;
  readonly requires: readonly FactId[];
  readonly alsoReads: readonly FactId[];
  readonly handlesNotApplicable: readonly FactId[];
  readonly scope: CheckScope;
  readonly manual?: { consolePath: string };
  readonly rootUser: boolean;
  evaluate(input: CheckInput): Finding[];
}

/** Facts the runner's centralized-root rule reads for `rootUser` checks. */
export const ROOT_USER_RULE_FACTS: readonly FactId[] = [
  'organizations.organization',
  'iam.organizations-features',
  'iam.account-summary',
  'iam.credential-report',
];

/**
 * Declares a check. Pure data plus a pure function; the catalogue lint test enforces the style rules.
 *
 * @example
 * export const rootMfaEnabled = defineCheck({
 *   id: 'root.mfa-enabled', title: 'The root user has MFA', severity: 'critical', scope: 'account',
 *   requires: ['iam.account-summary'], …,
 *   evaluate: (input) => [input.fact('iam.account-summary').AccountMFAEnabled === 1 ? pass(…) : fail(…)],
 * });
 */
export function defineCheck<const R extends FactId = never, const O extends FactId = never>(
  definition: CheckDefinition<R, O>,
): Check {
  const area = definition.id.split('.')[0] as CheckArea;
  const alsoReads: FactId[] = [...(definition.alsoReads ?? [])];
  if (definition.rootUser) {
    for (const id of ROOT_USER_RULE_FACTS) {
      if (!alsoReads.includes(id) && !(definition.requires as readonly FactId[]).includes(id)) alsoReads.push(id);
    }
  }
  const check: Check = {
    id: definition.id,
    area,
    title: definition.title,
    severity: definition.severity,
    ...(definition.severityWhen ? { severityWhen: definition.severityWhen } : {}),
    rationale: definition.rationale,
    ...(definition.notes ? { notes: definition.notes } : {}),
    remediation: definition.remediation,
    references: definition.references,
    requires: definition.requires,
    alsoReads,
    handlesNotApplicable: definition.handlesNotApplicable ?? [],
    scope: definition.scope,
    ...(definition.manual ? { manual: definition.manual } : {}),
    rootUser: definition.rootUser === true,
    // The input the runner builds serves every fact id; narrowing it to R/O is a compile-time guard only.
    evaluate: definition.evaluate as (input: CheckInput) => Finding[],
  };
  return Object.freeze(check);
}

/**
 * Thrown by a check (or a helper) when the evidence is present but contradicts itself or lacks
 * something the check needs, e.g. a credential report without a `<root_account>` row. The runner
 * turns it into an `error` finding whose reason is the message.
 */
export class EvidenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceError';
  }
}

export const pass = (resource: string, reason: string): Finding => ({ status: 'pass', resource, reason });
export const fail = (resource: string, reason: string): Finding => ({ status: 'fail', resource, reason });
export const skipped = (resource: string, reason: string): Finding => ({ status: 'skipped', resource, reason });
export const manual = (resource: string, reason: string): Finding => ({ status: 'manual', resource, reason });
export const errored = (resource: string, reason: string): Finding => ({ status: 'error', resource, reason });

/** The same finding, about a given account. */
export function inAccount(finding: Finding, accountId: AccountId | undefined): Finding {
  return accountId === undefined ? finding : { ...finding, accountId };
}

/** The resource name for an account as a whole (`account/111122223333`). */
export function accountResource(accountId: AccountId | undefined): string {
  return `account/${accountId ?? 'unknown'}`;
}
