/**
 * @module Account assignments: CreateAccountAssignment / DeleteAccountAssignment, asynchronous. Each
 * request holds the account's role-update slot (shared by work on the same permission set) and one
 * of the ≤ 15 assignment-operation slots until AWS reports it no longer IN_PROGRESS; its status is
 * followed by the batched poller (one List…Status call for all of them). A FAILED status fails the
 * action with AWS's FailureReason — never success.
 *
 * Idempotent on rerun: AWS accepts creating an assignment that exists (it ends SUCCEEDED with one
 * row), so no pre-check is needed; deleting one that is gone answers ResourceNotFound, which is
 * success. Overlapping work on the same assignment left by a run that died answers a transient
 * ConflictException, retried by the session with backoff.
 */

import type { OperationOutput } from '../../aws/index.js';
import type { AssignmentAction } from '../../plan/actions.js';
import { isNotFound } from '../aws.js';
import type { Handler } from '../types.js';

export const assignmentHandler: Handler<AssignmentAction> = {
  iamActions: [
    'sso:CreateAccountAssignment',
    'sso:DeleteAccountAssignment',
    'sso:ListAccountAssignmentCreationStatus',
    'sso:ListAccountAssignmentDeletionStatus',
    'sso:DescribeAccountAssignmentCreationStatus',
    'sso:DescribeAccountAssignmentDeletionStatus',
    'sso:ListPermissionSets',
    'sso:DescribePermissionSet',
  ],
  async run(action, ctx) {
    const { instanceArn, region } = ctx.identityCenter();
    const [permissionSetArn, principalId] = await Promise.all([
      ctx.resolver.permissionSetArn(action.permissionSet),
      ctx.resolver.principalId(action.principal),
    ]);
    const input = {
      InstanceArn: instanceArn,
      TargetId: action.accountId,
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: permissionSetArn,
      PrincipalType: action.principal.type === 'user' ? 'USER' : 'GROUP',
      PrincipalId: principalId,
    } as const;
    const releaseAccount = await ctx.roleLocks.acquire([action.accountId], permissionSetArn);
    let releaseSlot: (() => void) | undefined;
    try {
      releaseSlot = await ctx.session.concurrency.assignmentOperations.acquire();
      ctx.signal.throwIfAborted();
      let tracked: ReturnType<typeof ctx.poller.track>;
      if (action.kind === 'create') {
        const out = await ctx.aws.call('sso-admin', 'CreateAccountAssignment', input, {
          region,
          conflict: 'transient',
        });
        const status = out.AccountAssignmentCreationStatus;
        if (!status?.RequestId) throw new Error('CreateAccountAssignment returned no request id');
        tracked = ctx.poller.track('assignment-creation', status.RequestId, {
          status: status.Status,
          reason: status.FailureReason,
        });
      } else {
        let out: OperationOutput<'sso-admin', 'DeleteAccountAssignment'>;
        try {
          out = await ctx.aws.call('sso-admin', 'DeleteAccountAssignment', input, { region, conflict: 'transient' });
        } catch (error) {
          if (isNotFound(error)) return { note: 'already gone' };
          throw error;
        }
        const status = out.AccountAssignmentDeletionStatus;
        if (!status?.RequestId) throw new Error('DeleteAccountAssignment returned no request id');
        tracked = ctx.poller.track('assignment-deletion', status.RequestId, {
          status: status.Status,
          reason: status.FailureReason,
        });
      }
      await tracked.settled;
      releaseSlot();
      releaseAccount();
      const outcome = await tracked.outcome;
      if (outcome.status === 'FAILED') {
        throw new Error(`${action.kind === 'create' ? 'creation' : 'deletion'} FAILED: ${outcome.reason}`);
      }
      return undefined;
    } finally {
      releaseSlot?.();
      releaseAccount();
    }
  },
};
