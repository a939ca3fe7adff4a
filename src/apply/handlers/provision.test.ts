import { describe, expect, it } from 'vitest';
import type { PermissionSetProvision } from '../../plan/actions.js';
import {
  assignmentAction,
  attributes,
  createGroupAction,
  createSetAction,
  DEV,
  harness,
  instanceOf,
  liveSets,
  PROD,
  runHandler,
} from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { provisionHandler } from './provision.js';

function provisionAction(
  name: string,
  arn: string,
  target: 'ALL_PROVISIONED_ACCOUNTS' | 'AWS_ACCOUNT',
  accountIds: string[],
): PermissionSetProvision {
  return {
    id: `permission-set/${name}#provision`,
    type: 'permission-set-provision',
    kind: 'provision',
    address: `permission-set/${name}`,
    reason: { code: 'definition-changed', message: 'test' },
    risk: 'neutral',
    dependsOn: [],
    blockedBy: [],
    applyable: true,
    permissionSet: { name, arn },
    target,
    accountIds,
    before: { accounts: accountIds, outdated: accountIds },
    after: { accounts: accountIds, outdated: [] },
  };
}

async function outdatedAccounts(h: ReturnType<typeof harness>, arn: string): Promise<string[]> {
  return h.session.list(
    'sso-admin',
    'ListAccountsForProvisionedPermissionSet',
    {
      InstanceArn: instanceOf(h.sandbox).arn,
      PermissionSetArn: arn,
      ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
    },
    'AccountIds',
    { region: 'eu-west-1' },
  );
}

/** A set assigned to a new group in DEV and PROD, then changed (so both copies are outdated). */
async function outdatedSet(h: ReturnType<typeof harness>, customer = false) {
  const set = attributes('Dev', {
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ...(customer ? { customerManagedPolicies: [{ name: 'TeamPolicy', path: '/' }] } : {}),
  });
  const created = await runHandler(h, HANDLERS, createSetAction(set));
  const arn = created.ctx.resolver.permissionSets.get('Dev')!;
  const group = await runHandler(h, HANDLERS, createGroupAction('Team'));
  const id = group.ctx.resolver.groups.get('Team')!;
  for (const account of [DEV, PROD]) {
    await runHandler(
      h,
      HANDLERS,
      assignmentAction('create', { name: 'Dev', arn }, { type: 'group', name: 'Team', id }, account),
    );
  }
  await h.session.call(
    'sso-admin',
    'UpdatePermissionSet',
    { InstanceArn: instanceOf(h.sandbox).arn, PermissionSetArn: arn, SessionDuration: 'PT2H' },
    { region: 'eu-west-1' },
  );
  return arn;
}

describe('provision handler', () => {
  it('provisions every provisioned account with one call and waits for SUCCEEDED', async () => {
    const h = harness();
    const arn = await outdatedSet(h);
    expect((await outdatedAccounts(h, arn)).sort()).toEqual([DEV, PROD]);
    const { result, actions } = await runHandler(
      h,
      HANDLERS,
      provisionAction('Dev', arn, 'ALL_PROVISIONED_ACCOUNTS', [DEV, PROD]),
    );
    expect(result).toEqual({ note: 'provisioned to 2 account(s)' });
    expect(actions.filter((a) => a === 'sso:ProvisionPermissionSet')).toHaveLength(1);
    for (const a of actions) expect(provisionHandler.iamActions).toContain(a);
    expect(await outdatedAccounts(h, arn)).toEqual([]);
  });

  it('AWS_ACCOUNT: one call per account; a FAILED status fails the action with AWS’s reason', async () => {
    const h = harness();
    // TeamPolicy exists in DEV and PROD when assigning; then PROD loses it.
    h.sandbox.mutate((world) => {
      for (const account of [DEV, PROD]) {
        world.state.accounts[account]!.iam.customerPolicies['/TeamPolicy'] = {
          name: 'TeamPolicy',
          path: '/',
          createdAt: 0,
        };
      }
    });
    const arn = await outdatedSet(h, true);
    h.sandbox.mutate((world) => {
      delete world.state.accounts[PROD]!.iam.customerPolicies['/TeamPolicy'];
    });
    const run = runHandler(h, HANDLERS, provisionAction('Dev', arn, 'AWS_ACCOUNT', [DEV, PROD]));
    await expect(run).rejects.toThrow(/provisioning to 666666666666 FAILED: .*TeamPolicy/);
    expect(h.sandbox.calls().filter((c) => c.operation === 'ProvisionPermissionSet')).toHaveLength(2);
    expect(await outdatedAccounts(h, arn)).toEqual([PROD]);
    expect(liveSets(h.sandbox)).toHaveLength(1);
  });
});
