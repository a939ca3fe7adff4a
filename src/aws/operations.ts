/**
 * @module The registry of every AWS operation gatehouse may call: service → operation → SDK command
 * class. It types `session.call` / `session.paginate` (inputs and outputs are inferred from the
 * command classes) and it is the source of IAM action names (`sso-admin` ListInstances →
 * `sso:ListInstances`). Calling an operation that is not listed here is a compile error, so the
 * least-privilege policy can never miss one.
 */

import * as account from '@aws-sdk/client-account';
import * as iam from '@aws-sdk/client-iam';
import * as identitystore from '@aws-sdk/client-identitystore';
import * as organizations from '@aws-sdk/client-organizations';
import * as ssoAdmin from '@aws-sdk/client-sso-admin';
import * as sts from '@aws-sdk/client-sts';

export const OPERATIONS = {
  'sso-admin': {
    // Reads.
    ListInstances: ssoAdmin.ListInstancesCommand,
    DescribeInstance: ssoAdmin.DescribeInstanceCommand,
    ListPermissionSets: ssoAdmin.ListPermissionSetsCommand,
    DescribePermissionSet: ssoAdmin.DescribePermissionSetCommand,
    ListManagedPoliciesInPermissionSet: ssoAdmin.ListManagedPoliciesInPermissionSetCommand,
    ListCustomerManagedPolicyReferencesInPermissionSet:
      ssoAdmin.ListCustomerManagedPolicyReferencesInPermissionSetCommand,
    GetInlinePolicyForPermissionSet: ssoAdmin.GetInlinePolicyForPermissionSetCommand,
    GetPermissionsBoundaryForPermissionSet: ssoAdmin.GetPermissionsBoundaryForPermissionSetCommand,
    ListTagsForResource: ssoAdmin.ListTagsForResourceCommand,
    ListAccountsForProvisionedPermissionSet: ssoAdmin.ListAccountsForProvisionedPermissionSetCommand,
    ListPermissionSetsProvisionedToAccount: ssoAdmin.ListPermissionSetsProvisionedToAccountCommand,
    ListAccountAssignments: ssoAdmin.ListAccountAssignmentsCommand,
    ListAccountAssignmentsForPrincipal: ssoAdmin.ListAccountAssignmentsForPrincipalCommand,
    // Asynchronous work and its status.
    DescribeAccountAssignmentCreationStatus: ssoAdmin.DescribeAccountAssignmentCreationStatusCommand,
    DescribeAccountAssignmentDeletionStatus: ssoAdmin.DescribeAccountAssignmentDeletionStatusCommand,
    ListAccountAssignmentCreationStatus: ssoAdmin.ListAccountAssignmentCreationStatusCommand,
    ListAccountAssignmentDeletionStatus: ssoAdmin.ListAccountAssignmentDeletionStatusCommand,
    DescribePermissionSetProvisioningStatus: ssoAdmin.DescribePermissionSetProvisioningStatusCommand,
    ListPermissionSetProvisioningStatus: ssoAdmin.ListPermissionSetProvisioningStatusCommand,
    // Writes (apply).
    CreateInstance: ssoAdmin.CreateInstanceCommand,
    UpdateInstance: ssoAdmin.UpdateInstanceCommand,
    CreatePermissionSet: ssoAdmin.CreatePermissionSetCommand,
    UpdatePermissionSet: ssoAdmin.UpdatePermissionSetCommand,
    DeletePermissionSet: ssoAdmin.DeletePermissionSetCommand,
    AttachManagedPolicyToPermissionSet: ssoAdmin.AttachManagedPolicyToPermissionSetCommand,
    DetachManagedPolicyFromPermissionSet: ssoAdmin.DetachManagedPolicyFromPermissionSetCommand,
    AttachCustomerManagedPolicyReferenceToPermissionSet:
      ssoAdmin.AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
    DetachCustomerManagedPolicyReferenceFromPermissionSet:
      ssoAdmin.DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
    PutInlinePolicyToPermissionSet: ssoAdmin.PutInlinePolicyToPermissionSetCommand,
    DeleteInlinePolicyFromPermissionSet: ssoAdmin.DeleteInlinePolicyFromPermissionSetCommand,
    PutPermissionsBoundaryToPermissionSet: ssoAdmin.PutPermissionsBoundaryToPermissionSetCommand,
    DeletePermissionsBoundaryFromPermissionSet: ssoAdmin.DeletePermissionsBoundaryFromPermissionSetCommand,
    ProvisionPermissionSet: ssoAdmin.ProvisionPermissionSetCommand,
    CreateAccountAssignment: ssoAdmin.CreateAccountAssignmentCommand,
    DeleteAccountAssignment: ssoAdmin.DeleteAccountAssignmentCommand,
    TagResource: ssoAdmin.TagResourceCommand,
    UntagResource: ssoAdmin.UntagResourceCommand,
  },
  identitystore: {
    ListUsers: identitystore.ListUsersCommand,
    DescribeUser: identitystore.DescribeUserCommand,
    GetUserId: identitystore.GetUserIdCommand,
    ListGroups: identitystore.ListGroupsCommand,
    DescribeGroup: identitystore.DescribeGroupCommand,
    GetGroupId: identitystore.GetGroupIdCommand,
    ListGroupMemberships: identitystore.ListGroupMembershipsCommand,
    ListGroupMembershipsForMember: identitystore.ListGroupMembershipsForMemberCommand,
    DescribeGroupMembership: identitystore.DescribeGroupMembershipCommand,
    GetGroupMembershipId: identitystore.GetGroupMembershipIdCommand,
    IsMemberInGroups: identitystore.IsMemberInGroupsCommand,
    CreateUser: identitystore.CreateUserCommand,
    UpdateUser: identitystore.UpdateUserCommand,
    DeleteUser: identitystore.DeleteUserCommand,
    CreateGroup: identitystore.CreateGroupCommand,
    UpdateGroup: identitystore.UpdateGroupCommand,
    DeleteGroup: identitystore.DeleteGroupCommand,
    CreateGroupMembership: identitystore.CreateGroupMembershipCommand,
    DeleteGroupMembership: identitystore.DeleteGroupMembershipCommand,
  },
  organizations: {
    DescribeOrganization: organizations.DescribeOrganizationCommand,
    ListRoots: organizations.ListRootsCommand,
    ListAccounts: organizations.ListAccountsCommand,
    ListOrganizationalUnitsForParent: organizations.ListOrganizationalUnitsForParentCommand,
    ListAccountsForParent: organizations.ListAccountsForParentCommand,
    ListChildren: organizations.ListChildrenCommand,
    ListParents: organizations.ListParentsCommand,
    ListTagsForResource: organizations.ListTagsForResourceCommand,
    DescribeAccount: organizations.DescribeAccountCommand,
    ListDelegatedAdministrators: organizations.ListDelegatedAdministratorsCommand,
    ListPolicies: organizations.ListPoliciesCommand,
    ListPoliciesForTarget: organizations.ListPoliciesForTargetCommand,
    ListTargetsForPolicy: organizations.ListTargetsForPolicyCommand,
    ListAWSServiceAccessForOrganization: organizations.ListAWSServiceAccessForOrganizationCommand,
    CreateOrganization: organizations.CreateOrganizationCommand,
    EnableAWSServiceAccess: organizations.EnableAWSServiceAccessCommand,
  },
  iam: {
    GetAccountSummary: iam.GetAccountSummaryCommand,
    GenerateCredentialReport: iam.GenerateCredentialReportCommand,
    GetCredentialReport: iam.GetCredentialReportCommand,
    ListUsers: iam.ListUsersCommand,
    GetLoginProfile: iam.GetLoginProfileCommand,
    ListMFADevices: iam.ListMFADevicesCommand,
    ListVirtualMFADevices: iam.ListVirtualMFADevicesCommand,
    ListAccessKeys: iam.ListAccessKeysCommand,
    GetAccessKeyLastUsed: iam.GetAccessKeyLastUsedCommand,
    GetAccountPasswordPolicy: iam.GetAccountPasswordPolicyCommand,
    ListOrganizationsFeatures: iam.ListOrganizationsFeaturesCommand,
    ListAttachedUserPolicies: iam.ListAttachedUserPoliciesCommand,
    ListUserPolicies: iam.ListUserPoliciesCommand,
    ListAccountAliases: iam.ListAccountAliasesCommand,
    EnableOrganizationsRootCredentialsManagement: iam.EnableOrganizationsRootCredentialsManagementCommand,
    EnableOrganizationsRootSessions: iam.EnableOrganizationsRootSessionsCommand,
  },
  sts: {
    GetCallerIdentity: sts.GetCallerIdentityCommand,
    AssumeRole: sts.AssumeRoleCommand,
  },
  account: {
    GetAlternateContact: account.GetAlternateContactCommand,
    PutAlternateContact: account.PutAlternateContactCommand,
    DeleteAlternateContact: account.DeleteAlternateContactCommand,
    GetContactInformation: account.GetContactInformationCommand,
  },
} as const;

type Operations = typeof OPERATIONS;

/** The services gatehouse talks to (the same names as the sandbox's `SandboxService`). */
export type ServiceName = keyof Operations;
export type OperationName<S extends ServiceName> = keyof Operations[S] & string;

type CommandClass<S extends ServiceName, O extends OperationName<S>> = Operations[S][O];

/** The input of an operation, inferred from its SDK command class (optional inputs included). */
export type OperationInput<S extends ServiceName, O extends OperationName<S>> =
  CommandClass<S, O> extends abstract new (...args: infer A) => unknown ? NonNullable<A[0]> : never;

/** The output of an operation (including `$metadata`), inferred from its SDK command class. */
export type OperationOutput<S extends ServiceName, O extends OperationName<S>> =
  CommandClass<S, O> extends new (
    input: never,
  ) => { resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer R }> }
    ? R
    : never;

export const SERVICE_NAMES: readonly ServiceName[] = Object.keys(OPERATIONS) as ServiceName[];

/** The IAM action prefix of each service (`sso-admin` is signed and authorised as `sso`). */
export const IAM_PREFIX: Record<ServiceName, string> = {
  'sso-admin': 'sso',
  identitystore: 'identitystore',
  organizations: 'organizations',
  iam: 'iam',
  sts: 'sts',
  account: 'account',
};

/** The IAM action an operation needs: `iamAction('sso-admin', 'ListInstances')` → `sso:ListInstances`. */
export function iamAction<S extends ServiceName>(service: S, operation: OperationName<S>): string {
  return `${IAM_PREFIX[service]}:${operation}`;
}

/** Every registered operation as `[service, operation]` pairs (for permission tests and policy tools). */
export function allOperations(): { service: ServiceName; operation: string; action: string }[] {
  return SERVICE_NAMES.flatMap((service) =>
    Object.keys(OPERATIONS[service]).map((operation) => ({
      service,
      operation,
      action: `${IAM_PREFIX[service]}:${operation}`,
    })),
  );
}

export function isOperation(service: ServiceName, operation: string): boolean {
  return Object.hasOwn(OPERATIONS[service], operation);
}

/** The SDK command class of an operation (only src/aws uses it). */
export function commandClass(service: ServiceName, operation: string): new (input: unknown) => unknown {
  const ctor = (OPERATIONS[service] as Record<string, unknown>)[operation];
  if (typeof ctor !== 'function') throw new Error(`unknown AWS operation ${service}:${operation}`);
  return ctor as new (
    input: unknown,
  ) => unknown;
}
