/**
 * Issue 11 findings 3 and 4, end to end on the sandbox through the library workflows: a Deny added to
 * the only administrator set is refused without --allow-lockout and labelled "restricts access";
 * permission sets that are administrators in all but name are counted as administrators by the
 * lockout guard, `access` and the admin checks.
 */

import { describe, expect, it } from 'vitest';
import { computeLiveAccess, liveAccessFacts } from '../../src/access/index.js';
import { harness, instanceOf, MANAGEMENT, orgConfig } from '../../src/apply/test-support.test-helpers.js';
import { DeclinedError, ExitCode } from '../../src/errors.js';
import { collect } from '../../src/observe/index.js';
import { renderPlan } from '../../src/plan/render.js';
import { applyPlan, confirmationDetails } from '../../src/workflows/apply-workflow.js';
import { runAudit } from '../../src/workflows/audit-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';

/** A config where the Founders (ana) hold Admin on the management account, with `adminExtra` YAML in the Admin set. */
const config = (adminPolicy: string, principal = 'group:Founders') => `
permissionSets:
  Admin:
${adminPolicy}
users: { ana: { email: ana@example.com, givenName: Ana, familyName: A } }
groups: { Founders: { members: [ana] } }
assignments: [{ principal: ${principal}, permissionSet: Admin, accounts: [management] }]
`;
const ADMINISTRATOR = '    policies: [AdministratorAccess]';
const withInline = (statement: string, policies = ADMINISTRATOR) =>
  `${policies}\n    inlinePolicy: { Version: "2012-10-17", Statement: [${statement}] }`;

async function applied(text: string, h = harness()) {
  const desired = await orgConfig(text);
  const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
  await applyPlan({ plan, desired, session: h.session, host: h.host, interactive: false, yes: true, snapshot });
  return h;
}

describe('finding 3: the lockout guard sees Deny', () => {
  for (const [name, deny] of [
    ['Deny NotAction [iam:GetUser] on *', '{ Effect: Deny, NotAction: ["iam:GetUser"], Resource: "*" }'],
    [
      'a conditional Deny *',
      '{ Effect: Deny, Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }',
    ],
  ] as const) {
    it(`${name} on the only admin set: "restricts access", refused (exit 4) unless --allow-lockout`, async () => {
      const h = await applied(config(ADMINISTRATOR));
      const desired = await orgConfig(config(withInline(deny)));
      const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
      const update = plan.actions.find((a) => a.id === 'permission-set/Admin#update');
      expect(update?.risk).toBe('destructive');
      const text = renderPlan(plan, { color: false });
      expect(text).toContain('restricts access: adds an inline policy with Deny statements');
      expect(text).not.toMatch(/grants? access:\n.*permission-set\/Admin/);
      expect(confirmationDetails(plan).slice(0, 2)).toEqual([
        '! changes that delete or remove access (1):',
        '!   ~ permission-set/Admin',
      ]);

      const writesBefore = h.sandbox.calls().length;
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
      expect((error as DeclinedError).exitCode).toBe(ExitCode.Refused);
      expect((error as DeclinedError).hints.join('\n')).toMatch(/last-admin-path: .*permission-set\/Admin#update/);
      expect(
        h.sandbox
          .calls()
          .slice(writesBefore)
          .filter((c) => c.operation === 'PutInlinePolicyToPermissionSet'),
      ).toEqual([]);

      const allowed = await applyPlan({
        plan,
        desired,
        session: h.session,
        host: h.host,
        interactive: false,
        yes: true,
        allowLockout: true,
        snapshot,
      });
      expect(allowed.failed).toEqual([]);
    });
  }
});

describe('finding 4: admin in all but name is admin everywhere', () => {
  const cases = [
    ['Allow NotAction [one action] on *', '{ Effect: Allow, NotAction: ["iam:GetUser"], Resource: "*" }'],
    ['Allow * with NotResource', '{ Effect: Allow, Action: "*", NotResource: "arn:aws:s3:::private/*" }'],
    ['Allow iam:*', '{ Effect: Allow, Action: "iam:*", Resource: "*" }'],
    ['Allow *:*', '{ Effect: Allow, Action: "*:*", Resource: "*" }'],
    ['Allow * on arn:aws:*:*:*:*', '{ Effect: Allow, Action: "*", Resource: "arn:aws:*:*:*:*" }'],
  ] as const;

  for (const [name, statement] of cases) {
    it(`${name}: access marks it, the admin checks count it, the guard protects it`, async () => {
      const text = config(withInline(statement, '    description: in all but name'), 'user:ana');
      const h = await applied(text);
      const region = instanceOf(h.sandbox).region;

      const snapshot = await collect({
        session: h.session,
        facts: liveAccessFacts(),
        host: h.host,
        identityCenterRegion: region,
      });
      const entries = computeLiveAccess(snapshot).entries.filter((e) => e.accountId === MANAGEMENT);
      expect(entries.map((e) => [e.userName, e.permissionSet, e.admin])).toEqual([['ana', 'Admin', true]]);

      const desired = await orgConfig(text);
      const { report } = await runAudit({
        desired,
        source: { session: h.session },
        host: h.host,
        now: '2026-12-01T00:00:00.000Z',
        checks: ['identity-center.few-admins', 'identity-center.admin-through-groups'],
        toolVersion: 'test',
      });
      const reasons = report.results.map((f) => `${f.checkId} ${f.status}: ${f.reason}`);
      expect(reasons).toContainEqual(
        expect.stringMatching(/few-admins pass: 1 person holds administrator access .*\(ana\)/),
      );
      expect(reasons).toContainEqual(
        expect.stringMatching(/admin-through-groups fail: User ana holds Admin \(administrator access\) in account/),
      );

      const removal = await orgConfig(text.replace(/assignments: .*/, 'assignments: []'));
      const { plan, snapshot: planned } = await planFromConfig({ desired: removal, session: h.session, host: h.host });
      const refused = await applyPlan({
        plan,
        desired: removal,
        session: h.session,
        host: h.host,
        interactive: false,
        yes: true,
        snapshot: planned,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DeclinedError);
      expect((refused as DeclinedError).hints.join('\n')).toMatch(/last-admin-path/);
    });
  }
});
