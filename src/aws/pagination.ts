/**
 * @module How each list operation pages: its token members and the page size gatehouse always
 * asks for (the largest AWS allows: 100 for sso-admin and Identity Store, 20 for Organizations,
 * 1000 for IAM), because default page sizes are small and undocumented (scale.md §1.4).
 */

import type { OperationInput, OperationName, OperationOutput, ServiceName } from './operations.js';

export interface PageSpec {
  inputToken: 'NextToken' | 'Marker';
  outputToken: 'NextToken' | 'Marker';
  /** Absent for the few lists that take no page size (ListTagsForResource). */
  pageSizeKey?: 'MaxResults' | 'MaxItems';
  pageSize?: number;
}

const SSO: PageSpec = { inputToken: 'NextToken', outputToken: 'NextToken', pageSizeKey: 'MaxResults', pageSize: 100 };
const ORGS: PageSpec = { inputToken: 'NextToken', outputToken: 'NextToken', pageSizeKey: 'MaxResults', pageSize: 20 };
const IAM: PageSpec = { inputToken: 'Marker', outputToken: 'Marker', pageSizeKey: 'MaxItems', pageSize: 1000 };
const TOKEN_ONLY: PageSpec = { inputToken: 'NextToken', outputToken: 'NextToken' };

export const PAGINATION = {
  'sso-admin': {
    ListInstances: SSO,
    ListPermissionSets: SSO,
    ListManagedPoliciesInPermissionSet: SSO,
    ListCustomerManagedPolicyReferencesInPermissionSet: SSO,
    ListAccountsForProvisionedPermissionSet: SSO,
    ListPermissionSetsProvisionedToAccount: SSO,
    ListAccountAssignments: SSO,
    ListAccountAssignmentsForPrincipal: SSO,
    ListAccountAssignmentCreationStatus: SSO,
    ListAccountAssignmentDeletionStatus: SSO,
    ListPermissionSetProvisioningStatus: SSO,
    ListTagsForResource: TOKEN_ONLY,
  },
  identitystore: {
    ListUsers: SSO,
    ListGroups: SSO,
    ListGroupMemberships: SSO,
    ListGroupMembershipsForMember: SSO,
  },
  organizations: {
    ListRoots: ORGS,
    ListAccounts: ORGS,
    ListOrganizationalUnitsForParent: ORGS,
    ListAccountsForParent: ORGS,
    ListChildren: ORGS,
    ListParents: ORGS,
    ListDelegatedAdministrators: ORGS,
    ListPolicies: ORGS,
    ListPoliciesForTarget: ORGS,
    ListTargetsForPolicy: ORGS,
    ListAWSServiceAccessForOrganization: ORGS,
    ListTagsForResource: TOKEN_ONLY,
  },
  iam: {
    ListUsers: IAM,
    ListMFADevices: IAM,
    ListVirtualMFADevices: IAM,
    ListAccessKeys: IAM,
    ListAttachedUserPolicies: IAM,
    ListUserPolicies: IAM,
    ListAccountAliases: IAM,
  },
  sts: {},
  account: {},
} as const satisfies { [S in ServiceName]: Partial<Record<OperationName<S>, PageSpec>> };

/** Operations of a service that `paginate` can walk. */
export type PaginatedOperation<S extends ServiceName> = keyof (typeof PAGINATION)[S] & OperationName<S>;

/** The input of a paginated call without the members `paginate` manages itself. */
export type PageInput<S extends ServiceName, O extends OperationName<S>> = Omit<
  OperationInput<S, O>,
  'NextToken' | 'Marker' | 'MaxResults' | 'MaxItems'
>;

/** Output members that hold the page's items (arrays). */
export type ItemsKey<S extends ServiceName, O extends OperationName<S>> = {
  [K in keyof OperationOutput<S, O>]-?: NonNullable<OperationOutput<S, O>[K]> extends readonly unknown[] ? K : never;
}[keyof OperationOutput<S, O>] &
  string;

/** The item type of a page's `itemsKey` array. */
export type PageItem<S extends ServiceName, O extends OperationName<S>, K extends ItemsKey<S, O>> =
  NonNullable<OperationOutput<S, O>[K]> extends readonly (infer T)[] ? T : never;

export function pageSpec(service: ServiceName, operation: string): PageSpec {
  const spec = (PAGINATION[service] as Record<string, PageSpec | undefined>)[operation];
  if (!spec) throw new Error(`${service}:${operation} is not a paginated operation`);
  return spec;
}
