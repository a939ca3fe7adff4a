import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  liveAssignment,
  liveGroup,
  liveMembership,
  livePermissionSet,
  liveUser,
  POWERUSER_ARN,
  PROD,
  permissionSet,
  psArn,
  READONLY_ARN,
  rule,
  SHARED,
  user,
} from '../../test/plan/builders.js';
import { materialize } from '../../test/plan/materialize.js';
import { NOW, planFor } from '../../test/plan/plan-helpers.js';
import { createPlan } from './plan.js';
import { formatDuration, renderPlan, summaryLine } from './render.js';

const readOnlyInline = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:GetLogEvents', 'logs:FilterLogEvents'], Resource: '*' }],
};

const desired = desiredState({
  permissionSets: [
    permissionSet('Admin', { managedPolicies: [ADMIN_ARN], sessionDuration: 'PT4H', description: 'Founders / infra' }),
    permissionSet('Engineer', {
      managedPolicies: [POWERUSER_ARN],
      sessionDuration: 'PT8H',
      formerNames: ['PowerUser'],
    }),
    permissionSet('ReadOnly', { managedPolicies: [READONLY_ARN], inlinePolicy: readOnlyInline }),
  ],
  users: [user('ismail'), user('ana', { email: 'ana@new.example' })],
  groups: [group('Founders', ['ismail']), group('Engineers', ['ana'])],
  assignments: [
    rule(0, 'group:Founders', 'Admin', ['management']),
    rule(1, 'group:Engineers', 'Engineer', ['ou:/Workloads'], ['shared']),
    rule(2, 'group:Engineers', 'ReadOnly', ['tag:env=prod']),
  ],
});

const live = {
  permissionSets: [
    livePermissionSet('PowerUser', { managedPolicies: [POWERUSER_ARN], sessionDuration: 'PT8H' }),
    livePermissionSet('ReadOnly', {
      managedPolicies: [READONLY_ARN],
      inlinePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' }],
      }),
    }),
    livePermissionSet('Legacy'),
  ],
  provisioning: [
    { permissionSetArn: psArn('ReadOnly'), accounts: [PROD, SHARED], outdated: [] },
    { permissionSetArn: psArn('PowerUser'), accounts: [DEV], outdated: [] },
  ],
  users: [liveUser('ana'), liveUser('old')],
  groups: [liveGroup('Engineers')],
  memberships: [liveMembership('Engineers', 'ana')],
  assignments: [
    liveAssignment('PowerUser', 'group:Engineers', DEV),
    liveAssignment('ReadOnly', 'group:Engineers', PROD),
    liveAssignment('ReadOnly', 'group:Engineers', SHARED),
  ],
  accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 },
};

describe('renderPlan', () => {
  it('renders a plan in Terraform’s spirit', () => {
    expect(renderPlan(planFor(desired, live), { color: false })).toMatchInlineSnapshot(`
      "gatehouse plan for account 111111111111 (organization o-abcdefghij, management account management (111111111111))
      Identity Center: arn:aws:sso:::instance/ssoins-1111222233334444 in eu-west-1
      Config gatehouse.yaml sha256:000000000000… · observed 2026-11-28T09:00:00.000Z

      Plan: 8 to add, 2 to change, 3 to destroy, 1 to provision; 1 manual step.
        add       users 1, groups 1, permission sets 2, group memberships 1, account assignments 3
        change    users 1, permission sets 1
        destroy   permission sets 2, account assignments 1
        provision provisioning 1
        manual    1 step (listed below)

      ! 5 changes grant access:
      !   ~ permission-set/ReadOnly: widens the inline policy
      !   + membership/Founders/ismail: ismail is a member of Founders in the config
      !   + assignment/Admin/group:Founders/111111111111: assignment rule #1 assigns it
      !   + assignment/Engineer/group:Engineers/222222222222: moves from PowerUser (renamed)
      !   + assignment/Engineer/group:Engineers/333333333333: assignment rule #2 assigns it
      ! 4 changes remove access or delete:
      !   -/+ permission-set/Engineer: renamed from PowerUser (formerNames): a new set is created and its assignments move to it
      !   - assignment/PowerUser/group:Engineers/222222222222: PowerUser is renamed to Engineer; the assignment moves
      !   - permission-set/Legacy: permission set Legacy is managed by gatehouse and no longer in the config
      !   - permission-set/PowerUser: replaced by Engineer; deleted once its assignments have moved

      Manual steps (1) — AWS has no API for these, only the root user may do them, or gatehouse leaves them to a person:

        [1] Enable MFA for the root user of 111111111111 (manual/enable-root-mfa)
            Why: the root user of 111111111111 has no MFA device (root.mfa: required); only the root user can add one
            1. Sign in to https://console.aws.amazon.com/ as the root user of account 111111111111: choose "Root user" and enter the account's root email address.
            2. Open the account menu (top right) → Security credentials.
            3. Under "Multi-factor authentication (MFA)", choose "Assign MFA device".
            4. Name the device, choose its type (a security key is the strongest), and follow the prompts.
            5. Sign out, then sign in as root again to confirm that MFA is asked for.
            Verify: iam GetAccountSummary reports AccountMFAEnabled = 1: run \`gatehouse plan\` again.

      What the assignment rules resolved to:
        assignment rule #1 (group:Founders → Admin, management) → 1 account: management
        assignment rule #2 (group:Engineers → Engineer, ou:/Workloads, exclude: shared) → 2 accounts: dev, prod; skipped shared (excluded), legacy (suspended), closing (pending closure)
        assignment rule #3 (group:Engineers → ReadOnly, tag:env=prod) → 2 accounts: prod, shared; skipped legacy (suspended)

      gatehouse will perform these actions (sorted by kind, account and principal; apply orders them itself):

        # users
        + user/ismail  # user ismail does not exist
            displayName: "Ismail Example"
            email: "ismail@example.com"
            name: "Ismail" "Example"
        ~ user/ana  # differs from the config: email
            email: "ana@example.com" → "ana@new.example"

        # groups
        + group/Founders  # group Founders does not exist

        # permission sets
        + permission-set/Admin  # permission set Admin does not exist
            description: "Founders / infra"
            sessionDuration: "PT4H"
            managedPolicies:
              + arn:aws:iam::aws:policy/AdministratorAccess
            tags:
              + managed-by = "gatehouse"
        -/+ permission-set/Engineer (replaces permission-set/PowerUser)  # renamed from PowerUser (formerNames): a new set is created and its assignments move to it
            name: "PowerUser" → "Engineer"
        ~ permission-set/ReadOnly  # differs from the config: inlinePolicy
            inlinePolicy:
                {
                  "Statement": [
                    {
                      "Action": [
              +         "logs:FilterLogEvents",
                        "logs:GetLogEvents"
                      ],
                      "Effect": "Allow",
                      "Resource": [
                        "*"
                      ],
                      "Sid": "Logs"
                    }
                  ],
                  "Version": "2012-10-17"
                }
        - permission-set/Legacy  # permission set Legacy is managed by gatehouse and no longer in the config
        - permission-set/PowerUser  # replaced by Engineer; deleted once its assignments have moved

        # provisioning
        ↻ permission-set/ReadOnly  # push the changed definition to the 2 account(s) where ReadOnly is provisioned
            → all provisioned accounts (2): prod, shared

        # group memberships
        + membership/Founders/ismail  # ismail is a member of Founders in the config

        # account assignments
        + assignment/Engineer/group:Engineers/222222222222 (dev)  # moves from PowerUser (renamed)
        + assignment/Admin/group:Founders/111111111111 (management)  # assignment rule #1 assigns it
        + assignment/Engineer/group:Engineers/333333333333 (prod)  # assignment rule #2 assigns it
        - assignment/PowerUser/group:Engineers/222222222222 (dev)  # PowerUser is renamed to Engineer; the assignment moves

      Drift (1) — reported, not changed by this plan:
        unmanaged: user/old — user old is not in the config (--prune deletes it)

      Estimate: 33 API calls, about 17 s (assuming 5 s per asynchronous request).

      Plan: 8 to add, 2 to change, 3 to destroy, 1 to provision; 1 manual step.
      "
    `);
  });

  it('renders blocked actions under the manual step that blocks them', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN] })],
        groups: [group('Founders')],
      }),
      { instance: null },
    );
    expect(renderPlan(plan, { color: false })).toMatchInlineSnapshot(`
      "gatehouse plan for account 111111111111 (organization o-abcdefghij, management account management (111111111111))
      Identity Center: no instance yet
      Config gatehouse.yaml sha256:000000000000… · observed 2026-11-28T09:00:00.000Z

      Plan: 2 to add, 0 to change, 0 to destroy, 0 to provision; 1 manual step.
        add       groups 1, permission sets 1
        manual    1 step (listed below)

      Manual steps (1) — AWS has no API for these, only the root user may do them, or gatehouse leaves them to a person:

        [1] Enable the organization instance of IAM Identity Center (manual/enable-organization-instance)
            Why: no Identity Center instance exists in eu-west-1, and AWS offers no API to enable the organization instance
            1. Sign in to the management account 111111111111 with administrator access.
            2. Open the IAM Identity Center console in eu-west-1: https://eu-west-1.console.aws.amazon.com/singlesignon/home?region=eu-west-1
            3. Choose "Enable", then "Enable with AWS Organizations" (not "Enable in only this AWS account").
            4. Wait until the dashboard shows the AWS access portal URL.
            Verify: sso-admin ListInstances in eu-west-1 returns an instance owned by 111111111111: run \`gatehouse plan\` again.
            Until then 2 actions below wait (marked "waits for manual/enable-organization-instance").

      gatehouse will perform these actions (sorted by kind, account and principal; apply orders them itself):

        # groups
        + group/Founders  # group Founders does not exist  [waits for manual/enable-organization-instance]

        # permission sets
        + permission-set/Admin  # permission set Admin does not exist  [waits for manual/enable-organization-instance]
            sessionDuration: "PT1H"
            managedPolicies:
              + arn:aws:iam::aws:policy/AdministratorAccess
            tags:
              + managed-by = "gatehouse"

      Estimate: 3 API calls, about 1 s (assuming 5 s per asynchronous request).

      Plan: 2 to add, 0 to change, 0 to destroy, 0 to provision; 1 manual step.
      "
    `);
  });

  it('says so when there is nothing to do', () => {
    const plan = createPlan(desired, materialize(desired), { now: NOW });
    const text = renderPlan(plan, { color: false });
    expect(text).toMatchInlineSnapshot(`
      "gatehouse plan for account 111111111111 (organization o-abcdefghij, management account management (111111111111))
      Identity Center: arn:aws:sso:::instance/ssoins-1111222233334444 in eu-west-1
      Config gatehouse.yaml sha256:000000000000… · observed 2026-11-28T09:00:00.000Z

      What the assignment rules resolved to:
        assignment rule #1 (group:Founders → Admin, management) → 1 account: management
        assignment rule #2 (group:Engineers → Engineer, ou:/Workloads, exclude: shared) → 2 accounts: dev, prod; skipped shared (excluded), legacy (suspended), closing (pending closure)
        assignment rule #3 (group:Engineers → ReadOnly, tag:env=prod) → 2 accounts: prod, shared; skipped legacy (suspended)

      No changes. AWS matches the configuration.
      "
    `);
    expect(summaryLine(plan)).toBe('No changes. AWS matches the configuration.');
  });

  it('uses colour only when asked', () => {
    const plan = planFor(desired, live);
    expect(renderPlan(plan, { color: false })).not.toContain('\u001b[');
    const coloured = renderPlan(plan, { color: true });
    expect(coloured).toContain('\u001b[32m+\u001b[39m');
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    expect(coloured.replace(ansi, '')).toBe(renderPlan(plan, { color: false }));
  });

  it('shows warnings at their config position and caps long drift lists', () => {
    const plan = planFor(
      desiredState({
        groups: [group('Team')],
        assignments: [rule(0, 'group:Team', 'Dev', ['tag:env=qa'])],
        permissionSets: [permissionSet('Dev')],
      }),
      {
        permissionSets: [livePermissionSet('Dev')],
        groups: [liveGroup('Team')],
        users: Array.from({ length: 25 }, (_, i) => liveUser(`user${String(i).padStart(2, '0')}`)),
      },
    );
    const text = renderPlan(plan, { color: false });
    expect(text).toContain('Warnings:\n  gatehouse.yaml:20:5: assignment rule #1: tag:env=qa matches no account\n');
    expect(text).toContain('Drift (25) — reported, not changed by this plan:');
    expect(text).toContain(
      '  unmanaged: user/user19 — user user19 is not in the config (--prune deletes it)\n  … and 5 more unmanaged',
    );
    expect(text).toContain('assignment rule #1 (group:Team → Dev, tag:env=qa) → no accounts');
    expect(text.trimEnd().endsWith('No changes. AWS matches the configuration.')).toBe(true);
  });

  it('a replace shows every attribute that differs, including ones the new set drops', () => {
    const plan = planFor(
      desiredState({ permissionSets: [permissionSet('New', { formerNames: ['Old'], sessionDuration: 'PT2H' })] }),
      { permissionSets: [livePermissionSet('Old', { inlinePolicy: JSON.stringify(readOnlyInline) })] },
    );
    const text = renderPlan(plan, { color: false });
    expect(text).toContain('  -/+ permission-set/New (replaces permission-set/Old)');
    expect(text).toContain(
      '      name: "Old" → "New"\n      sessionDuration: "PT1H" → "PT2H"\n      inlinePolicy:\n        - {',
    );
  });

  it('formats durations', () => {
    expect([
      formatDuration(0),
      formatDuration(59),
      formatDuration(61),
      formatDuration(3600),
      formatDuration(5430),
    ]).toEqual(['0 s', '59 s', '1 min 1 s', '1 h', '1 h 31 min']);
  });
});

describe('renderPlan: destructive plans look destructive', () => {
  const teams = Array.from({ length: 25 }, (_, i) => `Team${String(i).padStart(2, '0')}`);
  // One managed set the config no longer names, assigned to 25 groups: 26 deletions.
  const plan = planFor(desiredState({}), {
    permissionSets: [livePermissionSet('Legacy')],
    groups: teams.map((t) => liveGroup(t)),
    assignments: [...teams].reverse().map((t) => liveAssignment('Legacy', `group:${t}`, DEV)),
  });
  const text = renderPlan(plan, { color: false, maxDestroy: 25 });
  const lines = text.split('\n');

  it('starts with the summary by kind and the refusal, before any banner', () => {
    expect(lines.slice(4, 7)).toEqual([
      'Plan: 0 to add, 0 to change, 26 to destroy, 0 to provision.',
      '  destroy   permission sets 1, account assignments 25',
      '! Refused by default: this plan deletes 26 resources, more than safety.maxDestroy (25); apply refuses it unless run with --allow-destroy.',
    ]);
    expect(text.indexOf('! 26 changes remove access or delete:')).toBeGreaterThan(text.indexOf('Refused by default'));
  });

  it('caps the banner and lists every action below, sorted and grouped by reason', () => {
    expect(text).toContain('!   … and 6 more (all listed below)');
    const heading = lines.findIndex((l) => l.includes('## - 25 × permission set Legacy is deleted by this plan'));
    expect(heading).toBeGreaterThan(0);
    const listed = lines.slice(heading + 1, heading + 26).map((l) => l.trim().split(' ')[1]);
    expect(listed).toEqual(teams.map((t) => `assignment/Legacy/group:${t}/${DEV}`));
  });

  it('says nothing about refusal within the limit or without a limit', () => {
    expect(renderPlan(plan, { color: false, maxDestroy: 26 })).not.toContain('Refused by default');
    expect(renderPlan(plan, { color: false })).not.toContain('Refused by default');
  });
});
