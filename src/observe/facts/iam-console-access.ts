/**
 * @module Fact `iam.console-access`: whether each IAM user has a console password and how many MFA
 * devices, read live. The credential report is regenerated at most every four hours, so it can still
 * show a password removed minutes ago; GetLoginProfile and ListMFADevices cannot.
 */

import type { IamUserConsoleAccess } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, isAwsError, mapLimit } from '../read-helpers.js';

export const iamConsoleAccess = defineFact({
  id: 'iam.console-access',
  scope: 'account',
  iamActions: ['iam:ListUsers', 'iam:GetLoginProfile', 'iam:ListMFADevices'],
  async read(ctx) {
    const users = await ctx.aws.list('iam', 'ListUsers', {}, 'Users');
    const access = await mapLimit(
      users.filter((u) => u.UserName),
      4,
      async (user): Promise<IamUserConsoleAccess> => {
        const userName = user.UserName as string;
        const [hasConsolePassword, devices] = await Promise.all([
          ctx.aws.call('iam', 'GetLoginProfile', { UserName: userName }).then(
            () => true,
            (error: unknown) => {
              // NoSuchEntity: the user has no console password (AWS's only way of saying so).
              if (isAwsError(error, { kind: 'not-found' })) return false;
              throw error;
            },
          ),
          ctx.aws.list('iam', 'ListMFADevices', { UserName: userName }, 'MFADevices'),
        ]);
        return { userName, arn: user.Arn ?? '', hasConsolePassword, mfaDevices: devices.length };
      },
    );
    return ok(access.sort(byString((a) => a.userName)));
  },
});
