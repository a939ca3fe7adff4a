import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  AccessDeniedException,
  AccountNotFoundException,
  AlreadyInOrganizationException,
  AWSOrganizationsNotInUseException,
  ChildNotFoundException,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  InvalidInputException,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListChildrenCommand,
  ListDelegatedAdministratorsCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  ParentNotFoundException,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientsFor, harness, rejection } from './helpers.js';

/** Walks the tree from the root as gatehouse does: OU paths and the accounts under each. */
async function walk(org: OrganizationsClient): Promise<Record<string, string[]>> {
  const roots = await org.send(new ListRootsCommand({}));
  const rootId = roots.Roots?.[0]?.Id as string;
  const out: Record<string, string[]> = {};
  const visit = async (parentId: string, path: string) => {
    const accounts: string[] = [];
    for await (const page of paginateListAccountsForParent({ client: org, pageSize: 20 }, { ParentId: parentId })) {
      accounts.push(...(page.Accounts ?? []).map((a) => `${a.Name}:${a.Id}:${a.State}`));
    }
    out[path] = accounts;
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client: org, pageSize: 20 },
      { ParentId: parentId },
    )) {
      for (const ou of page.OrganizationalUnits ?? [])
        await visit(ou.Id as string, `${path === '/' ? '' : path}/${ou.Name}`);
    }
  };
  await visit(rootId, '/');
  return out;
}

describe('organizations', () => {
  it('walks the org scenario tree from the root', async () => {
    const h = harness('org');
    expect(await walk(h.org)).toEqual({
      '/': ['management:111111111111:ACTIVE'],
      '/Security': ['log-archive:222222222222:ACTIVE', 'security:333333333333:ACTIVE'],
      '/Workloads': [],
      '/Workloads/Dev': ['dev:444444444444:ACTIVE', 'staging:555555555555:ACTIVE'],
      '/Workloads/Prod': ['prod:666666666666:ACTIVE'],
      '/Suspended': ['legacy:777777777777:SUSPENDED'],
    });
  });

  it('walks completely even when pages come back empty with a NextToken', async () => {
    const h = harness('org', { knobs: { organizationsEmptyPageProbability: 0.8, seed: 7 } });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client: h.org, pageSize: 2 }, {})) {
      pages++;
      ids.push(...(page.Accounts ?? []).map((a) => a.Id as string));
    }
    expect(ids).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '666666666666',
      '777777777777',
    ]);
    expect(pages).toBeGreaterThan(4);
    const empties = h.sandbox.calls().filter((c) => c.operation === 'ListAccounts').length - 4;
    expect(empties).toBeGreaterThan(0);
  });

  it('describes the organization, accounts and OUs with AWS shapes', async () => {
    const h = harness('org');
    const org = (await h.org.send(new DescribeOrganizationCommand({}))).Organization;
    expect(org).toMatchObject({
      Id: expect.stringMatching(/^o-[a-z0-9]{10}$/),
      FeatureSet: 'ALL',
      MasterAccountId: '111111111111',
      MasterAccountEmail: 'management@example.com',
    });
    expect(org?.Arn).toBe(`arn:aws:organizations::111111111111:organization/${org?.Id}`);
    const legacy = (await h.org.send(new DescribeAccountCommand({ AccountId: '777777777777' }))).Account;
    const rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id as string;
    const parents = await h.org.send(new ListParentsCommand({ ChildId: '777777777777' }));
    const ouId = parents.Parents?.[0]?.Id as string;
    expect(parents.Parents).toEqual([{ Id: ouId, Type: 'ORGANIZATIONAL_UNIT' }]);
    expect(legacy).toEqual({
      Id: '777777777777',
      Arn: `arn:aws:organizations::111111111111:account/${org?.Id}/777777777777`,
      Email: 'aws+legacy@example.com',
      Name: 'legacy',
      Status: 'SUSPENDED',
      State: 'SUSPENDED',
      Paths: [`${org?.Id}/${rootId}/${ouId}/777777777777/`],
      JoinedMethod: 'CREATED',
      JoinedTimestamp: expect.any(Date),
    });
    expect(
      (await h.org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }))).OrganizationalUnit,
    ).toMatchObject({
      Id: ouId,
      Name: 'Suspended',
      Path: `${org?.Id}/${rootId}/${ouId}/`,
    });
    expect(await rejection(h.org.send(new DescribeAccountCommand({ AccountId: '999999999999' })))).toBeInstanceOf(
      AccountNotFoundException,
    );
    expect(await rejection(h.org.send(new ListParentsCommand({ ChildId: '999999999999' })))).toBeInstanceOf(
      ChildNotFoundException,
    );
    const children = await h.org.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }));
    expect(children.Children).toHaveLength(3);
    expect(children.Children?.every((c) => c.Type === 'ORGANIZATIONAL_UNIT')).toBe(true);
    expect(
      await rejection(h.org.send(new ListChildrenCommand({ ParentId: 'ou-zzzz-zzzzzzzz', ChildType: 'ACCOUNT' }))),
    ).toBeInstanceOf(ParentNotFoundException);
  });

  it('lists tags, SCPs, their targets and trusted access', async () => {
    const h = harness('org');
    expect((await h.org.send(new ListTagsForResourceCommand({ ResourceId: '666666666666' }))).Tags).toEqual([
      { Key: 'env', Value: 'prod' },
    ]);
    expect((await h.org.send(new ListTagsForResourceCommand({ ResourceId: '222222222222' }))).Tags).toEqual([]);
    const policies = await h.org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(policies.Policies).toEqual([
      {
        Id: 'p-FullAWSAccess',
        Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Description: 'Allows access to every operation',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: true,
      },
    ]);
    expect((await h.org.send(new ListPoliciesCommand({ Filter: 'TAG_POLICY' }))).Policies).toEqual([]);
    const forAccount = await h.org.send(
      new ListPoliciesForTargetCommand({ TargetId: '444444444444', Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    expect(forAccount.Policies?.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
    const targets = await h.org.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess', MaxResults: 20 }));
    expect(targets.Targets?.length).toBe(13);
    expect(targets.Targets?.filter((t) => t.Type === 'ROOT')).toHaveLength(1);
    const access = await h.org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toEqual(['sso.amazonaws.com']);
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    const after = await h.org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(after.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toEqual([
      'sso.amazonaws.com',
      'iam.amazonaws.com',
    ]);
    expect(after.EnabledServicePrincipals?.[1]?.DateEnabled).toEqual(new Date(h.clock.now()));
    const bogus = await rejection(h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'example.com' })));
    expect(bogus).toMatchObject({ name: 'InvalidInputException', Reason: 'UNRECOGNIZED_SERVICE_PRINCIPAL' });
    expect(
      (await h.org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'sso.amazonaws.com' })))
        .DelegatedAdministrators,
    ).toEqual([]);
  });

  it('validates with InvalidInputException and a Reason', async () => {
    const h = harness('org');
    const big = await rejection(h.org.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(big).toBeInstanceOf(InvalidInputException);
    expect(big.Reason).toBe('MAX_VALUE_EXCEEDED');
    const badParent = await rejection(h.org.send(new ListAccountsForParentCommand({ ParentId: 'x-1' })));
    expect(badParent.Reason).toBe('INVALID_PATTERN');
    const badToken = await rejection(h.org.send(new ListAccountsCommand({ NextToken: 'garbage' })));
    expect(badToken.Reason).toBe('INVALID_NEXT_TOKEN');
    const noFilter = await rejection(h.org.send(new ListPoliciesCommand({} as never)));
    expect(noFilter.Reason).toBe('INPUT_REQUIRED');
  });

  it('lets member accounts describe the organization but not list it', async () => {
    const h = harness('org');
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
    expect((await member.org.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(
      '111111111111',
    );
    const denied = await rejection(member.org.send(new ListAccountsCommand({})));
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(denied.$metadata).toMatchObject({ httpStatusCode: 403 });
  });

  it('creates an organization from a standalone account, once', async () => {
    const h = harness('fresh');
    const before = await rejection(h.org.send(new DescribeOrganizationCommand({})));
    expect(before).toBeInstanceOf(AWSOrganizationsNotInUseException);
    expect(before.$metadata).toMatchObject({ httpStatusCode: 404 });
    const created = await h.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(created.Organization).toMatchObject({
      FeatureSet: 'ALL',
      MasterAccountId: '111111111111',
      MasterAccountEmail: 'founder@example.com',
    });
    const roots = await h.org.send(new ListRootsCommand({}));
    expect(roots.Roots?.[0]).toMatchObject({
      Id: expect.stringMatching(/^r-[0-9a-z]{4}$/),
      Name: 'Root',
      PolicyTypes: [],
    });
    expect(
      (await h.org.send(new ListAccountsCommand({}))).Accounts?.map((a) => [a.Id, a.State, a.JoinedMethod]),
    ).toEqual([['111111111111', 'ACTIVE', 'CREATED']]);
    expect(await rejection(h.org.send(new CreateOrganizationCommand({})))).toBeInstanceOf(
      AlreadyInOrganizationException,
    );
  });
});
