import { GetAccountSummaryCommand, ListUsersCommand as IamListUsers, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { DescribeOrganizationCommand, ListAccountsCommand } from '@aws-sdk/client-organizations';
import {
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-sso-admin';
import { describe, expect, it } from 'vitest';
import { createSandbox, parseSizes, serializeState } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { harness, rejection } from './helpers.js';

describe('scenario fresh', () => {
  it('is a standalone account with a careless root and a console IAM user', async () => {
    const h = harness('fresh');
    expect(Object.keys(h.sandbox.state.accounts)).toEqual(['111111111111']);
    expect(h.sandbox.state.organization).toBeNull();
    expect((await rejection(h.org.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
    expect((await h.sso.send(new ListInstancesCommand({}))).Instances).toEqual([]);
    const summary = (await h.iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
    expect(summary).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, AccountPasswordPresent: 1 });
    const root = h.sandbox.state.accounts['111111111111']?.iam.root;
    expect(root?.accessKeys.map((k) => k.status)).toEqual(['Active']);
    const users = (await h.iam.send(new IamListUsers({}))).Users;
    expect(users?.map((u) => u.UserName)).toEqual(['admin']);
    expect(h.sandbox.state.accounts['111111111111']?.iam.users.admin).toMatchObject({
      loginProfile: { passwordResetRequired: false },
      mfaDevices: [],
    });
    expect((await h.iam.send(new ListAccessKeysCommand({ UserName: 'admin' }))).AccessKeyMetadata).toEqual([]);
  });
});

describe('scenario day1', () => {
  it('is the seed’s end point: org, instance, Admin and PowerUser, ismail assigned Admin on management', async () => {
    const h = harness('day1');
    expect((await h.org.send(new DescribeOrganizationCommand({}))).Organization).toMatchObject({
      FeatureSet: 'ALL',
      MasterAccountId: '111111111111',
    });
    expect((await h.org.send(new ListAccountsCommand({}))).Accounts?.map((a) => a.Id)).toEqual(['111111111111']);
    const instance = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0];
    expect(instance?.OwnerAccountId).toBe('111111111111');
    const InstanceArn = instance?.InstanceArn as string;
    expect(
      (await h.sso.send(new DescribeInstanceCommand({ InstanceArn }))).EncryptionConfigurationDetails?.KeyType,
    ).toBe('AWS_OWNED_KMS_KEY');
    const sets: Record<
      string,
      { SessionDuration?: string; Description?: string; policies: string[]; tags: unknown; accounts: string[] }
    > = {};
    for (const PermissionSetArn of (await h.sso.send(new ListPermissionSetsCommand({ InstanceArn }))).PermissionSets ??
      []) {
      const ps = (await h.sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))).PermissionSet;
      const policies = (
        await h.sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn }))
      ).AttachedManagedPolicies;
      const tags = (await h.sso.send(new ListTagsForResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn })))
        .Tags;
      const accounts = (
        await h.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn, PermissionSetArn }))
      ).AccountIds;
      sets[ps?.Name as string] = {
        SessionDuration: ps?.SessionDuration,
        Description: ps?.Description,
        policies: (policies ?? []).map((p) => p.Arn as string),
        tags,
        accounts: accounts ?? [],
      };
    }
    expect(sets).toEqual({
      Admin: {
        SessionDuration: 'PT4H',
        Description: 'Founders / Infra',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        tags: [{ Key: 'managed-by', Value: 'gatehouse' }],
        accounts: ['111111111111'],
      },
      PowerUser: {
        SessionDuration: 'PT8H',
        Description: 'DevOps / Engineers',
        policies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        tags: [{ Key: 'managed-by', Value: 'gatehouse' }],
        accounts: [],
      },
    });
    const IdentityStoreId = instance?.IdentityStoreId;
    const users = (await h.ids.send(new ListUsersCommand({ IdentityStoreId }))).Users;
    expect(users?.map((u) => [u.UserName, u.DisplayName, u.Emails?.[0]?.Value])).toEqual([
      ['ismail', 'Ismail G', 'ismail@example.com'],
    ]);
    const groups = (await h.ids.send(new ListGroupsCommand({ IdentityStoreId }))).Groups;
    expect(groups).toEqual([]);
    const assignments = await h.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn,
        PrincipalId: users?.[0]?.UserId,
        PrincipalType: 'USER',
      }),
    );
    expect(assignments.AccountAssignments?.map((a) => a.AccountId)).toEqual(['111111111111']);
    expect(
      (
        await h.sso.send(
          new ListAccountAssignmentsCommand({
            InstanceArn,
            AccountId: '111111111111',
            PermissionSetArn: assignments.AccountAssignments?.[0]?.PermissionSetArn,
          }),
        )
      ).AccountAssignments,
    ).toHaveLength(1);
    const summary = (await h.iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
    expect(summary).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 0 });
  });
});

describe('scenario org', () => {
  it('holds the documented accounts, OUs, tags and an unconfigured organization instance', () => {
    const { state } = createSandbox({ scenario: 'org', clock: new VirtualClock() });
    const accounts = Object.values(state.accounts).map((a) => [a.id, a.name, a.org?.state, a.tags]);
    expect(accounts).toEqual([
      ['111111111111', 'management', 'ACTIVE', {}],
      ['222222222222', 'log-archive', 'ACTIVE', {}],
      ['333333333333', 'security', 'ACTIVE', {}],
      ['444444444444', 'dev', 'ACTIVE', { env: 'dev' }],
      ['555555555555', 'staging', 'ACTIVE', { env: 'staging' }],
      ['666666666666', 'prod', 'ACTIVE', { env: 'prod' }],
      ['777777777777', 'legacy', 'SUSPENDED', {}],
    ]);
    expect(state.accounts['111111111111']?.iam.root.mfa?.type).toBe('hardware');
    const ous = Object.values(state.organization?.ous ?? {}).map((o) => o.name);
    expect(ous).toEqual(['Security', 'Workloads', 'Dev', 'Prod', 'Suspended']);
    const instances = Object.values(state.instances);
    expect(
      instances.map((i) => [
        i.kind,
        i.region,
        i.ownerAccountId,
        Object.keys(i.permissionSets).length,
        Object.keys(i.identityStore.users).length,
      ]),
    ).toEqual([['organization', 'eu-west-1', '111111111111', 0, 0]]);
    for (const id of ['222222222222', '777777777777']) {
      expect(state.accounts[id]?.iam.roles.OrganizationAccountAccessRole?.trustedAccounts).toEqual(['111111111111']);
    }
  });
});

describe('scenario large', () => {
  it('builds the default sizes in seconds and serves O(page) lists', async () => {
    const started = performance.now();
    const h = harness('large');
    const built = performance.now() - started;
    expect(built).toBeLessThan(5000);
    const state = h.sandbox.state;
    const instance = Object.values(state.instances)[0];
    expect(Object.keys(state.accounts)).toHaveLength(1001);
    expect(Object.keys(state.organization?.ous ?? {})).toHaveLength(100);
    expect(Object.keys(instance?.permissionSets ?? {})).toHaveLength(30);
    expect(Object.keys(instance?.identityStore.groups ?? {})).toHaveLength(200);
    expect(Object.keys(instance?.identityStore.users ?? {})).toHaveLength(5000);
    expect(Object.keys(instance?.identityStore.memberships ?? {})).toHaveLength(15000);
    expect(Object.keys(instance?.assignments ?? {})).toHaveLength(20000);
    const InstanceArn = instance?.arn;
    const listStart = performance.now();
    for (let i = 0; i < 200; i++) await h.sso.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 100 }));
    expect(performance.now() - listStart).toBeLessThan(3000);
    const serialized = serializeState(state);
    expect(serialized.length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('is deterministic for a seed and respects the sizes given', () => {
    const clock = new VirtualClock();
    const make = (seed: number) =>
      createSandbox({
        clock,
        scenario: 'large',
        scenarioOptions: {
          seed,
          sizes: parseSizes('accounts=20,ous=4,permissionSets=3,groups=5,users=30,memberships=40,assignments=50'),
        },
      });
    const a = serializeState(make(3).state);
    expect(serializeState(make(3).state)).toBe(a);
    expect(serializeState(make(4).state)).not.toBe(a);
    const state = make(3).state;
    expect(Object.keys(state.accounts)).toHaveLength(21);
    expect(Object.keys(Object.values(state.instances)[0]?.assignments ?? {})).toHaveLength(50);
    expect(() => parseSizes('accounts=ten')).toThrow(/invalid size "accounts=ten"/);
    expect(() => parseSizes('planets=3')).toThrow(/NAME one of accounts/);
    expect(() =>
      createSandbox({ clock, scenario: 'large', scenarioOptions: { sizes: { accounts: 100_000 } } }),
    ).toThrow(/out of range/);
  });
});
