import { CreateGroupCommand } from '@aws-sdk/client-identitystore';
import {
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientsFor, completeAll, type Harness, harness, rejection } from './helpers.js';

/** The management account's clients in a `delegated` sandbox (the scenario's default is the delegated admin). */
function management(h: Harness) {
  const credentials = h.sandbox.issueCredentials({ accountId: '111111111111' });
  return clientsFor(h.sandbox, credentials);
}

async function instance(h: Harness) {
  const i = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0];
  return { InstanceArn: i?.InstanceArn as string, IdentityStoreId: i?.IdentityStoreId as string };
}

describe('scenario delegated', () => {
  it('signs in as an Admin role in the security account, the registered delegated administrator', async () => {
    const h = harness('delegated');
    const me = await h.sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::333333333333:assumed-role/Admin/gatehouse');
    const admins = await h.org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    expect(admins.DelegatedAdministrators?.map((d) => d.Id)).toEqual(['333333333333']);
    expect((await instance(h)).InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-/);
  });

  it('refuses ListAccountAssignmentsForPrincipal from the delegated administrator, not from management', async () => {
    const h = harness('delegated');
    const { InstanceArn, IdentityStoreId } = await instance(h);
    const group = await h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Ops' }));
    const input = { InstanceArn, PrincipalId: group.GroupId as string, PrincipalType: 'GROUP' as const };
    const refused = await rejection(h.sso.send(new ListAccountAssignmentsForPrincipalCommand(input)));
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toContain('must be called from the management account');
    const fromManagement = await management(h).sso.send(new ListAccountAssignmentsForPrincipalCommand(input));
    expect(fromManagement.AccountAssignments).toEqual([]);
  });

  it('refuses every change to a permission set provisioned to the management account, in any account', async () => {
    const h = harness('delegated');
    const { InstanceArn, IdentityStoreId } = await instance(h);
    const mgmt = management(h);
    const set = await mgmt.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Admin' }));
    const PermissionSetArn = set.PermissionSet?.PermissionSetArn as string;
    const group = await mgmt.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Ops' }));
    const on = (TargetId: string) => ({
      InstanceArn,
      PermissionSetArn,
      TargetId,
      TargetType: 'AWS_ACCOUNT' as const,
      PrincipalType: 'GROUP' as const,
      PrincipalId: group.GroupId as string,
    });
    // Before it reaches the management account, the delegated administrator may use it elsewhere.
    await h.sso.send(new CreateAccountAssignmentCommand(on('444444444444')));
    completeAll(h);
    await mgmt.sso.send(new CreateAccountAssignmentCommand(on('111111111111')));
    completeAll(h);

    const attempts: [string, () => Promise<unknown>][] = [
      ['assign', () => h.sso.send(new CreateAccountAssignmentCommand(on('555555555555')))],
      ['unassign', () => h.sso.send(new DeleteAccountAssignmentCommand(on('444444444444')))],
      [
        'update',
        () => h.sso.send(new UpdatePermissionSetCommand({ InstanceArn, PermissionSetArn, SessionDuration: 'PT2H' })),
      ],
      [
        'attach',
        () =>
          h.sso.send(
            new AttachManagedPolicyToPermissionSetCommand({
              InstanceArn,
              PermissionSetArn,
              ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
            }),
          ),
      ],
      [
        'provision',
        () =>
          h.sso.send(
            new ProvisionPermissionSetCommand({
              InstanceArn,
              PermissionSetArn,
              TargetType: 'ALL_PROVISIONED_ACCOUNTS',
            }),
          ),
      ],
      ['delete', () => h.sso.send(new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn }))],
    ];
    for (const [what, attempt] of attempts) {
      const error = await rejection(attempt());
      expect({ what, name: error.name }).toEqual({ what, name: 'AccessDeniedException' });
      expect(error.message).toContain('management account 111111111111');
    }
    // The management account itself still may.
    await mgmt.sso.send(new UpdatePermissionSetCommand({ InstanceArn, PermissionSetArn, SessionDuration: 'PT2H' }));
  });

  it('registers a delegated administrator from the management account only, once for Identity Center', async () => {
    const h = harness('org');
    await h.org.send(
      new RegisterDelegatedAdministratorCommand({ AccountId: '222222222222', ServicePrincipal: 'sso.amazonaws.com' }),
    );
    const again = await rejection(
      h.org.send(
        new RegisterDelegatedAdministratorCommand({ AccountId: '222222222222', ServicePrincipal: 'sso.amazonaws.com' }),
      ),
    );
    expect(again.name).toBe('AccountAlreadyRegisteredException');
    const second = await rejection(
      h.org.send(
        new RegisterDelegatedAdministratorCommand({ AccountId: '333333333333', ServicePrincipal: 'sso.amazonaws.com' }),
      ),
    );
    expect(second.name).toBe('ConstraintViolationException');
    const self = await rejection(
      h.org.send(
        new RegisterDelegatedAdministratorCommand({ AccountId: '111111111111', ServicePrincipal: 'sso.amazonaws.com' }),
      ),
    );
    expect(self.name).toBe('ConstraintViolationException');
    const admins = await h.org.send(new ListDelegatedAdministratorsCommand({}));
    expect(admins.DelegatedAdministrators?.map((d) => d.Id)).toEqual(['222222222222']);
  });
});

describe('managed policies per role quota', () => {
  it('fails provisioning a set with more than 10 managed policies with IAM’s quota text', async () => {
    const h = harness('org');
    const { InstanceArn, IdentityStoreId } = await instance(h);
    const set = await h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Wide' }));
    const PermissionSetArn = set.PermissionSet?.PermissionSetArn as string;
    for (let i = 0; i < 11; i++) {
      await h.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          ManagedPolicyArn: `arn:aws:iam::aws:policy/Policy${i}`,
        }),
      );
    }
    const group = await h.ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Ops' }));
    const started = await h.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn,
        PermissionSetArn,
        TargetId: '444444444444',
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'GROUP',
        PrincipalId: group.GroupId as string,
      }),
    );
    completeAll(h);
    const status = await h.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn,
        AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus?.RequestId as string,
      }),
    );
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('FAILED');
    expect(status.AccountAssignmentCreationStatus?.FailureReason).toContain(
      'Cannot exceed quota for PoliciesPerRole: 10',
    );
  });
});
