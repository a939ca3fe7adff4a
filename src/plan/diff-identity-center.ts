/**
 * @module Diff of the Identity Center instance: a missing organization instance is a manual step (AWS
 * has no API to enable it) that blocks every Identity Center action; an account instance where the
 * config wants the organization instance is the known trap and also a manual step; the encryption key
 * choice is an UpdateInstance action.
 */

import { formatAddress } from '../model/address.js';
import { type ActionType, actionId, type DraftAction, type InstanceEncryption } from './actions.js';
import { configDiagnostic, type DiffContext } from './context.js';
import { fixedRisk } from './risk.js';

/** Action types that need an Identity Center instance. */
export const IDENTITY_CENTER_TYPES: ReadonlySet<ActionType> = new Set<ActionType>([
  'instance-encryption',
  'permission-set',
  'permission-set-provision',
  'user',
  'group',
  'membership',
  'assignment',
]);

const isIdentityCenterAction = (a: DraftAction) => IDENTITY_CENTER_TYPES.has(a.type);

function consoleUrl(region: string | undefined): string {
  return region
    ? `Open the IAM Identity Center console in ${region}: https://${region}.console.aws.amazon.com/singlesignon/home?region=${region}`
    : 'Choose the Region for Identity Center (it cannot easily be moved later; set identityCenter.region in the config) and open the IAM Identity Center console there.';
}

/** Adds the instance manual steps (which block every Identity Center action) and the encryption update. */
export function diffIdentityCenter(ctx: DiffContext): void {
  const { desired, facts } = ctx;
  const instance = facts.instance;
  const wantOrganization = desired.identityCenter.instance === 'organization';
  const region = desired.identityCenter.region;
  const isOrgCreate = (a: DraftAction) => a.type === 'organization';

  if (!instance) {
    if (wantOrganization) {
      ctx.manualSteps.push({
        id: 'enable-organization-instance',
        address: formatAddress({ kind: 'manual', id: 'enable-organization-instance' }),
        title: 'Enable the organization instance of IAM Identity Center',
        why: `no Identity Center instance exists${region ? ` in ${region}` : ''}, and AWS offers no API to enable the organization instance`,
        consoleSteps: [
          `Sign in to the management account ${ctx.managementAccountId} with administrator access.`,
          consoleUrl(region),
          'Choose "Enable", then "Enable with AWS Organizations" (not "Enable in only this AWS account").',
          'Wait until the dashboard shows the AWS access portal URL.',
        ],
        blocks: isIdentityCenterAction,
        after: isOrgCreate,
        verify: `sso-admin ListInstances${region ? ` in ${region}` : ''} returns an instance owned by ${ctx.managementAccountId}: run \`gatehouse plan\` again.`,
      });
    } else {
      ctx.manualSteps.push({
        id: 'enable-account-instance',
        address: formatAddress({ kind: 'manual', id: 'enable-account-instance' }),
        title: `Enable an account instance of IAM Identity Center in ${facts.caller.accountId}`,
        why: `identityCenter.instance: account, and no instance exists${region ? ` in ${region}` : ''}`,
        consoleSteps: [
          `Sign in to account ${facts.caller.accountId} with administrator access.`,
          consoleUrl(region),
          'Choose "Enable", then "Enable in only this AWS account".',
        ],
        blocks: isIdentityCenterAction,
        after: isOrgCreate,
        verify: `sso-admin ListInstances returns an instance owned by ${facts.caller.accountId}: run \`gatehouse plan\` again.`,
      });
    }
    return;
  }

  const organizationInstance =
    facts.organization !== null && instance.ownerAccountId === facts.organization.managementAccountId;
  if (wantOrganization && !organizationInstance) {
    ctx.manualSteps.push({
      id: 'replace-account-instance',
      address: formatAddress({ kind: 'manual', id: 'replace-account-instance' }),
      title: 'Replace the account instance of IAM Identity Center with the organization instance',
      why: `the instance ${instance.arn} in ${instance.region} is an account instance of ${instance.ownerAccountId}; permission sets and assignments need the organization instance, and this one blocks enabling it`,
      consoleSteps: [
        `Sign in to account ${instance.ownerAccountId} with administrator access.`,
        `Open the IAM Identity Center console in ${instance.region} → Settings → Management → "Delete" (this deletes its users, groups and applications).`,
        ...(facts.organization
          ? []
          : ['Create the organization (gatehouse does when the config has `organization:`).']),
        `Sign in to the management account and enable Identity Center with "Enable with AWS Organizations" in ${region ?? instance.region}.`,
      ],
      blocks: isIdentityCenterAction,
      after: isOrgCreate,
      verify:
        'sso-admin ListInstances returns an instance owned by the management account: run `gatehouse plan` again.',
    });
  }

  if (!instance.encryption) {
    // DescribeInstance's EncryptionConfigurationDetails is optional in the model: unknown is not "AWS owned".
    if (desired.identityCenter.encryption.keyType === 'CUSTOMER_MANAGED_KEY') {
      ctx.warnings.push(
        configDiagnostic(
          ctx,
          'warning',
          'instance-encryption-unknown',
          'AWS did not report which key encrypts the Identity Center instance, so the plan does not change it; check IAM Identity Center console → Settings → Management → Key for encrypting IAM Identity Center data at rest',
          undefined,
          'identityCenter.encryption',
        ),
      );
    }
    return;
  }
  const current: InstanceEncryption = {
    keyType: instance.encryption.keyType ?? 'AWS_OWNED_KMS_KEY',
    kmsKeyArn: instance.encryption.kmsKeyArn ?? null,
  };
  const wanted: InstanceEncryption =
    desired.identityCenter.encryption.keyType === 'CUSTOMER_MANAGED_KEY'
      ? { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: desired.identityCenter.encryption.kmsKeyArn }
      : { keyType: 'AWS_OWNED_KMS_KEY', kmsKeyArn: null };
  if (current.keyType !== wanted.keyType || current.kmsKeyArn !== wanted.kmsKeyArn) {
    const address = formatAddress({ kind: 'identity-center' });
    ctx.actions.push({
      id: actionId(address, 'update'),
      type: 'instance-encryption',
      kind: 'update',
      address,
      reason: {
        code: 'changed',
        message: `the instance is encrypted with ${current.keyType === 'AWS_OWNED_KMS_KEY' ? 'an AWS owned key' : current.kmsKeyArn}; the config asks for ${wanted.keyType === 'AWS_OWNED_KMS_KEY' ? 'an AWS owned key' : wanted.kmsKeyArn}`,
      },
      risk: fixedRisk('instance-encryption', 'update'),
      before: current,
      after: wanted,
    });
  }
}
