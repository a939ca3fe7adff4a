/** @module root.no-signing-certificates: the root user has no X.509 signing certificates. */

import { rootArn, rootRow } from '../credential-report.js';
import { defineCheck, fail, pass } from '../define-check.js';

export const rootNoSigningCertificates = defineCheck({
  id: 'root.no-signing-certificates',
  title: 'The root user has no X.509 signing certificates',
  severity: 'medium',
  scope: 'account',
  rootUser: true,
  rationale:
    'A signing certificate is a long-lived root credential for legacy SOAP APIs. It is easy to forget, hard to spot, and not protected by MFA.',
  remediation: {
    console:
      'Sign in as the root user → account menu (top right) → Security credentials → X.509 certificate → Delete every certificate.',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html'],
  },
  requires: ['iam.account-summary', 'iam.credential-report'],
  evaluate(input) {
    const row = rootRow(input.fact('iam.credential-report'), input.accountId);
    const resource = rootArn(row, input.accountId);
    const flag = input.fact('iam.account-summary').AccountSigningCertificatesPresent;
    const activeInReport = row.cert1Active || row.cert2Active;
    if (flag === 1 || activeInReport) return [fail(resource, 'The root user has an X.509 signing certificate.')];
    return [pass(resource, 'The root user has no X.509 signing certificates.')];
  },
});
