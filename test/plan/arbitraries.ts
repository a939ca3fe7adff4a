/**
 * @module fast-check arbitraries for plan properties: random but consistent desired states (every
 * rule names defined principals and permission sets, every member a defined user) over the standard
 * organization or a standalone account.
 */

import fc from 'fast-check';
import type { DesiredPermissionSet, DesiredState } from '../../src/model/desired.js';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  MGMT,
  POWERUSER_ARN,
  PROD,
  permissionSet,
  READONLY_ARN,
  rule,
  user,
} from './builders.js';
import { type OrgShape, STANDALONE, STANDARD_ORG } from './materialize.js';

export const SET_NAMES = ['Admin', 'PowerUser', 'ReadOnly', 'Billing', 'Dev'];
const USER_KEYS = ['ana', 'bob', 'carol', 'dave'];
const GROUP_NAMES = ['Founders', 'Engineers', 'Ops'];
const POLICIES = [ADMIN_ARN, READONLY_ARN, POWERUSER_ARN, 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'];
const ORG_TARGETS = [
  'management',
  'dev',
  'prod',
  DEV,
  'production',
  'legacy',
  'ou:/Workloads',
  'ou:/Workloads/Dev',
  'ou:/Sandbox',
  'ou:/',
  'tag:env=prod',
  'tag:env=dev',
  'tag:team=none',
  'all',
];
const STANDALONE_TARGETS = ['management', MGMT, 'all', 'tag:env=prod'];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.oneof(
    fc.constantFrom('s3:GetObject', 'ec2:Describe*', '*'),
    fc.uniqueArray(fc.constantFrom('s3:GetObject', 's3:PutObject', 'logs:GetLogEvents', 'iam:*'), {
      minLength: 1,
      maxLength: 3,
    }),
  ),
  Resource: fc.constantFrom('*', ['*'], ['arn:aws:s3:::bucket/*', '*']),
});
const inlinePolicy: fc.Arbitrary<Record<string, unknown> | null> = fc.option(
  fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(statement, { minLength: 1, maxLength: 2 }) }),
  { nil: null },
);

const permissionSetArb = (name: string): fc.Arbitrary<DesiredPermissionSet> =>
  fc
    .record({
      policies: fc.subarray(POLICIES),
      customer: fc.subarray([
        { name: 'TeamPolicy', path: '/' },
        { name: 'Extra', path: '/team/' },
      ]),
      session: fc.constantFrom('PT1H', 'PT4H', 'PT8H', 'PT12H'),
      description: fc.option(fc.constantFrom('Founders / infra', 'Engineers'), { nil: undefined }),
      relayState: fc.option(fc.constant('https://console.aws.amazon.com/'), { nil: undefined }),
      inline: inlinePolicy,
      boundary: fc.option(
        fc.constantFrom({ managedPolicyArn: POWERUSER_ARN }, { customerManagedPolicy: { name: 'Cap', path: '/' } }),
        {
          nil: null,
        },
      ),
      tags: fc.dictionary(fc.constantFrom('team', 'cost-center'), fc.constantFrom('core', 'infra'), { maxKeys: 2 }),
      // One set in ten is a `managed: false` reference.
      unmanaged: fc.integer({ min: 0, max: 9 }),
    })
    .map((r) =>
      permissionSet(name, {
        managedPolicies: r.policies,
        customerManagedPolicies: r.customer,
        sessionDuration: r.session,
        ...(r.description !== undefined ? { description: r.description } : {}),
        ...(r.relayState !== undefined ? { relayState: r.relayState } : {}),
        inlinePolicy: r.inline,
        permissionsBoundary: r.boundary,
        tags: r.tags,
        managed: r.unmanaged !== 0,
      }),
    );

export interface Scenario {
  desired: DesiredState;
  org: OrgShape;
}

/** A consistent desired state over the standard organization (or, sometimes, a standalone account). */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    standalone: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    setNames: fc.subarray(SET_NAMES),
    users: fc.subarray(USER_KEYS),
    groupNames: fc.subarray(GROUP_NAMES),
    external: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    centralized: fc.boolean(),
    hardware: fc.boolean(),
    customerKey: fc.boolean(),
    contact: fc.boolean(),
  })
  .chain((base) => {
    const targets = base.standalone ? STANDALONE_TARGETS : ORG_TARGETS;
    const principals = [...base.users.map((u) => `user:${u}`), ...base.groupNames.map((g) => `group:${g}`)];
    const rules: fc.Arbitrary<{ principal: string; set: string; targets: string[]; exclude: string[] }[]> =
      principals.length === 0 || base.setNames.length === 0
        ? fc.constant([])
        : fc.array(
            fc.record({
              principal: fc.constantFrom(...principals),
              set: fc.constantFrom(...base.setNames),
              targets: fc.subarray(targets, { minLength: 1, maxLength: 3 }),
              exclude: fc.subarray(targets, { maxLength: 1 }),
            }),
            { maxLength: 5 },
          );
    return fc.record({
      base: fc.constant(base),
      sets: fc.tuple(...base.setNames.map(permissionSetArb)),
      members: fc.tuple(...base.groupNames.map(() => fc.subarray(base.users))),
      rules,
    });
  })
  .map(({ base, sets, members, rules }) => {
    const desired = desiredState({
      root: {
        mfa: base.hardware ? 'hardware' : 'required',
        accessKeys: 'forbidden',
        maxDaysSinceLastUse: 90,
        centralizedManagement: base.centralized && !base.standalone,
      },
      contacts: base.contact
        ? { SECURITY: { name: 'Sec', title: 'CISO', email: 'sec@example.com', phone: '+1 555' } }
        : {},
      identityCenter: {
        region: 'eu-west-1',
        instance: base.standalone ? 'account' : 'organization',
        encryption: base.customerKey
          ? { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: `arn:aws:kms:eu-west-1:${MGMT}:key/abcd` }
          : { keyType: 'AWS_OWNED_KMS_KEY' },
        requireMfa: true,
        identitySource: base.external ? 'external' : 'internal',
      },
      permissionSets: sets,
      users: base.users.map((k) => user(k, k === 'dave' ? { userName: 'dave@corp' } : {})),
      groups: base.groupNames.map((name, i) => group(name, members[i] ?? [])),
      accountAliases: base.standalone ? {} : { production: PROD },
      assignments: rules.map((r, i) => rule(i, r.principal, r.set, r.targets, r.exclude)),
    });
    return { desired, org: base.standalone ? STANDALONE : STANDARD_ORG };
  });

/** A second config for the same organization, sometimes renaming sets of the first. */
export const nextDesiredArb = (previous: Scenario): fc.Arbitrary<Scenario> =>
  scenarioArb
    .filter((s) => s.org === previous.org)
    .chain((next) =>
      fc.record({
        next: fc.constant(next),
        renames: fc.tuple(...next.desired.permissionSets.map(() => fc.subarray(SET_NAMES, { maxLength: 2 }))),
      }),
    )
    .map(({ next, renames }) => ({
      org: next.org,
      desired: {
        ...next.desired,
        permissionSets: next.desired.permissionSets.map((ps, i) => ({
          ...ps,
          formerNames: (renames[i] ?? []).filter((n) => n !== ps.name),
        })),
      },
    }));
