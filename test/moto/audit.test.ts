/**
 * @module Contract: `gatehouse audit` against moto (plain, no shims), over real HTTP. moto has no
 * root user (AccountMFAEnabled is hard-coded 0 and the credential report has no `<root_account>`
 * row) and lacks several operations: the audit must still end with a defined exit code, and every
 * check it cannot judge must say error or skipped — a root check must never pass.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsSession } from '../../src/aws/index.js';
import { defaultBaseline } from '../../src/config/index.js';
import { RecordingHost } from '../../src/events/events.js';
import type { ReportDocument } from '../../src/report/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { runAudit } from '../../src/workflows/audit-workflow.js';
import { ensureBuilt } from '../helpers/run-cli.js';
import { CLI_TEST_TIMEOUT_MS, describeRun, gatehouse, SETUP_TIMEOUT_MS, scratchDir } from './cli.js';
import { motoClient } from './differential/sides.js';
import { must } from './differential/steps.js';
import { MOTO_ACCOUNT_ID, type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
const scratch = scratchDir('audit');

/** An organization, IAM users with console passwords (one with MFA), a password policy, a security contact. */
async function buildState(server: MotoServer): Promise<void> {
  const side = motoClient(server.endpoint);
  try {
    await must(side, 'organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
    for (const name of ['alice', 'bob']) {
      await must(side, 'iam', 'CreateUser', { UserName: name });
      await must(side, 'iam', 'CreateLoginProfile', { UserName: name, Password: 'Correct-Horse-Battery-9' });
    }
    const device = await must(side, 'iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice' });
    await must(side, 'iam', 'EnableMFADevice', {
      UserName: 'alice',
      SerialNumber: (device.VirtualMFADevice as { SerialNumber: string }).SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    });
    await must(side, 'iam', 'UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true });
    await must(side, 'account', 'PutAlternateContact', {
      AlternateContactType: 'SECURITY',
      Name: 'Security',
      Title: 'CISO',
      EmailAddress: 'security@example.com',
      PhoneNumber: '+1 555 0100',
    });
  } finally {
    side.close();
  }
}

beforeAll(async () => {
  ensureBuilt();
  moto = await startMoto();
  await buildState(moto);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  scratch.remove();
});

function resultsOf(report: ReportDocument, area: string) {
  return report.results.filter((r) => r.area === area);
}

function result(report: ReportDocument, checkId: string) {
  const found = report.results.find((r) => r.checkId === checkId);
  if (!found) throw new Error(`no result for ${checkId}`);
  return found;
}

/** A per-resource check's statuses, by resource. */
function statusByResource(report: ReportDocument, checkId: string): Record<string, string> {
  return Object.fromEntries(report.results.filter((r) => r.checkId === checkId).map((r) => [r.resource, r.status]));
}

/** What every audit against moto must say about the root user: it cannot be judged. */
function expectRootNeverPasses(report: ReportDocument): void {
  const root = resultsOf(report, 'root');
  expect(root.length).toBeGreaterThan(0);
  for (const r of root) expect(['error', 'skipped'], `${r.checkId}: ${r.reason}`).toContain(r.status);
  expect(result(report, 'root.mfa-enabled')).toMatchObject({ status: 'error' });
  expect(result(report, 'root.mfa-enabled').reason).toContain('<root_account>');
  expect(result(report, 'root.no-access-keys')).toMatchObject({ status: 'error' });
}

describe('gatehouse audit against moto', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('judges the built-in baseline with a defined exit code and no root check passing', async () => {
    const run = await gatehouse(moto, ['audit', '--format', 'json'], { cwd: scratch.dir });
    expect([0, 1], describeRun(run)).toContain(run.code);
    const report = JSON.parse(run.stdout) as ReportDocument;
    expect(run.code).toBe(report.summary.passedThreshold ? 0 : 1);
    expect(report.scope.callerAccountId).toBe(MOTO_ACCOUNT_ID);

    expectRootNeverPasses(report);
    // moto lacks ListOrganizationsFeatures (HTTP 500): unreadable, so error — not pass, not fail.
    expect(result(report, 'root.centralized-management')).toMatchObject({ status: 'error' });

    // What moto does model is judged from moto's state.
    expect(result(report, 'organization.exists')).toMatchObject({ status: 'pass' });
    expect(result(report, 'organization.all-features')).toMatchObject({ status: 'pass' });
    expect(result(report, 'account.security-contact')).toMatchObject({ status: 'pass' });
    expect(statusByResource(report, 'iam.no-console-users')).toEqual({
      [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/alice`]: 'fail',
      [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/bob`]: 'fail',
    });
    expect(statusByResource(report, 'iam.console-users-mfa')).toEqual({
      [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/alice`]: 'pass',
      [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/bob`]: 'fail',
    });

    // moto answers ListInstances in every region the probe touches: no single instance, so error.
    for (const r of resultsOf(report, 'identity-center')) {
      expect(['error', 'skipped', 'manual'], `${r.checkId}: ${r.reason}`).toContain(r.status);
    }
    expect(result(report, 'identity-center.enabled').reason).toMatch(/several regions/);
  });

  it('with the Identity Center region configured, reports what moto cannot answer as error', async () => {
    const config = join(scratch.dir, 'gatehouse.yaml');
    writeFileSync(
      config,
      ['version: 1', 'identityCenter:', '  region: eu-west-1', '  instance: organization', ''].join('\n'),
    );
    const run = await gatehouse(moto, ['audit', '-c', config, '--format', 'json', '--fail-on', 'critical'], {
      cwd: scratch.dir,
    });
    expect([0, 1], describeRun(run)).toContain(run.code);
    const report = JSON.parse(run.stdout) as ReportDocument;
    expect(run.code).toBe(report.summary.passedThreshold ? 0 : 1);
    expectRootNeverPasses(report);
    // Plain moto lacks DescribeInstance: the instance cannot be read, so nothing built on it passes.
    for (const id of [
      'identity-center.enabled',
      'identity-center.organization-instance',
      'identity-center.encryption',
    ]) {
      expect(result(report, id), id).toMatchObject({ status: 'error' });
    }
  });

  it('runs in process (runAudit) with a session pointed at moto', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, moto.env, { AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
    delete process.env.AWS_PROFILE;
    const host = new RecordingHost();
    const clock = new VirtualClock();
    const session = createAwsSession({ mode: 'aws', region: 'us-east-1' }, { clock, host });
    try {
      const { report, snapshot } = await runAudit({
        desired: defaultBaseline(),
        source: { session, region: 'eu-west-1' },
        host,
        now: new Date(clock.now()).toISOString(),
        checks: ['root.', 'iam.', 'organization.'],
        toolVersion: 'test',
      });
      expectRootNeverPasses(report);
      const facts = snapshot.accounts[MOTO_ACCOUNT_ID] ?? {};
      // The report itself was read (moto has one); it is the missing root row that makes root unjudgeable.
      expect(facts['iam.credential-report']?.status).toBe('ok');
      expect(facts['iam.account-summary']?.status).toBe('ok');
      expect(snapshot.org['organizations.organization']?.status).toBe('ok');
      expect(statusByResource(report, 'iam.console-users-mfa')).toEqual({
        [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/alice`]: 'pass',
        [`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/bob`]: 'fail',
      });
    } finally {
      session.destroy();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
