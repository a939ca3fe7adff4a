import { describe, expect, it } from 'vitest';
import { createAwsSession } from '../aws/index.js';
import type { GatehouseEvent } from '../events/events.js';
import { RecordingHost } from '../events/events.js';
import { planFromConfig } from '../workflows/plan-workflow.js';
import { executePlan } from './executor.js';
import { harness, liveAssignments, MANAGEMENT, orgConfig, seededRandom } from './test-support.test-helpers.js';

const TEAM = `
permissionSets:
  Dev: { policies: [ReadOnlyAccess] }
  Ops: { policies: [PowerUserAccess] }
users:
  ana: { email: ana@example.com, givenName: Ana, familyName: A }
  bob: { email: bob@example.com, givenName: Bob, familyName: B }
groups:
  Engineers: { members: [ana, bob] }
  Oncall: { members: [bob] }
assignments:
  - { principal: group:Engineers, permissionSet: Dev, accounts: ["ou:/Workloads"] }
  - { principal: group:Oncall, permissionSet: Ops, accounts: [all] }
  - { principal: user:ana, permissionSet: Ops, accounts: [dev] }
`;

type ActionEvent = Extract<GatehouseEvent, { type: 'action' }>;
const actionEvents = (host: RecordingHost) => host.events.filter((e): e is ActionEvent => e.type === 'action');

describe('executePlan', () => {
  it('runs every action after its dependencies, within AWS’s limits, and converges', async () => {
    const h = harness();
    const desired = await orgConfig(TEAM);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const result = await executePlan(plan, { session: h.session, host: h.host, random: seededRandom(1) });
    expect(result.failed).toEqual([]);
    expect(result.notDone).toEqual([]);
    expect(result.done).toHaveLength(plan.actions.length);
    expect(result.counts.added).toBe(plan.actions.length);

    // Order: each action starts only after every action it depends on is done.
    const events = actionEvents(h.host);
    const at = (address: string, status: string) =>
      events.findIndex((e) => e.address === address && e.status === status);
    for (const a of plan.actions) {
      for (const dep of a.dependsOn) {
        const depAction = plan.actions.find((x) => x.id === dep)!;
        expect(at(depAction.address, 'done')).toBeLessThan(at(a.address, 'start'));
      }
    }
    // Limits: AWS never had to refuse anything (15 outstanding, one role update per account, rates).
    const refused = h.sandbox.calls().filter((c) => c.throttled || c.outcome === 'ConflictException');
    expect(refused).toEqual([]);
    // Progress: counts up to the total, with an ETA while work is left.
    const progress = h.host.events.filter((e) => e.type === 'progress' && e.task === 'apply');
    expect(progress.at(-1)).toMatchObject({ done: plan.actions.length, total: plan.actions.length });
    expect(progress.some((e) => e.type === 'progress' && e.etaSeconds !== undefined)).toBe(true);

    const again = await planFromConfig({ desired, session: h.session, host: h.host });
    expect(again.plan.actions).toEqual([]);
    expect(liveAssignments(h.sandbox)).toContain('Dev|GROUP:Engineers|444444444444');
  });

  it('a failed action does not stop independent work; its dependants are not attempted', async () => {
    // Creating groups is denied: memberships and group assignments cannot happen; users and sets can.
    const h = harness({ knobs: { denials: ['identitystore:CreateGroup'] } });
    const desired = await orgConfig(TEAM);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const result = await executePlan(plan, { session: h.session, host: h.host });
    expect(result.failed.map((f) => f.address).sort()).toEqual(['group/Engineers', 'group/Oncall']);
    expect(result.failed[0]!.message).toMatch(/access denied to identitystore:CreateGroup/);
    // Permanent: each group was asked about once, never retried.
    expect(h.sandbox.calls().filter((c) => c.operation === 'CreateGroup')).toHaveLength(2);
    expect(result.done).toEqual(
      expect.arrayContaining(['user/ana', 'user/bob', 'permission-set/Dev', 'permission-set/Ops']),
    );
    expect(result.done).toContain('assignment/Ops/user:ana/444444444444');
    expect(result.notDone).toContain('membership/Engineers/ana');
    expect(result.notDone).toContain('assignment/Dev/group:Engineers/444444444444');
    const skipped = actionEvents(h.host).filter((e) => e.status === 'skipped');
    expect(skipped.find((e) => e.address === 'membership/Oncall/bob')?.message).toBe(
      'not attempted: group/Oncall failed',
    );
    expect(result.stopped).toBeUndefined();
  });

  it('never attempts blocked actions (waiting for a manual step) and reports them', async () => {
    const h = harness({ scenario: 'fresh' });
    const desired = await orgConfig(`organization: { featureSet: ALL }
permissionSets: { Admin: { policies: [AdministratorAccess] } }
users: { ana: { email: ana@example.com, givenName: Ana, familyName: A } }
assignments: [{ principal: user:ana, permissionSet: Admin, accounts: [management] }]`);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const blocked = plan.actions.filter((a) => !a.applyable);
    expect(blocked.length).toBeGreaterThan(0);
    const result = await executePlan(plan, { session: h.session, host: h.host });
    expect(result.failed).toEqual([]);
    expect(result.done).toEqual(['organization']);
    expect(result.blocked).toHaveLength(blocked.length);
    expect(
      h.sandbox
        .calls()
        .filter(
          (c) =>
            c.service === 'identitystore' || (c.operation.startsWith('Create') && c.operation !== 'CreateOrganization'),
        ),
    ).toEqual([]);
    const skipped = actionEvents(h.host).filter((e) => e.status === 'skipped');
    expect(skipped[0]?.message).toMatch(/^waiting for manual\//);
  });

  it('stops promptly on a fatal error (credentials expired) and reports what was and was not done', async () => {
    const h = harness();
    const desired = await orgConfig(TEAM);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    // A second session whose credentials expire 2 s into the apply.
    const credentials = h.sandbox.issueCredentials({
      accountId: MANAGEMENT,
      principal: { roleName: 'Admin', sessionName: 'short' },
      expiresInMs: 2000,
    });
    const host = new RecordingHost();
    // Two assignment operations at a time, so that work is still queued when the credentials expire.
    const session = createAwsSession(
      { mode: 'sandbox', endpoint: h.sandbox, credentials },
      { clock: h.clock, host, env: {}, random: seededRandom(2), limits: { assignmentOperations: 2 } },
    );
    const result = await executePlan(plan, { session, host });
    expect(result.stopped).toMatch(/^stopped: the AWS credentials have expired/);
    expect(result.failed.length).toBeGreaterThan(0);
    expect(result.notDone.length).toBeGreaterThan(0);
    expect(result.done.length + result.failed.length + result.notDone.length).toBe(plan.actions.length);
    // Nothing started after the stop.
    const events = actionEvents(host);
    const firstFatal = events.findIndex((e) => e.status === 'failed');
    expect(events.slice(firstFatal + 1).filter((e) => e.status === 'start')).toEqual([]);
  });

  it('an aborted run starts nothing new and lists what it did; a rerun converges without duplicates', async () => {
    const h = harness();
    const desired = await orgConfig(TEAM);
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const controller = new AbortController();
    const host = new RecordingHost();
    const original = host.emit.bind(host);
    let assignmentsDone = 0;
    host.emit = (event) => {
      original(event);
      if (event.type === 'action' && event.status === 'done' && event.address.startsWith('assignment/')) {
        assignmentsDone += 1;
        if (assignmentsDone === 2) controller.abort(new Error('was interrupted by the test'));
      }
    };
    const result = await executePlan(plan, { session: h.session, host, signal: controller.signal });
    expect(result.stopped).toBe('was interrupted by the test');
    expect(result.notDone.length).toBeGreaterThan(0);
    expect(result.failed).toEqual([]);

    const rerun = await planFromConfig({ desired, session: h.session, host: h.host });
    expect(rerun.plan.actions.length).toBeGreaterThan(0);
    expect(rerun.plan.actions.length).toBeLessThan(plan.actions.length);
    const second = await executePlan(rerun.plan, { session: h.session, host: h.host });
    expect(second.failed).toEqual([]);
    expect((await planFromConfig({ desired, session: h.session, host: h.host })).plan.actions).toEqual([]);
    const assignments = liveAssignments(h.sandbox);
    expect(new Set(assignments).size).toBe(assignments.length);
    const users = Object.values(h.sandbox.state.instances)[0]!.identityStore.users;
    expect(
      Object.values(users)
        .map((u) => u.UserName)
        .sort(),
    ).toEqual(['ana', 'bob']);
  });
});
