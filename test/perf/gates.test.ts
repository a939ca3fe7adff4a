/**
 * @module Performance gates (issue 15, build 7): small plan, apply and audit runs on the sandbox with
 * AWS's limits on, on a VirtualClock, held to the independent minimums of bench/footprint.ts
 * (≤ 1.10× the calls, ≤ 1.25× the rate floor); and a one-set config on a large organization reads
 * no assignment outside its footprint. Call counts and virtual time only: no wall clock.
 */

import { describe, expect, test } from 'vitest';
import { auditMinimum, bucketsOf, planMinimum } from '../../bench/footprint.js';
import { executePlan } from '../../src/apply/executor.js';
import { createAwsSession } from '../../src/aws/index.js';
import { requiredFacts } from '../../src/checks/index.js';
import { parseConfigText } from '../../src/config/index.js';
import { StalePlanError } from '../../src/errors.js';
import { RecordingHost } from '../../src/events/events.js';
import { collect } from '../../src/observe/collect.js';
import { createSandbox, type LargeSizes } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';

const CALLS_RATIO = 1.1;
const TIME_RATIO = 1.25;
/** Buckets the minimums count: the rate-bound services (IAM/STS/Account are a handful of calls). */
const RATED = (key: string) =>
  key === 'sso-admin' || key.startsWith('identitystore:') || key.startsWith('organizations:');

function environment(sizes: Partial<LargeSizes>, options: { untag?: boolean; completionMs?: number } = {}) {
  const clock = new VirtualClock();
  const sandbox = createSandbox({
    clock,
    scenario: 'large',
    scenarioOptions: { seed: 7, sizes },
    knobs: {
      latencyMs: 20,
      ...(options.completionMs !== undefined
        ? { completionDelayMs: { perOperation: { CreateAccountAssignment: options.completionMs } } }
        : {}),
    },
  });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('the large scenario has no default credentials');
  const instance = Object.values(sandbox.state.instances).find((i) => i.kind === 'organization');
  if (!instance) throw new Error('no organization instance');
  if (options.untag) for (const ps of Object.values(instance.permissionSets)) delete ps.tags['managed-by'];
  const host = new RecordingHost();
  const session = createAwsSession({ mode: 'sandbox', endpoint: sandbox, credentials }, { clock, host, env: {} });
  const members = Object.values(sandbox.state.accounts)
    .filter((a) => a.org?.state === 'ACTIVE' && a.id !== sandbox.state.organization?.managementAccountId)
    .map((a) => a.id)
    .sort();
  return { clock, sandbox, host, session, instance, members };
}

type Env = ReturnType<typeof environment>;

const ratedTotal = (buckets: Record<string, number>) =>
  Object.entries(buckets)
    .filter(([key]) => RATED(key))
    .reduce((n, [, v]) => n + v, 0);

/**
 * A config: one new set `Auditor` for `user000001` on `accounts`, and existing `groups` on it in every
 * account (an external identity source: users, groups and memberships are the IdP's).
 */
function oneSetConfig(env: Env, accounts: string[], groups: string[] = []): string {
  const rules = [
    `  - { principal: user:user000001, permissionSet: Auditor, accounts: [${accounts.map((a) => `"${a}"`).join(', ')}] }`,
  ];
  for (const g of groups) rules.push(`  - { principal: "group:${g}", permissionSet: Auditor, accounts: [all] }`);
  return [
    'version: 1',
    'root: { mfa: required }',
    `identityCenter: { region: ${env.instance.region}, instance: organization, identitySource: external }`,
    'permissionSets:',
    '  Auditor: { description: Read-only audit, policies: [ReadOnlyAccess] }',
    'users:',
    '  user000001: { email: user000001@example.com, givenName: User, familyName: "000001" }',
    ...(groups.length > 0 ? ['groups:', ...groups.map((g) => `  ${g}: {}`)] : []),
    'assignments:',
    ...rules,
    '',
  ].join('\n');
}

async function plan(env: Env, yaml: string) {
  const { desired } = await parseConfigText(yaml, 'gates.yaml', { now: Date.UTC(2026, 10, 28) });
  env.sandbox.clearCalls();
  const start = env.clock.now();
  const planned = await planFromConfig({ desired, session: env.session, host: env.host });
  return { ...planned, seconds: (env.clock.now() - start) / 1000, calls: env.sandbox.calls() };
}

describe('performance gates', () => {
  test('a one-set config on a large organization reads only its footprint, in well under a minute', async () => {
    const env = environment(
      { accounts: 400, ous: 40, permissionSets: 30, groups: 100, users: 2000, memberships: 6000, assignments: 8000 },
      { untag: true },
    );
    const run = await plan(env, oneSetConfig(env, env.members.slice(0, 3)));
    const minimum = planMinimum(env.sandbox.state, {
      users: ['user000001'],
      groups: [],
      permissionSets: ['Auditor'],
      prune: false,
    });
    const assignmentReads = run.calls.filter((c) =>
      [
        'ListAccountAssignments',
        'ListAccountAssignmentsForPrincipal',
        'ListPermissionSetsProvisionedToAccount',
      ].includes(c.operation),
    ).length;
    expect(assignmentReads).toBeLessThanOrEqual(minimum.assignmentCalls);
    expect(run.plan.summary).toMatchObject({ add: 4, destroy: 0 });
    expect(run.snapshot.readScope?.assignments).toBeDefined();
    expect(run.calls.length).toBeLessThanOrEqual(Math.ceil(minimum.calls * CALLS_RATIO));
    expect(run.seconds).toBeLessThanOrEqual(minimum.floorSeconds * TIME_RATIO);
    expect(run.seconds).toBeLessThan(60);
    expect(run.calls.filter((c) => c.throttled)).toHaveLength(0);
  }, 60_000);

  test('apply of a saved plan re-reads only the footprint: stale inside it, not outside it', async () => {
    const env = environment(
      { accounts: 100, ous: 10, permissionSets: 10, groups: 30, users: 300, memberships: 600, assignments: 1500 },
      { untag: true },
    );
    const { desired } = await parseConfigText(oneSetConfig(env, env.members.slice(0, 3)), 'gates.yaml', {
      now: Date.UTC(2026, 10, 28),
    });
    const user = Object.values(env.instance.identityStore.users).find((u) => u.UserName === 'user000001');
    const group = Object.values(env.instance.identityStore.groups)[0];
    const set = Object.values(env.instance.permissionSets)[0];
    if (!user || !group || !set) throw new Error('scenario too small');
    // Made through the API (as a person in the console would), then left to finish.
    const assign = async (accountId: string, principalType: 'USER' | 'GROUP', principalId: string) => {
      await env.session.call(
        'sso-admin',
        'CreateAccountAssignment',
        {
          InstanceArn: env.instance.arn,
          TargetId: accountId,
          TargetType: 'AWS_ACCOUNT',
          PermissionSetArn: set.arn,
          PrincipalType: principalType,
          PrincipalId: principalId,
        },
        { region: env.instance.region },
      );
      await env.clock.sleep(120_000);
    };
    const footprint = () =>
      planMinimum(env.sandbox.state, { users: ['user000001'], groups: [], permissionSets: ['Auditor'], prune: false })
        .assignmentCalls;
    const assignmentReads = () =>
      env.sandbox
        .calls()
        .filter((c) =>
          [
            'ListAccountAssignments',
            'ListAccountAssignmentsForPrincipal',
            'ListPermissionSetsProvisionedToAccount',
          ].includes(c.operation),
        ).length;
    const applySaved = (plan: Awaited<ReturnType<typeof planFromConfig>>['plan']) =>
      applyPlan({
        plan,
        desired,
        session: env.session,
        host: env.host,
        interactive: false,
        yes: true,
        random: () => 0.5,
      });

    // Inside what the plan judged (the lockout guard's management account): a new path → stale.
    const first = await planFromConfig({ desired, session: env.session, host: env.host });
    await assign(env.sandbox.state.organization?.managementAccountId as string, 'USER', user.UserId);
    env.sandbox.clearCalls();
    await expect(applySaved(first.plan)).rejects.toBeInstanceOf(StalePlanError);
    expect(assignmentReads()).toBeLessThanOrEqual(footprint());

    // Outside it (a group the config does not name, a set it neither names nor owns): not read, not stale.
    const second = await planFromConfig({ desired, session: env.session, host: env.host });
    await assign(env.members[20] as string, 'GROUP', group.GroupId);
    env.sandbox.clearCalls();
    const result = await applySaved(second.plan);
    expect(result.counts.added).toBe(4);
    expect(assignmentReads()).toBeLessThanOrEqual(footprint());
  }, 60_000);

  test('a small plan stays within 1.10× the minimum calls and 1.25× the rate floor', async () => {
    const env = environment({
      accounts: 40,
      ous: 4,
      permissionSets: 40,
      groups: 20,
      users: 150,
      memberships: 300,
      assignments: 600,
    });
    const group = Object.values(env.instance.identityStore.groups)[0]?.DisplayName ?? '';
    const run = await plan(env, oneSetConfig(env, env.members.slice(0, 3), [group]));
    const owned = Object.values(env.instance.permissionSets).filter((ps) => ps.tags['managed-by'] === 'gatehouse');
    expect(owned.length).toBeGreaterThan(0);
    const minimum = planMinimum(env.sandbox.state, {
      users: ['user000001'],
      groups: [group],
      permissionSets: ['Auditor'],
      prune: false,
    });
    expect(run.calls.length / minimum.calls).toBeLessThanOrEqual(CALLS_RATIO);
    expect(run.seconds / minimum.floorSeconds).toBeLessThanOrEqual(TIME_RATIO);
    expect(run.calls.filter((c) => c.throttled)).toHaveLength(0);
  }, 60_000);

  test('a small apply stays within 1.10× the minimum calls and 1.25× the concurrency floor', async () => {
    // L = 2 s, as the apply benchmark's second case: at small N the poller's FAILED checks (one
    // List…Status every second poll while requests finish) weigh more against N at a longer L.
    const completionSeconds = 2;
    const env = environment(
      { accounts: 40, ous: 4, permissionSets: 4, groups: 3, users: 10, memberships: 10, assignments: 0 },
      // Nothing owned: the plan only adds (the set, its policy and the assignments).
      { completionMs: completionSeconds * 1000, untag: true },
    );
    const groups = Object.values(env.instance.identityStore.groups).map((g) => g.DisplayName ?? '');
    const run = await plan(env, oneSetConfig(env, env.members.slice(0, 3), groups));
    const creates = run.plan.actions.filter((a) => a.type === 'assignment' && a.kind === 'create').length;
    env.sandbox.clearCalls();
    const start = env.clock.now();
    const result = await executePlan(run.plan, { session: env.session, host: env.host, random: () => 0.5 });
    const seconds = (env.clock.now() - start) / 1000;
    expect(result.failed).toHaveLength(0);
    expect(result.notDone).toHaveLength(0);
    // AWS allows 15 outstanding assignment operations, each taking L: N·L/15; one List…Status poll
    // per second of it covers every request in flight; the new set is one create and one attach.
    const floorSeconds = (creates * completionSeconds) / 15;
    const minimumCalls = creates + Math.ceil(floorSeconds) + 2;
    const calls = env.sandbox.calls();
    expect(calls.length / minimumCalls).toBeLessThanOrEqual(CALLS_RATIO);
    expect(seconds / floorSeconds).toBeLessThanOrEqual(TIME_RATIO);
  }, 60_000);

  test('a small audit reads each fact once: within 1.10× the minimum calls and 1.25× the rate floor', async () => {
    const env = environment({
      accounts: 40,
      ous: 4,
      permissionSets: 30,
      groups: 20,
      users: 150,
      memberships: 300,
      assignments: 600,
    });
    env.sandbox.clearCalls();
    const start = env.clock.now();
    await collect({
      session: env.session,
      host: env.host,
      facts: requiredFacts(),
      identityCenterRegion: env.instance.region,
    });
    const seconds = (env.clock.now() - start) / 1000;
    const minimum = auditMinimum(env.sandbox.state);
    const served = ratedTotal(bucketsOf(env.sandbox.calls()));
    expect(served / ratedTotal(minimum.buckets)).toBeLessThanOrEqual(CALLS_RATIO);
    expect(seconds / minimum.floorSeconds).toBeLessThanOrEqual(TIME_RATIO);
  }, 60_000);
});
