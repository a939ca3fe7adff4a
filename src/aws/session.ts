/**
 * @module The AWS session: the only way the rest of gatehouse talks to AWS. A typed, SDK-free
 * `call` / `paginate` over the operation registry, on shared clients per (service, region,
 * credentials), rate-limited and retried on the session's clock; member accounts entered by
 * AssumeRole; the Identity Center region found by probing.
 *
 * @example
 * const session = createAwsSession({ mode: 'aws', profile: 'admin' }, { clock: systemClock, host });
 * const { Instances } = await session.call('sso-admin', 'ListInstances', {}, { region: 'eu-west-1' });
 * for await (const ps of session.paginate('sso-admin', 'ListPermissionSets', { InstanceArn }, 'PermissionSets', { region })) …
 */

import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { Host } from '../events/events.js';
import type { SandboxEndpoint } from '../sandbox/endpoint.js';
import type { Clock } from '../util/clock.js';
import { registerEnvironmentSecrets } from '../util/redact.js';
import { type AttemptRecord, type CredentialsProvider, createSdkClient, type SdkClient } from './clients.js';
import { defaultChainCredentials, memoizeCredentials, type StaticKeys, sandboxCredentials } from './credentials.js';
import { type AwsCallContext, AwsCallError, classifyAwsError } from './errors.js';
import {
  type ApplyConcurrency,
  type CallScope,
  createApplyConcurrency,
  Limiter,
  type Limits,
  resolveLimits,
  Semaphore,
} from './limiter.js';
import {
  commandClass,
  iamAction,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type ServiceName,
} from './operations.js';
import { type ItemsKey, type PageInput, type PageItem, type PaginatedOperation, pageSpec } from './pagination.js';
import { GLOBAL_REGION, IDENTITY_CENTER_REGIONS } from './regions.js';
import { type OuterRetryReason, outerRetryDelay, outerRetryReason } from './retry.js';
import { installSandboxTransport } from './sandbox-transport.js';

export type AwsSessionOptions =
  | { mode: 'aws'; profile?: string; region?: string }
  | { mode: 'sandbox'; endpoint: SandboxEndpoint; credentials: StaticKeys; region?: string };

export interface AwsSessionDeps {
  clock: Clock;
  host: Host;
  limits?: Partial<Limits>;
  /** Environment to read AWS_REGION / AWS_PROFILE / sandbox env keys from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** [0, 1) source for retry jitter (default Math.random); seed it in tests. */
  random?: () => number;
  /** Called with every SDK client created (tests install stub transports or fault middleware). */
  onClient?: (client: SdkClient, info: { service: ServiceName; region: string; principal: string }) => void;
}

export interface CallOptions {
  /** Region for regional services (sso-admin, identitystore, sts); default: the session's. */
  region?: string;
  /** Call in this member account (entered with the default member role) instead of the caller's. */
  accountId?: string;
  /**
   * How to treat a ConflictException: `transient` retries it within the conflict budget (an
   * sso-admin write on a permission set whose asynchronous work is in flight, aws-api.md §4.3)
   * unless AWS's message is a known permanent one; `permanent` (default) never retries.
   */
  conflict?: 'transient' | 'permanent';
  signal?: AbortSignal;
}

/** Calls in one set of credentials: the caller's (`principal: 'base'`) or a member account's. */
export interface AwsScope {
  /** `base`, or the account id of an entered member account. */
  readonly principal: string;
  call<S extends ServiceName, O extends OperationName<S>>(
    service: S,
    operation: O,
    input: OperationInput<S, O>,
    options?: CallOptions,
  ): Promise<OperationOutput<S, O>>;
  /**
   * Every item of a list operation, page by page. Always sets the page size (100 sso-admin and
   * Identity Store, 20 Organizations, 1000 IAM) and continues exactly while the response carries a
   * token, even through empty pages.
   */
  paginate<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options?: CallOptions,
  ): AsyncIterable<PageItem<S, O, K>>;
  /** `paginate` collected into an array. */
  list<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options?: CallOptions,
  ): Promise<PageItem<S, O, K>[]>;
}

export interface CallerIdentityInfo {
  accountId: string;
  arn: string;
  userId: string;
}

export interface RegionProbeResult {
  probedRegions: string[];
  /** Regions where ListInstances returned at least one instance, with what it returned. */
  found: { region: string; instances: InstanceSummary[] }[];
  /** Regions where the probe failed (not enabled, denied, unreachable). */
  failed: { region: string; error: AwsCallError }[];
}

export interface InstanceSummary {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId?: string;
  status?: string;
  name?: string;
  createdDate?: string;
  primaryRegion?: string;
}

export interface SessionStats {
  /** Attempts that reached AWS (each retry counts). */
  attempts: number;
  /** Attempts that failed, by error name. */
  errors: Record<string, number>;
  /** Attempts by `service:Operation`. */
  byOperation: Record<string, number>;
  /** Retries made by the SDK's strategy and by gatehouse's layer above it. */
  retries: { sdk: number; outer: number };
}

export interface AwsSession extends AwsScope {
  readonly mode: 'aws' | 'sandbox';
  readonly clock: Clock;
  readonly host: Host;
  readonly limiter: Limiter;
  readonly limits: Limits;
  /** Semaphores apply must hold around asynchronous AWS work (see `ApplyConcurrency`). */
  readonly concurrency: ApplyConcurrency;
  /** The profile in use (option, else AWS_PROFILE), for hints. */
  readonly profile?: string;
  /** The region named by `--region` / the options, if any (the Identity Center region override). */
  readonly configuredRegion?: string;
  /** The region for regional calls without an explicit one (options, env, profile, else us-east-1). */
  defaultRegion(): Promise<string>;
  /** sts GetCallerIdentity, called once and cached. */
  callerIdentity(): Promise<CallerIdentityInfo>;
  /**
   * A scope in a member account, entered by AssumeRole on `arn:aws:iam::<id>:role/<roleName>`
   * (bounded concurrency, credentials cached and refreshed). The caller's own account returns the
   * session itself. Rejects with the `AwsCallError` of AssumeRole when the account cannot be entered.
   */
  forAccount(accountId: string, roleName?: string): Promise<AwsScope>;
  /** ListInstances in every Identity Center region (or `regions`), in parallel within the limits. */
  probeIdentityCenterRegions(regions?: readonly string[]): Promise<RegionProbeResult>;
  stats(): SessionStats;
  /** Releases the SDK clients' sockets. */
  destroy(): void;
}

export const DEFAULT_MEMBER_ROLE = 'OrganizationAccountAccessRole';

const GLOBAL_SERVICES: ReadonlySet<ServiceName> = new Set(['organizations', 'iam', 'account']);

interface SessionInternals {
  options: AwsSessionOptions;
  deps: Required<Pick<AwsSessionDeps, 'clock' | 'host' | 'random'>> & AwsSessionDeps;
  env: NodeJS.ProcessEnv;
  limiter: Limiter;
  clients: Map<string, SdkClient>;
  stats: SessionStats;
  profile: string | undefined;
  defaultRegion: () => Promise<string>;
  /** Enters a member account with the default member role (for `CallOptions.accountId`). */
  enter: (accountId: string) => Promise<AwsScope>;
}

class Scope implements AwsScope {
  readonly principal: string;
  protected readonly internals: SessionInternals;
  private readonly credentials: CredentialsProvider;

  constructor(internals: SessionInternals, principal: string, credentials: CredentialsProvider) {
    this.internals = internals;
    this.principal = principal;
    this.credentials = credentials;
  }

  protected async regionFor(service: ServiceName, options: CallOptions): Promise<string> {
    if (GLOBAL_SERVICES.has(service)) return GLOBAL_REGION;
    return options.region ?? (await this.internals.defaultRegion());
  }

  private client(service: ServiceName, region: string): SdkClient {
    const key = `${service}|${region}|${this.principal}`;
    let client = this.internals.clients.get(key);
    if (!client) {
      const { deps, limiter, stats, options } = this.internals;
      const scope: CallScope = { region, principal: this.principal };
      client = createSdkClient(service, scope, this.credentials, {
        clock: deps.clock,
        random: deps.random,
        limiter,
        ...(this.internals.profile !== undefined && options.mode === 'aws' ? { profile: this.internals.profile } : {}),
        onAttempt: (record: AttemptRecord) => {
          stats.attempts += 1;
          const key = `${record.service}:${record.operation}`;
          stats.byOperation[key] = (stats.byOperation[key] ?? 0) + 1;
          if (record.error) stats.errors[record.error] = (stats.errors[record.error] ?? 0) + 1;
        },
        onSdkRetry: (record, event) => {
          stats.retries.sdk += 1;
          const name = (event.error as { name?: string } | undefined)?.name ?? event.errorType;
          deps.host.emit({
            type: 'log',
            level: 'debug',
            code: 'aws.retry',
            message: `retrying ${record.service}:${record.operation} (${name}, ${event.errorType.toLowerCase()}) in ${event.delayMs} ms, attempt ${event.attempt} of ${event.maxAttempts}`,
          });
        },
        install: (c, info) => {
          if (options.mode === 'sandbox') installSandboxTransport(c as never, options.endpoint);
          deps.onClient?.(c, info);
        },
      });
      this.internals.clients.set(key, client);
    }
    return client;
  }

  async call<S extends ServiceName, O extends OperationName<S>>(
    service: S,
    operation: O,
    input: OperationInput<S, O>,
    options: CallOptions = {},
  ): Promise<OperationOutput<S, O>> {
    if (options.accountId !== undefined && options.accountId !== this.principal) {
      const { accountId, ...rest } = options;
      const scope = await this.internals.enter(accountId);
      return scope.call(service, operation, input, rest);
    }
    const region = await this.regionFor(service, options);
    const client = this.client(service, region);
    const Command = commandClass(service, operation);
    const { deps, stats, profile } = this.internals;
    const context: AwsCallContext = {
      service,
      operation,
      region,
      ...(profile !== undefined ? { profile } : {}),
      ...(options.conflict ? { conflict: options.conflict } : {}),
    };
    const rounds: Record<OuterRetryReason, number> = { throttled: 0, transient: 0, conflict: 0 };
    for (;;) {
      try {
        const output = await client.send(
          new Command(input),
          options.signal ? { abortSignal: options.signal } : undefined,
        );
        return output as OperationOutput<S, O>;
      } catch (error) {
        const classified = classifyAwsError(error, context);
        const reason = outerRetryReason(classified);
        const delay = reason === undefined ? undefined : outerRetryDelay(reason, rounds[reason], deps.random);
        if (reason === undefined || delay === undefined || options.signal?.aborted) {
          if (reason === 'throttled') {
            classified.message = `AWS kept throttling ${classified.action} after ${rounds.throttled} extra rounds of retries (${classified.code})`;
          }
          throw new AwsCallError(classified, context, error);
        }
        rounds[reason] += 1;
        stats.retries.outer += 1;
        deps.host.emit({
          type: 'log',
          level: 'debug',
          code: 'aws.retry',
          message: `retrying ${iamAction(service, operation)} in ${delay} ms: ${classified.code} (${reason}, round ${rounds[reason]})`,
        });
        await deps.clock.sleep(delay, options.signal);
      }
    }
  }

  async *paginate<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options: CallOptions = {},
  ): AsyncIterable<PageItem<S, O, K>> {
    const spec = pageSpec(service, operation);
    let token: string | undefined;
    for (;;) {
      const pageInput: Record<string, unknown> = { ...(input as Record<string, unknown>) };
      if (spec.pageSizeKey && spec.pageSize !== undefined) pageInput[spec.pageSizeKey] = spec.pageSize;
      if (token !== undefined) pageInput[spec.inputToken] = token;
      const page = (await this.call(service, operation, pageInput as OperationInput<S, O>, options)) as Record<
        string,
        unknown
      >;
      const items = page[itemsKey];
      if (Array.isArray(items)) for (const item of items) yield item as PageItem<S, O, K>;
      const next = page[spec.outputToken];
      if (typeof next !== 'string' || next === '') return;
      if (next === token) {
        // A token that does not move would page forever: fail loudly instead.
        throw new AwsCallError(
          {
            kind: 'service',
            retryable: false,
            action: iamAction(service, operation),
            code: 'RepeatedPaginationToken',
            message: `${iamAction(service, operation)} returned the same pagination token twice`,
          },
          { service, operation },
          undefined,
        );
      }
      token = next;
    }
  }

  async list<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options: CallOptions = {},
  ): Promise<PageItem<S, O, K>[]> {
    const items: PageItem<S, O, K>[] = [];
    for await (const item of this.paginate(service, operation, input, itemsKey, options)) items.push(item);
    return items;
  }
}

class Session extends Scope implements AwsSession {
  readonly mode: 'aws' | 'sandbox';
  readonly clock: Clock;
  readonly host: Host;
  readonly limiter: Limiter;
  readonly limits: Limits;
  readonly concurrency: ApplyConcurrency;
  readonly profile?: string;
  readonly configuredRegion?: string;
  private caller?: Promise<CallerIdentityInfo>;
  private readonly members = new Map<string, Promise<AwsScope>>();
  private readonly assumeSlots: Semaphore;

  constructor(internals: SessionInternals, credentials: CredentialsProvider) {
    super(internals, 'base', credentials);
    this.mode = internals.options.mode;
    this.clock = internals.deps.clock;
    this.host = internals.deps.host;
    this.limiter = internals.limiter;
    this.limits = internals.limiter.limits;
    this.concurrency = createApplyConcurrency(this.limits);
    if (internals.profile !== undefined) this.profile = internals.profile;
    if (internals.options.region !== undefined) this.configuredRegion = internals.options.region;
    this.assumeSlots = new Semaphore(this.limits.assumeRoleConcurrency);
    internals.enter = (accountId) => this.forAccount(accountId);
  }

  defaultRegion(): Promise<string> {
    return this.internals.defaultRegion();
  }

  callerIdentity(): Promise<CallerIdentityInfo> {
    this.caller ??= this.call('sts', 'GetCallerIdentity', {}).then((out) => ({
      accountId: out.Account ?? '',
      arn: out.Arn ?? '',
      userId: out.UserId ?? '',
    }));
    // A failed lookup is not cached: the next caller tries again.
    this.caller.catch(() => {
      this.caller = undefined;
    });
    return this.caller;
  }

  async forAccount(accountId: string, roleName: string = DEFAULT_MEMBER_ROLE): Promise<AwsScope> {
    if (accountId === this.principal) return this;
    const caller = await this.callerIdentity();
    if (caller.accountId === accountId) return this;
    const key = `${accountId}|${roleName}`;
    let entered = this.members.get(key);
    if (!entered) {
      const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
      const assume = async () => {
        const out = await this.assumeSlots.run(() =>
          this.call('sts', 'AssumeRole', { RoleArn: roleArn, RoleSessionName: 'gatehouse', DurationSeconds: 3600 }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) {
          throw new Error(`sts:AssumeRole on ${roleArn} returned no credentials`);
        }
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
          ...(c.Expiration ? { expiration: c.Expiration } : {}),
        };
      };
      // Expiry is judged on the session clock: the sandbox issues credentials in its own time.
      const credentials = memoizeCredentials(assume, () => this.clock.now());
      // Enter now (so a failure is reported once, per account), then keep refreshing lazily.
      entered = credentials().then(() => new Scope(this.internals, accountId, credentials));
      this.members.set(key, entered);
    }
    return entered;
  }

  async probeIdentityCenterRegions(regions: readonly string[] = IDENTITY_CENTER_REGIONS): Promise<RegionProbeResult> {
    const slots = new Semaphore(this.limits.regionProbeConcurrency);
    const outcomes = await Promise.all(
      regions.map((region) =>
        slots.run(async () => {
          try {
            const instances = await this.list('sso-admin', 'ListInstances', {}, 'Instances', { region });
            return { region, instances };
          } catch (error) {
            if (error instanceof AwsCallError) return { region, error };
            throw error;
          }
        }),
      ),
    );
    const result: RegionProbeResult = { probedRegions: [...regions], found: [], failed: [] };
    for (const outcome of outcomes) {
      if ('error' in outcome && outcome.error) {
        result.failed.push({ region: outcome.region, error: outcome.error });
        this.host.emit({
          type: 'log',
          level: 'debug',
          code: 'observe.region-probe',
          message: `no answer from Identity Center in ${outcome.region}: ${outcome.error.message}`,
        });
      } else if ('instances' in outcome && outcome.instances.length > 0) {
        result.found.push({
          region: outcome.region,
          instances: outcome.instances.map((i) => ({
            instanceArn: i.InstanceArn ?? '',
            identityStoreId: i.IdentityStoreId ?? '',
            ...(i.OwnerAccountId ? { ownerAccountId: i.OwnerAccountId } : {}),
            ...(i.Status ? { status: i.Status } : {}),
            ...(i.Name ? { name: i.Name } : {}),
            ...(i.CreatedDate ? { createdDate: i.CreatedDate.toISOString() } : {}),
            ...(i.PrimaryRegion ? { primaryRegion: i.PrimaryRegion } : {}),
          })),
        });
      }
    }
    return result;
  }

  stats(): SessionStats {
    const s = this.internals.stats;
    return { ...s, errors: { ...s.errors }, byOperation: { ...s.byOperation }, retries: { ...s.retries } };
  }

  destroy(): void {
    for (const client of this.internals.clients.values()) client.destroy();
    this.internals.clients.clear();
  }
}

async function profileRegion(profile: string): Promise<string | undefined> {
  try {
    const { configFile } = await loadSharedConfigFiles();
    const region = configFile[profile]?.region;
    return typeof region === 'string' && region !== '' ? region : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the session. Nothing is called and no credentials are resolved until the first call. */
export function createAwsSession(options: AwsSessionOptions, deps: AwsSessionDeps): AwsSession {
  const env = deps.env ?? process.env;
  registerEnvironmentSecrets(env);
  const profile = options.mode === 'aws' ? (options.profile ?? (env.AWS_PROFILE || undefined)) : undefined;
  let region: Promise<string> | undefined;
  const internals: SessionInternals = {
    options,
    deps: { ...deps, random: deps.random ?? Math.random },
    env,
    limiter: new Limiter(deps.clock, resolveLimits(deps.limits)),
    clients: new Map(),
    stats: { attempts: 0, errors: {}, byOperation: {}, retries: { sdk: 0, outer: 0 } },
    profile,
    defaultRegion: () => {
      region ??= (async () =>
        options.region ??
        (env.AWS_REGION || undefined) ??
        (env.AWS_DEFAULT_REGION || undefined) ??
        (options.mode === 'aws' ? await profileRegion(profile ?? 'default') : undefined) ??
        GLOBAL_REGION)();
      return region;
    },
    enter: () => Promise.reject(new Error('the session is not ready')),
  };
  const credentials =
    options.mode === 'aws' ? defaultChainCredentials(options.profile) : sandboxCredentials(options.credentials, env);
  return new Session(internals, credentials);
}
