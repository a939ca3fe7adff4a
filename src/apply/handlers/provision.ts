/**
 * @module ProvisionPermissionSet: pushes a set's definition to the accounts where it is provisioned,
 * once with ALL_PROVISIONED_ACCOUNTS or once per account (AWS_ACCOUNT, one after the other: AWS
 * refuses a second provisioning of a set while one runs, and the other accounts are still tried when
 * one fails). Holds a provisioning slot
 * (≤ 3 at once) and the role-update slot of every target account until AWS reports the request
 * final; a FAILED status fails the action with AWS's reason.
 */

import type { PermissionSetProvision } from '../../plan/actions.js';
import type { Handler, HandlerContext } from '../types.js';

async function provision(
  ctx: HandlerContext,
  arn: string,
  target:
    | { type: 'ALL_PROVISIONED_ACCOUNTS'; accounts: readonly string[] }
    | { type: 'AWS_ACCOUNT'; accountId: string },
): Promise<void> {
  const { instanceArn, region } = ctx.identityCenter();
  const accounts = target.type === 'AWS_ACCOUNT' ? [target.accountId] : target.accounts;
  const releaseAccounts = await ctx.roleLocks.acquire(accounts, arn);
  let releaseSlot: (() => void) | undefined;
  try {
    releaseSlot = await ctx.session.concurrency.provisioning.acquire();
    const out = await ctx.aws.call(
      'sso-admin',
      'ProvisionPermissionSet',
      {
        InstanceArn: instanceArn,
        PermissionSetArn: arn,
        TargetType: target.type,
        ...(target.type === 'AWS_ACCOUNT' ? { TargetId: target.accountId } : {}),
      },
      { region, conflict: 'transient' },
    );
    const status = out.PermissionSetProvisioningStatus;
    if (!status?.RequestId) throw new Error('ProvisionPermissionSet returned no request id');
    const tracked = ctx.poller.track('provisioning', status.RequestId, {
      status: status.Status,
      reason: status.FailureReason,
    });
    await tracked.settled;
    releaseSlot();
    releaseAccounts();
    const outcome = await tracked.outcome;
    if (outcome.status === 'FAILED') {
      const where = target.type === 'AWS_ACCOUNT' ? ` to ${target.accountId}` : '';
      throw new Error(`provisioning${where} FAILED: ${outcome.reason}`);
    }
  } finally {
    releaseSlot?.();
    releaseAccounts();
  }
}

export const provisionHandler: Handler<PermissionSetProvision> = {
  iamActions: [
    'sso:ProvisionPermissionSet',
    'sso:ListPermissionSetProvisioningStatus',
    'sso:DescribePermissionSetProvisioningStatus',
  ],
  async run(action, ctx) {
    const arn = await ctx.resolver.permissionSetArn(action.permissionSet);
    if (action.target === 'ALL_PROVISIONED_ACCOUNTS') {
      await provision(ctx, arn, { type: 'ALL_PROVISIONED_ACCOUNTS', accounts: action.accountIds });
      return { note: `provisioned to ${action.accountIds.length} account(s)` };
    }
    // One account at a time: AWS refuses a second provisioning of a set while one runs.
    const results: PromiseSettledResult<void>[] = [];
    for (const accountId of action.accountIds) {
      ctx.signal.throwIfAborted();
      results.push(
        await provision(ctx, arn, { type: 'AWS_ACCOUNT', accountId }).then(
          () => ({ status: 'fulfilled', value: undefined }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ),
      );
    }
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new Error(
        failures.length === 1
          ? first
          : `${failures.length} of ${action.accountIds.length} provisionings failed; first: ${first}`,
        { cause: failures[0] },
      );
    }
    return { note: `provisioned to ${action.accountIds.length} account(s)` };
  },
};
