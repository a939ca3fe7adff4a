import {
  ConflictException,
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  paginateListUsers,
  ResourceNotFoundException,
  UpdateGroupCommand,
  UpdateUserCommand,
  ValidationException,
} from '@aws-sdk/client-identitystore';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { describe, expect, it } from 'vitest';
import { clientsFor, type Harness, harness, rejection } from './helpers.js';

async function storeId(h: Harness): Promise<string> {
  return (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.IdentityStoreId as string;
}

function user(IdentityStoreId: string, UserName: string, extra: Record<string, unknown> = {}) {
  return new CreateUserCommand({
    IdentityStoreId,
    UserName,
    DisplayName: `${UserName} Person`,
    Name: { GivenName: UserName, FamilyName: 'Person' },
    Emails: [{ Value: `${UserName}@example.com`, Type: 'work', Primary: true }],
    ...extra,
  });
}

describe('identitystore users', () => {
  it('creates a user and describes every attribute with its timestamps and status', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const created = await h.ids.send(
      user(IdentityStoreId, 'ada', {
        Title: 'CTO',
        Extensions: { 'aws:identitystore:enterprise': { employeeNumber: '7' } },
      }),
    );
    expect(created.IdentityStoreId).toBe(IdentityStoreId);
    expect(created.UserId).toMatch(
      new RegExp(`^${IdentityStoreId.slice(2)}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
    );
    const described = await h.ids.send(new DescribeUserCommand({ IdentityStoreId, UserId: created.UserId }));
    expect(described).toMatchObject({
      IdentityStoreId,
      UserId: created.UserId,
      UserName: 'ada',
      DisplayName: 'ada Person',
      Name: { GivenName: 'ada', FamilyName: 'Person' },
      Emails: [{ Value: 'ada@example.com', Type: 'work', Primary: true }],
      Title: 'CTO',
      UserStatus: 'ENABLED',
      CreatedAt: new Date(h.clock.now()),
      CreatedBy: 'arn:aws:sts::111111111111:assumed-role/Admin/gatehouse',
      UpdatedAt: new Date(h.clock.now()),
    });
    expect(described.Extensions).toBeUndefined();
    const withExt = await h.ids.send(
      new DescribeUserCommand({
        IdentityStoreId,
        UserId: created.UserId,
        Extensions: ['aws:identitystore:enterprise'],
      }),
    );
    expect(withExt.Extensions).toEqual({ 'aws:identitystore:enterprise': { employeeNumber: '7' } });
  });

  it('validates users like the model and what Identity Center requires', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const noDisplayName = await rejection(
      h.ids.send(
        new CreateUserCommand({ IdentityStoreId, UserName: 'bob', Name: { GivenName: 'B', FamilyName: 'C' } }),
      ),
    );
    expect(noDisplayName).toBeInstanceOf(ValidationException);
    expect(noDisplayName.message).toMatch(/DisplayName/);
    expect(noDisplayName.RequestId).toEqual(expect.any(String));
    const spaced = await rejection(h.ids.send(user(IdentityStoreId, 'bob smith')));
    expect(spaced.message).toMatch(
      /at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const twoEmails = await rejection(
      h.ids.send(user(IdentityStoreId, 'carol', { Emails: [{ Value: 'a@example.com' }, { Value: 'b@example.com' }] })),
    );
    expect(twoEmails.message).toMatch(
      /at 'emails' failed to satisfy constraint: Member must have length less than or equal to 1/,
    );
    expect(await rejection(h.ids.send(user(IdentityStoreId, 'Administrator')))).toBeInstanceOf(ValidationException);
    expect(
      await rejection(h.ids.send(user(IdentityStoreId, 'dave', { Extensions: { 'aws:identitystore:other': {} } }))),
    ).toBeInstanceOf(ValidationException);
    const badStore = await rejection(h.ids.send(user('not-a-store', 'x')));
    expect(badStore).toBeInstanceOf(ValidationException);
  });

  it('keeps UserName unique (case-insensitively) with a UNIQUENESS_CONSTRAINT_VIOLATION conflict', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    await h.ids.send(user(IdentityStoreId, 'ada'));
    const dup = await rejection(h.ids.send(user(IdentityStoreId, 'ADA')));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.Reason).toBe('UNIQUENESS_CONSTRAINT_VIOLATION');
    expect(dup.message).toBe('Duplicate UserName');
    expect(dup.$metadata).toMatchObject({ httpStatusCode: 409 });
  });

  it('finds users by userName or emails.value (path in any case) and reports misses with ResourceType', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const { UserId } = await h.ids.send(user(IdentityStoreId, 'ada'));
    const byName = await h.ids.send(
      new GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'ada' } },
      }),
    );
    expect(byName.UserId).toBe(UserId);
    const capitalised = await h.ids.send(
      new GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'ada' } },
      }),
    );
    expect(capitalised.UserId).toBe(UserId);
    const byEmail = await h.ids.send(
      new GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'ada@example.com' } },
      }),
    );
    expect(byEmail.UserId).toBe(UserId);
    const missing = await rejection(
      h.ids.send(
        new GetUserIdCommand({
          IdentityStoreId,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'zed' } },
        }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.ResourceType).toBe('USER');
    expect(missing.ResourceId).toBe('zed');
    const notUnique = await rejection(
      h.ids.send(
        new GetUserIdCommand({
          IdentityStoreId,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'title', AttributeValue: 'x' } },
        }),
      ),
    );
    expect(notUnique).toBeInstanceOf(ValidationException);
  });

  it('finds SCIM-provisioned users and groups by their ExternalId', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const { UserId } = await h.ids.send(user(IdentityStoreId, 'scim'));
    const { GroupId } = await h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Synced' }));
    h.sandbox.mutate((world) => {
      const store = world.instanceByStoreId(IdentityStoreId)?.record.identityStore;
      const u = store?.users[UserId as string];
      const g = store?.groups[GroupId as string];
      if (u) u.attributes.ExternalIds = [{ Issuer: 'https://idp.example.com', Id: 'u-1' }];
      if (g) g.ExternalIds = [{ Issuer: 'https://idp.example.com', Id: 'g-1' }];
    });
    const ExternalId = { Issuer: 'https://idp.example.com', Id: 'u-1' };
    expect(
      (await h.ids.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { ExternalId } }))).UserId,
    ).toBe(UserId);
    expect((await h.ids.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).ExternalIds).toEqual([ExternalId]);
    const group = await h.ids.send(
      new GetGroupIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { ExternalId: { Issuer: 'https://idp.example.com', Id: 'g-1' } },
      }),
    );
    expect(group.GroupId).toBe(GroupId);
    const both = await rejection(
      h.ids.send(
        new GetUserIdCommand({
          IdentityStoreId,
          AlternateIdentifier: {
            ExternalId,
            UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'scim' },
          } as never,
        }),
      ),
    );
    expect(both).toBeInstanceOf(ValidationException);
  });

  it('pages users and filters them by UserName', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    for (let i = 0; i < 23; i++) await h.ids.send(user(IdentityStoreId, `user${i}`));
    const first = await h.ids.send(new ListUsersCommand({ IdentityStoreId }));
    expect(first.Users).toHaveLength(10);
    expect(first.NextToken).toEqual(expect.any(String));
    const names: string[] = [];
    for await (const page of paginateListUsers({ client: h.ids, pageSize: 100 }, { IdentityStoreId })) {
      names.push(...(page.Users ?? []).map((u) => u.UserName as string));
    }
    expect(names).toHaveLength(23);
    const filtered = await h.ids.send(
      new ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'UserName', AttributeValue: 'user7' }] }),
    );
    expect(filtered.Users?.map((u) => u.UserName)).toEqual(['user7']);
    expect(filtered.NextToken).toBeUndefined();
    const byTitle = await rejection(
      h.ids.send(new ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'Title', AttributeValue: 'x' }] })),
    );
    expect(byTitle).toBeInstanceOf(ValidationException);
  });

  it('updates attributes by path, removes them with a null value and keeps UserName unique', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const { UserId } = await h.ids.send(user(IdentityStoreId, 'ada', { NickName: 'A' }));
    await h.ids.send(user(IdentityStoreId, 'bob'));
    h.clock.advance(1000);
    await h.ids.send(
      new UpdateUserCommand({
        IdentityStoreId,
        UserId,
        Operations: [
          { AttributePath: 'displayName', AttributeValue: 'Ada Lovelace' },
          { AttributePath: 'name.familyName', AttributeValue: 'Lovelace' },
          { AttributePath: 'nickName' },
          { AttributePath: 'emails', AttributeValue: [{ Value: 'ada@new.example.com', Primary: true }] },
        ],
      }),
    );
    const after = await h.ids.send(new DescribeUserCommand({ IdentityStoreId, UserId }));
    expect(after).toMatchObject({
      DisplayName: 'Ada Lovelace',
      Name: { GivenName: 'ada', FamilyName: 'Lovelace' },
      Emails: [{ Value: 'ada@new.example.com', Primary: true }],
    });
    expect(after.NickName).toBeUndefined();
    expect(after.UpdatedAt?.getTime()).toBe(after.CreatedAt!.getTime() + 1000);
    const found = await h.ids.send(
      new GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'ada@new.example.com' },
        },
      }),
    );
    expect(found.UserId).toBe(UserId);
    const clash = await rejection(
      h.ids.send(
        new UpdateUserCommand({
          IdentityStoreId,
          UserId,
          Operations: [{ AttributePath: 'userName', AttributeValue: 'Bob' }],
        }),
      ),
    );
    expect(clash).toBeInstanceOf(ConflictException);
    const badPath = await rejection(
      h.ids.send(
        new UpdateUserCommand({
          IdentityStoreId,
          UserId,
          Operations: [{ AttributePath: 'shoeSize', AttributeValue: '9' }],
        }),
      ),
    );
    expect(badPath).toBeInstanceOf(ValidationException);
  });

  it('hides users younger than the visibility lag', async () => {
    const h = harness('org', { knobs: { identityStoreVisibilityLagMs: 2000 } });
    const IdentityStoreId = await storeId(h);
    const { UserId } = await h.ids.send(user(IdentityStoreId, 'ada'));
    const early = await rejection(h.ids.send(new DescribeUserCommand({ IdentityStoreId, UserId })));
    expect(early).toBeInstanceOf(ResourceNotFoundException);
    expect((await h.ids.send(new ListUsersCommand({ IdentityStoreId }))).Users).toEqual([]);
    h.clock.advance(2000);
    expect((await h.ids.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).UserName).toBe('ada');
  });
});

describe('identitystore groups and memberships', () => {
  it('creates unique groups, finds them by displayName, updates and deletes them', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const { GroupId } = await h.ids.send(
      new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Founders', Description: 'the founders' }),
    );
    const dup = await rejection(h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'founders' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.Reason).toBe('UNIQUENESS_CONSTRAINT_VIOLATION');
    expect(
      await rejection(h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'AWSAdministrators' }))),
    ).toBeInstanceOf(ValidationException);
    const id = await h.ids.send(
      new GetGroupIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Founders' } },
      }),
    );
    expect(id.GroupId).toBe(GroupId);
    expect(await h.ids.send(new DescribeGroupCommand({ IdentityStoreId, GroupId }))).toMatchObject({
      GroupId,
      DisplayName: 'Founders',
      Description: 'the founders',
    });
    await h.ids.send(
      new UpdateGroupCommand({
        IdentityStoreId,
        GroupId,
        Operations: [{ AttributePath: 'displayName', AttributeValue: 'Owners' }],
      }),
    );
    const listed = await h.ids.send(
      new ListGroupsCommand({ IdentityStoreId, Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Owners' }] }),
    );
    expect(listed.Groups?.map((g) => g.GroupId)).toEqual([GroupId]);
    await h.ids.send(new DeleteGroupCommand({ IdentityStoreId, GroupId }));
    const gone = await rejection(h.ids.send(new DescribeGroupCommand({ IdentityStoreId, GroupId })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.ResourceType).toBe('GROUP');
  });

  it('manages memberships: unique pairs, lookups both ways, IsMemberInGroups, cascade on delete', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const ada = (await h.ids.send(user(IdentityStoreId, 'ada'))).UserId as string;
    const groups: string[] = [];
    for (const name of ['A', 'B', 'C'])
      groups.push((await h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: name }))).GroupId as string);
    const memberships: string[] = [];
    for (const GroupId of groups.slice(0, 2)) {
      memberships.push(
        (await h.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: ada } })))
          .MembershipId as string,
      );
    }
    const dup = await rejection(
      h.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId: groups[0], MemberId: { UserId: ada } })),
    );
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Member and Group relationship already exists.');
    const ghost = `${IdentityStoreId.slice(2)}-00000000-0000-4000-8000-000000000000`;
    const unknown = await rejection(
      h.ids.send(
        new CreateGroupMembershipCommand({ IdentityStoreId, GroupId: groups[2], MemberId: { UserId: ghost } }),
      ),
    );
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'USER', ResourceId: ghost });

    const described = await h.ids.send(
      new DescribeGroupMembershipCommand({ IdentityStoreId, MembershipId: memberships[0] }),
    );
    expect(described).toMatchObject({
      IdentityStoreId,
      MembershipId: memberships[0],
      GroupId: groups[0],
      MemberId: { UserId: ada },
    });
    const id = await h.ids.send(
      new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId: groups[1], MemberId: { UserId: ada } }),
    );
    expect(id.MembershipId).toBe(memberships[1]);
    const notMember = await rejection(
      h.ids.send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId: groups[2], MemberId: { UserId: ada } })),
    );
    expect(notMember).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'GROUP_MEMBERSHIP' });
    const exists = await h.ids.send(
      new IsMemberInGroupsCommand({ IdentityStoreId, MemberId: { UserId: ada }, GroupIds: groups }),
    );
    expect(exists.Results?.map((r) => r.MembershipExists)).toEqual([true, true, false]);
    const forMember = await h.ids.send(
      new ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId: ada }, MaxResults: 1 }),
    );
    expect(forMember.GroupMemberships).toHaveLength(1);
    expect(forMember.NextToken).toEqual(expect.any(String));
    const inGroup = await h.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: groups[0] }));
    expect(inGroup.GroupMemberships?.map((m) => m.MemberId)).toEqual([{ UserId: ada }]);

    await h.ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: memberships[0] }));
    expect(
      (await h.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: groups[0] }))).GroupMemberships,
    ).toEqual([]);
    await h.ids.send(new DeleteUserCommand({ IdentityStoreId, UserId: ada }));
    expect(
      (await h.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: groups[1] }))).GroupMemberships,
    ).toEqual([]);
    const afterDelete = await rejection(h.ids.send(new DeleteUserCommand({ IdentityStoreId, UserId: ada })));
    expect(afterDelete).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ResourceNotFound IDENTITY_STORE for a store that is not here', async () => {
    const h = harness('org');
    const IdentityStoreId = await storeId(h);
    const elsewhere = clientsFor(h.sandbox, h.sandbox.defaultCredentials()!, { region: 'us-east-1' });
    const error = await rejection(elsewhere.ids.send(new ListUsersCommand({ IdentityStoreId })));
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'IDENTITY_STORE',
      ResourceId: IdentityStoreId,
    });
    expect(await rejection(h.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-0000000000' })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});
