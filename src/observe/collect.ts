/**
 * @module The collector: reads exactly the requested facts (and what they need), each once,
 * concurrently within the session's rate limits, for the caller's account and any member accounts
 * in scope, and returns them as a Snapshot. A fact that cannot be read becomes denied / error /
 * notApplicable evidence and the run goes on; only credential problems (and an unreachable AWS)
 * stop it, as an `AwsAccessError` (exit 3).
 */

import { setMaxListeners } from 'node:events';
import {
  AwsCallError,
  type AwsScope,
  type AwsSession,
  type CallOptions,
  DEFAULT_MEMBER_ROLE,
  type ItemsKey,
  iamAction,
  isFatalKind,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type PageInput,
  type PageItem,
  type PaginatedOperation,
  type RegionProbeResult,
  type ServiceName,
  sameErrorName,
} from '../aws/index.js';
import { UsageError } from '../errors.js';
import type { Host } from '../events/events.js';
import type { AssignmentReadRequest, AssignmentScope } from './assignment-scope.js';
import { denied, type Evidence, failed, notApplicable } from './evidence.js';
import type { FactContext, FactReader, FactValue } from './fact.js';
import { FACT_READERS, isAccountFact, isOrgFact, withNeeds } from './facts/index.js';
import { mapLimit } from './read-helpers.js';
import {
  type AccountEvidence,
  type AccountFactId,
  emptySnapshot,
  type FactId,
  type OrgFactId,
  type OrgFacts,
  type Snapshot,
} from './snapshot.js';

/** One AWS call made on behalf of a fact (for permission tests and debugging). */
export interface FactCall {
  factId: FactId;
  /** The account an account fact was read in; undefined for organization facts. */
  accountId?: string;
  service: ServiceName;
  operation: string;
  action: string;
}

export interface CollectOptions {
  session: AwsSession;
  facts: readonly FactId[];
  /**
   * Where account facts are read: `caller` (default) the signed-in account; `all` also every ACTIVE
   * account of the organization; a list: the caller's and these accounts.
   */
  accounts?: 'caller' | 'all' | readonly string[];
  /** Role assumed in member accounts (default OrganizationAccountAccessRole). */
  memberAccessRole?: string;
  /**
   * The Identity Center region from the config. `--region` (the session's `configuredRegion`)
   * overrides it; with neither, every region is probed.
   */
  identityCenterRegion?: string;
  host: Host;
  /** Told about every call a fact reader makes (a list counts once, not per page). */
  onCall?: (call: FactCall) => void;
  /** Member accounts read at once (default 8). */
  accountConcurrency?: number;
  /**
   * Read only these account assignments (a plan's footprint; see `assignment-scope.ts`). The
   * snapshot's `readScope` then says what was covered. Absent: every assignment (audit, import).
   */
  assignmentRequest?: AssignmentReadRequest;
}

type Recorder = (service: ServiceName, operation: string) => void;

/**
 * The AwsScope readers get: reports each call to `record` before making it, and attaches the run's
 * abort signal so that a run stopped by a credential failure stops its other reads too.
 */
class ReaderScope implements AwsScope {
  readonly principal: string;
  private readonly inner: AwsScope;
  private readonly record: Recorder;
  private readonly signal: AbortSignal;
  constructor(inner: AwsScope, record: Recorder, signal: AbortSignal) {
    this.inner = inner;
    this.principal = inner.principal;
    this.record = record;
    this.signal = signal;
  }
  private options(options: CallOptions | undefined): CallOptions {
    return { signal: this.signal, ...options };
  }
  call<S extends ServiceName, O extends OperationName<S>>(
    service: S,
    operation: O,
    input: OperationInput<S, O>,
    options?: CallOptions,
  ): Promise<OperationOutput<S, O>> {
    this.record(service, operation);
    return this.inner.call(service, operation, input, this.options(options));
  }
  paginate<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options?: CallOptions,
  ): AsyncIterable<PageItem<S, O, K>> {
    this.record(service, operation);
    return this.inner.paginate(service, operation, input, itemsKey, this.options(options));
  }
  list<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options?: CallOptions,
  ): Promise<PageItem<S, O, K>[]> {
    this.record(service, operation);
    return this.inner.list(service, operation, input, itemsKey, this.options(options));
  }
}

const NOT_IN_ORGANIZATION = 'the account is not a member of an organization';

/**
 * Evidence for an error a reader threw. Credential failures (and, in the caller's own
 * credentials, an unreachable AWS) are rethrown: no other fact could be read either.
 */
function evidenceFromError(error: unknown, factId: FactId, principal: string): Evidence<never> {
  if (error instanceof AwsCallError) {
    if (isFatalKind(error.kind) || (error.kind === 'network' && principal === 'base')) throw error;
    if (error.kind === 'access-denied') return denied(error.action, error.message);
    if (sameErrorName(error.awsCode, 'AWSOrganizationsNotInUseException')) return notApplicable(NOT_IN_ORGANIZATION);
    return failed(error.kind, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failed('internal', `reading ${factId} failed unexpectedly: ${message}`);
}

/** Reads facts into a snapshot. See `CollectOptions`. */
export async function collect(options: CollectOptions): Promise<Snapshot> {
  const { session, host } = options;
  const requested = [...new Set(options.facts)];
  for (const id of requested) {
    if (!Object.hasOwn(FACT_READERS, id)) throw new TypeError(`unknown fact id ${id}`);
  }
  const accountFactIds = requested.filter(isAccountFact);
  const accountsMode = options.accounts ?? 'caller';
  if (Array.isArray(accountsMode)) {
    // Snapshot keys are account ids; anything else would make a snapshot that cannot be loaded.
    const bad = accountsMode.find((id) => !/^\d{12}$/.test(id));
    if (bad !== undefined) throw new UsageError(`accounts must be 12-digit account ids, not "${bad}"`);
  }
  const orgWanted: OrgFactId[] = requested.filter(isOrgFact);
  if (accountFactIds.length > 0 && accountsMode === 'all') orgWanted.push('organizations.tree');
  const orgIds = withNeeds(orgWanted) as OrgFactId[];
  const orgSet = new Set<FactId>(orgIds);
  const role = options.memberAccessRole ?? DEFAULT_MEMBER_ROLE;
  const identityCenterRegion = session.configuredRegion ?? options.identityCenterRegion;
  const ssoAdminRate = session.limits.ssoAdmin.rate * session.limits.scale;

  host.emit({ type: 'phase', phase: 'observe', status: 'start' });
  // Aborted when a credential failure ends the run: the other reads stop and stay quiet.
  const stop = new AbortController();
  // Every concurrent call (and its retry sleeps) listens on this one signal: dozens is normal, not a leak.
  setMaxListeners(0, stop.signal);
  let done = 0;
  let total = orgIds.length;
  const tick = () => {
    done += 1;
    if (!stop.signal.aborted) host.emit({ type: 'progress', task: 'observe', done, total });
  };
  const fatal = (error: unknown): never => {
    if (!stop.signal.aborted) stop.abort(error);
    throw error;
  };

  const record = (factId: FactId, accountId: string | undefined): Recorder => {
    const onCall = options.onCall;
    if (!onCall) return () => {};
    return (service, operation) =>
      onCall({
        factId,
        ...(accountId !== undefined ? { accountId } : {}),
        service,
        operation,
        action: iamAction(service, operation as never),
      });
  };

  const shared = new Map<string, { value: Promise<unknown>; calls: { service: ServiceName; operation: string }[] }>();
  const orgEvidence = new Map<OrgFactId, Evidence<unknown>>();
  const orgReads = new Map<OrgFactId, Promise<Evidence<unknown>>>();
  let assignmentScope: AssignmentScope | undefined;

  const contextFor = (factId: FactId, scope: AwsScope, accountId: string | undefined): FactContext => {
    const recorder = record(factId, accountId);
    return {
      aws: new ReaderScope(scope, recorder, stop.signal),
      ...(accountId !== undefined ? { accountId } : {}),
      need: <K extends OrgFactId>(id: K) => {
        const e = orgEvidence.get(id);
        if (!e) throw new Error(`${factId} used ${id} without declaring it in needs`);
        return e as Evidence<OrgFacts[K]>;
      },
      optional: async <K extends OrgFactId>(id: K) =>
        orgSet.has(id) ? ((await readOrg(id)) as Evidence<OrgFacts[K]>) : undefined,
      shared: async <T>(key: string, read: (aws: AwsScope) => Promise<T>) => {
        const memoKey = `${scope.principal}|${key}`;
        let entry = shared.get(memoKey);
        if (!entry) {
          const calls: { service: ServiceName; operation: string }[] = [];
          const memoScope = new ReaderScope(
            scope,
            (service, operation) => calls.push({ service, operation }),
            stop.signal,
          );
          entry = { value: read(memoScope), calls };
          shared.set(memoKey, entry);
        }
        try {
          return (await entry.value) as T;
        } finally {
          // Every fact that uses a shared read is answerable for its calls.
          for (const c of entry.calls) recorder(c.service, c.operation);
        }
      },
      callerIdentity: () => {
        recorder('sts', 'GetCallerIdentity');
        return session.callerIdentity();
      },
      probeIdentityCenterRegions: (): Promise<RegionProbeResult> => {
        recorder('sso-admin', 'ListInstances');
        return session.probeIdentityCenterRegions();
      },
      ...(identityCenterRegion !== undefined ? { identityCenterRegion } : {}),
      ssoAdminRate,
      clock: session.clock,
      host,
      ...(options.assignmentRequest ? { assignmentRequest: options.assignmentRequest } : {}),
      reportAssignmentScope: (scope) => {
        assignmentScope = scope;
      },
    };
  };

  const run = async <K extends FactId>(
    reader: FactReader<K>,
    scope: AwsScope,
    accountId: string | undefined,
  ): Promise<Evidence<FactValue<K>>> => {
    try {
      return await reader.read(contextFor(reader.id, scope, accountId));
    } catch (error) {
      if (stop.signal.aborted) throw stop.signal.reason;
      let evidence: Evidence<never>;
      try {
        evidence = evidenceFromError(error, reader.id, scope.principal);
      } catch (stopping) {
        return fatal(stopping);
      }
      if (evidence.status === 'error' && evidence.code === 'internal') {
        host.emit({ type: 'log', level: 'warn', code: 'observe.reader-failed', message: evidence.message });
      }
      return evidence;
    } finally {
      tick();
    }
  };

  function readOrg(id: OrgFactId): Promise<Evidence<unknown>> {
    let pending = orgReads.get(id);
    if (!pending) {
      const reader = FACT_READERS[id] as FactReader<OrgFactId>;
      pending = (async () => {
        await Promise.all((reader.needs ?? []).map(readOrg));
        const evidence = await run(reader, session, undefined);
        orgEvidence.set(id, evidence);
        return evidence;
      })();
      orgReads.set(id, pending);
    }
    return pending;
  }

  const snapshot = emptySnapshot('');
  const readAccounts = async (): Promise<void> => {
    if (accountFactIds.length === 0) return;
    const caller = await session.callerIdentity().catch(fatal);
    snapshot.callerAccountId = caller.accountId;
    const targets = new Set<string>([caller.accountId]);
    if (accountsMode === 'all') {
      const tree = await readOrg('organizations.tree');
      if (tree.status === 'ok') {
        for (const a of (tree.value as OrgFacts['organizations.tree']).accounts) {
          if (a.state === 'ACTIVE') targets.add(a.id);
        }
      } else {
        host.emit({
          type: 'log',
          level: 'warn',
          code: 'observe.accounts-unknown',
          message: `member accounts were not read: the organization could not be listed (${tree.status})`,
        });
      }
    } else if (Array.isArray(accountsMode)) {
      for (const id of accountsMode) targets.add(id);
    }
    total += targets.size * accountFactIds.length;
    await mapLimit([...targets].sort(), options.accountConcurrency ?? 8, async (accountId) => {
      let scope: AwsScope;
      try {
        scope = await session.forAccount(accountId, role);
      } catch (error) {
        if (error instanceof AwsCallError && isFatalKind(error.kind)) fatal(error);
        const message = error instanceof Error ? error.message : String(error);
        const entry: AccountEvidence = {};
        for (const id of accountFactIds) {
          (entry as Record<AccountFactId, Evidence<unknown>>)[id] = failed(
            'account-entry',
            `could not enter account ${accountId} with role ${role}: ${message}`,
          );
          tick();
        }
        snapshot.accounts[accountId] = entry;
        return;
      }
      const evidence = await Promise.all(
        accountFactIds.map((id) => run(FACT_READERS[id] as FactReader<AccountFactId>, scope, accountId)),
      );
      const entry: AccountEvidence = {};
      accountFactIds.forEach((id, i) => {
        (entry as Record<AccountFactId, Evidence<unknown>>)[id] = evidence[i] as Evidence<unknown>;
      });
      snapshot.accounts[accountId] = entry;
    });
  };

  await Promise.all([...orgIds.map(readOrg), readAccounts()]);

  for (const id of orgIds) {
    (snapshot.org as Record<OrgFactId, Evidence<unknown>>)[id] = orgEvidence.get(id) as Evidence<unknown>;
  }
  // A scope is only meaningful beside the assignments it describes.
  if (assignmentScope && orgEvidence.get('identity-center.assignments')?.status === 'ok') {
    snapshot.readScope = { assignments: assignmentScope };
  }
  const callerFact = orgEvidence.get('sts.caller-identity');
  if (callerFact?.status === 'ok') {
    snapshot.callerAccountId = (callerFact.value as OrgFacts['sts.caller-identity']).accountId;
  }
  const instance = orgEvidence.get('identity-center.instance');
  if (instance?.status === 'ok') {
    const region = (instance.value as OrgFacts['identity-center.instance']).instance?.region;
    if (region) snapshot.identityCenterRegion = region;
  }
  // Accounts finish in any order; the snapshot lists them sorted so that runs compare byte for byte.
  snapshot.accounts = Object.fromEntries(Object.entries(snapshot.accounts).sort(([a], [b]) => (a < b ? -1 : 1)));
  snapshot.observedAt = new Date(session.clock.now()).toISOString();
  host.emit({ type: 'phase', phase: 'observe', status: 'end', message: `${done} facts read` });
  return snapshot;
}
