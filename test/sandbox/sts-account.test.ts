import {
  AccessDeniedException as AccountAccessDenied,
  ResourceNotFoundException as AccountNotFound,
  ValidationException as AccountValidation,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import { GetAccountSummaryCommand, IAMServiceException } from '@aws-sdk/client-iam';
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import { ListInstancesCommand, SSOAdminServiceException } from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientsFor, harness, rejection } from './helpers.js';

describe('sts', () => {
  it('tells each scenario’s default caller who it is', async () => {
    const org = harness('org');
    expect(await org.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/gatehouse',
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:gatehouse$/),
    });
    const day1 = harness('day1');
    expect((await day1.sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(
      /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_Admin_[0-9a-f]{16}\/ismail$/,
    );
    const fresh = harness('fresh');
    const key = fresh.sandbox.state.accounts['111111111111']?.iam.root.accessKeys[0]?.accessKeyId as string;
    const root = clientsFor(fresh.sandbox, { accessKeyId: key, secretAccessKey: 'whatever' });
    expect(await root.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:root',
      UserId: '111111111111',
    });
  });

  it('assumes OrganizationAccountAccessRole into member accounts with credentials that expire', async () => {
    const h = harness('org');
    const out = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole',
        RoleSessionName: 'gatehouse',
      }),
    );
    expect(out.Credentials).toMatchObject({
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.any(String),
      SessionToken: expect.any(String),
      Expiration: new Date(h.clock.now() + 3600_000),
    });
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::555555555555:assumed-role/OrganizationAccountAccessRole/gatehouse',
    );
    const member = clientsFor(h.sandbox, {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    });
    expect((await member.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('555555555555');

    h.clock.advance(3600_000);
    const expiredIam = await rejection(member.iam.send(new GetAccountSummaryCommand({})));
    expect(expiredIam).toBeInstanceOf(IAMServiceException);
    expect(expiredIam.name).toBe('ExpiredToken');
    expect(expiredIam.$metadata).toMatchObject({ httpStatusCode: 403 });
    const expiredSso = await rejection(member.sso.send(new ListInstancesCommand({})));
    expect(expiredSso).toBeInstanceOf(SSOAdminServiceException);
    expect(expiredSso.name).toBe('ExpiredTokenException');
  });

  it('denies roles that do not exist or do not trust the caller, and long sessions', async () => {
    const h = harness('org');
    const missing = await rejection(
      h.sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::555555555555:role/Nope', RoleSessionName: 'gatehouse' }),
      ),
    );
    expect(missing).toBeInstanceOf(STSServiceException);
    expect(missing.name).toBe('AccessDenied');
    expect(missing.message).toBe(
      'User: arn:aws:sts::111111111111:assumed-role/Admin/gatehouse is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::555555555555:role/Nope because no identity-based policy allows the sts:AssumeRole action',
    );
    const long = await rejection(
      h.sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole',
          RoleSessionName: 'g1',
          DurationSeconds: 7200,
        }),
      ),
    );
    expect(long.name).toBe('ValidationError');
    const member = await h.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole',
        RoleSessionName: 'g2',
      }),
    );
    const chained = clientsFor(h.sandbox, {
      accessKeyId: member.Credentials!.AccessKeyId!,
      secretAccessKey: member.Credentials!.SecretAccessKey!,
      sessionToken: member.Credentials!.SessionToken!,
    });
    // Member roles trust the management account only.
    const back = await rejection(
      chained.sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::666666666666:role/OrganizationAccountAccessRole',
          RoleSessionName: 'g3',
        }),
      ),
    );
    expect(back.name).toBe('AccessDenied');
  });

  it('refuses unknown access keys with each protocol’s error', async () => {
    const h = harness('org');
    const stranger = clientsFor(h.sandbox, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' });
    const sts = await rejection(stranger.sts.send(new GetCallerIdentityCommand({})));
    expect(sts).toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    });
    const sso = await rejection(stranger.sso.send(new ListInstancesCommand({})));
    expect(sso).toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    });
    expect(h.sandbox.calls().at(-1)).toMatchObject({ accountId: null, outcome: 'UnrecognizedClientException' });
  });
});

describe('account', () => {
  const contact = {
    Name: 'Sec Team',
    Title: 'Security',
    EmailAddress: 'security@example.com',
    PhoneNumber: '+1 555 0100',
  };

  it('stores alternate contacts per type and answers ResourceNotFound when unset', async () => {
    const h = harness('org');
    const unset = await rejection(h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })));
    expect(unset).toBeInstanceOf(AccountNotFound);
    expect(unset.message).toBe('No contact of the inputted alternate contact type found.');
    await h.account.send(new PutAlternateContactCommand({ ...contact, AlternateContactType: 'SECURITY' }));
    expect(
      (await h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).AlternateContact,
    ).toEqual({
      ...contact,
      AlternateContactType: 'SECURITY',
    });
    expect(
      await rejection(h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' }))),
    ).toBeInstanceOf(AccountNotFound);
    await h.account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    expect(
      await rejection(h.account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY' }))),
    ).toBeInstanceOf(AccountNotFound);
    const bad = await rejection(
      h.account.send(
        new PutAlternateContactCommand({ ...contact, EmailAddress: 'not an email', AlternateContactType: 'SECURITY' }),
      ),
    );
    expect(bad).toBeInstanceOf(AccountValidation);
    expect((await h.account.send(new GetContactInformationCommand({}))).ContactInformation).toMatchObject({
      CountryCode: 'DE',
    });
  });

  it('acts on member accounts only from the management account with trusted access', async () => {
    const h = harness('org');
    const noAccess = await rejection(
      h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: '444444444444' })),
    );
    expect(noAccess).toBeInstanceOf(AccountAccessDenied);
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }));
    await h.account.send(
      new PutAlternateContactCommand({ ...contact, AlternateContactType: 'SECURITY', AccountId: '444444444444' }),
    );
    expect(
      (
        await h.account.send(
          new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: '444444444444' }),
        )
      ).AlternateContact?.Name,
    ).toBe('Sec Team');
    // Not the management account's own contact.
    expect(
      await rejection(h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))),
    ).toBeInstanceOf(AccountNotFound);
    expect(
      await rejection(
        h.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: '111111111111' })),
      ),
    ).toBeInstanceOf(AccountValidation);
  });
});
