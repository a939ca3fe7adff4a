import { describe, expect, it } from 'vitest';
import { harness, orgConfig } from '../apply/test-support.test-helpers.js';
import { requiredPlanFacts } from '../plan/index.js';
import { observeForPlan, planFromConfig } from './plan-workflow.js';

const CONFIG = `
permissionSets: { Admin: { policies: [AdministratorAccess] } }
groups: { Founders: { members: [] } }
assignments: [{ principal: group:Founders, permissionSet: Admin, accounts: [management] }]
`;

describe('planFromConfig', () => {
  it('reads exactly the facts the plan needs, in the configured Identity Center region, and plans', async () => {
    const h = harness();
    const desired = await orgConfig(CONFIG);
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    const wanted = requiredPlanFacts(desired);
    for (const id of wanted.org) expect(snapshot.org[id]?.status).toBe('ok');
    for (const id of wanted.callerAccount) expect(snapshot.accounts['111111111111']?.[id]?.status).toBe('ok');
    // Nothing an audit reads but a plan does not (the credential report, password policy, …).
    const operations = new Set(h.sandbox.calls().map((c) => c.operation));
    for (const op of ['GenerateCredentialReport', 'GetAccountPasswordPolicy', 'ListAttachedUserPolicies']) {
      expect(operations.has(op)).toBe(false);
    }
    // No region probing: the config names eu-west-1.
    expect(
      new Set(
        h.sandbox
          .calls()
          .filter((c) => c.operation === 'ListInstances')
          .map((c) => c.region),
      ),
    ).toEqual(new Set(['eu-west-1']));
    expect(plan.actions.map((a) => a.id)).toEqual([
      'group/Founders#create',
      'permission-set/Admin#create',
      'assignment/Admin/group:Founders/111111111111#create',
    ]);
    expect(plan.createdAt).toBe(new Date(h.clock.now()).toISOString());
    expect(
      h.host.events.filter((e) => e.type === 'phase').map((e) => e.type === 'phase' && `${e.phase}:${e.status}`),
    ).toEqual(expect.arrayContaining(['observe:start', 'plan:start', 'plan:end']));
  });

  it('passes --prune through and observes without planning on demand', async () => {
    const h = harness({ scenario: 'day1' });
    const desired = await orgConfig('permissionSets: { Admin: { policies: [AdministratorAccess] } }');
    const { plan } = await planFromConfig({
      desired,
      session: h.session,
      host: h.host,
      prune: true,
      now: '2026-11-28T10:00:00.000Z',
    });
    expect(plan.options.prune).toBe(true);
    expect(plan.createdAt).toBe('2026-11-28T10:00:00.000Z');
    // Pruning deletes the user the config does not name; PowerUser is managed and not in the config.
    expect(plan.actions.map((a) => a.id)).toEqual(
      expect.arrayContaining(['user/ismail#delete', 'permission-set/PowerUser#delete']),
    );
    const snapshot = await observeForPlan(desired, h.session, h.host);
    expect(snapshot.org['identity-center.permission-sets']?.status).toBe('ok');
  });
});
