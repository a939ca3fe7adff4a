/**
 * Advice that holds on any date: a check whose fix is an attestation prints a snippet dated the run's
 * day (not a fixed date that would already have expired), and following it makes the check attested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERIFIED_ON } from '../../src/checks/define-check.js';
import { parseConfigText } from '../../src/config/index.js';
import * as gatehouse from '../../src/index.js';

const ATTESTED_CHECKS = ['identity-center.mfa-required', 'identity-center.api-users-get-invitation'];
/** Far from any fixed date in the code, so only a date taken from the run can work. */
const RUN_DAY = Date.UTC(2031, 2, 14, 10, 0, 0);

async function auditDay1(configText: string, clock: gatehouse.VirtualClock, sandbox: gatehouse.Sandbox) {
  const host = new gatehouse.RecordingHost();
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('day1 issues default credentials');
  const session = gatehouse.createAwsSession(
    { mode: 'sandbox', endpoint: sandbox, credentials },
    { clock, host, env: {} },
  );
  const { desired } = await parseConfigText(configText, 'gatehouse.yaml', { now: clock.now() });
  const { report } = await gatehouse.runAudit({
    desired,
    source: { session },
    host,
    now: new Date(clock.now()).toISOString(),
    toolVersion: 'test',
  });
  session.destroy();
  return report;
}

describe('attestation advice', () => {
  it('is dated the day of the run, and following it makes the checks attested', async () => {
    const clock = new gatehouse.VirtualClock(RUN_DAY);
    const sandbox = gatehouse.createSandbox({ scenario: 'day1', clock });
    const startup = readFileSync('examples/startup.yaml', 'utf8');
    const before = await auditDay1(startup, clock, sandbox);

    const snippets = ATTESTED_CHECKS.map((id) => {
      const config = before.checks.find((c) => c.id === id)?.remediation.config;
      expect(config, id).toBeDefined();
      expect(config).toContain('on: 2031-03-14');
      expect(config).not.toContain(VERIFIED_ON);
      return config as string;
    });
    for (const id of ATTESTED_CHECKS) {
      expect(before.results.find((r) => r.checkId === id)?.status, id).toBe('manual');
    }

    // Follow the advice: add each snippet's attestation (by a named person) to the config.
    const attestations = snippets
      .map((s) => s.split('\n').find((line) => line.includes('{ by: your-name')) as string)
      .map((line) => line.replace('your-name', 'ismail'));
    const followed = `${startup}\nattestations:\n${attestations.join('\n')}\n`;
    const after = await auditDay1(followed, clock, sandbox);
    for (const id of ATTESTED_CHECKS) {
      expect(after.results.find((r) => r.checkId === id)?.status, id).toBe('attested');
    }
  });
});
