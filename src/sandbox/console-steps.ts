/**
 * @module Console-only steps, emulated: what AWS allows only in the console (enable the organization
 * instance of Identity Center, register root MFA, delete root access keys), so a user can walk the
 * whole Day-1 path in the sandbox. Bad requests are SandboxErrors with one clear line.
 */

import { SandboxError } from '../errors.js';
import { createOrganization, enableOrganizationInstance } from './scenarios/builder.js';
import { enableRootMfa } from './services/iam/model.js';
import type { AccountRecord } from './state.js';
import type { World } from './world.js';

export const CONSOLE_STEPS = [
  'enable-organization-instance',
  'enable-root-mfa',
  'enable-root-hardware-mfa',
  'delete-root-access-keys',
  'disable-iam-user-console-access',
  'list',
] as const;
export type ConsoleStep = (typeof CONSOLE_STEPS)[number];

/** What each step emulates, and where the real one is in the console. */
export const CONSOLE_STEP_HELP: Record<Exclude<ConsoleStep, 'list'>, { summary: string; console: string }> = {
  'enable-organization-instance': {
    summary:
      'enable the organization instance of IAM Identity Center in --region (management account; a standalone account first becomes the management account of a new organization, as the console does)',
    console: 'IAM Identity Center console → Enable → "Enable with AWS Organizations", in the chosen Region',
  },
  'enable-root-mfa': {
    summary: 'register a virtual MFA device (authenticator app) for the root user of --account',
    console: 'sign in as root → account menu → Security credentials → Assign MFA device → Authenticator app',
  },
  'enable-root-hardware-mfa': {
    summary: 'register a hardware MFA device (security key or TOTP token) for the root user of --account',
    console: 'sign in as root → account menu → Security credentials → Assign MFA device → Passkey or security key',
  },
  'delete-root-access-keys': {
    summary: 'delete every access key of the root user of --account',
    console: 'sign in as root → account menu → Security credentials → Access keys → Actions → Delete',
  },
  'disable-iam-user-console-access': {
    summary: 'remove the console password of IAM user --user in --account (people sign in through the access portal)',
    console: 'IAM console → Users → USER → Security credentials → Console sign-in → Manage console access → Disable',
  },
};

export interface ConsoleStepOptions {
  /** The account the step acts in (default: the management account, else the default credentials' account). */
  accountId?: string;
  /** Region for enable-organization-instance (default eu-west-1). */
  region?: string;
  /** IAM user for disable-iam-user-console-access. */
  userName?: string;
}

export interface ConsoleStepResult {
  step: ConsoleStep;
  accountId?: string;
  /** False when the step found nothing to do (already done). */
  changed: boolean;
  /** One line saying what happened. */
  message: string;
}

export function isConsoleStep(step: string): step is ConsoleStep {
  return (CONSOLE_STEPS as readonly string[]).includes(step);
}

function defaultAccount(world: World): string | undefined {
  const org = world.organization;
  if (org) return org.managementAccountId;
  const key = world.state.defaultAccessKeyId;
  const fromKey = key ? world.credential(key)?.accountId : undefined;
  return fromKey ?? Object.keys(world.state.accounts)[0];
}

function requireAccount(world: World, accountId: string | undefined): AccountRecord {
  const id = accountId ?? defaultAccount(world);
  if (id !== undefined && !/^\d{12}$/.test(id))
    throw new SandboxError(`invalid account id "${id}": expected 12 digits`);
  const account = id ? world.account(id) : undefined;
  if (!account) throw new SandboxError(`account ${id ?? '(none)'} does not exist in the sandbox`);
  return account;
}

export function runConsoleStep(
  world: World,
  step: ConsoleStep,
  options: ConsoleStepOptions & { now: number },
): ConsoleStepResult {
  switch (step) {
    case 'list':
      return {
        step,
        changed: false,
        message: (Object.entries(CONSOLE_STEP_HELP) as [string, { summary: string }][])
          .map(([name, h]) => `${name}: ${h.summary}`)
          .join('\n'),
      };
    case 'enable-organization-instance': {
      let created = '';
      if (!world.organization) {
        // The console's "Enable with AWS Organizations" creates the organization (all features) first.
        const standalone = requireAccount(world, options.accountId);
        const org = createOrganization(world, standalone.id, options.now);
        created = `created organization ${org.record.id} with ${standalone.id} as management account; `;
      }
      const org = world.organization;
      if (!org) throw new SandboxError('cannot enable the organization instance: no organization');
      const accountId = options.accountId ?? org.managementAccountId;
      if (accountId !== org.managementAccountId) {
        throw new SandboxError(
          `only the management account ${org.managementAccountId} can enable the organization instance`,
        );
      }
      const region = options.region ?? 'eu-west-1';
      if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) throw new SandboxError(`invalid region "${region}"`);
      const instances = world.instances().map((i) => i.record);
      const existing = instances.find((i) => i.kind === 'organization');
      if (existing) {
        return {
          step,
          accountId,
          changed: false,
          message: `the organization instance already exists in ${existing.region}: ${existing.arn}`,
        };
      }
      const accountInstance = instances.find((i) => i.ownerAccountId === accountId);
      if (accountInstance) {
        throw new SandboxError(
          `cannot enable the organization instance: account ${accountId} already has an account instance (${accountInstance.arn} in ${accountInstance.region})`,
          { hints: ['AWS allows one instance per account: delete the account instance first'] },
        );
      }
      const index = enableOrganizationInstance(world, region, options.now);
      return {
        step,
        accountId,
        changed: true,
        message: `${created}enabled the organization instance of IAM Identity Center in ${region}: ${index.record.arn} (identity store ${index.record.identityStoreId})`,
      };
    }
    case 'enable-root-mfa':
    case 'enable-root-hardware-mfa': {
      const account = requireAccount(world, options.accountId);
      const type = step === 'enable-root-mfa' ? 'virtual' : 'hardware';
      const current = account.iam.root.mfa;
      if (current?.type === type) {
        return {
          step,
          accountId: account.id,
          changed: false,
          message: `the root user of ${account.id} already has ${type} MFA`,
        };
      }
      if (current?.type === 'virtual') delete account.iam.virtualMfaDevices[current.serialNumber];
      enableRootMfa(account, type, options.now);
      return {
        step,
        accountId: account.id,
        changed: true,
        message: `registered a ${type} MFA device for the root user of ${account.id}`,
      };
    }
    case 'delete-root-access-keys': {
      const account = requireAccount(world, options.accountId);
      const keys = account.iam.root.accessKeys;
      if (keys.length === 0) {
        return {
          step,
          accountId: account.id,
          changed: false,
          message: `the root user of ${account.id} has no access keys`,
        };
      }
      for (const key of keys) world.removeCredential(key.accessKeyId);
      account.iam.root.accessKeys = [];
      return {
        step,
        accountId: account.id,
        changed: true,
        message: `deleted ${keys.length} root access key${keys.length === 1 ? '' : 's'} of ${account.id}`,
      };
    }
    case 'disable-iam-user-console-access': {
      const account = requireAccount(world, options.accountId);
      if (!options.userName) throw new SandboxError('disable-iam-user-console-access needs --user NAME');
      const user = account.iam.users[options.userName];
      if (!user) throw new SandboxError(`IAM user ${options.userName} does not exist in account ${account.id}`);
      if (!user.loginProfile) {
        return {
          step,
          accountId: account.id,
          changed: false,
          message: `IAM user ${user.userName} has no console password`,
        };
      }
      user.loginProfile = null;
      return {
        step,
        accountId: account.id,
        changed: true,
        message: `removed the console password of IAM user ${user.userName} in ${account.id}`,
      };
    }
  }
}
