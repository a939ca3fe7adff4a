import { CreateGroupCommand, CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-identitystore';
import { ListAccountsCommand, ListDelegatedAdministratorsCommand } from '@aws-sdk/client-organizations';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  ConflictException,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ListPermissionSetProvisioningStatusCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  paginateListAccountAssignmentsForPrincipal,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdatePermissionSetCommand,
  ValidationException,
} from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientsFor, completeAll, type Harness, harness, rejection } from './helpers.js';

interface Setup {
  InstanceArn: string;
  IdentityStoreId: string;
  admin: string;
  userId: string;
  groupId: string;
}

async function setup(h: Harness): Promise<Setup> {
  const instance = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0];
  const InstanceArn = instance?.InstanceArn as string;
  const IdentityStoreId = instance?.IdentityStoreId as string;
  const admin = (await h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Admin' }))).PermissionSet
    ?.PermissionSetArn as string;
  await h.sso.send(
    new AttachManagedPolicyToPermissionSetCommand({
      InstanceArn,
      PermissionSetArn: admin,
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  );
  const userId = (
    await h.ids.send(
      new CreateUserCommand({
        IdentityStoreId,
        UserName: 'ada',
        DisplayName: 'Ada L',
        Name: { GivenName: 'Ada', FamilyName: 'L' },
      }),
    )
  ).UserId as string;
  const groupId = (await h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Founders' })))
    .GroupId as string;
  return { InstanceArn, IdentityStoreId, admin, userId, groupId };
}

function assignment(s: Setup, TargetId: string, PrincipalType: 'USER' | 'GROUP' = 'GROUP', PermissionSetArn = s.admin) {
  return {
    InstanceArn: s.InstanceArn,
    TargetId,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn,
    PrincipalType,
    PrincipalId: PrincipalType === 'GROUP' ? s.groupId : s.userId,
  };
}

async function provisioned(
  h: Harness,
  s: Setup,
  PermissionSetArn: string,
  status?: 'LATEST_PERMISSION_SET_PROVISIONED' | 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
) {
  const out = await h.sso.send(
    new ListAccountsForProvisionedPermissionSetCommand({
      InstanceArn: s.InstanceArn,
      PermissionSetArn,
      ...(status ? { ProvisioningStatus: status } : {}),
    }),
  );
  return out.AccountIds ?? [];
}

describe('account assignments (asynchronous)', () => {
  it('goes IN_PROGRESS → SUCCEEDED after the completion delay, then exists and has provisioned the set', async () => {
    const h = harness('org', { knobs: { completionDelayMs: { perOperation: { CreateAccountAssignment: 4000 } } } });
    const s = await setup(h);
    const created = await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    const status = created.AccountAssignmentCreationStatus;
    expect(status).toEqual({
      Status: 'IN_PROGRESS',
      RequestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      TargetId: '444444444444',
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: s.admin,
      PrincipalType: 'GROUP',
      PrincipalId: s.groupId,
      CreatedDate: new Date(h.clock.now()),
    });
    const id = { InstanceArn: s.InstanceArn, AccountAssignmentCreationRequestId: status?.RequestId };
    const pairInput = { InstanceArn: s.InstanceArn, AccountId: '444444444444', PermissionSetArn: s.admin };
    h.clock.advance(3999);
    expect(
      (await h.sso.send(new DescribeAccountAssignmentCreationStatusCommand(id))).AccountAssignmentCreationStatus
        ?.Status,
    ).toBe('IN_PROGRESS');
    expect((await h.sso.send(new ListAccountAssignmentsCommand(pairInput))).AccountAssignments).toEqual([]);
    expect(await provisioned(h, s, s.admin)).toEqual([]);
    const running = await h.sso.send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: s.InstanceArn, Filter: { Status: 'IN_PROGRESS' } }),
    );
    expect(running.AccountAssignmentsCreationStatus?.map((r) => r.RequestId)).toEqual([status?.RequestId]);

    h.clock.advance(1);
    const done = await h.sso.send(new DescribeAccountAssignmentCreationStatusCommand(id));
    expect(done.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    expect(done.AccountAssignmentCreationStatus?.FailureReason).toBeUndefined();
    expect((await h.sso.send(new ListAccountAssignmentsCommand(pairInput))).AccountAssignments).toEqual([
      { AccountId: '444444444444', PermissionSetArn: s.admin, PrincipalType: 'GROUP', PrincipalId: s.groupId },
    ]);
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual(['444444444444']);
    const toAccount = await h.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: s.InstanceArn, AccountId: '444444444444' }),
    );
    expect(toAccount.PermissionSets).toEqual([s.admin]);
    const finished = await h.sso.send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: s.InstanceArn, Filter: { Status: 'SUCCEEDED' } }),
    );
    expect(finished.AccountAssignmentsCreationStatus).toEqual([
      { Status: 'SUCCEEDED', RequestId: status?.RequestId, CreatedDate: status?.CreatedDate },
    ]);
  });

  it('validates the request and refuses unknown permission sets and principals synchronously', async () => {
    const h = harness('org');
    const s = await setup(h);
    const badType = await rejection(
      h.sso.send(
        new CreateAccountAssignmentCommand({ ...assignment(s, '444444444444'), TargetType: 'ACCOUNT' as never }),
      ),
    );
    expect(badType).toBeInstanceOf(ValidationException);
    expect(badType.message).toMatch(
      /at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: \[AWS_ACCOUNT\]/,
    );
    const badAccount = await rejection(h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '4444'))));
    expect(badAccount).toBeInstanceOf(ValidationException);
    const unknownPs = `${s.admin.slice(0, -16)}0000000000000000`;
    expect(
      await rejection(
        h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444', 'GROUP', unknownPs))),
      ),
    ).toBeInstanceOf(ResourceNotFoundException);
    const ghost = await rejection(
      h.sso.send(
        new CreateAccountAssignmentCommand({
          ...assignment(s, '444444444444'),
          PrincipalId: `${s.groupId.slice(0, 11)}00000000-0000-4000-8000-000000000000`,
        }),
      ),
    );
    expect(ghost).toBeInstanceOf(ResourceNotFoundException);
  });

  it('accepts a duplicate creation and keeps a single assignment row', async () => {
    const h = harness('org');
    const s = await setup(h);
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    const again = await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    completeAll(h);
    const status = await h.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: s.InstanceArn,
        AccountAssignmentCreationRequestId: again.AccountAssignmentCreationStatus?.RequestId,
      }),
    );
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    const rows = await h.sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: s.InstanceArn,
        AccountId: '444444444444',
        PermissionSetArn: s.admin,
      }),
    );
    expect(rows.AccountAssignments).toHaveLength(1);
  });

  it('FAILS (not an API error) in a suspended account, when a customer managed policy is missing, and when injected', async () => {
    const h = harness('org', {
      knobs: {
        faults: [{ operation: 'CreateAccountAssignment', kind: 'failed', probability: 1, accountId: '666666666666' }],
      },
    });
    const s = await setup(h);
    const ps = (await h.sso.send(new CreatePermissionSetCommand({ InstanceArn: s.InstanceArn, Name: 'Custom' })))
      .PermissionSet?.PermissionSetArn as string;
    await h.sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: ps,
        CustomerManagedPolicyReference: { Name: 'AppAccess', Path: '/team/' },
      }),
    );
    const start = async (input: ReturnType<typeof assignment>) =>
      (await h.sso.send(new CreateAccountAssignmentCommand(input))).AccountAssignmentCreationStatus
        ?.RequestId as string;
    const suspended = await start(assignment(s, '777777777777'));
    const missing = await start(assignment(s, '444444444444', 'GROUP', ps));
    const injected = await start(assignment(s, '666666666666'));
    h.sandbox.addCustomerManagedPolicy('555555555555', 'AppAccess', '/team/');
    const present = await start(assignment(s, '555555555555', 'GROUP', ps));
    completeAll(h);
    const statusOf = async (id: string) =>
      (
        await h.sso.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: s.InstanceArn,
            AccountAssignmentCreationRequestId: id,
          }),
        )
      ).AccountAssignmentCreationStatus;
    expect(await statusOf(suspended)).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringMatching(/777777777777 is SUSPENDED/),
    });
    expect(await statusOf(missing)).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringMatching(/\/team\/AppAccess does not exist/),
    });
    expect(await statusOf(injected)).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'An unexpected internal service exception was encountered',
    });
    expect((await statusOf(present))?.Status).toBe('SUCCEEDED');
    expect(await provisioned(h, s, ps)).toEqual(['555555555555']);
    const failed = await h.sso.send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: s.InstanceArn, Filter: { Status: 'FAILED' } }),
    );
    expect(failed.AccountAssignmentsCreationStatus?.map((r) => r.RequestId).sort()).toEqual(
      [suspended, missing, injected].sort(),
    );
  });

  it('deletes asynchronously; the last assignment on a pair takes the provisioned copy with it', async () => {
    const h = harness('org');
    const s = await setup(h);
    const missing = await rejection(h.sso.send(new DeleteAccountAssignmentCommand(assignment(s, '444444444444'))));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    const racing = await rejection(h.sso.send(new DeleteAccountAssignmentCommand(assignment(s, '444444444444'))));
    expect(racing).toBeInstanceOf(ConflictException);
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444', 'USER')));
    completeAll(h);

    const first = await h.sso.send(new DeleteAccountAssignmentCommand(assignment(s, '444444444444', 'USER')));
    expect(first.AccountAssignmentDeletionStatus?.Status).toBe('IN_PROGRESS');
    completeAll(h);
    expect(await provisioned(h, s, s.admin)).toEqual(['444444444444']);
    const last = await h.sso.send(new DeleteAccountAssignmentCommand(assignment(s, '444444444444')));
    const id = {
      InstanceArn: s.InstanceArn,
      AccountAssignmentDeletionRequestId: last.AccountAssignmentDeletionStatus?.RequestId,
    };
    expect(
      (await h.sso.send(new DescribeAccountAssignmentDeletionStatusCommand(id))).AccountAssignmentDeletionStatus
        ?.Status,
    ).toBe('IN_PROGRESS');
    completeAll(h);
    expect(
      (await h.sso.send(new DescribeAccountAssignmentDeletionStatusCommand(id))).AccountAssignmentDeletionStatus
        ?.Status,
    ).toBe('SUCCEEDED');
    expect(await provisioned(h, s, s.admin)).toEqual([]);
    const deletions = await h.sso.send(new ListAccountAssignmentDeletionStatusCommand({ InstanceArn: s.InstanceArn }));
    expect(deletions.AccountAssignmentsDeletionStatus).toHaveLength(2);
  });

  it('refuses DeletePermissionSet while assigned or while its assignments are being deleted', async () => {
    const h = harness('org');
    const s = await setup(h);
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    completeAll(h);
    const del = new DeletePermissionSetCommand({ InstanceArn: s.InstanceArn, PermissionSetArn: s.admin });
    const assigned = await rejection(h.sso.send(del));
    expect(assigned).toBeInstanceOf(ConflictException);
    expect(assigned.message).toMatch(/^Could not delete because/);
    await h.sso.send(new DeleteAccountAssignmentCommand(assignment(s, '444444444444')));
    expect(await rejection(h.sso.send(del))).toBeInstanceOf(ConflictException);
    completeAll(h);
    await h.sso.send(del);
    expect(await rejection(h.sso.send(del))).toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists a principal’s assignments across accounts with a filter and pages', async () => {
    const h = harness('org');
    const s = await setup(h);
    for (const account of ['222222222222', '333333333333', '444444444444', '555555555555', '666666666666']) {
      await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, account)));
    }
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444', 'USER')));
    completeAll(h);
    const pages: number[] = [];
    const accounts: string[] = [];
    for await (const page of paginateListAccountAssignmentsForPrincipal(
      { client: h.sso, pageSize: 2 },
      { InstanceArn: s.InstanceArn, PrincipalId: s.groupId, PrincipalType: 'GROUP' },
    )) {
      pages.push(page.AccountAssignments?.length ?? 0);
      accounts.push(...(page.AccountAssignments ?? []).map((a) => a.AccountId as string));
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(accounts).toEqual(['222222222222', '333333333333', '444444444444', '555555555555', '666666666666']);
    const filtered = await h.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: s.InstanceArn,
        PrincipalId: s.userId,
        PrincipalType: 'USER',
        Filter: { AccountId: '444444444444' },
      }),
    );
    expect(filtered.AccountAssignments).toEqual([
      { AccountId: '444444444444', PermissionSetArn: s.admin, PrincipalId: s.userId, PrincipalType: 'USER' },
    ]);
  });

  it('fails a creation whose principal was deleted while it was in progress', async () => {
    const h = harness('org');
    const s = await setup(h);
    const started = await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444', 'USER')));
    await h.ids.send(new DeleteUserCommand({ IdentityStoreId: s.IdentityStoreId, UserId: s.userId }));
    completeAll(h);
    const status = await h.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: s.InstanceArn,
        AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus?.RequestId,
      }),
    );
    expect(status.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringMatching(/does not exist/),
    });
  });
});

describe('provisioning', () => {
  it('leaves accounts LATEST_PERMISSION_SET_NOT_PROVISIONED after a change until ProvisionPermissionSet completes', async () => {
    const h = harness('org', { knobs: { completionDelayMs: { perOperation: { ProvisionPermissionSet: 3000 } } } });
    const s = await setup(h);
    for (const account of ['444444444444', '555555555555'])
      await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, account)));
    completeAll(h);
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([]);

    await h.sso.send(
      new UpdatePermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        SessionDuration: 'PT4H',
      }),
    );
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([
      '444444444444',
      '555555555555',
    ]);
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([]);
    const perAccount = await h.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: s.InstanceArn,
        AccountId: '444444444444',
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      }),
    );
    expect(perAccount.PermissionSets).toEqual([s.admin]);

    const one = await h.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        TargetType: 'AWS_ACCOUNT',
        TargetId: '444444444444',
      }),
    );
    expect(one.PermissionSetProvisioningStatus).toMatchObject({
      Status: 'IN_PROGRESS',
      AccountId: '444444444444',
      PermissionSetArn: s.admin,
    });
    // A definition write while the set is being provisioned is a transient conflict.
    const clash = await rejection(
      h.sso.send(
        new PutInlinePolicyToPermissionSetCommand({
          InstanceArn: s.InstanceArn,
          PermissionSetArn: s.admin,
          InlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
        }),
      ),
    );
    expect(clash).toBeInstanceOf(ConflictException);
    expect(
      await rejection(
        h.sso.send(
          new ProvisionPermissionSetCommand({
            InstanceArn: s.InstanceArn,
            PermissionSetArn: s.admin,
            TargetType: 'ALL_PROVISIONED_ACCOUNTS',
          }),
        ),
      ),
    ).toBeInstanceOf(ConflictException);
    h.clock.advance(3000);
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual(['555555555555']);

    const all = await h.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    expect(all.PermissionSetProvisioningStatus?.AccountId).toBeUndefined();
    completeAll(h);
    const described = await h.sso.send(
      new DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: s.InstanceArn,
        ProvisionPermissionSetRequestId: all.PermissionSetProvisioningStatus?.RequestId,
      }),
    );
    expect(described.PermissionSetProvisioningStatus?.Status).toBe('SUCCEEDED');
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([]);
    const listed = await h.sso.send(new ListPermissionSetProvisioningStatusCommand({ InstanceArn: s.InstanceArn }));
    expect(listed.PermissionSetsProvisioningStatus).toHaveLength(2);
  });

  it('provisions to an account without an assignment, and then deleting the set is allowed', async () => {
    const h = harness('org');
    const s = await setup(h);
    const noTarget = await rejection(
      h.sso.send(
        new ProvisionPermissionSetCommand({
          InstanceArn: s.InstanceArn,
          PermissionSetArn: s.admin,
          TargetType: 'AWS_ACCOUNT',
        }),
      ),
    );
    expect(noTarget).toBeInstanceOf(ValidationException);
    await h.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        TargetType: 'AWS_ACCOUNT',
        TargetId: '333333333333',
      }),
    );
    completeAll(h);
    expect(await provisioned(h, s, s.admin)).toEqual(['333333333333']);
    await h.sso.send(new DeletePermissionSetCommand({ InstanceArn: s.InstanceArn, PermissionSetArn: s.admin }));
    const afterwards = await h.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: s.InstanceArn, AccountId: '333333333333' }),
    );
    expect(afterwards.PermissionSets).toEqual([]);
  });

  it('ends FAILED naming the account whose customer managed boundary is missing, updating the others', async () => {
    const h = harness('org');
    const s = await setup(h);
    for (const account of ['444444444444', '555555555555'])
      await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, account)));
    completeAll(h);
    h.sandbox.mutate((world) => {
      const iam = world.account('555555555555')?.iam;
      if (iam) iam.customerPolicies['/Boundary'] = { name: 'Boundary', path: '/', createdAt: 0 };
    });
    await h.sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        CustomerManagedPolicyReference: { Name: 'Boundary' },
      }),
    );
    const started = await h.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: s.InstanceArn,
        PermissionSetArn: s.admin,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    completeAll(h);
    const status = await h.sso.send(
      new DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: s.InstanceArn,
        ProvisionPermissionSetRequestId: started.PermissionSetProvisioningStatus?.RequestId,
      }),
    );
    expect(status.PermissionSetProvisioningStatus).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringMatching(/444444444444/),
    });
    expect(await provisioned(h, s, s.admin, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual(['444444444444']);
  });
});

describe('concurrency limits (rate limits on)', () => {
  it('allows 15 outstanding assignment operations, then answers ThrottlingException until one completes', async () => {
    const h = harness('org', {
      knobs: {
        rateLimits: { enabled: true, scale: 1000 },
        completionDelayMs: { perOperation: { CreateAccountAssignment: 60_000 } },
      },
    });
    const s = await setup(h);
    const users: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = (
        await h.ids.send(
          new CreateUserCommand({
            IdentityStoreId: s.IdentityStoreId,
            UserName: `u${i}`,
            DisplayName: 'U',
            Name: { GivenName: 'U', FamilyName: `${i}` },
          }),
        )
      ).UserId as string;
      users.push(id);
    }
    // One account and one set: a single role update shared by every request of the same set.
    for (let i = 0; i < 15; i++) {
      await h.sso.send(
        new CreateAccountAssignmentCommand({ ...assignment(s, '444444444444', 'USER'), PrincipalId: users[i] }),
      );
    }
    const sixteenth = await rejection(
      h.sso.send(
        new CreateAccountAssignmentCommand({ ...assignment(s, '444444444444', 'USER'), PrincipalId: users[15] }),
      ),
    );
    expect(sixteenth).toBeInstanceOf(ThrottlingException);
    expect(sixteenth.$metadata).toMatchObject({ httpStatusCode: 429 });
    h.clock.advance(60_000);
    await h.sso.send(
      new CreateAccountAssignmentCommand({ ...assignment(s, '444444444444', 'USER'), PrincipalId: users[15] }),
    );
  });

  it('allows 3 concurrent provisionings and one role update per account at a time', async () => {
    const h = harness('org', { knobs: { rateLimits: { enabled: true, scale: 1000 }, completionDelayMs: 10_000 } });
    const s = await setup(h);
    const sets: string[] = [];
    for (let i = 0; i < 5; i++) {
      sets.push(
        (await h.sso.send(new CreatePermissionSetCommand({ InstanceArn: s.InstanceArn, Name: `P${i}` }))).PermissionSet
          ?.PermissionSetArn as string,
      );
    }
    const accounts = ['222222222222', '333333333333', '444444444444', '555555555555'];
    for (let i = 0; i < 3; i++) {
      await h.sso.send(
        new ProvisionPermissionSetCommand({
          InstanceArn: s.InstanceArn,
          PermissionSetArn: sets[i],
          TargetType: 'AWS_ACCOUNT',
          TargetId: accounts[i],
        }),
      );
    }
    const fourth = await rejection(
      h.sso.send(
        new ProvisionPermissionSetCommand({
          InstanceArn: s.InstanceArn,
          PermissionSetArn: sets[3],
          TargetType: 'AWS_ACCOUNT',
          TargetId: accounts[3],
        }),
      ),
    );
    expect(fourth).toBeInstanceOf(ThrottlingException);
    // Another set into an account whose role is being updated: ConflictException.
    const busy = await rejection(h.sso.send(new CreateAccountAssignmentCommand(assignment(s, accounts[0] as string))));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toMatch(/222222222222/);
    // The same set into that account shares the update.
    await h.sso.send(
      new CreateAccountAssignmentCommand({ ...assignment(s, accounts[0] as string), PermissionSetArn: sets[0] }),
    );
    completeAll(h);
    await h.sso.send(new CreateAccountAssignmentCommand(assignment(s, accounts[0] as string)));
  });

  it('refuses more than 100 groups on one account and permission set', async () => {
    const h = harness('org');
    const s = await setup(h);
    h.sandbox.mutate((world) => {
      const index = world.instance(s.InstanceArn);
      for (let i = 0; i < 100; i++) {
        const id = `${s.IdentityStoreId.slice(2)}-00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        index?.addGroup({
          GroupId: id,
          DisplayName: `G${i}`,
          Description: null,
          ExternalIds: null,
          createdAt: 0,
          createdBy: 'x',
          updatedAt: 0,
          updatedBy: 'x',
        });
        index?.addAssignment({
          accountId: '444444444444',
          permissionSetArn: s.admin,
          principalType: 'GROUP',
          principalId: id,
          createdAt: 0,
        });
      }
    });
    const over = await rejection(h.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444'))));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
  });
});

describe('delegated administration', () => {
  it('lets a delegated administrator use the organization instance but not touch the management account', async () => {
    const h = harness('org');
    const s = await setup(h);
    h.sandbox.mutate((world) => {
      world.organization?.delegatedAdmins.push({
        accountId: '333333333333',
        servicePrincipal: 'sso.amazonaws.com',
        enabledAt: 0,
      });
    });
    const role = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
        RoleSessionName: 'admin',
      }),
    );
    const delegated = clientsFor(h.sandbox, {
      accessKeyId: role.Credentials!.AccessKeyId!,
      secretAccessKey: role.Credentials!.SecretAccessKey!,
      sessionToken: role.Credentials!.SessionToken!,
    });
    expect((await delegated.sso.send(new ListInstancesCommand({}))).Instances?.map((i) => i.InstanceArn)).toEqual([
      s.InstanceArn,
    ]);
    const management = await rejection(
      delegated.sso.send(new CreateAccountAssignmentCommand(assignment(s, '111111111111'))),
    );
    expect(management.name).toBe('AccessDeniedException');
    await delegated.sso.send(new CreateAccountAssignmentCommand(assignment(s, '444444444444')));
    expect((await delegated.org.send(new ListAccountsCommand({ MaxResults: 20 }))).Accounts).toHaveLength(7);
    const list = await delegated.org.send(new ListDelegatedAdministratorsCommand({}));
    expect(list.DelegatedAdministrators?.map((d) => d.Id)).toEqual(['333333333333']);
  });
});
