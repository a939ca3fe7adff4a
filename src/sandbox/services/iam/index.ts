/**
 * @module IAM (aws-api.md §2.4), per account: GetAccountSummary with the root flags, the credential
 * report (STARTED → COMPLETE, reused for 4 hours), users and their login profiles, MFA devices and
 * access keys, the password policy, and centralized root access (ListOrganizationsFeatures and the
 * two Enable calls, with their prerequisites). Errors use the awsQuery codes (`NoSuchEntity`, …).
 */

import { SandboxServiceError } from '../../endpoint.js';
import { encodeToken, pageWindow, slicePage } from '../../paginate.js';
import type { AccountRecord, IamUserRecord } from '../../state.js';
import { fullMatch, type Schema, validateInput } from '../../validate.js';
import { type CallContext, type OperationTable, req, str, toDate } from '../context.js';
import { credentialReportCsv } from './credential-report.js';
import { accountSummary, rootArn, userArn } from './model.js';

/** A credential report is reused, and readable, for four hours (DOC-IAM; expiry at 4 h assumed). */
export const CREDENTIAL_REPORT_TTL_MS = 4 * 3600_000;

const rules = {
  userName: { type: 'string', min: 1, max: 64, pattern: fullMatch('[\\w+=,.@-]+') },
  existingUserName: { type: 'string', min: 1, max: 128, pattern: fullMatch('[\\w+=,.@-]+') },
  marker: { type: 'string', min: 1, max: 320, pattern: fullMatch('[\\u0020-\\u00FF]+') },
  maxItems: { type: 'integer', min: 1, max: 1000 },
  pathPrefix: { type: 'string', min: 1, max: 512, pattern: fullMatch('\\u002F[\\u0021-\\u007F]*') },
  policyPath: { type: 'string', min: 1, max: 512, pattern: fullMatch('((/[A-Za-z0-9\\.,\\+@=_-]+)*)/') },
} as const;

const paging: Schema = { Marker: rules.marker, MaxItems: rules.maxItems };

function noSuchEntity(message: string): SandboxServiceError {
  return new SandboxServiceError('NoSuchEntity', message, 404);
}

function callerAccount(ctx: CallContext): AccountRecord {
  const account = ctx.world.account(ctx.accountId);
  if (!account)
    throw new SandboxServiceError('ServiceFailure', `Account ${ctx.accountId} does not exist in the sandbox.`, 500);
  return account;
}

function requireUser(account: AccountRecord, userName: string): IamUserRecord {
  const user = account.iam.users[userName];
  if (!user) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  return user;
}

/** The user a call is about: the named one, or the calling IAM user when the name is omitted. */
function subjectUser(ctx: CallContext, account: AccountRecord, userName: string | undefined): IamUserRecord | 'root' {
  if (userName !== undefined) return requireUser(account, userName);
  const p = ctx.caller.principal;
  if (p.kind === 'user') return requireUser(account, p.userName);
  if (p.kind === 'root') return 'root';
  throw new SandboxServiceError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
}

/** IAM paging: Marker only when truncated; IsTruncated always present (the SDK paginator reads Marker). */
function iamPage<T>(
  input: Record<string, unknown>,
  scope: string,
  items: readonly T[],
  key: string,
  map: (item: T) => unknown,
) {
  const window = pageWindow('iam', scope, input.Marker, input.MaxItems, 100, 'Marker');
  const page = slicePage(items, window);
  const out: Record<string, unknown> = { [key]: page.items.map(map), IsTruncated: page.next !== null };
  if (page.next !== null) out.Marker = encodeToken(scope, page.next);
  return out;
}

function userShape(accountId: string, u: IamUserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: userArn(accountId, u),
    CreateDate: toDate(u.createdAt),
  };
  if (u.passwordLastUsed !== null) out.PasswordLastUsed = toDate(u.passwordLastUsed);
  return out;
}

/** Prerequisites of centralized root access (prior-art.md §0), in the order IAM checks them (assumed). */
function requireRootAccessPrerequisites(
  ctx: CallContext,
  managementOnly: boolean,
): { organizationId: string; features: string[] } {
  const org = ctx.world.organization;
  if (!org || !ctx.world.inOrganization(ctx.accountId)) {
    throw new SandboxServiceError(
      'OrganizationNotFoundException',
      'No organization is associated with your account.',
      400,
    );
  }
  if (org.featureSet !== 'ALL') {
    throw new SandboxServiceError(
      'OrganizationNotInAllFeaturesModeException',
      'Your organization does not have All features enabled.',
      400,
    );
  }
  const delegated = org.delegatedAdmins.some(
    (d) => d.accountId === ctx.accountId && d.servicePrincipal === 'iam.amazonaws.com',
  );
  if (org.managementAccountId !== ctx.accountId) {
    if (managementOnly) {
      throw new SandboxServiceError(
        'CallerIsNotManagementAccountException',
        'The account making the request is not the management account for the organization.',
        400,
      );
    }
    if (!delegated) {
      throw new SandboxServiceError(
        'AccountNotManagementOrDelegatedAdministratorException',
        'The account making the request is not the management account or delegated administrator account for centralized root access.',
        400,
      );
    }
  }
  if (org.serviceAccess['iam.amazonaws.com'] === undefined) {
    throw new SandboxServiceError(
      'ServiceAccessNotEnabledException',
      'Trusted access is not enabled for IAM in Organizations.',
      400,
    );
  }
  return { organizationId: org.id, features: org.rootFeatures };
}

function enableFeature(ctx: CallContext, feature: string): Record<string, unknown> {
  const { organizationId, features } = requireRootAccessPrerequisites(ctx, true);
  if (!features.includes(feature)) features.push(feature);
  return { OrganizationId: organizationId, EnabledFeatures: [...features] };
}

export const iamOperations: OperationTable = {
  GetAccountSummary: {
    run(_input, ctx) {
      return { SummaryMap: accountSummary(callerAccount(ctx).iam) };
    },
  },

  GenerateCredentialReport: {
    write: true,
    run(_input, ctx) {
      const account = callerAccount(ctx);
      const report = account.iam.credentialReport;
      if (report && ctx.now < report.completesAt) {
        return { State: 'INPROGRESS', Description: 'Report generation in progress.' };
      }
      if (report && ctx.now - report.completesAt < CREDENTIAL_REPORT_TTL_MS) {
        return { State: 'COMPLETE', Description: 'A report generated in the last 4 hours is available.' };
      }
      // The content is taken now; it becomes readable when generation completes.
      account.iam.credentialReport = {
        requestedAt: ctx.now,
        completesAt: ctx.now + ctx.completionDelay('GenerateCredentialReport'),
        csv: credentialReportCsv(account),
      };
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
  },

  GetCredentialReport: {
    run(_input, ctx) {
      const report = callerAccount(ctx).iam.credentialReport;
      if (!report) {
        throw new SandboxServiceError(
          'ReportNotPresent',
          'Credential report is not present. Use GenerateCredentialReport to generate a report.',
          410,
        );
      }
      if (ctx.now < report.completesAt) {
        throw new SandboxServiceError('ReportInProgress', 'Credential report is being generated.', 404);
      }
      if (ctx.now - report.completesAt >= CREDENTIAL_REPORT_TTL_MS) {
        throw new SandboxServiceError(
          'ReportExpired',
          'Credential report has expired. Use GenerateCredentialReport to generate a new report.',
          410,
        );
      }
      return {
        Content: new TextEncoder().encode(report.csv),
        ReportFormat: 'text/csv',
        GeneratedTime: toDate(report.completesAt),
      };
    },
  },

  ListUsers: {
    run(input, ctx) {
      validateInput('iam', input, { PathPrefix: rules.pathPrefix, ...paging });
      const account = callerAccount(ctx);
      const prefix = str(input, 'PathPrefix') ?? '/';
      const users = Object.values(account.iam.users).filter((u) => u.path.startsWith(prefix));
      return iamPage(input, `ListUsers|${account.id}|${prefix}`, users, 'Users', (u) => userShape(account.id, u));
    },
  },

  GetLoginProfile: {
    run(input, ctx) {
      validateInput('iam', input, { UserName: rules.userName });
      const account = callerAccount(ctx);
      const user = subjectUser(ctx, account, str(input, 'UserName'));
      if (user === 'root') {
        throw new SandboxServiceError(
          'ValidationError',
          'Must specify userName when calling with root credentials',
          400,
        );
      }
      if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`);
      return {
        LoginProfile: {
          UserName: user.userName,
          CreateDate: toDate(user.loginProfile.createdAt),
          PasswordResetRequired: user.loginProfile.passwordResetRequired,
        },
      };
    },
  },

  ListMFADevices: {
    run(input, ctx) {
      validateInput('iam', input, { UserName: rules.existingUserName, ...paging });
      const account = callerAccount(ctx);
      const user = subjectUser(ctx, account, str(input, 'UserName'));
      const name = user === 'root' ? account.id : user.userName;
      const devices = user === 'root' ? (account.iam.root.mfa ? [account.iam.root.mfa] : []) : user.mfaDevices;
      return iamPage(input, `ListMFADevices|${account.id}|${name}`, devices, 'MFADevices', (d) => ({
        UserName: name,
        SerialNumber: d.serialNumber,
        EnableDate: toDate(d.enabledAt),
      }));
    },
  },

  ListVirtualMFADevices: {
    run(input, ctx) {
      validateInput('iam', input, {
        AssignmentStatus: { type: 'string', enum: ['Assigned', 'Unassigned', 'Any'] },
        ...paging,
      });
      const account = callerAccount(ctx);
      const status = str(input, 'AssignmentStatus') ?? 'Any';
      const devices = Object.values(account.iam.virtualMfaDevices).filter(
        (d) => status === 'Any' || (status === 'Assigned') === (d.userArn !== null),
      );
      const usersByArn = new Map(Object.values(account.iam.users).map((u) => [userArn(account.id, u), u]));
      return iamPage(input, `ListVirtualMFADevices|${account.id}|${status}`, devices, 'VirtualMFADevices', (d) => {
        const out: Record<string, unknown> = { SerialNumber: d.serialNumber };
        if (d.userArn === rootArn(account.id)) {
          // The root user is not an IAM user: AWS returns only its id, ARN and creation date (assumed).
          out.User = { UserId: account.id, Arn: d.userArn, CreateDate: toDate(account.iam.root.createdAt) };
        } else if (d.userArn) {
          const u = usersByArn.get(d.userArn);
          if (u) out.User = userShape(account.id, u);
        }
        if (d.enabledAt !== null) out.EnableDate = toDate(d.enabledAt);
        return out;
      });
    },
  },

  ListAccessKeys: {
    run(input, ctx) {
      validateInput('iam', input, { UserName: rules.existingUserName, ...paging });
      const account = callerAccount(ctx);
      const user = subjectUser(ctx, account, str(input, 'UserName'));
      const keys = user === 'root' ? account.iam.root.accessKeys : user.accessKeys;
      const name = user === 'root' ? undefined : user.userName;
      return iamPage(input, `ListAccessKeys|${account.id}|${name ?? '<root>'}`, keys, 'AccessKeyMetadata', (k) => ({
        ...(name ? { UserName: name } : {}),
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: toDate(k.createdAt),
      }));
    },
  },

  GetAccessKeyLastUsed: {
    run(input, ctx) {
      validateInput('iam', input, {
        AccessKeyId: { type: 'string', required: true, min: 16, max: 128, pattern: fullMatch('[\\w]+') },
      });
      const account = callerAccount(ctx);
      const id = req(input, 'AccessKeyId');
      let userName: string | undefined;
      let key = account.iam.root.accessKeys.find((k) => k.accessKeyId === id);
      // The root user has no IAM user name; AWS reports `root` here (assumed).
      if (key) userName = 'root';
      for (const u of Object.values(account.iam.users)) {
        if (key) break;
        key = u.accessKeys.find((k) => k.accessKeyId === id);
        if (key) userName = u.userName;
      }
      if (!key) {
        throw new SandboxServiceError(
          'AccessDenied',
          `User: ${ctx.callerArn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${id}`,
          403,
        );
      }
      const lastUsed: Record<string, unknown> = key.lastUsed
        ? { LastUsedDate: toDate(key.lastUsed.at), ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' };
      return { UserName: userName, AccessKeyLastUsed: lastUsed };
    },
  },

  GetAccountPasswordPolicy: {
    run(_input, ctx) {
      const account = callerAccount(ctx);
      const policy = account.iam.passwordPolicy;
      if (!policy) throw noSuchEntity(`The Password Policy with domain name ${account.id} cannot be found.`);
      return { PasswordPolicy: { ...policy, ExpirePasswords: (policy.MaxPasswordAge ?? 0) > 0 } };
    },
  },

  ListOrganizationsFeatures: {
    run(_input, ctx) {
      const { organizationId, features } = requireRootAccessPrerequisites(ctx, false);
      return { OrganizationId: organizationId, EnabledFeatures: [...features] };
    },
  },

  EnableOrganizationsRootCredentialsManagement: {
    write: true,
    run(_input, ctx) {
      return enableFeature(ctx, 'RootCredentialsManagement');
    },
  },

  EnableOrganizationsRootSessions: {
    write: true,
    run(_input, ctx) {
      return enableFeature(ctx, 'RootSessions');
    },
  },

  ListAttachedUserPolicies: {
    run(input, ctx) {
      validateInput('iam', input, {
        UserName: { ...rules.userName, required: true },
        PathPrefix: rules.policyPath,
        ...paging,
      });
      const account = callerAccount(ctx);
      const user = requireUser(account, req(input, 'UserName'));
      const prefix = str(input, 'PathPrefix');
      const policies = user.attachedPolicies.filter((p) => !prefix || p.arn.split(':policy')[1]?.startsWith(prefix));
      return iamPage(
        input,
        `ListAttachedUserPolicies|${account.id}|${user.userName}|${prefix ?? ''}`,
        policies,
        'AttachedPolicies',
        (p) => ({
          PolicyName: p.name,
          PolicyArn: p.arn,
        }),
      );
    },
  },

  ListUserPolicies: {
    run(input, ctx) {
      validateInput('iam', input, { UserName: { ...rules.existingUserName, required: true }, ...paging });
      const account = callerAccount(ctx);
      const user = requireUser(account, req(input, 'UserName'));
      return iamPage(
        input,
        `ListUserPolicies|${account.id}|${user.userName}`,
        Object.keys(user.inlinePolicies),
        'PolicyNames',
        (n) => n,
      );
    },
  },

  ListAccountAliases: {
    run(input, ctx) {
      validateInput('iam', input, paging);
      const account = callerAccount(ctx);
      return iamPage(input, `ListAccountAliases|${account.id}`, account.iam.aliases, 'AccountAliases', (a) => a);
    },
  },
};
