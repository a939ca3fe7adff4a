/**
 * @module Scenario `fresh`, the seed's starting point: a standalone account 111111111111 whose root
 * user has a password, no MFA and one active access key, an IAM user `admin` with a console password
 * and no MFA; no organization and no Identity Center. The founder last signed in as root months ago,
 * and the root access key (from early experiments) was last used 100 days ago.
 */

import { addIamUser, addRole, addRootAccessKey } from '../services/iam/model.js';
import type { World } from '../world.js';
import { addStandaloneAccount, type ChosenCredentials, DAY_MS, issueDefaultCredentials } from './builder.js';

export const FRESH_ACCOUNT_ID = '111111111111';

export function buildFresh(world: World, now: number, credentials?: ChosenCredentials): void {
  const created = now - 200 * DAY_MS;
  const account = addStandaloneAccount(world, FRESH_ACCOUNT_ID, 'founder', created);
  account.iam.root.passwordLastUsed = now - 120 * DAY_MS;
  const key = addRootAccessKey(world, account, created);
  key.lastUsed = { at: now - 100 * DAY_MS, service: 's3', region: 'eu-west-1' };
  const admin = addIamUser(world, account, 'admin', { createdAt: created + DAY_MS, password: true });
  admin.passwordLastUsed = now - DAY_MS;
  addRole(world, account, 'Admin', [FRESH_ACCOUNT_ID], created);
  issueDefaultCredentials(
    world,
    FRESH_ACCOUNT_ID,
    { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' },
    now,
    credentials,
  );
}
