/**
 * @module Fact `iam.credential-report`: the IAM credential report (root row `<root_account>`). Asks
 * for a report (AWS reuses one younger than 4 hours), then polls GetCredentialReport on the clock
 * every 2 s while it is being generated, for at most 2 minutes.
 */

import { parseCredentialReport } from '../credential-report-csv.js';
import { failed, ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { isAwsError, iso } from '../read-helpers.js';

export const CREDENTIAL_REPORT_POLL_MS = 2000;
export const CREDENTIAL_REPORT_MAX_POLLS = 60;

export const iamCredentialReport = defineFact({
  id: 'iam.credential-report',
  scope: 'account',
  iamActions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  async read(ctx) {
    const generate = () => ctx.aws.call('iam', 'GenerateCredentialReport', {});
    const { State } = await generate();
    if (State !== 'COMPLETE') await ctx.clock.sleep(CREDENTIAL_REPORT_POLL_MS);
    let regenerated = false;
    for (let poll = 0; poll < CREDENTIAL_REPORT_MAX_POLLS; poll++) {
      try {
        const report = await ctx.aws.call('iam', 'GetCredentialReport', {});
        const csv = report.Content ? new TextDecoder('utf-8').decode(report.Content) : '';
        return ok({
          generatedTime: iso(report.GeneratedTime) ?? new Date(ctx.clock.now()).toISOString(),
          rows: parseCredentialReport(csv),
        });
      } catch (error) {
        if (isAwsError(error, { code: 'CredentialReportExpiredException' }) && !regenerated) {
          regenerated = true;
          await generate();
        } else if (
          !isAwsError(error, { code: ['CredentialReportNotReadyException', 'CredentialReportNotPresentException'] })
        ) {
          throw error;
        }
        await ctx.clock.sleep(CREDENTIAL_REPORT_POLL_MS);
      }
    }
    return failed(
      'timeout',
      `the IAM credential report was still not ready after ${(CREDENTIAL_REPORT_MAX_POLLS * CREDENTIAL_REPORT_POLL_MS) / 1000} s`,
    );
  },
});
