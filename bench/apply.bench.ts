/**
 * @module Benchmark: apply and plan on the sandbox with AWS's rate and concurrency limits on, on a
 * virtual clock. Prints one JSON line per case (see bench/README.md):
 * - `apply-1000-assignments` (and the same at other completion times L): applying 1,000 new
 *   assignments, against the floor N·L/15 that AWS's 15 outstanding assignment operations impose;
 * - `plan-large`: planning the `large` scenario, against the floor its reads face under AWS's rates.
 * Run with `npx vitest run --config bench/vitest.config.ts apply`.
 */

import { test } from 'vitest';
import { executePlan } from '../src/apply/executor.js';
import { createAwsSession } from '../src/aws/index.js';
import { parseConfigText } from '../src/config/index.js';
import { RecordingHost } from '../src/events/events.js';
import type { DesiredState } from '../src/model/desired.js';
import type { OrgFacts, Snapshot } from '../src/observe/snapshot.js';
import { createSandbox, type LargeSizes, type Sandbox } from '../src/sandbox/index.js';
import { VirtualClock } from '../src/util/clock.js';
import { planFromConfig } from '../src/workflows/plan-workflow.js';
import { bucketsOf, floorOf, planMinimum } from './footprint.js';

/** AWS's published limits (scale.md §0, §1) and the sandbox's assumed Organizations rate. */
const AWS = { ssoTps: 20, identityStoreTpsPerApi: 20, organizationsTpsPerApi: 5, outstandingAssignments: 15 };
/** How often apply polls (src/apply/poller.ts): the minimum is one List…Status call per second of work. */
const POLL_SECONDS = 1;

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function desiredFrom(yaml: string): Promise<DesiredState> {
  return (await parseConfigText(yaml, 'bench.yaml', { now: Date.UTC(2026, 10, 28) })).desired;
}

/**
 * A config for a `large` sandbox that leaves what exists alone: its permission sets as references
 * (`managed: false`), users and groups from an external identity source. `extra` adds sets and rules.
 */
function referenceConfig(sandbox: Sandbox, extra: { sets?: string; groups?: string[]; rules?: string } = {}): string {
  const instance = Object.values(sandbox.state.instances).find((i) => i.kind === 'organization')!;
  const sets = Object.values(instance.permissionSets).map((p) => `  ${p.name}: { managed: false }`);
  return [
    'version: 1',
    'root: { mfa: required }',
    `identityCenter: { region: ${instance.region}, instance: organization, identitySource: external }`,
    'permissionSets:',
    ...sets,
    ...(extra.sets ? [extra.sets] : []),
    ...(extra.groups && extra.groups.length > 0 ? ['groups:', ...extra.groups.map((g) => `  ${g}: {}`)] : []),
    ...(extra.rules ? ['assignments:', extra.rules] : []),
    '',
  ].join('\n');
}

function environment(
  sizes: Partial<LargeSizes>,
  knobs: Parameters<typeof createSandbox>[0] extends infer O ? (O extends { knobs?: infer K } ? K : never) : never,
) {
  const clock = new VirtualClock();
  const sandbox = createSandbox({ clock, scenario: 'large', scenarioOptions: { seed: 1, sizes }, knobs });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('the large scenario has no default credentials');
  const host = new RecordingHost();
  const session = createAwsSession({ mode: 'sandbox', endpoint: sandbox, credentials }, { clock, host, env: {} });
  return { clock, sandbox, host, session };
}

/** Apply N new assignments (10 groups × every active account) with each request taking L seconds. */
async function applyAssignments(bench: string, completionSeconds: number): Promise<Record<string, unknown>> {
  // 101 member accounts, one of them suspended: 100 active × 10 groups = 1,000 assignments.
  const sizes = { accounts: 101, ous: 10, permissionSets: 2, groups: 10, users: 20, memberships: 20, assignments: 0 };
  const env = environment(sizes, {
    latencyMs: 50,
    completionDelayMs: { perOperation: { CreateAccountAssignment: completionSeconds * 1000 } },
  });
  const instance = Object.values(env.sandbox.state.instances).find((i) => i.kind === 'organization')!;
  const groups = Object.values(instance.identityStore.groups)
    .map((g) => g.DisplayName ?? '')
    .sort();
  const desired = await desiredFrom(
    referenceConfig(env.sandbox, {
      sets: '  BenchAccess: { description: Benchmark, policies: [ReadOnlyAccess] }',
      groups,
      rules: groups
        .map((g) => `  - { principal: "group:${g}", permissionSet: BenchAccess, accounts: [all] }`)
        .join('\n'),
    }),
  );
  const { plan } = await planFromConfig({ desired, session: env.session, host: env.host });
  const n = plan.actions.filter((a) => a.type === 'assignment' && a.kind === 'create').length;
  env.sandbox.clearCalls();
  const wallStart = performance.now();
  const start = env.clock.now();
  const result = await executePlan(plan, { session: env.session, host: env.host });
  const seconds = (env.clock.now() - start) / 1000;
  if (result.failed.length > 0 || result.notDone.length > 0)
    throw new Error(`the apply did not finish: ${JSON.stringify(result.failed[0])}`);
  const calls = env.sandbox.calls();
  const floorSeconds = (n * completionSeconds) / AWS.outstandingAssignments;
  // N creations, one status poll per second of the floor, and the new set (create + one policy).
  const minimumCalls = n + Math.ceil(floorSeconds / POLL_SECONDS) + 2;
  const count = (op: string) => calls.filter((c) => c.operation === op).length;
  return {
    bench,
    apiCalls: calls.length,
    minimumCalls,
    seconds: round(seconds),
    floorSeconds: round(floorSeconds),
    peakRssMb: peakRssMb(),
    timeRatio: round(seconds / floorSeconds),
    callsRatio: round(calls.length / minimumCalls),
    assignments: n,
    completionSeconds,
    createCalls: count('CreateAccountAssignment'),
    statusListCalls: count('ListAccountAssignmentCreationStatus'),
    statusDescribeCalls: count('DescribeAccountAssignmentCreationStatus'),
    throttledCalls: calls.filter((c) => c.throttled).length,
    wallSeconds: round((performance.now() - wallStart) / 1000),
  };
}

function ok<K extends keyof OrgFacts>(snapshot: Snapshot, id: K): OrgFacts[K] {
  const e = snapshot.org[id];
  if (e?.status !== 'ok') throw new Error(`${id} was not read: ${JSON.stringify(e)}`);
  return e.value as OrgFacts[K];
}

/** Plan the `large` scenario (a config that changes nothing, so the reads are what is measured). */
async function planLarge(bench: string): Promise<Record<string, unknown>> {
  const env = environment({}, { latencyMs: 50 });
  const desired = await desiredFrom(referenceConfig(env.sandbox));
  env.sandbox.clearCalls();
  const wallStart = performance.now();
  const start = env.clock.now();
  const { plan, snapshot } = await planFromConfig({ desired, session: env.session, host: env.host });
  const seconds = (env.clock.now() - start) / 1000;
  const calls = env.sandbox.calls();

  const tree = ok(snapshot, 'organizations.tree');
  const A = tree.accounts.length;
  const O = tree.ous.length;
  const P = ok(snapshot, 'identity-center.permission-sets').length;
  const G = ok(snapshot, 'identity-store.groups').length;
  const U = ok(snapshot, 'identity-store.users').length;
  const M = ok(snapshot, 'identity-store.memberships').length;
  const N = ok(snapshot, 'identity-center.assignments').length;
  const Kprov = ok(snapshot, 'identity-center.provisioning').reduce((n, p) => n + p.accounts.length, 0);
  // scale.md §4.2: C_org (tree walk), C_ids, C_sso, and the caller's identity and account summary.
  const cOrg = 1 + 2 * (O + 1) + Math.ceil(A / 20);
  const cIds = Math.ceil(U / 100) + Math.ceil(G / 100) + G + M / 100;
  const cSso = 2 + 6 * P + Math.min(P * Math.ceil(A / 100) + Kprov, G + U + N / 100);
  const minimumCalls = Math.round(cOrg + cIds + cSso + 2);
  // Each service runs alongside the others on its own limit; the slowest sets the floor.
  const floorSeconds = Math.max(
    cSso / AWS.ssoTps,
    Math.max(Math.ceil(U / 100), G + M / 100) / AWS.identityStoreTpsPerApi,
    (O + 1 + Math.ceil(A / 20)) / AWS.organizationsTpsPerApi,
  );
  // The same floor from the calls actually made, bucket by bucket (sso-admin shared, others per API).
  const perBucket = new Map<string, number>();
  for (const c of calls) {
    const key = c.service === 'sso-admin' ? 'sso-admin' : `${c.service}:${c.operation}`;
    perBucket.set(key, (perBucket.get(key) ?? 0) + 1);
  }
  const rate = (key: string) =>
    key === 'sso-admin'
      ? AWS.ssoTps
      : key.startsWith('identitystore:')
        ? AWS.identityStoreTpsPerApi
        : AWS.organizationsTpsPerApi;
  const exactFloorSeconds = Math.max(
    ...[...perBucket]
      .filter(([key]) => !key.startsWith('iam:') && !key.startsWith('sts:'))
      .map(([key, n]) => n / rate(key)),
  );
  return {
    bench,
    apiCalls: calls.length,
    minimumCalls,
    seconds: round(seconds),
    floorSeconds: round(floorSeconds),
    peakRssMb: peakRssMb(),
    timeRatio: round(seconds / floorSeconds),
    callsRatio: round(calls.length / minimumCalls),
    exactFloorSeconds: round(exactFloorSeconds),
    throttledCalls: calls.filter((c) => c.throttled).length,
    planActions: plan.actions.length,
    sizes: { A, O, P, G, U, M, N, Kprov },
    wallSeconds: round((performance.now() - wallStart) / 1000),
  };
}

/**
 * The config of issue 15: one new permission set, one existing user, three accounts, on `large` with
 * nothing tagged as managed (`untag`) or with the scenario's 15 tagged sets. Calls and simulated time
 * against the footprint's minimum (bench/footprint.ts, docs/performance.md).
 */
async function planOneSetOnLarge(bench: string, untag: boolean): Promise<Record<string, unknown>> {
  const env = environment({}, { latencyMs: 50 });
  const instance = Object.values(env.sandbox.state.instances).find((i) => i.kind === 'organization')!;
  if (untag) for (const ps of Object.values(instance.permissionSets)) delete ps.tags['managed-by'];
  const accounts = Object.values(env.sandbox.state.accounts)
    .filter((a) => a.org?.state === 'ACTIVE' && a.id !== env.sandbox.state.organization?.managementAccountId)
    .map((a) => a.id)
    .sort()
    .slice(0, 3);
  const yaml = [
    'version: 1',
    'root: { mfa: required }',
    `identityCenter: { region: ${instance.region}, instance: organization }`,
    'permissionSets:',
    '  Auditor: { description: Read-only audit, policies: [ReadOnlyAccess] }',
    'users:',
    '  user000001: { email: user000001@example.com, givenName: User, familyName: "000001" }',
    'assignments:',
    `  - { principal: user:user000001, permissionSet: Auditor, accounts: [${accounts.map((a) => `"${a}"`).join(', ')}] }`,
    '',
  ].join('\n');
  const desired = await desiredFrom(yaml);
  env.sandbox.clearCalls();
  const wallStart = performance.now();
  const start = env.clock.now();
  const { plan } = await planFromConfig({ desired, session: env.session, host: env.host });
  const seconds = (env.clock.now() - start) / 1000;
  const calls = env.sandbox.calls();
  const minimum = planMinimum(env.sandbox.state, {
    users: ['user000001'],
    groups: [],
    permissionSets: ['Auditor'],
    prune: false,
  });
  const served = bucketsOf(calls);
  const assignmentOps = new Set([
    'ListAccountAssignments',
    'ListAccountAssignmentsForPrincipal',
    'ListPermissionSetsProvisionedToAccount',
  ]);
  return {
    bench,
    apiCalls: calls.length,
    minimumCalls: minimum.calls,
    seconds: round(seconds),
    floorSeconds: round(minimum.floorSeconds),
    peakRssMb: peakRssMb(),
    timeRatio: round(seconds / minimum.floorSeconds),
    callsRatio: round(calls.length / minimum.calls),
    exactFloorSeconds: round(floorOf(served)),
    assignmentCalls: calls.filter((c) => assignmentOps.has(c.operation)).length,
    minimumAssignmentCalls: minimum.assignmentCalls,
    buckets: served,
    minimumBuckets: minimum.buckets,
    throttledCalls: calls.filter((c) => c.throttled).length,
    summary: plan.summary,
    wallSeconds: round((performance.now() - wallStart) / 1000),
  };
}

test('plan-one-set-on-large', async () => {
  console.log(JSON.stringify(await planOneSetOnLarge('plan-one-set-on-large', true)));
}, 600_000);

test('plan-one-set-on-large-15-owned', async () => {
  console.log(JSON.stringify(await planOneSetOnLarge('plan-one-set-on-large-15-owned', false)));
}, 600_000);

test('apply-1000-assignments', async () => {
  console.log(JSON.stringify(await applyAssignments('apply-1000-assignments', 5)));
}, 600_000);

test('apply-1000-assignments-L2', async () => {
  console.log(JSON.stringify(await applyAssignments('apply-1000-assignments-L2', 2)));
}, 600_000);

test('plan-large', async () => {
  console.log(JSON.stringify(await planLarge('plan-large')));
}, 600_000);
