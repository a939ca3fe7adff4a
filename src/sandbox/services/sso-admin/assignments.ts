/**
 * @module sso-admin account assignments and provisioning: the asynchronous start calls
 * (CreateAccountAssignment, DeleteAccountAssignment, ProvisionPermissionSet), their Describe/List
 * status calls, and the reads of assignments and of where each permission set is provisioned.
 */

import { SandboxServiceError } from '../../endpoint.js';
import { DEFAULT_VARIANTS } from '../../knobs.js';
import { encodeToken, type PageWindow, pageWindow, scanPage, slicePage } from '../../paginate.js';
import type { AsyncKind, AsyncRequestRecord, PermissionSetRecord } from '../../state.js';
import { type Schema, validateInput } from '../../validate.js';
import { assignmentKey, type InstanceIndex } from '../../world.js';
import { type CallContext, type OperationTable, req, str, toDate } from '../context.js';
import { checkConcurrency, checkNoProvisioningInProgress, startRequest } from './async-work.js';
import {
  checkNotManagementProvisioned,
  conflict,
  isDelegatedCaller,
  notFound,
  quotaExceeded,
  requireInstance,
  requireOrganizationInstance,
  requirePermissionSet,
  rules,
  validation,
} from './common.js';

/** Groups that may be assigned one permission set in one account (DOC-LIMITS, not adjustable). */
export const MAX_GROUPS_PER_ACCOUNT_AND_PERMISSION_SET = 100;

const assignmentSchema: Schema = {
  InstanceArn: rules.instanceArn,
  TargetId: rules.accountId,
  TargetType: { type: 'string', required: true, enum: ['AWS_ACCOUNT'] },
  PermissionSetArn: rules.permissionSetArn,
  PrincipalType: rules.principalType,
  PrincipalId: rules.principalId,
};

const paging: Schema = { MaxResults: rules.maxResults, NextToken: rules.nextToken };

function assignmentStatus(r: AsyncRequestRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Status: r.status,
    RequestId: r.id,
    TargetId: r.targetId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: r.permissionSetArn,
    PrincipalType: r.principalType,
    PrincipalId: r.principalId,
    CreatedDate: toDate(r.createdAt),
  };
  if (r.failureReason !== null) out.FailureReason = r.failureReason;
  return out;
}

function provisioningStatus(r: AsyncRequestRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Status: r.status,
    RequestId: r.id,
    PermissionSetArn: r.permissionSetArn,
    CreatedDate: toDate(r.createdAt),
  };
  if (r.targetType === 'AWS_ACCOUNT' && r.targetId) out.AccountId = r.targetId;
  if (r.failureReason !== null) out.FailureReason = r.failureReason;
  return out;
}

function orgInstance(ctx: CallContext, input: Record<string, unknown>): InstanceIndex {
  const index = requireInstance(ctx, req(input, 'InstanceArn'));
  requireOrganizationInstance(ctx, index);
  return index;
}

/** A delegated administrator cannot manage the management account's access (aws-api.md §4.8). */
function checkManagementAccountTarget(ctx: CallContext, index: InstanceIndex, accountIds: string[]): void {
  if (index.record.ownerAccountId === ctx.accountId) return;
  const management = index.record.ownerAccountId;
  if (accountIds.includes(management)) {
    throw new SandboxServiceError(
      'AccessDeniedException',
      `A delegated administrator cannot manage permission sets or assignments in the management account ${management}.`,
      403,
    );
  }
}

function principalExists(index: InstanceIndex, type: string, id: string): boolean {
  const store = index.record.identityStore;
  return type === 'USER' ? Boolean(store.users[id]) : Boolean(store.groups[id]);
}

function pendingFor(index: InstanceIndex, key: string, kinds: AsyncKind[]): AsyncRequestRecord | undefined {
  return index.pending.find(
    (r) =>
      kinds.includes(r.kind) &&
      assignmentKey({
        accountId: r.targetId ?? '',
        permissionSetArn: r.permissionSetArn ?? '',
        principalType: r.principalType ?? '',
        principalId: r.principalId ?? '',
      }) === key,
  );
}

function describeRequest(
  ctx: CallContext,
  input: Record<string, unknown>,
  idField: string,
  kind: AsyncKind,
): AsyncRequestRecord {
  validateInput('sso-admin', input, { InstanceArn: rules.instanceArn, [idField]: rules.requestId });
  const index = orgInstance(ctx, input);
  const request = index.record.requests[req(input, idField)];
  if (!request || request.kind !== kind) throw notFound(`Request ${req(input, idField)} does not exist.`);
  return request;
}

function listRequests(
  ctx: CallContext,
  input: Record<string, unknown>,
  kind: AsyncKind,
  key: string,
  shape: (r: AsyncRequestRecord) => Record<string, unknown>,
): Record<string, unknown> {
  validateInput('sso-admin', input, { InstanceArn: rules.instanceArn, Filter: rules.statusFilter, ...paging });
  const index = orgInstance(ctx, input);
  const status = (input.Filter as { Status?: string } | undefined)?.Status;
  const scope = `List|${kind}|${index.record.arn}|${status ?? ''}`;
  const window = pageWindow('sso-admin', scope, input.NextToken, input.MaxResults, 10);
  const records = index.record.requests;
  let page: { items: Record<string, unknown>[]; next: number | null };
  if (status === 'IN_PROGRESS') {
    // Requests in progress are few; listing them never walks the whole history.
    const running = index.pending.filter((r) => r.kind === kind).sort((a, b) => a.createdAt - b.createdAt);
    const slice = slicePage(running, window);
    page = { items: slice.items.map(shape), next: slice.next };
  } else {
    const ids = index.requestsByKind.get(kind) ?? [];
    page = scanPage(ids, window, (id) => {
      const r = records[id];
      return r && (!status || r.status === status) ? shape(r) : undefined;
    });
  }
  const out: Record<string, unknown> = { [key]: page.items };
  if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
  return out;
}

function provisioningFilter(
  index: InstanceIndex,
  ps: PermissionSetRecord,
  account: string,
  filter: string | undefined,
): boolean {
  if (!filter) return true;
  const current = index.provisionedVersion(ps.arn, account) === ps.version;
  return filter === 'LATEST_PERMISSION_SET_PROVISIONED' ? current : !current;
}

function withToken(out: Record<string, unknown>, scope: string, next: number | null): Record<string, unknown> {
  if (next !== null) out.NextToken = encodeToken(scope, next);
  return out;
}

function window(input: Record<string, unknown>, scope: string): PageWindow {
  return pageWindow('sso-admin', scope, input.NextToken, input.MaxResults, 10);
}

export const assignmentOperations: OperationTable = {
  CreateAccountAssignment: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, assignmentSchema);
      const index = orgInstance(ctx, input);
      const ps = requirePermissionSet(index, req(input, 'PermissionSetArn'));
      const accountId = req(input, 'TargetId');
      const principalType = req(input, 'PrincipalType') as 'USER' | 'GROUP';
      const principalId = req(input, 'PrincipalId');
      if (!principalExists(index, principalType, principalId)) {
        throw notFound(`Principal ${principalId} of type ${principalType} does not exist in the identity store.`);
      }
      checkManagementAccountTarget(ctx, index, [accountId]);
      checkNotManagementProvisioned(ctx, index, ps.arn);
      const key = assignmentKey({ accountId, permissionSetArn: ps.arn, principalType, principalId });
      const deleting = pendingFor(index, key, ['assignment-delete']);
      if (deleting)
        throw conflict(`The assignment is being deleted (request ${deleting.id}). Retry after it completes.`);
      if (principalType === 'GROUP') {
        const groups = index
          .assignmentsOnPair(accountId, ps.arn)
          .filter((k) => index.record.assignments[k]?.principalType === 'GROUP').length;
        if (groups >= MAX_GROUPS_PER_ACCOUNT_AND_PERMISSION_SET && !index.record.assignments[key]) {
          throw quotaExceeded(
            `At most ${MAX_GROUPS_PER_ACCOUNT_AND_PERMISSION_SET} groups can be assigned one permission set in one account.`,
          );
        }
      }
      const roleAccounts = index.provisionedVersion(ps.arn, accountId) === ps.version ? [] : [accountId];
      checkConcurrency(ctx, index, 'assignment-create', ps.arn, roleAccounts);
      const request = startRequest(ctx, index, {
        kind: 'assignment-create',
        permissionSetArn: ps.arn,
        targetId: accountId,
        principalType,
        principalId,
        roleAccounts,
      });
      return { AccountAssignmentCreationStatus: assignmentStatus(request) };
    },
  },

  DeleteAccountAssignment: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, assignmentSchema);
      const index = orgInstance(ctx, input);
      const ps = requirePermissionSet(index, req(input, 'PermissionSetArn'));
      const accountId = req(input, 'TargetId');
      const principalType = req(input, 'PrincipalType') as 'USER' | 'GROUP';
      const principalId = req(input, 'PrincipalId');
      checkManagementAccountTarget(ctx, index, [accountId]);
      checkNotManagementProvisioned(ctx, index, ps.arn);
      const key = assignmentKey({ accountId, permissionSetArn: ps.arn, principalType, principalId });
      const busy = pendingFor(index, key, ['assignment-create', 'assignment-delete']);
      if (busy) throw conflict(`Another operation on this assignment is in progress (request ${busy.id}).`);
      if (!index.record.assignments[key]) {
        throw notFound(
          `The account assignment of ${principalType} ${principalId} to ${ps.arn} in ${accountId} does not exist.`,
        );
      }
      // Removing the last assignment on the pair removes the role from the account: a role update.
      const roleAccounts = index.assignmentsOnPair(accountId, ps.arn).length === 1 ? [accountId] : [];
      checkConcurrency(ctx, index, 'assignment-delete', ps.arn, roleAccounts);
      const request = startRequest(ctx, index, {
        kind: 'assignment-delete',
        permissionSetArn: ps.arn,
        targetId: accountId,
        principalType,
        principalId,
        roleAccounts,
      });
      return { AccountAssignmentDeletionStatus: assignmentStatus(request) };
    },
  },

  DescribeAccountAssignmentCreationStatus: {
    run(input, ctx) {
      const r = describeRequest(ctx, input, 'AccountAssignmentCreationRequestId', 'assignment-create');
      return { AccountAssignmentCreationStatus: assignmentStatus(r) };
    },
  },

  DescribeAccountAssignmentDeletionStatus: {
    run(input, ctx) {
      const r = describeRequest(ctx, input, 'AccountAssignmentDeletionRequestId', 'assignment-delete');
      return { AccountAssignmentDeletionStatus: assignmentStatus(r) };
    },
  },

  ListAccountAssignmentCreationStatus: {
    run(input, ctx) {
      return listRequests(ctx, input, 'assignment-create', 'AccountAssignmentsCreationStatus', (r) => ({
        Status: r.status,
        RequestId: r.id,
        CreatedDate: toDate(r.createdAt),
      }));
    },
  },

  ListAccountAssignmentDeletionStatus: {
    run(input, ctx) {
      return listRequests(ctx, input, 'assignment-delete', 'AccountAssignmentsDeletionStatus', (r) => ({
        Status: r.status,
        RequestId: r.id,
        CreatedDate: toDate(r.createdAt),
      }));
    },
  },

  ListAccountAssignments: {
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        AccountId: rules.accountId,
        PermissionSetArn: rules.permissionSetArn,
        ...paging,
      });
      const index = orgInstance(ctx, input);
      const ps = requirePermissionSet(index, req(input, 'PermissionSetArn'));
      const accountId = req(input, 'AccountId');
      const scope = `ListAccountAssignments|${accountId}|${ps.arn}`;
      const page = slicePage(index.assignmentsOnPair(accountId, ps.arn), window(input, scope));
      const items = page.items.flatMap((k) => {
        const a = index.record.assignments[k];
        return a
          ? [
              {
                AccountId: a.accountId,
                PermissionSetArn: a.permissionSetArn,
                PrincipalType: a.principalType,
                PrincipalId: a.principalId,
              },
            ]
          : [];
      });
      return withToken({ AccountAssignments: items }, scope, page.next);
    },
  },

  ListAccountAssignmentsForPrincipal: {
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        PrincipalId: rules.principalId,
        PrincipalType: rules.principalType,
        Filter: { type: 'object', fields: { AccountId: { ...rules.accountId, required: false } } },
        ...paging,
      });
      const index = orgInstance(ctx, input);
      if (isDelegatedCaller(ctx, index)) {
        // "This action must be called from the management account containing your organization
        // instance" (sso-admin API reference); AWS refuses it elsewhere (error code assumed).
        throw new SandboxServiceError(
          'AccessDeniedException',
          `User: ${ctx.callerArn} is not authorized to perform: sso:ListAccountAssignmentsForPrincipal on resource: ${index.record.arn}: this action must be called from the management account.`,
          403,
        );
      }
      const principalId = req(input, 'PrincipalId');
      const principalType = req(input, 'PrincipalType');
      const accountFilter = (input.Filter as { AccountId?: string } | undefined)?.AccountId;
      const scope = `ListAccountAssignmentsForPrincipal|${index.record.arn}|${principalType}|${principalId}|${accountFilter ?? ''}`;
      // Direct assignments only: a user's group assignments are not repeated (assumed, scale.md §3.6);
      // the variant `principalScanGroupRows` adds the rows of the user's groups (labelled as the group or the user).
      const keys = [...(index.assignmentsByPrincipal.get(principalId) ?? [])];
      const groupRows =
        principalType === 'USER' ? (ctx.knobs.variants ?? DEFAULT_VARIANTS).principalScanGroupRows : 'none';
      if (groupRows !== 'none') {
        for (const m of index.membershipsByMember.get(principalId) ?? []) {
          const groupId = index.record.identityStore.memberships[m]?.GroupId;
          if (groupId) keys.push(...(index.assignmentsByPrincipal.get(groupId) ?? []));
        }
      }
      const page = scanPage(keys, window(input, scope), (k) => {
        const a = index.record.assignments[k];
        const own = a?.principalId === principalId;
        if (!a || (own && a.principalType !== principalType) || (accountFilter && a.accountId !== accountFilter))
          return undefined;
        const asUser = !own && groupRows === 'as-user';
        return {
          AccountId: a.accountId,
          PermissionSetArn: a.permissionSetArn,
          PrincipalId: asUser ? principalId : a.principalId,
          PrincipalType: asUser ? principalType : a.principalType,
        };
      });
      return withToken({ AccountAssignments: page.items }, scope, page.next);
    },
  },

  ProvisionPermissionSet: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        PermissionSetArn: rules.permissionSetArn,
        TargetType: { type: 'string', required: true, enum: ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'] },
        TargetId: { ...rules.accountId, required: false },
      });
      const index = orgInstance(ctx, input);
      const ps = requirePermissionSet(index, req(input, 'PermissionSetArn'));
      const targetType = req(input, 'TargetType') as 'AWS_ACCOUNT' | 'ALL_PROVISIONED_ACCOUNTS';
      const targetId = str(input, 'TargetId');
      if (targetType === 'AWS_ACCOUNT' && !targetId)
        throw validation('TargetId is required when TargetType is AWS_ACCOUNT.');
      if (targetType === 'ALL_PROVISIONED_ACCOUNTS' && targetId) {
        throw validation('TargetId must not be specified when TargetType is ALL_PROVISIONED_ACCOUNTS.');
      }
      const accounts =
        targetType === 'AWS_ACCOUNT' ? [targetId as string] : [...(index.accountsByPs.get(ps.arn) ?? [])];
      checkManagementAccountTarget(ctx, index, accounts);
      checkNotManagementProvisioned(ctx, index, ps.arn);
      checkNoProvisioningInProgress(index, ps);
      checkConcurrency(ctx, index, 'provision', ps.arn, accounts);
      const request = startRequest(ctx, index, {
        kind: 'provision',
        permissionSetArn: ps.arn,
        targetType,
        ...(targetId ? { targetId } : {}),
        roleAccounts: accounts,
      });
      return { PermissionSetProvisioningStatus: provisioningStatus(request) };
    },
  },

  DescribePermissionSetProvisioningStatus: {
    run(input, ctx) {
      const r = describeRequest(ctx, input, 'ProvisionPermissionSetRequestId', 'provision');
      return { PermissionSetProvisioningStatus: provisioningStatus(r) };
    },
  },

  ListPermissionSetProvisioningStatus: {
    run(input, ctx) {
      return listRequests(ctx, input, 'provision', 'PermissionSetsProvisioningStatus', (r) => ({
        Status: r.status,
        RequestId: r.id,
        CreatedDate: toDate(r.createdAt),
      }));
    },
  },

  ListAccountsForProvisionedPermissionSet: {
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        PermissionSetArn: rules.permissionSetArn,
        ProvisioningStatus: rules.provisioningStatus,
        ...paging,
      });
      const index = orgInstance(ctx, input);
      const ps = requirePermissionSet(index, req(input, 'PermissionSetArn'));
      const filter = str(input, 'ProvisioningStatus');
      const scope = `ListAccountsForProvisionedPermissionSet|${ps.arn}|${filter ?? ''}`;
      const page = scanPage(index.accountsByPs.get(ps.arn) ?? [], window(input, scope), (account) =>
        provisioningFilter(index, ps, account, filter) ? account : undefined,
      );
      return withToken({ AccountIds: page.items }, scope, page.next);
    },
  },

  ListPermissionSetsProvisionedToAccount: {
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        AccountId: rules.accountId,
        ProvisioningStatus: rules.provisioningStatus,
        ...paging,
      });
      const index = orgInstance(ctx, input);
      const accountId = req(input, 'AccountId');
      const filter = str(input, 'ProvisioningStatus');
      const scope = `ListPermissionSetsProvisionedToAccount|${index.record.arn}|${accountId}|${filter ?? ''}`;
      const page = scanPage(index.psByAccount.get(accountId) ?? [], window(input, scope), (arn) => {
        const ps = index.record.permissionSets[arn];
        return ps && provisioningFilter(index, ps, accountId, filter) ? arn : undefined;
      });
      return withToken({ PermissionSets: page.items }, scope, page.next);
    },
  },
};
