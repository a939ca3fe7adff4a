/**
 * @module Diff of the organization layer: the organization itself, centralized root access
 * (trusted access for IAM plus its two features), the management account's root user (manual
 * steps: only the root user can do them) and the caller account's alternate contacts.
 */

import { formatAddress } from '../model/address.js';
import type { AlternateContact, AlternateContactType } from '../model/types.js';
import { actionId, type DraftAction, type RootFeature } from './actions.js';
import { configDiagnostic, type DiffContext } from './context.js';
import { IAM_SERVICE_PRINCIPAL } from './facts.js';
import { fixedRisk } from './risk.js';

const ROOT_FEATURES: readonly RootFeature[] = ['RootCredentialsManagement', 'RootSessions'];
const CONTACT_TYPES: readonly AlternateContactType[] = ['SECURITY', 'OPERATIONS', 'BILLING'];

function rootSignIn(accountId: string): string {
  return `Sign in to https://console.aws.amazon.com/ as the root user of account ${accountId}: choose "Root user" and enter the account's root email address.`;
}

export function diffOrganization(ctx: DiffContext): void {
  const { desired, facts } = ctx;
  const org = facts.organization;
  let orgCreateId: string | undefined;

  if (desired.organization && !org) {
    const address = formatAddress({ kind: 'organization' });
    orgCreateId = actionId(address, 'create');
    ctx.actions.push({
      id: orgCreateId,
      type: 'organization',
      kind: 'create',
      address,
      reason: {
        code: 'missing',
        message: `account ${facts.caller.accountId} is not in an organization; create one with all features (it becomes the management account)`,
      },
      risk: fixedRisk('organization', 'create'),
      before: null,
      after: { featureSet: 'ALL' },
    });
  }

  const consolidatedBilling = org?.featureSet === 'CONSOLIDATED_BILLING';
  if (consolidatedBilling && (desired.organization || desired.root.centralizedManagement)) {
    ctx.manualSteps.push({
      id: 'enable-all-features',
      address: formatAddress({ kind: 'manual', id: 'enable-all-features' }),
      title: 'Enable all features in AWS Organizations',
      why: `organization ${org.id} uses consolidated billing only; centralized root access and IAM Identity Center need all features`,
      consoleSteps: [
        `Sign in to the management account ${org.managementAccountId} with administrator access.`,
        'Open AWS Organizations → Settings.',
        'Choose "Begin process to enable all features" and confirm; every invited member account must accept the request (Organizations → Invitations in each account).',
        'Wait until the Settings page shows "All features".',
      ],
      blocks: (a) => a.type === 'service-access' || a.type === 'root-feature',
      after: () => false,
      verify: 'organizations DescribeOrganization reports FeatureSet ALL: run `gatehouse plan` again.',
    });
  }

  if (desired.root.centralizedManagement) diffRootFeatures(ctx, orgCreateId);
  diffRootUser(ctx);
  diffContacts(ctx);
}

function diffRootFeatures(ctx: DiffContext, orgCreateId: string | undefined): void {
  const { facts } = ctx;
  if (!facts.organization && !orgCreateId) {
    ctx.warnings.push(
      configDiagnostic(
        ctx,
        'warning',
        'centralized-root-needs-organization',
        'root.centralizedManagement needs an organization: add `organization:` to the config to create one',
        undefined,
        'root.centralizedManagement',
      ),
    );
    return;
  }
  const serviceAccess = facts.serviceAccess ?? [];
  if (!serviceAccess.includes(IAM_SERVICE_PRINCIPAL)) {
    const address = formatAddress({ kind: 'root-management', feature: 'service-access' });
    ctx.actions.push({
      id: actionId(address, 'create'),
      type: 'service-access',
      kind: 'create',
      address,
      servicePrincipal: IAM_SERVICE_PRINCIPAL,
      reason: {
        code: 'missing',
        message: `centralized root access needs trusted access for ${IAM_SERVICE_PRINCIPAL}`,
      },
      risk: fixedRisk('service-access', 'create'),
      before: null,
      after: { servicePrincipal: IAM_SERVICE_PRINCIPAL },
    });
  }
  const enabled = facts.rootFeatures ?? [];
  for (const feature of ROOT_FEATURES) {
    if (enabled.includes(feature)) continue;
    const address = formatAddress({ kind: 'root-management', feature });
    ctx.actions.push({
      id: actionId(address, 'create'),
      type: 'root-feature',
      kind: 'create',
      address,
      feature,
      reason: {
        code: 'missing',
        message:
          feature === 'RootCredentialsManagement'
            ? 'root.centralizedManagement: manage member-account root credentials centrally'
            : 'root.centralizedManagement: allow privileged root sessions on member accounts from the management account',
      },
      risk: fixedRisk('root-feature', 'create'),
      before: null,
      after: { feature },
    });
  }
}

/** What only the root user of the management (or standalone) account can do. */
function diffRootUser(ctx: DiffContext): void {
  const root = ctx.facts.root;
  if (!root) {
    ctx.warnings.push(
      configDiagnostic(
        ctx,
        'warning',
        'root-not-checked',
        `signed in to ${ctx.facts.caller.accountId}, not the management account ${ctx.managementAccountId}: its root user was not checked (run gatehouse there)`,
        undefined,
        'root',
      ),
    );
    return;
  }
  const account = ctx.facts.caller.accountId;
  const hardware = ctx.desired.root.mfa === 'hardware';
  const never = () => false;
  if (!root.mfaEnabled) {
    ctx.manualSteps.push({
      id: 'enable-root-mfa',
      address: formatAddress({ kind: 'manual', id: 'enable-root-mfa' }),
      title: `Enable ${hardware ? 'hardware ' : ''}MFA for the root user of ${account}`,
      why: `the root user of ${account} has no MFA device (root.mfa: ${ctx.desired.root.mfa}); only the root user can add one`,
      consoleSteps: [
        rootSignIn(account),
        'Open the account menu (top right) → Security credentials.',
        'Under "Multi-factor authentication (MFA)", choose "Assign MFA device".',
        hardware
          ? 'Name the device, choose "Security key" or "Hardware TOTP token" (root.mfa: hardware), and follow the prompts.'
          : 'Name the device, choose its type (a security key is the strongest), and follow the prompts.',
        'Sign out, then sign in as root again to confirm that MFA is asked for.',
      ],
      blocks: never,
      after: never,
      verify: 'iam GetAccountSummary reports AccountMFAEnabled = 1: run `gatehouse plan` again.',
    });
  } else if (hardware && root.virtualMfa) {
    ctx.manualSteps.push({
      id: 'replace-root-virtual-mfa',
      address: formatAddress({ kind: 'manual', id: 'replace-root-virtual-mfa' }),
      title: `Replace the root user's virtual MFA device of ${account} with a hardware device`,
      why: 'root.mfa: hardware, but the root user uses a virtual (authenticator app) MFA device',
      consoleSteps: [
        rootSignIn(account),
        'Open the account menu (top right) → Security credentials.',
        'Under "Multi-factor authentication (MFA)", choose "Assign MFA device", pick "Security key" or "Hardware TOTP token", and follow the prompts.',
        'Sign out and sign in as root with the new device.',
        'Back in Security credentials, select the virtual MFA device and choose "Remove".',
      ],
      blocks: never,
      after: never,
      verify: `iam ListVirtualMFADevices shows no device bound to arn:aws:iam::${account}:root: run \`gatehouse plan\` again.`,
    });
  }
  if (root.accessKeysPresent) {
    ctx.manualSteps.push({
      id: 'delete-root-access-keys',
      address: formatAddress({ kind: 'manual', id: 'delete-root-access-keys' }),
      title: `Delete the root user's access keys of ${account}`,
      why: `the root user of ${account} has access keys (root.accessKeys: forbidden); only the root user can delete them`,
      consoleSteps: [
        rootSignIn(account),
        'Open the account menu (top right) → Security credentials.',
        'Under "Access keys", for each key: Actions → Deactivate, check that nothing you rely on breaks, then Actions → Delete.',
      ],
      blocks: never,
      after: never,
      verify: 'iam GetAccountSummary reports AccountAccessKeysPresent = 0: run `gatehouse plan` again.',
    });
  }
}

function sameContact(a: AlternateContact, b: AlternateContact): boolean {
  return a.name === b.name && a.title === b.title && a.email === b.email && a.phone === b.phone;
}

function diffContacts(ctx: DiffContext): void {
  const live = ctx.facts.contacts ?? {};
  const accountId = ctx.facts.caller.accountId;
  for (const contactType of CONTACT_TYPES) {
    const wanted = ctx.desired.contacts[contactType];
    if (!wanted) continue;
    const current = live[contactType] ?? null;
    if (current && sameContact(current, wanted)) continue;
    const address = formatAddress({
      kind: 'contact',
      contactType: contactType.toLowerCase() as 'security' | 'operations' | 'billing',
    });
    const kind = current ? 'update' : 'create';
    const action: DraftAction = {
      id: actionId(address, kind),
      type: 'alternate-contact',
      kind,
      address,
      contactType,
      accountId,
      reason: current
        ? {
            code: 'changed',
            message: `the ${contactType.toLowerCase()} contact of ${accountId} differs from the config`,
          }
        : { code: 'missing', message: `account ${accountId} has no ${contactType.toLowerCase()} contact` },
      risk: fixedRisk('alternate-contact', kind),
      before: current,
      after: { ...wanted },
    };
    ctx.actions.push(action);
  }
}
