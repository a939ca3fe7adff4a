/**
 * @module Differential steps for the Identity Center instance and its identity store: instances,
 * users, groups, memberships, lookups, pagination, conflicts and not-found errors. The probes that
 * leave the two sides with different states (moto's looser rules) come last.
 */

import { enableOrganizationInstance } from '../../../src/sandbox/scenarios/builder.js';
import { IC_REGION, type Side } from './sides.js';
import { must, registerFrom, type Step } from './steps.js';

const store = (s: Side) => s.ids.raw('store');

function user(name: string, given: string, family: string): Record<string, unknown> {
  return {
    UserName: name,
    DisplayName: `${given} ${family}`,
    Name: { GivenName: given, FamilyName: family },
    Emails: [{ Value: `${name}@example.com`, Type: 'work', Primary: true }],
  };
}

const createUser = (name: string, given: string, family: string): Step => ({
  name: `create user ${name}`,
  service: 'identitystore',
  op: 'CreateUser',
  input: (s) => ({ IdentityStoreId: store(s), ...user(name, given, family) }),
  after: registerFrom(`user:${name}`, 'UserId'),
});

const createGroup = (name: string, description: string): Step => ({
  name: `create group ${name}`,
  service: 'identitystore',
  op: 'CreateGroup',
  input: (s) => ({ IdentityStoreId: store(s), DisplayName: name, Description: description }),
  after: registerFrom(`group:${name}`, 'GroupId'),
});

const addMember = (group: string, member: string): Step => ({
  name: `add ${member} to ${group}`,
  service: 'identitystore',
  op: 'CreateGroupMembership',
  input: (s) => ({
    IdentityStoreId: store(s),
    GroupId: s.ids.raw(`group:${group}`),
    MemberId: { UserId: s.ids.raw(`user:${member}`) },
  }),
  after: registerFrom(`membership:${group}/${member}`, 'MembershipId'),
});

/** Eight more users, so that a list without a page size shows each side's default page. */
const EXTRA_USERS = Array.from({ length: 8 }, (_, i) => `user${i + 1}`);

export const identityStoreSteps: Step[] = [
  {
    name: 'the organization instance of Identity Center (the console enables it; moto has one per region)',
    setup: {
      sandbox: (s) => {
        s.sandbox.mutate((world) => enableOrganizationInstance(world, IC_REGION, s.clock.now()));
      },
      moto: async () => {},
    },
  },
  {
    name: 'list instances',
    service: 'sso-admin',
    op: 'ListInstances',
    after: (s, outcome) => {
      registerFrom('store', 'Instances.0.IdentityStoreId')(s, outcome);
      const arn = (outcome as { ok: { Instances: { InstanceArn: string }[] } }).ok.Instances[0]?.InstanceArn;
      if (!arn) throw new Error(`${s.name}: no instance`);
      s.ids.remember('instance', arn);
      s.ids.register('ssoins', arn.slice(arn.lastIndexOf('/') + 1));
    },
  },
  { name: 'no instance in another region', service: 'sso-admin', op: 'ListInstances', region: 'us-west-2' },
  {
    name: 'describe the instance',
    service: 'sso-admin',
    op: 'DescribeInstance',
    input: (s) => ({ InstanceArn: s.ids.raw('instance') }),
  },
  createUser('alice', 'Alice', 'Archer'),
  createUser('bob', 'Bob', 'Baker'),
  createUser('carol', 'Carol', 'Cook'),
  {
    name: 'a duplicate user name is a conflict',
    service: 'identitystore',
    op: 'CreateUser',
    input: (s) => ({ IdentityStoreId: store(s), ...user('alice', 'Alice', 'Again') }),
  },
  {
    name: 'a user without a display name is invalid',
    service: 'identitystore',
    op: 'CreateUser',
    input: (s) => ({ IdentityStoreId: store(s), UserName: 'nodisplay', Name: { GivenName: 'N', FamilyName: 'D' } }),
  },
  {
    name: 'describe user alice',
    service: 'identitystore',
    op: 'DescribeUser',
    input: (s) => ({ IdentityStoreId: store(s), UserId: s.ids.raw('user:alice') }),
  },
  {
    name: 'describe a user that does not exist',
    service: 'identitystore',
    op: 'DescribeUser',
    input: (s) => ({ IdentityStoreId: store(s), UserId: 'c0ffee0000-00000000-0000-4000-8000-000000000000' }),
  },
  {
    name: 'list users',
    service: 'identitystore',
    op: 'ListUsers',
    input: (s) => ({ IdentityStoreId: store(s) }),
  },
  {
    name: 'list users one at a time',
    service: 'identitystore',
    op: 'ListUsers',
    input: (s) => ({ IdentityStoreId: store(s) }),
    page: { size: 1 },
  },
  {
    name: 'list users filtered by user name',
    service: 'identitystore',
    op: 'ListUsers',
    input: (s) => ({ IdentityStoreId: store(s), Filters: [{ AttributePath: 'UserName', AttributeValue: 'bob' }] }),
  },
  {
    name: 'GetUserId by user name',
    service: 'identitystore',
    op: 'GetUserId',
    input: (s) => ({
      IdentityStoreId: store(s),
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'carol' } },
    }),
  },
  {
    name: 'GetUserId of an unknown user name',
    service: 'identitystore',
    op: 'GetUserId',
    input: (s) => ({
      IdentityStoreId: store(s),
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'nobody' } },
    }),
  },
  createGroup('Engineers', 'Builds things'),
  createGroup('Founders', 'Started it'),
  {
    name: 'a duplicate group name is a conflict',
    service: 'identitystore',
    op: 'CreateGroup',
    input: (s) => ({ IdentityStoreId: store(s), DisplayName: 'Engineers' }),
  },
  {
    name: 'describe group Founders',
    service: 'identitystore',
    op: 'DescribeGroup',
    input: (s) => ({ IdentityStoreId: store(s), GroupId: s.ids.raw('group:Founders') }),
  },
  {
    name: 'list groups one at a time',
    service: 'identitystore',
    op: 'ListGroups',
    input: (s) => ({ IdentityStoreId: store(s) }),
    page: { size: 1 },
  },
  {
    name: 'list groups filtered by display name',
    service: 'identitystore',
    op: 'ListGroups',
    input: (s) => ({
      IdentityStoreId: store(s),
      Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Founders' }],
    }),
  },
  {
    name: 'GetGroupId by display name',
    service: 'identitystore',
    op: 'GetGroupId',
    input: (s) => ({
      IdentityStoreId: store(s),
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Engineers' } },
    }),
  },
  {
    name: 'GetGroupId of an unknown group',
    service: 'identitystore',
    op: 'GetGroupId',
    input: (s) => ({
      IdentityStoreId: store(s),
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Nobody' } },
    }),
  },
  addMember('Engineers', 'alice'),
  addMember('Engineers', 'bob'),
  addMember('Founders', 'alice'),
  {
    name: 'a membership of a user that does not exist',
    service: 'identitystore',
    op: 'CreateGroupMembership',
    input: (s) => ({
      IdentityStoreId: store(s),
      GroupId: s.ids.raw('group:Founders'),
      MemberId: { UserId: 'c0ffee0000-00000000-0000-4000-8000-000000000000' },
    }),
  },
  {
    name: 'members of Engineers',
    service: 'identitystore',
    op: 'ListGroupMemberships',
    input: (s) => ({ IdentityStoreId: store(s), GroupId: s.ids.raw('group:Engineers') }),
  },
  {
    name: 'groups of alice, one at a time',
    service: 'identitystore',
    op: 'ListGroupMembershipsForMember',
    input: (s) => ({ IdentityStoreId: store(s), MemberId: { UserId: s.ids.raw('user:alice') } }),
    page: { size: 1 },
  },
  {
    name: 'describe a membership',
    service: 'identitystore',
    op: 'DescribeGroupMembership',
    input: (s) => ({ IdentityStoreId: store(s), MembershipId: s.ids.raw('membership:Founders/alice') }),
  },
  {
    name: 'GetGroupMembershipId',
    service: 'identitystore',
    op: 'GetGroupMembershipId',
    input: (s) => ({
      IdentityStoreId: store(s),
      GroupId: s.ids.raw('group:Engineers'),
      MemberId: { UserId: s.ids.raw('user:bob') },
    }),
  },
  {
    name: 'IsMemberInGroups',
    service: 'identitystore',
    op: 'IsMemberInGroups',
    input: (s) => ({
      IdentityStoreId: store(s),
      MemberId: { UserId: s.ids.raw('user:carol') },
      GroupIds: [s.ids.raw('group:Engineers')],
    }),
  },
  {
    name: 'update a user',
    service: 'identitystore',
    op: 'UpdateUser',
    input: (s) => ({
      IdentityStoreId: store(s),
      UserId: s.ids.raw('user:carol'),
      Operations: [{ AttributePath: 'displayName', AttributeValue: 'Carol C.' }],
    }),
  },
  {
    name: 'update a group',
    service: 'identitystore',
    op: 'UpdateGroup',
    input: (s) => ({
      IdentityStoreId: store(s),
      GroupId: s.ids.raw('group:Founders'),
      Operations: [{ AttributePath: 'description', AttributeValue: 'Started it all' }],
    }),
  },
  {
    name: 'a store that does not exist',
    service: 'identitystore',
    op: 'ListUsers',
    input: () => ({ IdentityStoreId: 'd-0000000000' }),
  },
  // Probes after which the two sides hold different states.
  {
    name: 'eight more users',
    setup: {
      sandbox: async (s) => {
        for (const name of EXTRA_USERS) {
          await must(s, 'identitystore', 'CreateUser', { IdentityStoreId: store(s), ...user(name, 'Extra', name) });
        }
      },
      moto: async (s) => {
        for (const name of EXTRA_USERS) {
          await must(s, 'identitystore', 'CreateUser', { IdentityStoreId: store(s), ...user(name, 'Extra', name) });
        }
      },
    },
  },
  {
    name: 'list eleven users without a page size',
    service: 'identitystore',
    op: 'ListUsers',
    input: (s) => ({ IdentityStoreId: store(s) }),
    shape: (out) => ({ count: (out.Users as unknown[]).length, more: typeof out.NextToken === 'string' }),
  },
  {
    name: 'a duplicate membership',
    service: 'identitystore',
    op: 'CreateGroupMembership',
    input: (s) => ({
      IdentityStoreId: store(s),
      GroupId: s.ids.raw('group:Engineers'),
      MemberId: { UserId: s.ids.raw('user:alice') },
    }),
  },
  {
    name: 'delete user bob',
    service: 'identitystore',
    op: 'DeleteUser',
    input: (s) => ({ IdentityStoreId: store(s), UserId: s.ids.raw('user:bob') }),
  },
  {
    name: 'members of Engineers after the duplicate and the deletion',
    service: 'identitystore',
    op: 'ListGroupMemberships',
    input: (s) => ({ IdentityStoreId: store(s), GroupId: s.ids.raw('group:Engineers') }),
  },
];
