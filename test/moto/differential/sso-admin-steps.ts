/**
 * @module Differential steps for sso-admin: permission sets and their policies, provisioning,
 * account assignments with their request statuses, and deletion. The probes of moto's missing
 * validation (which leave the sides with different states) come last.
 */

import type { Side } from './sides.js';
import { permissionSetId, type Step } from './steps.js';

const instance = (s: Side) => s.ids.raw('instance');
/** A permission set's ARN on this side (registered by its `ps-…` id; the ARN format itself is compared). */
const psArn = (s: Side, name: string) => s.ids.raw(`psarn:${name}`);

const INLINE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
});

function createPermissionSet(name: string, extra: Record<string, unknown>): Step {
  return {
    name: `create permission set ${name}`,
    service: 'sso-admin',
    op: 'CreatePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), Name: name, ...extra }),
    after: (s, outcome) => {
      if (!('ok' in outcome)) return;
      const arn = (outcome.ok as { PermissionSet: { PermissionSetArn: string } }).PermissionSet.PermissionSetArn;
      s.ids.register(`ps:${name}`, permissionSetId(arn));
      s.ids.remember(`psarn:${name}`, arn);
    },
  };
}

function assignment(ps: string, type: 'USER' | 'GROUP', principal: string, account: string) {
  return (s: Side) => ({
    InstanceArn: instance(s),
    TargetId: s.ids.raw(`acct:${account}`),
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: psArn(s, ps),
    PrincipalType: type,
    PrincipalId: s.ids.raw(`${type === 'USER' ? 'user' : 'group'}:${principal}`),
  });
}

function registerRequest(label: string, member: string) {
  return (s: Side, outcome: { ok: unknown } | { error: unknown }) => {
    if (!('ok' in outcome)) return;
    const status = (outcome.ok as Record<string, { RequestId: string }>)[member];
    if (status) s.ids.register(label, status.RequestId);
  };
}

export const ssoAdminSteps: Step[] = [
  createPermissionSet('Admin', {
    Description: 'Founders / Infra',
    SessionDuration: 'PT4H',
    Tags: [{ Key: 'managed-by', Value: 'gatehouse' }],
  }),
  createPermissionSet('PowerUser', { Description: 'DevOps / Engineers' }),
  {
    name: 'describe permission set PowerUser (session duration left to the default)',
    service: 'sso-admin',
    op: 'DescribePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser') }),
  },
  {
    name: 'describe a permission set that does not exist',
    service: 'sso-admin',
    op: 'DescribePermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: `${psArn(s, 'Admin').slice(0, -16)}0000000000000000`,
    }),
  },
  {
    name: 'list permission sets one at a time',
    service: 'sso-admin',
    op: 'ListPermissionSets',
    input: (s) => ({ InstanceArn: instance(s) }),
    page: { size: 1 },
  },
  {
    name: 'tags of permission set Admin',
    service: 'sso-admin',
    op: 'ListTagsForResource',
    input: (s) => ({ InstanceArn: instance(s), ResourceArn: psArn(s, 'Admin') }),
  },
  {
    name: 'attach AdministratorAccess to Admin',
    service: 'sso-admin',
    op: 'AttachManagedPolicyToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  },
  {
    name: 'attaching it twice is a conflict',
    service: 'sso-admin',
    op: 'AttachManagedPolicyToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  },
  {
    name: 'attach PowerUserAccess to PowerUser',
    service: 'sso-admin',
    op: 'AttachManagedPolicyToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'PowerUser'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    }),
  },
  {
    name: 'managed policies of Admin',
    service: 'sso-admin',
    op: 'ListManagedPoliciesInPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'Admin') }),
  },
  {
    name: 'detaching a policy that is not attached',
    service: 'sso-admin',
    op: 'DetachManagedPolicyFromPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  },
  {
    name: 'attach a customer managed policy reference to PowerUser',
    service: 'sso-admin',
    op: 'AttachCustomerManagedPolicyReferenceToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'PowerUser'),
      CustomerManagedPolicyReference: { Name: 'TeamBoundary', Path: '/team/' },
    }),
  },
  {
    name: 'customer managed policy references of PowerUser',
    service: 'sso-admin',
    op: 'ListCustomerManagedPolicyReferencesInPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser') }),
  },
  {
    name: 'put an inline policy on PowerUser',
    service: 'sso-admin',
    op: 'PutInlinePolicyToPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser'), InlinePolicy: INLINE_POLICY }),
  },
  {
    name: 'inline policy of PowerUser',
    service: 'sso-admin',
    op: 'GetInlinePolicyForPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser') }),
  },
  {
    name: 'inline policy of Admin (none)',
    service: 'sso-admin',
    op: 'GetInlinePolicyForPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'Admin') }),
  },
  {
    name: 'permissions boundary of Admin (none)',
    service: 'sso-admin',
    op: 'GetPermissionsBoundaryForPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'Admin') }),
  },
  {
    name: 'the customer managed policy TeamBoundary in dev and prod (moto does not check for it)',
    setup: {
      sandbox: (s) => {
        for (const account of ['dev', 'prod'])
          s.sandbox.addCustomerManagedPolicy(s.ids.raw(`acct:${account}`), 'TeamBoundary', '/team/');
      },
      moto: async () => {},
    },
  },
  {
    name: 'provision Admin to the management account',
    service: 'sso-admin',
    op: 'ProvisionPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      TargetType: 'AWS_ACCOUNT',
      TargetId: s.ids.raw('acct:master'),
    }),
    after: registerRequest('req:provision', 'PermissionSetProvisioningStatus'),
  },
  {
    name: 'provisioning status',
    service: 'sso-admin',
    op: 'DescribePermissionSetProvisioningStatus',
    input: (s) => ({ InstanceArn: instance(s), ProvisionPermissionSetRequestId: s.ids.raw('req:provision') }),
  },
  {
    name: 'provisioning requests',
    service: 'sso-admin',
    op: 'ListPermissionSetProvisioningStatus',
    input: (s) => ({ InstanceArn: instance(s) }),
  },
  {
    name: 'assign Admin to alice on dev',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: assignment('Admin', 'USER', 'alice', 'dev'),
    after: registerRequest('req:create-alice', 'AccountAssignmentCreationStatus'),
  },
  {
    name: 'assign PowerUser to Engineers on dev',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: assignment('PowerUser', 'GROUP', 'Engineers', 'dev'),
  },
  {
    name: 'assign PowerUser to Engineers on prod',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: assignment('PowerUser', 'GROUP', 'Engineers', 'prod'),
  },
  {
    name: "alice's assignment request",
    service: 'sso-admin',
    op: 'DescribeAccountAssignmentCreationStatus',
    input: (s) => ({ InstanceArn: instance(s), AccountAssignmentCreationRequestId: s.ids.raw('req:create-alice') }),
  },
  {
    name: 'assignment creation requests',
    service: 'sso-admin',
    op: 'ListAccountAssignmentCreationStatus',
    input: (s) => ({ InstanceArn: instance(s) }),
  },
  {
    name: 'assignments of PowerUser on dev',
    service: 'sso-admin',
    op: 'ListAccountAssignments',
    input: (s) => ({
      InstanceArn: instance(s),
      AccountId: s.ids.raw('acct:dev'),
      PermissionSetArn: psArn(s, 'PowerUser'),
    }),
  },
  {
    name: 'assignments of Engineers, one at a time',
    service: 'sso-admin',
    op: 'ListAccountAssignmentsForPrincipal',
    input: (s) => ({ InstanceArn: instance(s), PrincipalType: 'GROUP', PrincipalId: s.ids.raw('group:Engineers') }),
    page: { size: 1 },
  },
  {
    name: 'assignments of Engineers on prod',
    service: 'sso-admin',
    op: 'ListAccountAssignmentsForPrincipal',
    input: (s) => ({
      InstanceArn: instance(s),
      PrincipalType: 'GROUP',
      PrincipalId: s.ids.raw('group:Engineers'),
      Filter: { AccountId: s.ids.raw('acct:prod') },
    }),
  },
  {
    name: 'accounts PowerUser is provisioned to',
    service: 'sso-admin',
    op: 'ListAccountsForProvisionedPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser') }),
  },
  {
    name: 'permission sets provisioned to prod',
    service: 'sso-admin',
    op: 'ListPermissionSetsProvisionedToAccount',
    input: (s) => ({ InstanceArn: instance(s), AccountId: s.ids.raw('acct:prod') }),
  },
  {
    name: "delete alice's assignment",
    service: 'sso-admin',
    op: 'DeleteAccountAssignment',
    input: assignment('Admin', 'USER', 'alice', 'dev'),
    after: registerRequest('req:delete-alice', 'AccountAssignmentDeletionStatus'),
  },
  {
    name: 'the deletion request',
    service: 'sso-admin',
    op: 'DescribeAccountAssignmentDeletionStatus',
    input: (s) => ({ InstanceArn: instance(s), AccountAssignmentDeletionRequestId: s.ids.raw('req:delete-alice') }),
  },
  {
    name: 'the creation request after the deletion',
    service: 'sso-admin',
    op: 'DescribeAccountAssignmentCreationStatus',
    input: (s) => ({ InstanceArn: instance(s), AccountAssignmentCreationRequestId: s.ids.raw('req:create-alice') }),
  },
  {
    name: 'deleting it again',
    service: 'sso-admin',
    op: 'DeleteAccountAssignment',
    input: assignment('Admin', 'USER', 'alice', 'dev'),
  },
  {
    name: 'assignment deletion requests',
    service: 'sso-admin',
    op: 'ListAccountAssignmentDeletionStatus',
    input: (s) => ({ InstanceArn: instance(s) }),
  },
  // Probes of moto's missing validation; the sides hold different states afterwards.
  {
    name: 'an assignment to a principal that does not exist',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: (s) => ({
      ...assignment('Admin', 'USER', 'alice', 'prod')(s),
      PrincipalId: 'c0ffee0000-00000000-0000-4000-8000-000000000000',
    }),
  },
  {
    name: 'assign PowerUser to alice on log-archive (no TeamBoundary there)',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: assignment('PowerUser', 'USER', 'alice', 'log-archive'),
    after: registerRequest('req:create-log-archive', 'AccountAssignmentCreationStatus'),
  },
  {
    name: 'the assignment to an account without TeamBoundary',
    service: 'sso-admin',
    op: 'DescribeAccountAssignmentCreationStatus',
    input: (s) => ({
      InstanceArn: instance(s),
      AccountAssignmentCreationRequestId: s.ids.raw('req:create-log-archive'),
    }),
  },
  {
    name: 'the same assignment again',
    service: 'sso-admin',
    op: 'CreateAccountAssignment',
    input: assignment('PowerUser', 'GROUP', 'Engineers', 'dev'),
  },
  {
    name: 'assignments of PowerUser on dev after the repeat',
    service: 'sso-admin',
    op: 'ListAccountAssignments',
    input: (s) => ({
      InstanceArn: instance(s),
      AccountId: s.ids.raw('acct:dev'),
      PermissionSetArn: psArn(s, 'PowerUser'),
    }),
  },
  {
    name: 'a permission set name with spaces',
    service: 'sso-admin',
    op: 'CreatePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), Name: 'bad name!*' }),
  },
  {
    name: 'a duplicate permission set name',
    service: 'sso-admin',
    op: 'CreatePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), Name: 'Admin' }),
  },
  {
    name: 'a session duration above 12 hours',
    service: 'sso-admin',
    op: 'CreatePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), Name: 'LongSessions', SessionDuration: 'PT99H' }),
  },
  {
    name: 'a permission set in an instance that does not exist',
    service: 'sso-admin',
    op: 'CreatePermissionSet',
    input: () => ({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000', Name: 'Orphan' }),
  },
  {
    name: 'an AWS managed policy that does not exist',
    service: 'sso-admin',
    op: 'AttachManagedPolicyToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyForGatehouse',
    }),
  },
  {
    name: 'a job-function policy by its ARN',
    service: 'sso-admin',
    op: 'AttachManagedPolicyToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    }),
  },
  {
    name: 'delete PowerUser while it is assigned',
    service: 'sso-admin',
    op: 'DeletePermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'PowerUser') }),
  },
  // Operations gatehouse calls that moto lacks (their answers on the sandbox are not compared).
  {
    name: 'tag permission set Admin',
    service: 'sso-admin',
    op: 'TagResource',
    input: (s) => ({
      InstanceArn: instance(s),
      ResourceArn: psArn(s, 'Admin'),
      Tags: [{ Key: 'team', Value: 'platform' }],
    }),
  },
  {
    name: 'untag permission set Admin',
    service: 'sso-admin',
    op: 'UntagResource',
    input: (s) => ({ InstanceArn: instance(s), ResourceArn: psArn(s, 'Admin'), TagKeys: ['team'] }),
  },
  {
    name: 'put a permissions boundary on Admin',
    service: 'sso-admin',
    op: 'PutPermissionsBoundaryToPermissionSet',
    input: (s) => ({
      InstanceArn: instance(s),
      PermissionSetArn: psArn(s, 'Admin'),
      PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
    }),
  },
  {
    name: 'delete the permissions boundary of Admin',
    service: 'sso-admin',
    op: 'DeletePermissionsBoundaryFromPermissionSet',
    input: (s) => ({ InstanceArn: instance(s), PermissionSetArn: psArn(s, 'Admin') }),
  },
  { name: 'create an account instance', service: 'sso-admin', op: 'CreateInstance', input: () => ({ Name: 'extra' }) },
];
