/**
 * A full collection of every fact on every sandbox scenario, through real SDK clients, and the
 * least-privilege policy held to what the sandbox saw: every call's IAM action is in the policy,
 * every action in the policy is called by some scenario, every reader stays within its own list.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_FACT_IDS, FACT_READERS } from '../../src/observe/facts/index.js';
import type { OrgFacts } from '../../src/observe/snapshot.js';
import { NO_PERMISSION_NEEDED, permissionsPolicy } from '../../src/permissions/index.js';
import { collectFromSandbox } from './helpers/sandbox-run.js';
import { PLAN_FOOTPRINT_RUN, SCENARIO_RUNS } from './helpers/scenario-runs.js';

type Run = Awaited<ReturnType<typeof collectFromSandbox>>;
const runs = new Map<string, Run>();
/** A plan's scoped read (kept apart: the other tests judge full reads). */
let footprintRun: Run | undefined;

beforeAll(async () => {
  for (const r of SCENARIO_RUNS) {
    runs.set(
      r.name,
      await collectFromSandbox(r.scenario, ALL_FACT_IDS, {
        accounts: r.accounts,
        ...(r.sizes ? { sizes: r.sizes } : {}),
      }),
    );
  }
  footprintRun = await collectFromSandbox(PLAN_FOOTPRINT_RUN.scenario, ALL_FACT_IDS, {
    accounts: PLAN_FOOTPRINT_RUN.accounts,
    ...(PLAN_FOOTPRINT_RUN.assignmentRequest ? { assignmentRequest: PLAN_FOOTPRINT_RUN.assignmentRequest } : {}),
  });
}, 60_000);

function run(name: string): Run {
  const r = runs.get(name);
  if (!r) throw new Error(`no run ${name}`);
  return r;
}

function org<K extends keyof OrgFacts>(r: Run, id: K): OrgFacts[K] {
  const e = r.snapshot.org[id];
  if (e?.status !== 'ok') throw new Error(`${id} is ${JSON.stringify(e)}`);
  return e.value as OrgFacts[K];
}

describe('full collection per scenario', () => {
  it('delegated: knows it runs in the delegated administrator account and reads every fact without the principal scan', () => {
    const r = run('delegated');
    expect(org(r, 'organizations.caller-location')).toEqual({
      place: 'delegated-administrator',
      accountId: '333333333333',
      managementAccountId: '111111111111',
      identityCenterAdministrators: ['333333333333'],
    });
    const failedFacts = Object.entries(r.snapshot.org).filter(
      ([, e]) => e?.status === 'error' || e?.status === 'denied',
    );
    expect(failedFacts).toEqual([]);
    expect(r.sandbox.calls().filter((c) => c.operation === 'ListAccountAssignmentsForPrincipal')).toEqual([]);
  });

  it('fresh: a standalone account — no organization, no Identity Center, account facts read', () => {
    const { snapshot } = run('fresh');
    for (const id of [
      'organizations.organization',
      'organizations.tree',
      'organizations.account-tags',
      'organizations.service-access',
      'iam.organizations-features',
    ] as const) {
      expect(snapshot.org[id]).toEqual({
        status: 'notApplicable',
        reason: 'the account is not a member of an organization',
      });
    }
    expect(snapshot.org['identity-center.instance']).toMatchObject({ status: 'ok', value: { instance: null } });
    for (const id of [
      'identity-center.permission-sets',
      'identity-center.assignments',
      'identity-store.users',
    ] as const) {
      expect(snapshot.org[id]?.status).toBe('notApplicable');
    }
    expect(Object.keys(snapshot.accounts)).toEqual(['111111111111']);
    const account = snapshot.accounts['111111111111'] ?? {};
    for (const [id, e] of Object.entries(account)) expect([id, e?.status]).toEqual([id, 'ok']);
    const report = account['iam.credential-report'];
    expect(report?.status === 'ok' && report.value.rows.find((r) => r.user === '<root_account>')).toMatchObject({
      mfaActive: false,
    });
    const policies = account['iam.user-policies'];
    expect(policies?.status === 'ok' && policies.value.map((p) => p.userName)).toContain('admin');
  });

  it('day1: the organization instance in eu-west-1 with Admin and PowerUser and one assignment', () => {
    const r = run('day1');
    for (const [id, e] of Object.entries(r.snapshot.org)) expect([id, e?.status]).toEqual([id, 'ok']);
    const { instance } = org(r, 'identity-center.instance');
    expect(instance).toMatchObject({ region: 'eu-west-1', encryption: { keyType: 'AWS_OWNED_KMS_KEY' } });
    expect(r.snapshot.identityCenterRegion).toBe('eu-west-1');
    const sets = org(r, 'identity-center.permission-sets');
    expect(sets.map((s) => [s.name, s.managedPolicies])).toEqual([
      ['Admin', ['arn:aws:iam::aws:policy/AdministratorAccess']],
      ['PowerUser', ['arn:aws:iam::aws:policy/PowerUserAccess']],
    ]);
    const assignments = org(r, 'identity-center.assignments');
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({ accountId: '111111111111', principalType: 'USER' });
    expect(r.snapshot.callerAccountId).toBe('111111111111');
  });

  it('org: OUs with paths, every ACTIVE account entered, the suspended one skipped', () => {
    const r = run('org');
    for (const [id, e] of Object.entries(r.snapshot.org)) expect([id, e?.status]).toEqual([id, 'ok']);
    const tree = org(r, 'organizations.tree');
    expect(tree.ous.map((o) => o.path)).toEqual([
      '/Security',
      '/Suspended',
      '/Workloads',
      '/Workloads/Dev',
      '/Workloads/Prod',
    ]);
    expect(tree.accounts.find((a) => a.id === '777777777777')).toMatchObject({
      state: 'SUSPENDED',
      ouPath: '/Suspended',
    });
    expect(tree.accounts.find((a) => a.id === '444444444444')).toMatchObject({ ouPath: '/Workloads/Dev' });
    expect(Object.keys(r.snapshot.accounts)).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '666666666666',
    ]);
    for (const facts of Object.values(r.snapshot.accounts)) {
      for (const [id, e] of Object.entries(facts)) expect([id, e?.status]).toEqual([id, 'ok']);
    }
    expect(org(r, 'organizations.account-tags')['666666666666']).toEqual({ env: 'prod' });
    expect(org(r, 'organizations.service-access')).toContain('sso.amazonaws.com');
  });

  it.each(['large (pair scan)', 'large (principal scan)'])('%s: every assignment is read', (name) => {
    const r = run(name);
    const sizes = SCENARIO_RUNS.find((s) => s.name === name)?.sizes;
    for (const [id, e] of Object.entries(r.snapshot.org)) expect([id, e?.status]).toEqual([id, 'ok']);
    expect(org(r, 'identity-center.assignments')).toHaveLength(sizes?.assignments ?? -1);
    expect(org(r, 'identity-store.users')).toHaveLength(sizes?.users ?? -1);
    expect(org(r, 'identity-store.memberships')).toHaveLength(sizes?.memberships ?? -1);
    // The member accounts plus the management account.
    expect(org(r, 'organizations.tree').accounts).toHaveLength((sizes?.accounts ?? -1) + 1);
    const strategy = name.includes('pair') ? 'pair-scan' : 'principal-scan';
    expect(r.host.logs('debug').some((l) => l.startsWith(`reading assignments by ${strategy}`))).toBe(true);
  });

  it('never exceeds AWS’s rate limits (the sandbox throttled nothing)', () => {
    for (const r of runs.values()) expect(r.sandbox.calls().filter((c) => c.throttled)).toEqual([]);
  });
});

describe('least-privilege policy', () => {
  const policy = permissionsPolicy('audit');
  const allowed = new Set(policy.Statement.flatMap((s) => s.Action));

  it('allows every action any scenario called', () => {
    for (const [name, r] of runs) {
      for (const call of r.sandbox.calls()) {
        if (NO_PERMISSION_NEEDED.has(call.action)) continue;
        expect([name, call.action, allowed.has(call.action)]).toEqual([name, call.action, true]);
      }
    }
  });

  it('has no dead permissions: every allowed action is called by some scenario', () => {
    const all = [...runs.values(), ...(footprintRun ? [footprintRun] : [])];
    const called = new Set(all.flatMap((r) => r.sandbox.calls().map((c) => c.action)));
    expect([...allowed].filter((a) => !called.has(a))).toEqual([]);
  });

  it('limits sts:AssumeRole to the member access role', () => {
    const assume = policy.Statement.filter((s) => s.Action.includes('sts:AssumeRole'));
    expect(assume).toEqual([
      {
        Sid: 'GatehouseStsOrganizationAccountAccessRole',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
      },
    ]);
  });

  it('every reader calls only the actions it declares, and the attribution misses no call', () => {
    for (const r of runs.values()) {
      for (const call of r.calls)
        expect([call.factId, FACT_READERS[call.factId].iamActions.includes(call.action)]).toEqual([call.factId, true]);
      const attributed = new Set(r.calls.map((c) => c.action));
      const seen = new Set(r.sandbox.calls().map((c) => c.action));
      // AssumeRole is the collector's (entering accounts), not a reader's.
      seen.delete('sts:AssumeRole');
      expect([...seen].sort()).toEqual([...attributed].sort());
    }
  });
});
