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

/**
 * How long DeletePermissionSet keeps being retried while AWS de-provisions the set's roles. AWS does
 * not bound de-provisioning; it can take minutes (issue 12), so the window covers a 5-minute removal
 * with room to spare. Waits double from 1 s up to 30 s, jittered to 50–100 %.
 */
export const DELETE_RETRY_WINDOW_MS = 10 * 60_000;
const DELETE_BACKOFF_BASE_MS = 1000;
const DELETE_BACKOFF_MAX_MS = 30_000;

async function deletePermissionSet(ctx: HandlerContext, action: PermissionSetDelete) {
  const { instanceArn, region } = ctx.identityCenter();
  const deadline = ctx.clock.now() + DELETE_RETRY_WINDOW_MS;
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
      const ceiling = Math.min(DELETE_BACKOFF_MAX_MS, DELETE_BACKOFF_BASE_MS * 2 ** attempt);
      const wait = Math.round(ceiling / 2 + (ctx.random() * ceiling) / 2);
      const conflict = error instanceof AwsCallError && error.kind === 'conflict';
      if (!conflict || ctx.clock.now() + wait > deadline) throw error;
      ctx.retrying(`AWS still de-provisions ${action.permissionSet.name}: ${error.awsCode}; retrying`);
      await ctx.clock.sleep(wait, ctx.signal);
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
