/** @module identity-center.encryption: the instance uses the key type the config names. */

import { defineCheck, fail, inAccount, manual, pass, skipped } from '../define-check.js';

const KEY_NAMES = {
  AWS_OWNED_KMS_KEY: 'an AWS owned key',
  CUSTOMER_MANAGED_KEY: 'a customer managed KMS key',
} as const;

export const identityCenterEncryption = defineCheck({
  id: 'identity-center.encryption',
  title: 'IAM Identity Center data is encrypted with the configured key type',
  severity: 'low',
  scope: 'organization',
  rationale:
    'A customer managed KMS key lets you audit and revoke access to workforce identity data, but a key policy mistake or a deleted key locks everyone out of the access portal. Either choice is fine when it is deliberate; a mismatch with the config is not.',
  notes:
    'Compares DescribeInstance EncryptionConfigurationDetails with `identityCenter.encryption` (default: AWS owned key). A key change that is still UPDATING or that ended in UPDATE_FAILED fails.',
  remediation: {
    console:
      'IAM Identity Center console → Settings → Management → Key for encrypting IAM Identity Center data at rest → Change key. Before switching to a customer managed key, give the key policy the statements Identity Center needs, or sign-in stops working.',
    config:
      'identityCenter:\n  encryption: aws-owned-key\n  # or:\n  # encryption: { customerManagedKey: arn:aws:kms:eu-west-1:111111111111:key/… }',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['identity-center.instance'],
  evaluate(input) {
    const { instance } = input.fact('identity-center.instance');
    if (!instance)
      return [skipped('identity-center', 'No IAM Identity Center instance exists (see identity-center.enabled).')];
    const at = (f: ReturnType<typeof pass>) => inAccount(f, instance.ownerAccountId);
    const actual = instance.encryption;
    if (!actual) {
      // Every member of EncryptionConfigurationDetails is optional in the API model: absent is "unknown".
      return [
        at(
          manual(
            instance.arn,
            'AWS did not report the instance’s encryption (DescribeInstance returned no EncryptionConfigurationDetails): check IAM Identity Center console → Settings → Management → Key for encrypting IAM Identity Center data at rest.',
          ),
        ),
      ];
    }
    const wanted = input.desired.identityCenter.encryption;
    if (actual.status === 'UPDATE_FAILED') {
      return [
        at(fail(instance.arn, `The last encryption key change failed: ${actual.statusReason ?? 'no reason given'}.`)),
      ];
    }
    if (actual.keyType !== wanted.keyType) {
      return [
        at(
          fail(
            instance.arn,
            `The instance uses ${KEY_NAMES[actual.keyType]}, but the config asks for ${KEY_NAMES[wanted.keyType]}.`,
          ),
        ),
      ];
    }
    if (wanted.keyType === 'CUSTOMER_MANAGED_KEY' && actual.kmsKeyArn !== wanted.kmsKeyArn) {
      return [
        at(
          fail(
            instance.arn,
            `The instance uses KMS key ${actual.kmsKeyArn ?? '(unknown)'}, but the config names ${wanted.kmsKeyArn}.`,
          ),
        ),
      ];
    }
    if (actual.status === 'UPDATING') {
      return [
        at(
          fail(
            instance.arn,
            'An encryption key change is still in progress (UPDATING); run the audit again when it completes.',
          ),
        ),
      ];
    }
    return [at(pass(instance.arn, `The instance uses ${KEY_NAMES[actual.keyType]}, as configured.`))];
  },
});
