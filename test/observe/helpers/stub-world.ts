/**
 * @module A small organization served by the StubEndpoint: enough of every read operation for the
 * fact readers and the collector to be tested call by call. Management account 111111111111 with an
 * Identity Center instance in eu-west-1; member 222222222222 in /Workloads; 333333333333 suspended.
 */

import { SandboxServiceError } from '../../../src/sandbox/endpoint.js';
import { page, StubEndpoint, stubCredentials } from './stub-endpoint.js';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111111111111111';
export const STORE_ID = 'd-1111111111';
export const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';
export const PS_READ = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb';
export const GROUP_ID = '1111111111-00000000-0000-0000-0000-00000000000a';
export const USER_A = '1111111111-00000000-0000-0000-0000-0000000000a1';
export const USER_B = '1111111111-00000000-0000-0000-0000-0000000000b2';
export const MEMBER_KEY = 'ASIAMEMBER0000000002';

const ROOT_REPORT = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  '<root_account>,arn:aws:iam::111111111111:root,2026-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');

export interface StubWorldOptions {
  /** Regions where ListInstances returns the instance (default eu-west-1). */
  instanceRegions?: string[];
  /** No organization at all (AWSOrganizationsNotInUseException). */
  noOrganization?: boolean;
  /** Report generation: STARTED first, then NotReady this many polls. */
  reportNotReadyPolls?: number;
}

export function stubWorld(options: StubWorldOptions = {}): StubEndpoint {
  const endpoint = new StubEndpoint();
  const instanceRegions = options.instanceRegions ?? ['eu-west-1'];
  const notInOrg = () =>
    new SandboxServiceError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
      400,
    );
  const account = (key: string) => (key === stubCredentials.accessKeyId ? '111111111111' : '222222222222');

  endpoint.on('sts', 'GetCallerIdentity', (_i, call) => ({
    Account: account(call.accessKeyId),
    Arn: `arn:aws:sts::${account(call.accessKeyId)}:assumed-role/Admin/gatehouse`,
    UserId: 'AROAEXAMPLE:gatehouse',
  }));
  endpoint.on('sts', 'AssumeRole', (input) => {
    if (input.RoleArn !== 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole') {
      throw new SandboxServiceError(
        'AccessDenied',
        `not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        403,
      );
    }
    return {
      Credentials: {
        AccessKeyId: MEMBER_KEY,
        SecretAccessKey: 'member-secret-0000000002',
        SessionToken: 'member-token-0000000002',
        // Far ahead of any test clock: this stub does not know the session's clock.
        Expiration: new Date(Date.UTC(2099, 0, 1)),
      },
    };
  });

  // Organizations.
  endpoint.on('organizations', 'DescribeOrganization', () => {
    if (options.noOrganization) throw notInOrg();
    return {
      Organization: {
        Id: 'o-exampleorg1',
        Arn: 'arn:aws:organizations::111111111111:organization/o-exampleorg1',
        FeatureSet: 'ALL',
        MasterAccountId: '111111111111',
        MasterAccountEmail: 'root@example.com',
      },
    };
  });
  endpoint.on('organizations', 'ListRoots', () => {
    if (options.noOrganization) throw notInOrg();
    return { Roots: [{ Id: 'r-abcd', Name: 'Root' }] };
  });
  endpoint.on('organizations', 'ListOrganizationalUnitsForParent', (input) => {
    if (input.ParentId === 'r-abcd') return { OrganizationalUnits: [{ Id: 'ou-abcd-11111111', Name: 'Workloads' }] };
    return { OrganizationalUnits: [] };
  });
  endpoint.on('organizations', 'ListAccountsForParent', (input) => {
    if (input.ParentId === 'r-abcd') {
      return {
        Accounts: [
          { Id: '111111111111', Name: 'management', Email: 'root@example.com', State: 'ACTIVE' },
          { Id: '333333333333', Name: 'legacy', Email: 'legacy@example.com', Status: 'SUSPENDED' },
        ],
      };
    }
    // An empty page with a token first, as Organizations may send.
    if (input.NextToken === undefined) return { Accounts: [], NextToken: 't1' };
    return { Accounts: [{ Id: '222222222222', Name: 'dev', Email: 'dev@example.com', State: 'ACTIVE' }] };
  });
  endpoint.on('organizations', 'ListTagsForResource', (input) => ({
    Tags: input.ResourceId === '222222222222' ? [{ Key: 'env', Value: 'dev' }] : [],
  }));
  endpoint.on('organizations', 'ListDelegatedAdministrators', () => ({
    DelegatedAdministrators: [{ Id: '333333333333', Name: 'security', State: 'ACTIVE' }],
  }));
  endpoint.on('organizations', 'ListAWSServiceAccessForOrganization', () => ({
    EnabledServicePrincipals: [{ ServicePrincipal: 'sso.amazonaws.com' }, { ServicePrincipal: 'iam.amazonaws.com' }],
  }));

  // IAM (organization-level).
  endpoint.on('iam', 'ListOrganizationsFeatures', () => ({
    OrganizationId: 'o-exampleorg1',
    EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
  }));

  // Identity Center.
  endpoint.on('sso-admin', 'ListInstances', (_i, call) => ({
    Instances: instanceRegions.includes(call.region)
      ? [{ InstanceArn: INSTANCE_ARN, IdentityStoreId: STORE_ID, OwnerAccountId: '111111111111', Status: 'ACTIVE' }]
      : [],
  }));
  endpoint.on('sso-admin', 'DescribeInstance', () => ({
    InstanceArn: INSTANCE_ARN,
    IdentityStoreId: STORE_ID,
    OwnerAccountId: '111111111111',
    Status: 'ACTIVE',
    CreatedDate: new Date('2026-01-01T00:00:00Z'),
    EncryptionConfigurationDetails: { KeyType: 'AWS_OWNED_KMS_KEY', EncryptionStatus: 'ENABLED' },
  }));
  endpoint.on('sso-admin', 'ListPermissionSets', (input) => page([PS_READ, PS_ADMIN], input, 'PermissionSets', 1));
  endpoint.on('sso-admin', 'DescribePermissionSet', (input) => ({
    PermissionSet:
      input.PermissionSetArn === PS_ADMIN
        ? {
            Name: 'Admin',
            PermissionSetArn: PS_ADMIN,
            SessionDuration: 'PT4H',
            CreatedDate: new Date('2026-02-01T00:00:00Z'),
          }
        : { Name: 'ReadOnly', PermissionSetArn: PS_READ, SessionDuration: 'PT8H', Description: 'Read' },
  }));
  endpoint.on('sso-admin', 'ListManagedPoliciesInPermissionSet', (input) => ({
    AttachedManagedPolicies:
      input.PermissionSetArn === PS_ADMIN
        ? [{ Name: 'AdministratorAccess', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]
        : [
            { Name: 'ViewOnlyAccess', Arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
            { Name: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          ],
  }));
  endpoint.on('sso-admin', 'ListCustomerManagedPolicyReferencesInPermissionSet', (input) => ({
    CustomerManagedPolicyReferences: input.PermissionSetArn === PS_READ ? [{ Name: 'Extra' }] : [],
  }));
  endpoint.on('sso-admin', 'GetInlinePolicyForPermissionSet', (input) => ({
    InlinePolicy:
      input.PermissionSetArn === PS_READ ? encodeURIComponent('{"Version":"2012-10-17","Statement":[]}') : '',
  }));
  endpoint.on('sso-admin', 'GetPermissionsBoundaryForPermissionSet', (input) => {
    if (input.PermissionSetArn === PS_ADMIN) {
      throw new SandboxServiceError('ResourceNotFoundException', 'no boundary', 404);
    }
    return { PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/limits/' } } };
  });
  endpoint.on('sso-admin', 'ListTagsForResource', (input) => ({
    Tags: input.ResourceArn === PS_ADMIN ? [{ Key: 'managed-by', Value: 'gatehouse' }] : [],
  }));
  endpoint.on('sso-admin', 'ListAccountsForProvisionedPermissionSet', (input) => {
    const outdated = input.ProvisioningStatus === 'LATEST_PERMISSION_SET_NOT_PROVISIONED';
    if (input.PermissionSetArn === PS_ADMIN) return { AccountIds: outdated ? [] : ['222222222222', '111111111111'] };
    return { AccountIds: outdated ? ['222222222222'] : ['222222222222'] };
  });
  const assignments = [
    { AccountId: '111111111111', PermissionSetArn: PS_ADMIN, PrincipalType: 'USER', PrincipalId: USER_A },
    { AccountId: '222222222222', PermissionSetArn: PS_ADMIN, PrincipalType: 'GROUP', PrincipalId: GROUP_ID },
    { AccountId: '222222222222', PermissionSetArn: PS_READ, PrincipalType: 'USER', PrincipalId: USER_B },
  ];
  endpoint.on('sso-admin', 'ListAccountAssignments', (input) => ({
    AccountAssignments: assignments.filter(
      (a) => a.AccountId === input.AccountId && a.PermissionSetArn === input.PermissionSetArn,
    ),
  }));
  endpoint.on('sso-admin', 'ListAccountAssignmentsForPrincipal', (input) => ({
    AccountAssignments: [
      ...assignments.filter((a) => a.PrincipalId === input.PrincipalId),
      // A user's group-derived access, if AWS listed it, must not count as a direct assignment.
      ...(input.PrincipalId === USER_A
        ? [{ AccountId: '222222222222', PermissionSetArn: PS_ADMIN, PrincipalType: 'GROUP', PrincipalId: GROUP_ID }]
        : []),
    ],
  }));

  // Identity Store.
  endpoint.on('identitystore', 'ListUsers', () => ({
    Users: [
      {
        UserId: USER_B,
        UserName: 'bob',
        DisplayName: 'Bob B',
        Name: { GivenName: 'Bob', FamilyName: 'B' },
        Emails: [{ Value: 'bob@example.com', Primary: true }],
        IdentityStoreId: STORE_ID,
      },
      { UserId: USER_A, UserName: 'alice', IdentityStoreId: STORE_ID, UserStatus: 'ENABLED' },
    ],
  }));
  endpoint.on('identitystore', 'ListGroups', () => ({
    Groups: [{ GroupId: GROUP_ID, DisplayName: 'Founders', IdentityStoreId: STORE_ID }],
  }));
  endpoint.on('identitystore', 'ListGroupMemberships', () => ({
    GroupMemberships: [
      { MembershipId: 'm-2', GroupId: GROUP_ID, MemberId: { UserId: USER_B }, IdentityStoreId: STORE_ID },
      { MembershipId: 'm-1', GroupId: GROUP_ID, MemberId: { UserId: USER_A }, IdentityStoreId: STORE_ID },
    ],
  }));

  // IAM (per account).
  endpoint.on('iam', 'GetAccountSummary', () => ({
    SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
  }));
  let reportPolls = options.reportNotReadyPolls ?? 0;
  endpoint.on('iam', 'GenerateCredentialReport', () => ({ State: reportPolls > 0 ? 'STARTED' : 'COMPLETE' }));
  endpoint.on('iam', 'GetCredentialReport', () => {
    if (reportPolls > 0) {
      reportPolls -= 1;
      throw new SandboxServiceError('ReportInProgress', 'Report is in progress', 404);
    }
    return {
      Content: new TextEncoder().encode(ROOT_REPORT),
      ReportFormat: 'text/csv',
      GeneratedTime: new Date('2026-11-28T08:00:00Z'),
    };
  });
  endpoint.on('iam', 'ListVirtualMFADevices', () => ({
    VirtualMFADevices: [
      {
        SerialNumber: 'arn:aws:iam::111111111111:mfa/root',
        User: { Arn: 'arn:aws:iam::111111111111:root' },
        EnableDate: new Date('2026-01-02T00:00:00Z'),
      },
    ],
    IsTruncated: false,
  }));
  endpoint.on('iam', 'GetAccountPasswordPolicy', (_i, call) => {
    if (call.accessKeyId === MEMBER_KEY)
      throw new SandboxServiceError(
        'NoSuchEntity',
        'The Password Policy with domain name 222222222222 cannot be found.',
        404,
      );
    return { PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true } };
  });
  endpoint.on('iam', 'ListUsers', () => ({
    Users: [{ UserName: 'ci', UserId: 'AIDA1', Arn: 'arn', Path: '/', CreateDate: new Date() }],
    IsTruncated: false,
  }));
  endpoint.on('iam', 'ListAttachedUserPolicies', () => ({
    AttachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    IsTruncated: false,
  }));
  endpoint.on('iam', 'ListUserPolicies', () => ({ PolicyNames: ['inline-b', 'inline-a'], IsTruncated: false }));
  endpoint.on('iam', 'GetLoginProfile', (input) => ({
    LoginProfile: { UserName: input.UserName, CreateDate: new Date(0), PasswordResetRequired: false },
  }));
  endpoint.on('iam', 'ListMFADevices', () => ({ MFADevices: [], IsTruncated: false }));

  // Account.
  endpoint.on('account', 'GetAlternateContact', (input) => {
    if (input.AlternateContactType === 'SECURITY') {
      return {
        AlternateContact: {
          Name: 'Sec',
          Title: 'CISO',
          EmailAddress: 'sec@example.com',
          PhoneNumber: '+1',
          AlternateContactType: 'SECURITY',
        },
      };
    }
    throw new SandboxServiceError(
      'ResourceNotFoundException',
      'No contact of the inputted alternate contact type found.',
      404,
    );
  });
  return endpoint;
}
