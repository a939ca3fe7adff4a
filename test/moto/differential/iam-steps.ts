/**
 * @module Differential steps for IAM: the same users on both sides (the sandbox gets them through
 * its builders, moto through IAM's write API), then the reads gatehouse's audit makes: account
 * summary, users, console passwords, MFA devices, access keys, password policy, credential report.
 * The world also gives the root user a virtual MFA device and an access key, which moto cannot model.
 */

import { addIamUser, addRootAccessKey, enableRootMfa } from '../../../src/sandbox/services/iam/model.js';
import { MOTO_ACCOUNT_ID } from '../moto-server.js';
import type { Side } from './sides.js';
import { must, type Step } from './steps.js';

const USERS: { name: string; password: boolean; mfa: boolean; accessKeys: number }[] = [
  { name: 'alice-iam', password: true, mfa: true, accessKeys: 1 },
  { name: 'bob-iam', password: true, mfa: false, accessKeys: 0 },
  { name: 'ci', password: false, mfa: false, accessKeys: 1 },
];
const PASSWORD_POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
};

/** The credential report's CSV as `{user: {column: value}}` (rows are unordered). */
function reportRows(output: Record<string, unknown>): unknown {
  const csv = new TextDecoder().decode(output.Content as Uint8Array);
  const [header, ...lines] = csv.trim().split('\n');
  const columns = (header ?? '').split(',');
  const rows: Record<string, Record<string, string>> = {};
  for (const line of lines) {
    const cells = line.split(',');
    rows[cells[0] ?? ''] = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  }
  // The header stays one string: the column order is part of the format.
  return { ReportFormat: output.ReportFormat, GeneratedTime: output.GeneratedTime, header, rows };
}

const key = (s: Side, user: string) => s.ids.raw(`key:${user}`);

export const iamSteps: Step[] = [
  { name: 'no password policy yet', service: 'iam', op: 'GetAccountPasswordPolicy' },
  { name: 'no credential report yet', service: 'iam', op: 'GetCredentialReport' },
  {
    name: 'IAM users (console password, MFA, access keys), a password policy, root MFA and a root access key',
    setup: {
      sandbox: (s) => {
        s.sandbox.mutate((world) => {
          const account = world.account(MOTO_ACCOUNT_ID);
          if (!account) throw new Error('sandbox: no management account');
          const now = s.clock.now();
          for (const u of USERS) {
            const record = addIamUser(world, account, u.name, { createdAt: now, ...u });
            s.ids.register(`iamuser:${u.name}`, record.userId);
            const first = record.accessKeys[0];
            if (first) s.ids.register(`key:${u.name}`, first.accessKeyId);
          }
          account.iam.passwordPolicy = { ...PASSWORD_POLICY };
          enableRootMfa(account, 'virtual', now);
          addRootAccessKey(world, account, now);
        });
      },
      moto: async (s) => {
        for (const u of USERS) {
          const out = await must(s, 'iam', 'CreateUser', { UserName: u.name });
          s.ids.register(`iamuser:${u.name}`, (out.User as { UserId: string }).UserId);
          if (u.password) {
            await must(s, 'iam', 'CreateLoginProfile', { UserName: u.name, Password: 'Correct-Horse-Battery-9' });
          }
          if (u.mfa) {
            const device = await must(s, 'iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: u.name });
            await must(s, 'iam', 'EnableMFADevice', {
              UserName: u.name,
              SerialNumber: (device.VirtualMFADevice as { SerialNumber: string }).SerialNumber,
              AuthenticationCode1: '123456',
              AuthenticationCode2: '654321',
            });
          }
          for (let i = 0; i < u.accessKeys; i++) {
            const created = await must(s, 'iam', 'CreateAccessKey', { UserName: u.name });
            const id = (created.AccessKey as { AccessKeyId: string }).AccessKeyId;
            if (i === 0) s.ids.register(`key:${u.name}`, id);
          }
        }
        await must(s, 'iam', 'UpdateAccountPasswordPolicy', PASSWORD_POLICY);
        // Root MFA and a root access key: moto models no root user, so there is nothing to add.
      },
    },
  },
  { name: 'account summary', service: 'iam', op: 'GetAccountSummary' },
  { name: 'list users', service: 'iam', op: 'ListUsers' },
  { name: 'list users one at a time', service: 'iam', op: 'ListUsers', page: { size: 1 } },
  {
    name: 'console password of alice-iam',
    service: 'iam',
    op: 'GetLoginProfile',
    input: () => ({ UserName: 'alice-iam' }),
  },
  { name: 'console password of ci (none)', service: 'iam', op: 'GetLoginProfile', input: () => ({ UserName: 'ci' }) },
  {
    name: 'console password of a user that does not exist',
    service: 'iam',
    op: 'GetLoginProfile',
    input: () => ({ UserName: 'nobody' }),
  },
  { name: 'MFA devices of alice-iam', service: 'iam', op: 'ListMFADevices', input: () => ({ UserName: 'alice-iam' }) },
  { name: 'MFA devices of bob-iam', service: 'iam', op: 'ListMFADevices', input: () => ({ UserName: 'bob-iam' }) },
  { name: 'MFA devices of the caller (a role session)', service: 'iam', op: 'ListMFADevices' },
  { name: 'virtual MFA devices', service: 'iam', op: 'ListVirtualMFADevices' },
  {
    name: 'assigned virtual MFA devices',
    service: 'iam',
    op: 'ListVirtualMFADevices',
    input: () => ({ AssignmentStatus: 'Assigned' }),
  },
  { name: 'access keys of ci', service: 'iam', op: 'ListAccessKeys', input: () => ({ UserName: 'ci' }) },
  { name: 'access keys of the caller (a role session)', service: 'iam', op: 'ListAccessKeys' },
  {
    name: 'last use of a key never used',
    service: 'iam',
    op: 'GetAccessKeyLastUsed',
    input: (s) => ({ AccessKeyId: key(s, 'ci') }),
  },
  { name: 'password policy', service: 'iam', op: 'GetAccountPasswordPolicy' },
  { name: 'generate the credential report', service: 'iam', op: 'GenerateCredentialReport' },
  { name: 'generate it again', service: 'iam', op: 'GenerateCredentialReport' },
  { name: 'the credential report', service: 'iam', op: 'GetCredentialReport', shape: reportRows },
  {
    name: 'policies attached to alice-iam',
    service: 'iam',
    op: 'ListAttachedUserPolicies',
    input: () => ({ UserName: 'alice-iam' }),
  },
  {
    name: 'inline policies of alice-iam',
    service: 'iam',
    op: 'ListUserPolicies',
    input: () => ({ UserName: 'alice-iam' }),
  },
  { name: 'account aliases', service: 'iam', op: 'ListAccountAliases' },
  { name: 'centralized root access features', service: 'iam', op: 'ListOrganizationsFeatures' },
  {
    name: 'enable centralized root credentials management',
    service: 'iam',
    op: 'EnableOrganizationsRootCredentialsManagement',
  },
  { name: 'enable centralized root sessions', service: 'iam', op: 'EnableOrganizationsRootSessions' },
];
