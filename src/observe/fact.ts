/**
 * @module What a fact reader is: an id, a scope, the IAM actions it may call (the source of the
 * least-privilege policy), the facts it needs first, and `read(ctx) → Evidence`. Readers throw
 * AWS errors freely; the collector turns them into evidence (denied / error / notApplicable).
 */

import type { AwsScope, RegionProbeResult } from '../aws/index.js';
import type { Host } from '../events/events.js';
import type { Clock } from '../util/clock.js';
import type { AssignmentReadRequest, AssignmentScope } from './assignment-scope.js';
import type { Evidence } from './evidence.js';
import type { AccountFactId, AccountFacts, FactId, OrgFactId, OrgFacts } from './snapshot.js';

export type FactScope = 'organization' | 'account';

/** The value type of a fact id. */
export type FactValue<K extends FactId> = K extends OrgFactId
  ? OrgFacts[K]
  : K extends AccountFactId
    ? AccountFacts[K]
    : never;

export interface FactContext {
  /** AWS in the right credentials: the caller's for organization facts, the account's for account facts. */
  aws: AwsScope;
  /** The account an account-scoped fact is being read in (undefined for organization facts). */
  accountId?: string;
  /** Evidence of a fact listed in `needs` (read before this one). */
  need<K extends OrgFactId>(id: K): Evidence<OrgFacts[K]>;
  /**
   * Evidence of a fact that helps but is not required: awaited when this run reads it anyway,
   * undefined when it does not (no extra calls are made for it).
   */
  optional<K extends OrgFactId>(id: K): Promise<Evidence<OrgFacts[K]> | undefined>;
  /** A read shared by several facts (e.g. the permission-set list), performed once per run. */
  shared<T>(key: string, read: (aws: AwsScope) => Promise<T>): Promise<T>;
  /** sts GetCallerIdentity of the signed-in credentials, called once per session. */
  callerIdentity(): Promise<{ accountId: string; arn: string; userId: string }>;
  /** ListInstances in every Identity Center region (see `AwsSession.probeIdentityCenterRegions`). */
  probeIdentityCenterRegions(): Promise<RegionProbeResult>;
  /** The Identity Center region named by the config or `--region`, when any. */
  identityCenterRegion?: string;
  /** sso-admin calls per second the session allows (for ETA estimates). */
  ssoAdminRate: number;
  clock: Clock;
  host: Host;
  /** Read only these assignments (a plan's footprint); absent: every assignment. */
  assignmentRequest?: AssignmentReadRequest;
  /** Records the scope a scoped assignment read covered (kept in the snapshot). */
  reportAssignmentScope?(scope: AssignmentScope): void;
}

export interface FactReader<K extends FactId = FactId> {
  id: K;
  scope: K extends OrgFactId ? 'organization' : 'account';
  /** Every IAM action `read` may call, in any branch. A test holds readers to it. */
  iamActions: readonly string[];
  /** Organization facts read before this one; their evidence is available through `ctx.need`. */
  needs?: readonly OrgFactId[];
  /** Organization facts used when this run reads them anyway (`ctx.optional`). */
  wants?: readonly OrgFactId[];
  read(ctx: FactContext): Promise<Evidence<FactValue<K>>>;
}

/** Identity helper that checks a reader's shape against its id. */
export function defineFact<K extends FactId>(reader: FactReader<K>): FactReader<K> {
  return reader;
}
