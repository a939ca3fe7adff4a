import { CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import {
  AccessDeniedException,
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  ConflictException,
  CreateInstanceCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  paginateListPermissionSets,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateInstanceCommand,
  UpdatePermissionSetCommand,
  ValidationException,
} from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientsFor, completeAll, type Harness, harness, rejection } from './helpers.js';

async function instanceArn(h: Harness): Promise<string> {
  const out = await h.sso.send(new ListInstancesCommand({}));
  return out.Instances?.[0]?.InstanceArn as string;
}

async function createSet(h: Harness, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const InstanceArn = await instanceArn(h);
  const out = await h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: name, ...extra }));
  return out.PermissionSet?.PermissionSetArn as string;
}

describe('sso-admin instances', () => {
  it('lists the organization instance only in its region and only to its owner', async () => {
    const h = harness('org');
    const here = await h.sso.send(new ListInstancesCommand({}));
    expect(here.Instances).toHaveLength(1);
    const instance = here.Instances?.[0];
    expect(instance?.InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(instance?.IdentityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(instance?.OwnerAccountId).toBe('111111111111');
    expect(instance?.Status).toBe('ACTIVE');
    expect(instance?.CreatedDate).toBeInstanceOf(Date);
    expect(here.NextToken).toBeUndefined();

    const elsewhere = clientsFor(h.sandbox, h.sandbox.defaultCredentials()!, { region: 'us-east-1' });
    expect((await elsewhere.sso.send(new ListInstancesCommand({}))).Instances).toEqual([]);

    const role = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole',
        RoleSessionName: 'audit',
      }),
    );
    const member = clientsFor(h.sandbox, {
      accessKeyId: role.Credentials!.AccessKeyId!,
      secretAccessKey: role.Credentials!.SecretAccessKey!,
      sessionToken: role.Credentials!.SessionToken!,
    });
    expect((await member.sso.send(new ListInstancesCommand({}))).Instances).toEqual([]);
    const denied = await rejection(
      member.sso.send(new DescribeInstanceCommand({ InstanceArn: instance?.InstanceArn })),
    );
    expect(denied).toBeInstanceOf(AccessDeniedException);
  });

  it('describes encryption and changes it asynchronously with UpdateInstance', async () => {
    const h = harness('org', { knobs: { completionDelayMs: { perOperation: { UpdateInstance: 5000 } } } });
    const InstanceArn = await instanceArn(h);
    const before = await h.sso.send(new DescribeInstanceCommand({ InstanceArn }));
    expect(before.EncryptionConfigurationDetails).toEqual({
      KeyType: 'AWS_OWNED_KMS_KEY',
      EncryptionStatus: 'ENABLED',
    });

    const missingKey = await rejection(
      h.sso.send(
        new UpdateInstanceCommand({ InstanceArn, EncryptionConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY' } }),
      ),
    );
    expect(missingKey).toBeInstanceOf(ValidationException);

    const KmsKeyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await h.sso.send(
      new UpdateInstanceCommand({
        InstanceArn,
        EncryptionConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn },
      }),
    );
    const updating = await h.sso.send(new DescribeInstanceCommand({ InstanceArn }));
    expect(updating.EncryptionConfigurationDetails?.EncryptionStatus).toBe('UPDATING');
    expect(updating.EncryptionConfigurationDetails?.KeyType).toBe('AWS_OWNED_KMS_KEY');
    const again = await rejection(
      h.sso.send(new UpdateInstanceCommand({ InstanceArn, EncryptionConfiguration: { KeyType: 'AWS_OWNED_KMS_KEY' } })),
    );
    expect(again).toBeInstanceOf(ConflictException);

    h.clock.advance(5000);
    const done = await h.sso.send(new DescribeInstanceCommand({ InstanceArn }));
    expect(done.EncryptionConfigurationDetails).toEqual({
      KeyType: 'CUSTOMER_MANAGED_KEY',
      KmsKeyArn,
      EncryptionStatus: 'ENABLED',
    });
  });

  it('ends an UpdateInstance in UPDATE_FAILED when the failed fault fires, keeping the old key', async () => {
    const h = harness('org', { knobs: { faults: [{ operation: 'UpdateInstance', kind: 'failed', probability: 1 }] } });
    const InstanceArn = await instanceArn(h);
    const KmsKeyArn = 'arn:aws:kms:eu-west-1:111111111111:key/abcd';
    await h.sso.send(
      new UpdateInstanceCommand({
        InstanceArn,
        EncryptionConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn },
      }),
    );
    completeAll(h);
    const out = await h.sso.send(new DescribeInstanceCommand({ InstanceArn }));
    expect(out.EncryptionConfigurationDetails?.EncryptionStatus).toBe('UPDATE_FAILED');
    expect(out.EncryptionConfigurationDetails?.KeyType).toBe('AWS_OWNED_KMS_KEY');
    expect(out.EncryptionConfigurationDetails?.EncryptionStatusReason).toEqual(expect.any(String));
  });

  it('answers an unknown instance with AccessDenied on DescribeInstance and ResourceNotFound elsewhere', async () => {
    const h = harness('org');
    const InstanceArn = 'arn:aws:sso:::instance/ssoins-0000000000000000';
    expect(await rejection(h.sso.send(new DescribeInstanceCommand({ InstanceArn })))).toBeInstanceOf(
      AccessDeniedException,
    );
    expect(await rejection(h.sso.send(new ListPermissionSetsCommand({ InstanceArn })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    const real = await instanceArn(h);
    const elsewhere = clientsFor(h.sandbox, h.sandbox.defaultCredentials()!, { region: 'us-east-1' });
    expect(await rejection(elsewhere.sso.send(new ListPermissionSetsCommand({ InstanceArn: real })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('creates account instances only: refused in a management account, one per account, idempotent on ClientToken', async () => {
    const org = harness('org');
    const refused = await rejection(org.sso.send(new CreateInstanceCommand({ Name: 'mine' })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toMatch(/management account/);

    const h = harness('fresh');
    const first = await h.sso.send(new CreateInstanceCommand({ Name: 'founder', ClientToken: 'token-1' }));
    expect(first.InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-/);
    const same = await h.sso.send(new CreateInstanceCommand({ Name: 'founder', ClientToken: 'token-1' }));
    expect(same.InstanceArn).toBe(first.InstanceArn);
    expect(
      await rejection(h.sso.send(new CreateInstanceCommand({ Name: 'other', ClientToken: 'token-1' }))),
    ).toBeInstanceOf(ValidationException);
    expect(await rejection(h.sso.send(new CreateInstanceCommand({ Name: 'second' })))).toBeInstanceOf(
      ConflictException,
    );
    const listed = await h.sso.send(new ListInstancesCommand({}));
    expect(listed.Instances?.map((i) => [i.InstanceArn, i.OwnerAccountId, i.Name])).toEqual([
      [first.InstanceArn, '111111111111', 'founder'],
    ]);
    // Permission sets need the organization instance.
    const ps = await rejection(
      h.sso.send(new CreatePermissionSetCommand({ InstanceArn: first.InstanceArn, Name: 'Admin' })),
    );
    expect(ps).toBeInstanceOf(ValidationException);
  });
});

describe('the organization-instance trap', () => {
  it('refuses to enable the organization instance where an account instance already exists', async () => {
    const h = harness('fresh');
    await h.sso.send(new CreateInstanceCommand({ Name: 'early' }));
    await h.org.send(new CreateOrganizationCommand({}));
    expect(() => h.sandbox.console('enable-organization-instance')).toThrow(
      /cannot enable the organization instance: account 111111111111 already has an account instance/,
    );
  });
});

describe('sso-admin permission sets', () => {
  it('creates a permission set with PT1H by default and returns its full shape', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const out = await h.sso.send(
      new CreatePermissionSetCommand({ InstanceArn, Name: 'Admin', Description: 'Founders' }),
    );
    expect(out.PermissionSet).toEqual({
      Name: 'Admin',
      PermissionSetArn: expect.stringMatching(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/),
      Description: 'Founders',
      CreatedDate: new Date(h.clock.now()),
      SessionDuration: 'PT1H',
    });
    const described = await h.sso.send(
      new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn: out.PermissionSet?.PermissionSetArn }),
    );
    expect(described.PermissionSet).toEqual(out.PermissionSet);
  });

  it('validates names, descriptions and session durations like the model, reporting every violation', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { Name: 'A'.repeat(33) },
        /Value 'A{33}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32/,
      ],
      [{ Name: 'bad name!' }, /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      [
        { Name: 'Ok', Description: '' },
        /at 'description' failed to satisfy constraint: Member must have length greater than or equal to 1/,
      ],
      [{ Name: 'Ok', SessionDuration: 'PT13H' }, /between PT1H and PT12H/],
      [{ Name: 'Ok', SessionDuration: 'PT30M' }, /between PT1H and PT12H/],
      [
        { Name: 'Ok', SessionDuration: 'four hours' },
        /at 'sessionDuration' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
      [{ Name: 'Ok', RelayState: 'x'.repeat(241) }, /at 'relayState'/],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(h.sso.send(new CreatePermissionSetCommand({ InstanceArn, ...input } as never)));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
      expect(error.$fault).toBe('client');
      expect(error.message).toMatch(message);
    }
    const two = await rejection(
      h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'bad name!', Description: '' })),
    );
    expect(two.message).toMatch(/^2 validation errors detected: /);
    const missing = await rejection(h.sso.send(new CreatePermissionSetCommand({ InstanceArn } as never)));
    expect(missing.message).toMatch(/Value null at 'name' failed to satisfy constraint: Member must not be null/);
    const ninety = await h.sso.send(
      new CreatePermissionSetCommand({ InstanceArn, Name: 'NinetyMinutes', SessionDuration: 'PT90M' }),
    );
    expect(ninety.PermissionSet?.SessionDuration).toBe('PT90M');
  });

  it('holds at most 3500 permission sets in an instance', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    h.sandbox.mutate((world) => {
      const index = world.instance(InstanceArn);
      for (let i = 0; i < 3500; i++) {
        index?.addPermissionSet({
          arn: `${InstanceArn.replace(':instance/', ':permissionSet/')}/ps-${String(i).padStart(16, '0')}`,
          name: `Generated${i}`,
          description: null,
          sessionDuration: 'PT1H',
          relayState: null,
          createdAt: 0,
          version: 1,
          managedPolicies: [],
          customerManagedPolicies: [],
          inlinePolicy: null,
          permissionsBoundary: null,
          tags: {},
        });
      }
    });
    const error = await rejection(createSet(h, 'OneTooMany'));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
  });

  it('refuses a duplicate name with ConflictException', async () => {
    const h = harness('org');
    await createSet(h, 'Admin');
    const error = await rejection(createSet(h, 'Admin'));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toBe('PermissionSet with name Admin already exists.');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 409 });
  });

  it('clears an omitted RelayState on update but keeps Description and SessionDuration', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const PermissionSetArn = await createSet(h, 'Admin', {
      Description: 'd',
      SessionDuration: 'PT4H',
      RelayState: 'https://x',
    });
    await h.sso.send(new UpdatePermissionSetCommand({ InstanceArn, PermissionSetArn }));
    const ps = (await h.sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))).PermissionSet;
    expect(ps).toMatchObject({ Description: 'd', SessionDuration: 'PT4H' });
    expect(ps?.RelayState).toBeUndefined();
  });

  it('attaches AWS managed policies only, once each, within the quota', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const PermissionSetArn = await createSet(h, 'Admin');
    const customer = await rejection(
      h.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          ManagedPolicyArn: 'arn:aws:iam::111111111111:policy/Mine',
        }),
      ),
    );
    expect(customer).toBeInstanceOf(ValidationException);
    expect(customer.message).toMatch(
      /at 'managedPolicyArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );

    const ManagedPolicyArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    await h.sso.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn }),
    );
    const twice = await rejection(
      h.sso.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn })),
    );
    expect(twice).toBeInstanceOf(ConflictException);
    const listed = await h.sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(listed.AttachedManagedPolicies).toEqual([{ Name: 'AdministratorAccess', Arn: ManagedPolicyArn }]);

    for (let i = 1; i < 20; i++) {
      await h.sso.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          CustomerManagedPolicyReference: { Name: `Policy${i}` },
        }),
      );
    }
    const over = await rejection(
      h.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    );
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over.$metadata).toMatchObject({ httpStatusCode: 402 });

    const gone = await rejection(
      h.sso.send(
        new DetachManagedPolicyFromPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps one inline policy within its size limits and answers "" when there is none', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const PermissionSetArn = await createSet(h, 'Admin');
    expect(
      (await h.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }))).InlinePolicy,
    ).toBe('');
    const notJson = await rejection(
      h.sso.send(
        new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, InlinePolicy: 'allow all' }),
      ),
    );
    expect(notJson).toBeInstanceOf(ValidationException);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:'.concat('x'.repeat(10300))], Resource: '*' }],
    });
    expect(
      await rejection(
        h.sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, InlinePolicy: big })),
      ),
    ).toBeInstanceOf(ValidationException);
    const policy = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
      null,
      2,
    );
    await h.sso.send(
      new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, InlinePolicy: policy }),
    );
    expect(
      (await h.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }))).InlinePolicy,
    ).toBe(policy);
    await h.sso.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(
      await rejection(h.sso.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn, PermissionSetArn }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });

  it('holds exactly one kind of permissions boundary and answers ResourceNotFound when there is none', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const PermissionSetArn = await createSet(h, 'Admin');
    expect(
      await rejection(h.sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn }))),
    ).toBeInstanceOf(ResourceNotFoundException);
    const both = await rejection(
      h.sso.send(
        new PutPermissionsBoundaryToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          PermissionsBoundary: {
            ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
            CustomerManagedPolicyReference: { Name: 'Boundary' },
          },
        }),
      ),
    );
    expect(both).toBeInstanceOf(ValidationException);
    await h.sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn,
        PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/team/' } },
      }),
    );
    const got = await h.sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(got.PermissionsBoundary).toEqual({ CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/team/' } });
  });

  it('tags permission sets and instances, at most 50 tags each', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    const PermissionSetArn = await createSet(h, 'Admin', { Tags: [{ Key: 'managed-by', Value: 'gatehouse' }] });
    await h.sso.send(
      new TagResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn, Tags: [{ Key: 'team', Value: 'core' }] }),
    );
    expect(
      (await h.sso.send(new ListTagsForResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn }))).Tags,
    ).toEqual([
      { Key: 'managed-by', Value: 'gatehouse' },
      { Key: 'team', Value: 'core' },
    ]);
    await h.sso.send(new UntagResourceCommand({ ResourceArn: PermissionSetArn, TagKeys: ['team'] }));
    expect((await h.sso.send(new ListTagsForResourceCommand({ ResourceArn: PermissionSetArn }))).Tags).toEqual([
      { Key: 'managed-by', Value: 'gatehouse' },
    ]);
    await h.sso.send(new TagResourceCommand({ ResourceArn: InstanceArn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    expect((await h.sso.send(new ListTagsForResourceCommand({ ResourceArn: InstanceArn }))).Tags).toEqual([
      { Key: 'env', Value: 'prod' },
    ]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const error = await rejection(h.sso.send(new TagResourceCommand({ ResourceArn: PermissionSetArn, Tags: many })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
  });
});

describe('sso-admin pagination', () => {
  it('pages permission sets by 10 when MaxResults is omitted, with a token only when more follow', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    for (let i = 0; i < 25; i++) await createSet(h, `Set${String(i).padStart(2, '0')}`);
    const first = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn }));
    expect(first.PermissionSets).toHaveLength(10);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn, NextToken: first.NextToken }));
    expect(second.PermissionSets).toHaveLength(10);
    const third = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn, NextToken: second.NextToken }));
    expect(third.PermissionSets).toHaveLength(5);
    expect(third.NextToken).toBeUndefined();
    const all = new Set([...first.PermissionSets!, ...second.PermissionSets!, ...third.PermissionSets!]);
    expect(all.size).toBe(25);

    const whole = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 100 }));
    expect(whole.PermissionSets).toHaveLength(25);
    expect(whole.NextToken).toBeUndefined();

    const collected: string[] = [];
    for await (const page of paginateListPermissionSets({ client: h.sso, pageSize: 7 }, { InstanceArn })) {
      collected.push(...(page.PermissionSets ?? []));
    }
    expect(collected).toEqual(whole.PermissionSets);
  });

  it('rejects out-of-range page sizes, garbage tokens and tokens of another query', async () => {
    const h = harness('org');
    const InstanceArn = await instanceArn(h);
    for (let i = 0; i < 12; i++) await createSet(h, `Set${i}`);
    const tooBig = await rejection(h.sso.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 101 })));
    expect(tooBig).toBeInstanceOf(ValidationException);
    expect(tooBig.message).toMatch(
      /at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    );
    const garbage = await rejection(
      h.sso.send(new ListPermissionSetsCommand({ InstanceArn, NextToken: 'bm90LWEtdG9rZW4=' })),
    );
    expect(garbage).toBeInstanceOf(ValidationException);
    const first = await h.sso.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 3 }));
    const ps = first.PermissionSets?.[0] as string;
    const foreign = await rejection(
      h.sso.send(
        new ListManagedPoliciesInPermissionSetCommand({
          InstanceArn,
          PermissionSetArn: ps,
          NextToken: first.NextToken,
        }),
      ),
    );
    expect(foreign).toBeInstanceOf(ValidationException);
  });
});
