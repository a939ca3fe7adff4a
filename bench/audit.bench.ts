/**
 * @module Benchmark: a full audit's reads (every fact the check catalogue needs) on the sandbox's
 * `large` organization with AWS's rate limits on, on a virtual clock. Prints one JSON line per case:
 * API calls against scale.md §4's minimum, simulated seconds against the floor the rate limits
 * impose, real seconds and peak memory. Run with `npx vitest run --config bench/vitest.config.ts`
 * (see bench/README.md for the formulas).
 */

import { test } from 'vitest';
import { createAwsSession, type Limits } from '../src/aws/index.js';
import { requiredFacts } from '../src/checks/index.js';
import { RecordingHost } from '../src/events/events.js';
import type { AccountAssignment } from '../src/model/types.js';
import { collect } from '../src/observe/collect.js';
import type { OrgFacts, Snapshot } from '../src/observe/snapshot.js';
import { createSandbox, type KnobsPatch, type LargeSizes } from '../src/sandbox/index.js';
import { VirtualClock } from '../src/util/clock.js';

/** AWS's published rates the floor is computed with (scale.md §0, §1). */
const AWS_SSO_TPS = 20;
const AWS_IDENTITY_STORE_TPS_PER_API = 20;

interface BenchCase {
  bench: string;
  sizes?: Partial<LargeSizes>;
  /** Multiplies AWS's rates in the sandbox and gatehouse's limits alike (a raised read quota). */
  quotaScale: number;
  /** Per-call latency of the sandbox (real AWS answers list calls in tens of milliseconds). */
  latencyMs: number;
}

const CASES: BenchCase[] = [
  { bench: 'audit-large', quotaScale: 1, latencyMs: 50 },
  { bench: 'audit-large-raised-quota-5x', quotaScale: 5, latencyMs: 50 },
];

function ok<K extends keyof OrgFacts>(snapshot: Snapshot, id: K): OrgFacts[K] {
  const e = snapshot.org[id];
  if (e?.status !== 'ok') throw new Error(`${id} was not read: ${JSON.stringify(e)}`);
  return e.value as OrgFacts[K];
}

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

function countBy<T>(items: readonly T[], key: (item: T) => string): number[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.values()];
}

/** The sizes of the organization as the audit saw it (A from the sandbox: the audit does not list accounts). */
function sizesOf(snapshot: Snapshot, accounts: number) {
  const assignments = ok(snapshot, 'identity-center.assignments');
  const provisioning = ok(snapshot, 'identity-center.provisioning');
  return {
    A: accounts,
    P: ok(snapshot, 'identity-center.permission-sets').length,
    G: ok(snapshot, 'identity-store.groups').length,
    U: ok(snapshot, 'identity-store.users').length,
    M: ok(snapshot, 'identity-store.memberships').length,
    N: assignments.length,
    Kprov: provisioning.reduce((n, p) => n + p.accounts.length, 0),
    assignments,
    provisioning,
    memberships: ok(snapshot, 'identity-store.memberships'),
  };
}

type Sizes = ReturnType<typeof sizesOf>;

/** scale.md §4.2: C_ids + C_sso (+ 1 DescribeOrganization: the audit does not walk the tree, so no C_org). */
function scaleMinimum(s: Sizes) {
  const cIds = Math.ceil(s.U / 100) + Math.ceil(s.G / 100) + s.G + s.M / 100;
  const pairScan = s.P * Math.ceil(s.A / 100) + s.Kprov;
  const principalScan = s.G + s.U + s.N / 100;
  const cSso = 2 + 6 * s.P + Math.min(pairScan, principalScan);
  return { cIds, cSso, cOrg: 1, total: Math.round(cIds + cSso + 1) };
}

/** The same reads counted page by page from what was observed: the true minimum of this audit. */
function exactMinimum(s: Sizes, callerAccountCalls: number) {
  const byPrincipal = countBy(s.assignments, (a: AccountAssignment) => `${a.principalType}|${a.principalId}`);
  const principalPages = byPrincipal.reduce((n, c) => n + pages(c, 100), 0) + (s.G + s.U - byPrincipal.length);
  const pairPages = countBy(s.assignments, (a) => `${a.accountId}|${a.permissionSetArn}`).reduce(
    (n, c) => n + pages(c, 100),
    0,
  );
  const provisioned = s.provisioning.reduce(
    (n, p) => n + pages(p.accounts.length, 100) + pages(p.outdated.length, 100),
    0,
  );
  const sso = 1 + 1 + pages(s.P, 100) + 6 * s.P + provisioned + Math.min(principalPages, pairPages);
  const byGroup = countBy(s.memberships, (m) => m.groupId);
  const ids =
    pages(s.U, 100) + pages(s.G, 100) + byGroup.reduce((n, c) => n + pages(c, 100), 0) + (s.G - byGroup.length);
  return { sso, ids, total: sso + ids + 1 + 1 + callerAccountCalls };
}

async function runCase(c: BenchCase): Promise<Record<string, unknown>> {
  const clock = new VirtualClock();
  const knobs: KnobsPatch = { latencyMs: c.latencyMs, rateLimits: { enabled: true, scale: c.quotaScale } };
  const sandbox = createSandbox({
    clock,
    scenario: 'large',
    scenarioOptions: { seed: 1, ...(c.sizes ? { sizes: c.sizes } : {}) },
    knobs,
  });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('the large scenario has no default credentials');
  const limits: Partial<Limits> = { scale: c.quotaScale };
  const host = new RecordingHost();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint: sandbox, credentials },
    { clock, host, env: {}, limits },
  );
  const facts = requiredFacts();
  const wallStart = performance.now();
  const start = clock.now();
  const snapshot = await collect({ session, facts, host });
  const seconds = (clock.now() - start) / 1000;
  const wallSeconds = (performance.now() - wallStart) / 1000;

  const calls = sandbox.calls();
  const icRegion = snapshot.identityCenterRegion;
  const probeCalls = calls.filter((call) => call.operation === 'ListInstances' && call.region !== icRegion).length;
  const accountCount = Object.keys(sandbox.state.accounts).length;
  const s = sizesOf(snapshot, accountCount);
  const callerAccountCalls =
    calls.filter((call) => call.service === 'iam' || call.service === 'account').length -
    calls.filter((call) => call.operation === 'ListOrganizationsFeatures').length;
  const scale = scaleMinimum(s);
  const exact = exactMinimum(s, callerAccountCalls);
  const ssoTps = AWS_SSO_TPS * c.quotaScale;
  const idsTps = AWS_IDENTITY_STORE_TPS_PER_API * c.quotaScale;
  const floorSeconds = Math.max(scale.cSso / ssoTps, Math.max(Math.ceil(s.U / 100), s.G + s.M / 100) / idsTps);
  const ssoInRegion = calls.filter((call) => call.service === 'sso-admin' && call.region === icRegion).length;
  return {
    bench: c.bench,
    apiCalls: calls.length,
    minimumCalls: scale.total,
    exactMinimumCalls: exact.total,
    callsRatio: round(calls.length / scale.total),
    exactCallsRatio: round((calls.length - probeCalls) / exact.total),
    regionProbeCalls: probeCalls,
    throttledCalls: calls.filter((call) => call.throttled).length,
    seconds: round(seconds),
    floorSeconds: round(floorSeconds),
    exactFloorSeconds: round(exact.sso / ssoTps),
    timeRatio: round(seconds / floorSeconds),
    ssoAdminCalls: ssoInRegion,
    wallSeconds: round(wallSeconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sizes: { A: s.A, P: s.P, G: s.G, U: s.U, M: s.M, N: s.N, Kprov: s.Kprov },
    strategy: host
      .logs('debug')
      .find((l) => l.startsWith('reading assignments by'))
      ?.replace('reading assignments by ', ''),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

for (const c of CASES) {
  test(c.bench, async () => {
    const result = await runCase(c);
    console.log(JSON.stringify(result));
  }, 600_000);
}
