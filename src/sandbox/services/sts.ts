/**
 * @module STS (aws-api.md §2.5): GetCallerIdentity (never denied) and AssumeRole into a role the
 * target account trusts the caller's account for (scenarios give every member account
 * OrganizationAccountAccessRole). AssumeRole issues new session credentials that expire.
 */

import { issueCredentials, principalArn, roleIdOf } from '../credentials.js';
import { SandboxServiceError } from '../endpoint.js';
import { accessDenied } from '../service-errors.js';
import { fullMatch, validateInput } from '../validate.js';
import { type OperationTable, req, toDate } from './context.js';

/** A role's default maximum session (MaxSessionDuration 1 hour) and the role-chaining limit. */
export const MAX_ROLE_SESSION_SECONDS = 3600;

export const stsOperations: OperationTable = {
  GetCallerIdentity: {
    neverDenied: true,
    run(_input, ctx) {
      return { UserId: ctx.callerUserId, Account: ctx.accountId, Arn: ctx.callerArn };
    },
  },

  AssumeRole: {
    write: true,
    run(input, ctx) {
      validateInput('sts', input, {
        RoleArn: { type: 'string', required: true, min: 20, max: 2048 },
        RoleSessionName: { type: 'string', required: true, min: 2, max: 64, pattern: fullMatch('[\\w+=,.@-]*') },
        DurationSeconds: { type: 'integer', min: 900, max: 43200 },
      });
      const roleArnValue = req(input, 'RoleArn');
      const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(roleArnValue);
      if (!match) throw new SandboxServiceError('ValidationError', `${roleArnValue} is invalid`, 400);
      const [, accountId, roleName] = match as unknown as [string, string, string];
      const role = ctx.world.account(accountId)?.iam.roles[roleName];
      if (!role?.trustedAccounts.includes(ctx.accountId)) {
        throw accessDenied('sts', ctx.callerArn, 'sts:AssumeRole', roleArnValue);
      }
      const duration = (input.DurationSeconds as number | undefined) ?? 3600;
      if (duration > MAX_ROLE_SESSION_SECONDS) {
        const chained = ctx.caller.principal.kind === 'assumed-role';
        throw new SandboxServiceError(
          'ValidationError',
          chained
            ? 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
            : 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
          400,
        );
      }
      const sessionName = req(input, 'RoleSessionName');
      const principal = { kind: 'assumed-role' as const, roleName, sessionName };
      const credentials = issueCredentials(ctx.world, {
        accountId,
        principal,
        now: ctx.now,
        expiresAt: ctx.now + duration * 1000,
      });
      return {
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretAccessKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: toDate(credentials.expiresAt as number),
        },
        AssumedRoleUser: {
          AssumedRoleId: `${roleIdOf(ctx.world, accountId, roleName)}:${sessionName}`,
          Arn: principalArn(ctx.world, accountId, principal),
        },
      };
    },
  },
};
