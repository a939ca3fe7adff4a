import {
  CallerIsNotManagementAccountException,
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  IAMServiceException,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
  OrganizationNotFoundException,
  paginateListUsers,
  ServiceAccessNotEnabledException,
} from '@aws-sdk/client-iam';
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { addIamUser } from '../../src/sandbox/services/iam/model.js';
import { clientsFor, harness, rejection } from './helpers.js';

const HOUR = 3600_000;

describe('iam account summary and MFA', () => {
  it('reports the root user as 0/1 flags in GetAccountSummary', async () => {
    const fresh = harness('fresh');
    expect((await fresh.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      Users: 1,
      MFADevices: 0,
    });
    const day1 = harness('day1');
    expect((await day1.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
      AccountPasswordPresent: 1,
      Users: 0,
      MFADevicesInUse: 1,
    });
  });

  it('tells virtual from hardware root MFA through ListVirtualMFADevices', async () => {
    const org = harness('day1');
    const devices = await org.iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(devices.VirtualMFADevices).toEqual([
      {
        SerialNumber: 'arn:aws:iam::111111111111:mfa/root-account-mfa-device',
        User: { UserId: '111111111111', Arn: 'arn:aws:iam::111111111111:root', CreateDate: expect.any(Date) },
        EnableDate: expect.any(Date),
      },
    ]);
    org.sandbox.console('enable-root-hardware-mfa');
    expect((await org.iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.AccountMFAEnabled).toBe(1);
    expect((await org.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
    expect(devices.IsTruncated).toBe(false);
    expect(devices.Marker).toBeUndefined();
  });
});

describe('iam credential report', () => {
  it('moves NotPresent → STARTED → InProgress → COMPLETE, is reused for 4 hours, then expires', async () => {
    const h = harness('fresh', { knobs: { completionDelayMs: { perOperation: { GenerateCredentialReport: 5000 } } } });
    const notPresent = await rejection(h.iam.send(new GetCredentialReportCommand({})));
    expect(notPresent).toBeInstanceOf(CredentialReportNotPresentException);
    expect(notPresent.$metadata).toMatchObject({ httpStatusCode: 410 });
    expect(await h.iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'STARTED' });
    const started = h.clock.now();
    const inProgress = await rejection(h.iam.send(new GetCredentialReportCommand({})));
    expect(inProgress).toBeInstanceOf(CredentialReportNotReadyException);
    expect(inProgress.$metadata).toMatchObject({ httpStatusCode: 404 });
    expect((await h.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    h.clock.advance(5000);
    const report = await h.iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    expect(report.GeneratedTime).toEqual(new Date(started + 5000));
    expect(report.Content).toBeInstanceOf(Uint8Array);
    expect((await h.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    h.clock.advance(4 * HOUR - 1);
    await h.iam.send(new GetCredentialReportCommand({}));
    h.clock.advance(1);
    expect(await rejection(h.iam.send(new GetCredentialReportCommand({})))).toBeInstanceOf(
      CredentialReportExpiredException,
    );
    expect((await h.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
  });

  it('holds the <root_account> row and one row per IAM user, in the 22 columns of AWS', async () => {
    const h = harness('fresh', { knobs: { completionDelayMs: 0 } });
    const now = h.clock.now();
    await h.iam.send(new GenerateCredentialReportCommand({}));
    const csv = new TextDecoder().decode((await h.iam.send(new GetCredentialReportCommand({}))).Content);
    const [header, root, admin, ...rest] = csv.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header).toBe(
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    );
    const t = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
    const day = 86_400_000;
    expect(root?.split(',')).toEqual([
      '<root_account>',
      'arn:aws:iam::111111111111:root',
      t(now - 200 * day),
      'true',
      t(now - 120 * day),
      'not_supported',
      'not_supported',
      'false',
      'true',
      t(now - 200 * day),
      t(now - 100 * day),
      'eu-west-1',
      's3',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
    expect(admin?.split(',').slice(0, 9)).toEqual([
      'admin',
      'arn:aws:iam::111111111111:user/admin',
      t(now - 199 * day),
      'true',
      t(now - day),
      t(now - 199 * day),
      'N/A',
      'false',
      'false',
    ]);
  });

  it('records the last use of root access keys made by calls', async () => {
    const h = harness('fresh');
    const rootKey = h.sandbox.state.accounts['111111111111']?.iam.root.accessKeys[0];
    const record = h.sandbox.state.credentials[rootKey?.accessKeyId as string];
    const root = clientsFor(
      h.sandbox,
      { accessKeyId: record!.accessKeyId, secretAccessKey: record!.secretAccessKey },
      { region: 'eu-central-1' },
    );
    h.clock.advance(1000);
    await root.iam.send(new ListUsersCommand({}));
    const lastUsed = await h.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: rootKey?.accessKeyId }));
    expect(lastUsed).toMatchObject({
      UserName: 'root',
      AccessKeyLastUsed: { LastUsedDate: new Date(h.clock.now()), ServiceName: 'iam', Region: 'us-east-1' },
    });
    const keys = await root.iam.send(new ListAccessKeysCommand({}));
    expect(keys.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status])).toEqual([[rootKey?.accessKeyId, 'Active']]);
  });
});

describe('iam users', () => {
  it('answers NoSuchEntity with AWS wording for missing users, login profiles and password policies', async () => {
    const h = harness('fresh');
    const profile = await h.iam.send(new GetLoginProfileCommand({ UserName: 'admin' }));
    expect(profile.LoginProfile).toMatchObject({
      UserName: 'admin',
      PasswordResetRequired: false,
      CreateDate: expect.any(Date),
    });
    const nobody = await rejection(h.iam.send(new GetLoginProfileCommand({ UserName: 'nobody' })));
    expect(nobody).toBeInstanceOf(NoSuchEntityException);
    expect(nobody.message).toBe('The user with name nobody cannot be found.');
    expect(nobody.$metadata).toMatchObject({ httpStatusCode: 404 });
    h.sandbox.mutate((world) =>
      addIamUser(world, world.account('111111111111')!, 'ci', { createdAt: 0, accessKeys: 1 }),
    );
    const noProfile = await rejection(h.iam.send(new GetLoginProfileCommand({ UserName: 'ci' })));
    expect(noProfile.message).toBe('Login Profile for User ci cannot be found.');
    const policy = await rejection(h.iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(policy).toBeInstanceOf(NoSuchEntityException);
    expect(policy.message).toBe('The Password Policy with domain name 111111111111 cannot be found.');
    const keys = await h.iam.send(new ListAccessKeysCommand({ UserName: 'ci' }));
    expect(keys.AccessKeyMetadata).toHaveLength(1);
    const never = await h.iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.AccessKeyMetadata?.[0]?.AccessKeyId }),
    );
    expect(never).toMatchObject({ UserName: 'ci', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    expect(never.AccessKeyLastUsed?.LastUsedDate).toBeUndefined();
    expect((await h.iam.send(new ListMFADevicesCommand({ UserName: 'admin' }))).MFADevices).toEqual([]);
  });

  it('needs a UserName when a role session asks about "its" user', async () => {
    const h = harness('fresh');
    const error = await rejection(h.iam.send(new ListAccessKeysCommand({})));
    expect(error).toBeInstanceOf(IAMServiceException);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('Must specify userName when calling with non-User credentials');
  });

  it('pages users with Marker/MaxItems and omits Marker on the last page', async () => {
    const h = harness('fresh');
    h.sandbox.mutate((world) => {
      for (let i = 0; i < 4; i++) addIamUser(world, world.account('111111111111')!, `user${i}`, { createdAt: 0 });
    });
    const first = await h.iam.send(new ListUsersCommand({ MaxItems: 2 }));
    expect(first.Users?.map((u) => u.UserName)).toEqual(['admin', 'user0']);
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    const names: string[] = [];
    for await (const page of paginateListUsers({ client: h.iam, pageSize: 2 }, {}))
      names.push(...(page.Users ?? []).map((u) => u.UserName as string));
    expect(names).toEqual(['admin', 'user0', 'user1', 'user2', 'user3']);
    const last = await h.iam.send(new ListUsersCommand({ MaxItems: 10 }));
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
    expect(last.Users?.[0]).toEqual({
      Path: '/',
      UserName: 'admin',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::111111111111:user/admin',
      CreateDate: expect.any(Date),
      PasswordLastUsed: expect.any(Date),
    });
    const badMarker = await rejection(h.iam.send(new ListUsersCommand({ Marker: 'nope' })));
    expect(badMarker.name).toBe('InvalidInputException');
    const tooMany = await rejection(h.iam.send(new ListUsersCommand({ MaxItems: 1001 })));
    expect(tooMany.name).toBe('ValidationError');
  });
});

describe('centralized root access', () => {
  it('checks its prerequisites in order and enables both features idempotently', async () => {
    const fresh = harness('fresh');
    expect(await rejection(fresh.iam.send(new ListOrganizationsFeaturesCommand({})))).toBeInstanceOf(
      OrganizationNotFoundException,
    );

    const h = harness('org');
    const noAccess = await rejection(h.iam.send(new ListOrganizationsFeaturesCommand({})));
    expect(noAccess).toBeInstanceOf(ServiceAccessNotEnabledException);
    expect(noAccess.$metadata).toMatchObject({ httpStatusCode: 400 });
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    const org = h.sandbox.state.organization;
    expect(await h.iam.send(new ListOrganizationsFeaturesCommand({}))).toMatchObject({
      OrganizationId: org?.id,
      EnabledFeatures: [],
    });
    await h.iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
    const both = await h.iam.send(new EnableOrganizationsRootSessionsCommand({}));
    expect(both.EnabledFeatures).toEqual(['RootCredentialsManagement', 'RootSessions']);
    const again = await h.iam.send(new EnableOrganizationsRootSessionsCommand({}));
    expect(again.EnabledFeatures).toEqual(['RootCredentialsManagement', 'RootSessions']);

    const role = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
        RoleSessionName: 'audit',
      }),
    );
    const member = clientsFor(h.sandbox, {
      accessKeyId: role.Credentials!.AccessKeyId!,
      secretAccessKey: role.Credentials!.SecretAccessKey!,
      sessionToken: role.Credentials!.SessionToken!,
    });
    expect(await rejection(member.iam.send(new EnableOrganizationsRootSessionsCommand({})))).toBeInstanceOf(
      CallerIsNotManagementAccountException,
    );
    const list = await rejection(member.iam.send(new ListOrganizationsFeaturesCommand({})));
    expect(list.name).toBe('AccountNotManagementOrDelegatedAdministratorException');
    // IAM is per account: the member's summary is its own (root without password or MFA).
    expect((await member.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      AccountPasswordPresent: 0,
      AccountMFAEnabled: 0,
    });
  });
});
