/**
 * @module Permission sets: create, update, replace (the new set of a rename; the old one is its own
 * delete) and delete. Deleting runs after every deletion of the set's assignments has SUCCEEDED (the
 * plan's `dependsOn`); AWS may still answer ConflictException for a while as it de-provisions the
 * roles, which the session treats as permanent ("Could not delete because …"), so this handler waits
 * and retries it a bounded number of times with jittered backoff. A set that is gone is success.
 */

import { AwsCallError } from '../../aws/index.js';
import type {
  PermissionSetCreate,
  PermissionSetDelete,
  PermissionSetReplace,
  PermissionSetUpdate,
} from '../../plan/actions.js';
import { isNotFound } from '../aws.js';
import type { Handler, HandlerContext } from '../types.js';
import { createPermissionSet, DEFINITION_IAM_ACTIONS, updateDefinition } from './permission-set-definition.js';

type PermissionSetAction = PermissionSetCreate | PermissionSetUpdate | PermissionSetReplace | PermissionSetDelete;

/** Waits before each retry of DeletePermissionSet: 1, 2, 4, 8, 16, 16 s (jittered to 50–100 %). */
const DELETE_BACKOFF_MS = [1000, 2000, 4000, 8000, 16_000, 16_000];

async function deletePermissionSet(ctx: HandlerContext, action: PermissionSetDelete) {
  const { instanceArn, region } = ctx.identityCenter();
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.aws.call(
        'sso-admin',
        'DeletePermissionSet',
        { InstanceArn: instanceArn, PermissionSetArn: action.permissionSet.arn },
        { region },
      );
      return undefined;
    } catch (error) {
      if (isNotFound(error)) return { note: 'already gone' };
      const wait = DELETE_BACKOFF_MS[attempt];
      if (!(error instanceof AwsCallError) || error.kind !== 'conflict' || wait === undefined) throw error;
      ctx.retrying(`AWS still de-provisions ${action.permissionSet.name}: ${error.awsCode}; retrying`);
      await ctx.clock.sleep(Math.round(wait / 2 + (ctx.random() * wait) / 2), ctx.signal);
    }
  }
}

export const permissionSetHandler: Handler<PermissionSetAction> = {
  iamActions: [...DEFINITION_IAM_ACTIONS, 'sso:DeletePermissionSet'],
  async run(action, ctx) {
    switch (action.kind) {
      case 'create':
      case 'replace': {
        const { adopted } = await createPermissionSet(ctx, action.after);
        return adopted ? { note: 'already existed; definition set' } : undefined;
      }
      case 'update':
        await updateDefinition(ctx, action.permissionSet.arn, action.before, action.after, action.changes);
        return undefined;
      case 'delete':
        return deletePermissionSet(ctx, action);
    }
  },
};
