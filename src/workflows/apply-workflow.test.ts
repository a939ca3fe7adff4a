import { describe, expect, it } from 'vitest';
import { harness, instanceOf, liveAssignments, orgConfig, seededRandom } from '../apply/test-support.test-helpers.js';
import { DeclinedError, ExitCode, PartialApplyError, StalePlanError } from '../errors.js';
import { RecordingHost } from '../events/events.js';
import { applyPlan, confirmationDetails } from './apply-workflow.js';
import { planFromConfig } from './plan-workflow.js';

const CONFIG = `
permissionSets: { Admin: { policies: [AdministratorAccess] } }
users: { ana: { email: ana@example.com, givenName: Ana, familyName: A } }
groups: { Founders: { members: [ana] } }
assignments: [{ principal: group:Founders, permissionSet: Admin, accounts: [management, dev] }]
`;

const writes = (h: ReturnType<typeof harness>) =>
  h.sandbox
    .calls()
    .filter((c) => /^(Create|Update|Delete|Put|Attach|Detach|Provision|Tag|Untag|Enable)/.test(c.operation));

describe('applyPlan', () => {
  it('refuses a plan deleting more than safety.maxDestroy before reading AWS, unless allowDestroy (exit 4)', async () => {
    const h = harness();
    const first = await orgConfig(CONFIG);
    const made = await planFromConfig({ desired: first, session: h.session, host: h.host });
    await applyPlan({ ...made, desired: first, session: h.session, host: h.host, interactive: false, yes: true });
    // The next config keeps the people but drops the set: the set and its 2 assignments go.
    const desired = await orgConfig(`
users: { ana: { email: ana@example.com, givenName: Ana, familyName: A } }
groups: { Founders: { members: [ana] } }
safety: { maxDestroy: 2 }
`);
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    const before = h.sandbox.calls().length;
    const refused = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeclinedError);
    expect((refused as DeclinedError).exitCode).toBe(ExitCode.Refused);
    expect((refused as DeclinedError).message).toBe(
      'refusing to apply: this plan deletes 3 resources, more than safety.maxDestroy (2); apply refuses it unless run with --allow-destroy',
    );
    expect(h.sandbox.calls()).toHaveLength(before);

    const asked = new RecordingHost(() => true);
    const result = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: asked,
      interactive: true,
      allowDestroy: true,
      allowLockout: true, // Admin was the only administrative path
      snapshot,
    });
    expect(asked.questions[0]?.message).toBe('Apply 3 change(s), 3 of them deletions, to AWS account 111111111111?');
    expect(asked.questions[0]?.details).toContain('! This apply deletes 3 resources.');
    expect(result.counts.destroyed).toBe(3);
    expect(liveAssignments(h.sandbox)).toEqual([]);
  });

  it('refuses without a terminal and without --yes before touching AWS (exit 4)', async () => {
    const h = harness();
    const desired = await orgConfig(CONFIG);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const before = h.sandbox.calls().length;
    const error = await applyPlan({ plan, desired, session: h.session, host: h.host, interactive: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeclinedError);
    expect((error as DeclinedError).exitCode).toBe(ExitCode.Refused);
    expect(h.sandbox.calls()).toHaveLength(before);
  });

  it('asks for confirmation with a banner; a declined question changes nothing, an accepted one applies', async () => {
    const h = harness();
    const desired = await orgConfig(CONFIG);
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    const declining = new RecordingHost(() => false);
    await expect(
      applyPlan({ plan, desired, session: h.session, host: declining, interactive: true, snapshot }),
    ).rejects.toThrow(DeclinedError);
    expect(declining.questions[0]?.message).toBe('Apply 6 change(s) to AWS account 111111111111?');
    expect(declining.questions[0]?.details).toEqual(confirmationDetails(plan));
    expect(confirmationDetails(plan)).toEqual([
      '! changes that grant access (3):',
      '!   + membership/Founders/ana',
      '!   + assignment/Admin/group:Founders/111111111111',
      '!   + assignment/Admin/group:Founders/444444444444',
      'Plan: 6 to add, 0 to change, 0 to destroy, 0 to provision.',
    ]);
    expect(writes(h)).toEqual([]);

    const accepting = new RecordingHost(() => true);
    const result = await applyPlan({ plan, desired, session: h.session, host: accepting, interactive: true, snapshot });
    expect(result.counts).toEqual({ added: 6, changed: 0, destroyed: 0, provisioned: 0 });
    expect(liveAssignments(h.sandbox)).toEqual([
      'Admin|GROUP:Founders|111111111111',
      'Admin|GROUP:Founders|444444444444',
    ]);
  });

  it('re-observes a saved plan and refuses it when AWS or the config changed since (exit 4)', async () => {
    const h = harness();
    const desired = await orgConfig(CONFIG);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    // Someone creates the group in the console after the plan was made.
    await h.session.call(
      'identitystore',
      'CreateGroup',
      { IdentityStoreId: instanceOf(h.sandbox).identityStoreId, DisplayName: 'Founders' },
      { region: 'eu-west-1' },
    );
    const stale = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StalePlanError);
    expect((stale as StalePlanError).message).toMatch(/AWS changed since the plan was made/);
    expect((stale as StalePlanError).exitCode).toBe(ExitCode.Refused);
    expect(writes(h).map((c) => c.operation)).toEqual(['CreateGroup']);

    const fresh = await planFromConfig({ desired, session: h.session, host: h.host });
    const edited = await orgConfig(CONFIG.replace('[management, dev]', '[management]'));
    await expect(
      applyPlan({ plan: fresh.plan, desired: edited, session: h.session, host: h.host, interactive: false, yes: true }),
    ).rejects.toThrow(/^the configuration gatehouse\.yaml changed since the plan was made from it$/);
    const applied = await applyPlan({
      plan: fresh.plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
    });
    expect(applied.failed).toEqual([]);
  });

  it('refuses a plan that removes the last admin path or the caller’s own (exit 4) unless --allow-lockout', async () => {
    // day1: ismail, signed in through AWSReservedSSO_Admin, is the only administrator of the management account.
    const h = harness({ scenario: 'day1' });
    const desired = await orgConfig(`
permissionSets:
  Admin: { description: Founders / infra, sessionDuration: PT4H, policies: [AdministratorAccess] }
  PowerUser: { description: DevOps / engineers, sessionDuration: PT8H, policies: [PowerUserAccess] }
users: { ismail: { email: ismail@example.com, givenName: Ismail, familyName: G } }
`);
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    const error = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeclinedError);
    const hints = (error as DeclinedError).hints.join('\n');
    expect(hints).toMatch(/last-admin-path: /);
    expect(hints).toMatch(/caller-path: this plan removes your own access/);
    expect(writes(h)).toEqual([]);

    const result = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      allowLockout: true,
      snapshot,
    });
    expect(result.counts.destroyed).toBeGreaterThan(0);
    expect(h.host.logs('warn').some((l) => l.startsWith('allowed by --allow-lockout'))).toBe(true);
  });

  it('a FAILED asynchronous status ends in PartialApplyError (exit 5) listing done, failed and not done', async () => {
    const h = harness({
      knobs: { faults: [{ operation: 'CreateAccountAssignment', kind: 'failed', probability: 1, remaining: 1 }] },
    });
    const desired = await orgConfig(CONFIG);
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    const error = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot,
      random: seededRandom(4),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialApplyError);
    const partial = error as PartialApplyError;
    expect(partial.exitCode).toBe(ExitCode.PartialApply);
    expect(partial.message).toBe('apply failed part-way (5 done, 1 failed, 0 not done)');
    expect(partial.failed).toEqual([
      { address: 'assignment/Admin/group:Founders/111111111111', message: expect.stringMatching(/^creation FAILED: /) },
    ]);
    expect(partial.done).toHaveLength(5);

    // The rerun converges.
    const rerun = await planFromConfig({ desired, session: h.session, host: h.host });
    expect(rerun.plan.actions.map((a) => a.id)).toEqual(['assignment/Admin/group:Founders/111111111111#create']);
    await applyPlan({
      plan: rerun.plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot: rerun.snapshot,
    });
    expect((await planFromConfig({ desired, session: h.session, host: h.host })).plan.actions).toEqual([]);
  });
});
