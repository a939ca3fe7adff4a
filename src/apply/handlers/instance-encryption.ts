/**
 * @module The Identity Center instance's encryption key: UpdateInstance(EncryptionConfiguration),
 * then DescribeInstance until the status is ENABLED with the wanted key (or UPDATE_FAILED, a
 * failure with AWS's reason). An update already running (a run that died) is waited for first; a
 * key that is already the wanted one needs no call.
 */

import type { InstanceEncryption, InstanceEncryptionUpdate } from '../../plan/actions.js';
import type { Handler, HandlerContext } from '../types.js';

/** How long an encryption change may take before apply gives up (AWS re-encrypts the instance's data). */
const ENCRYPTION_TIMEOUT_MS = 30 * 60_000;
const POLL_MS = 2000;

interface EncryptionView {
  keyType: string | undefined;
  kmsKeyArn: string | undefined;
  status: string | undefined;
  reason: string | undefined;
}

async function describe(ctx: HandlerContext): Promise<EncryptionView> {
  const { instanceArn, region } = ctx.identityCenter();
  const out = await ctx.aws.call('sso-admin', 'DescribeInstance', { InstanceArn: instanceArn }, { region });
  const details = out.EncryptionConfigurationDetails;
  return {
    keyType: details?.KeyType,
    kmsKeyArn: details?.KmsKeyArn,
    status: details?.EncryptionStatus,
    reason: details?.EncryptionStatusReason,
  };
}

function matches(view: EncryptionView, wanted: InstanceEncryption): boolean {
  return view.keyType === wanted.keyType && (view.kmsKeyArn ?? null) === wanted.kmsKeyArn;
}

/** Polls DescribeInstance until `done` says so. */
async function waitUntil(ctx: HandlerContext, done: (view: EncryptionView) => boolean): Promise<EncryptionView> {
  const started = ctx.clock.now();
  for (;;) {
    const view = await describe(ctx);
    if (done(view)) return view;
    if (ctx.clock.now() - started > ENCRYPTION_TIMEOUT_MS) {
      throw new Error('the encryption update is still running after 30 min; run plan and apply again later');
    }
    await ctx.clock.sleep(POLL_MS, ctx.signal);
  }
}

export const instanceEncryptionHandler: Handler<InstanceEncryptionUpdate> = {
  iamActions: ['sso:UpdateInstance', 'sso:DescribeInstance'],
  async run(action, ctx) {
    const { instanceArn, region } = ctx.identityCenter();
    // An update already running (a run that died mid-way) must finish before another is accepted.
    const current = await waitUntil(ctx, (v) => v.status !== 'UPDATING');
    if (current.status === 'ENABLED' && matches(current, action.after)) return { note: 'already in place' };
    await ctx.aws.call(
      'sso-admin',
      'UpdateInstance',
      {
        InstanceArn: instanceArn,
        EncryptionConfiguration: {
          KeyType: action.after.keyType,
          ...(action.after.kmsKeyArn ? { KmsKeyArn: action.after.kmsKeyArn } : {}),
        },
      },
      { region },
    );
    // Until AWS shows the new key (or the failure): right after the call it may still show the old one.
    const final = await waitUntil(
      ctx,
      (v) => v.status === 'UPDATE_FAILED' || (v.status !== 'UPDATING' && matches(v, action.after)),
    );
    if (final.status === 'UPDATE_FAILED') {
      throw new Error(`AWS could not change the encryption key: ${final.reason ?? 'UPDATE_FAILED without a reason'}`);
    }
    return undefined;
  },
};
