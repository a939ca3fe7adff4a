/**
 * @module IAM users' console passwords as a manual step: the audit's `iam.no-console-users` fails on
 * each one, and removing a person's way in is left to a person (gatehouse never deletes IAM
 * credentials), so the plan lists them with the console path instead of an action.
 */

import { formatAddress } from '../model/address.js';
import type { Waiver } from '../model/desired.js';
import type { DiffContext } from './context.js';
import type { IamConsoleUser } from './facts.js';

/** The check whose failures this step fixes; its waivers take a user off the step. */
export const NO_CONSOLE_USERS_CHECK = 'iam.no-console-users';

/** The console path of the check's remediation, for one user. */
export function disableConsoleAccessPath(userName: string): string {
  return `IAM console → Users → ${userName} → Security credentials → Console sign-in → Manage console access → Disable.`;
}

/** Whether an unexpired waiver accepts this user's finding (the audit then does not count it). */
function waived(waivers: readonly Waiver[], accountId: string, user: IamConsoleUser, day: string): boolean {
  return waivers.some(
    (w) =>
      w.checkId === NO_CONSOLE_USERS_CHECK &&
      (w.accountId === undefined || w.accountId === accountId) &&
      (w.resource === undefined || w.resource === user.arn) &&
      w.expires >= day,
  );
}

/** One step for the caller account's IAM users with a console password, unless every one is waived. */
export function diffIamConsoleUsers(ctx: DiffContext): void {
  const accountId = ctx.facts.caller.accountId;
  const day = ctx.now.slice(0, 10);
  const users = ctx.facts.iamConsoleUsers.filter((u) => !waived(ctx.desired.audit.waivers, accountId, u, day));
  if (users.length === 0) return;
  const names = users.map((u) => u.userName);
  const never = () => false;
  ctx.manualSteps.push({
    id: 'disable-iam-user-console-access',
    address: formatAddress({ kind: 'manual', id: 'disable-iam-user-console-access' }),
    title: `Remove the console password of ${users.length === 1 ? 'IAM user' : `${users.length} IAM users`} in ${accountId}: ${names.join(', ')}`,
    why: `people sign in through the IAM Identity Center access portal; a console password is a second, long-lived way in (the audit fails ${NO_CONSOLE_USERS_CHECK} on it)`,
    consoleSteps: [
      'First make sure each person has an Identity Center user (`users:` in the config) and can sign in through the access portal.',
      `Sign in to account ${accountId} with administrator access and open the IAM console (https://console.aws.amazon.com/iam/).`,
      ...users.map((u) => disableConsoleAccessPath(u.userName)),
    ],
    resources: users.map((u) => u.arn),
    blocks: never,
    after: never,
    verify: `iam GetLoginProfile answers NoSuchEntity for each user: run \`gatehouse plan\` again (or \`gatehouse audit --check ${NO_CONSOLE_USERS_CHECK}\`).`,
  });
}
