/**
 * @module Valid configs (test/fixtures/configs/ and the examples): each loads, its warnings are exactly
 * the expected ones, and its normalised model matches the committed `<name>.desired.json` snapshot.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/cli/format-diagnostic.js';
import { loadConfig } from '../../src/config/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/configs');
const NOW = Date.UTC(2026, 10, 28, 9);

const expectedWarnings: Record<string, string[]> = {
  'warnings-only.yaml': [
    'warnings-only.yaml:4:13: warning: identityCenter.instance: an account instance cannot assign permission sets across the organization; `organization` is recommended [account-instance]',
    'warnings-only.yaml:5:15: warning: identityCenter.requireMfa: sign-ins without MFA are not recommended; the baseline requires MFA [mfa-not-required]',
    'warnings-only.yaml:8:37: warning: permissionSets.Admin.policies[1]: the same policy as policies[0] [duplicate-policy]',
    'warnings-only.yaml:9:22: warning: permissionSets.Admin.sessionDuration: `Admin` grants administrator access for sessions of PT12H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours) [admin-session-too-long]',
    'warnings-only.yaml:12:18: warning: users.ada2.email: `ada@example.com` is also the email of `users.ada`; is this the same person twice? [duplicate-email]',
    'warnings-only.yaml:15:15: warning: accounts.production: 111111111111 is also `prod` [duplicate-account-id]',
    'warnings-only.yaml:17:61: warning: assignments[0].accounts[0]: `managment` is not an alias under `accounts:` (did you mean `management`?); it will be looked up as a live account name [unknown-account-name]',
    'warnings-only.yaml:18:5: warning: assignments[1]: repeats assignments[0] [duplicate-assignment]',
    'warnings-only.yaml:18:61: warning: assignments[1].accounts[0]: `managment` is not an alias under `accounts:` (did you mean `management`?); it will be looked up as a live account name [unknown-account-name]',
    'warnings-only.yaml:20:3: warning: attestations["identity-center.mfa-required"]: the attestation by ada expired on 2025-07-09; the check counts as manual again until someone re-verifies it [attestation-expired]',
    'warnings-only.yaml:23:64: warning: audit.waivers[0].expires: the waiver expired on 2026-01-31 and no longer applies; renew it or fix the finding [waiver-expired]',
  ],
};

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));

describe('valid configs', () => {
  test.each(fixtures)('%s', async (file) => {
    const { desired, warnings } = await loadConfig(file, { cwd: FIXTURES, now: NOW });
    expect(warnings.map(formatDiagnostic)).toEqual(expectedWarnings[file] ?? []);
    await expect(`${JSON.stringify(desired, null, 2)}\n`).toMatchFileSnapshot(
      join(FIXTURES, file.replace(/\.yaml$/, '.desired.json')),
    );
  });

  test('full.yaml uses every key of the language', async () => {
    const { desired } = await loadConfig('full.yaml', { cwd: FIXTURES, now: NOW });
    expect(desired.organization).toBeDefined();
    expect(Object.keys(desired.contacts).sort()).toEqual(['BILLING', 'OPERATIONS', 'SECURITY']);
    expect(desired.identityCenter.encryption.keyType).toBe('CUSTOMER_MANAGED_KEY');
    const developer = desired.permissionSets.find((p) => p.name === 'Developer')!;
    expect(developer.sessionDuration).toBe('PT1H30M');
    expect(developer.permissionsBoundary).toEqual({
      customerManagedPolicy: { name: 'DeveloperBoundary', path: '/boundaries/' },
    });
    const auditor = desired.permissionSets.find((p) => p.name === 'Auditor')!;
    expect(auditor.inlinePolicy).toMatchObject({ Statement: [{ Sid: 'ReadLogs' }] });
    expect(desired.permissionSets.find((p) => p.name === 'Legacy')?.managed).toBe(false);
    expect(desired.users.find((u) => u.key === 'grace')).toMatchObject({
      userName: 'grace.hopper',
      displayName: 'Rear Admiral Grace Hopper',
    });
    expect(desired.accountAliases.zero).toBe('012345678901');
    expect(desired.attestations.map((a) => a.expires)).toEqual(['2027-05-19', '2027-04-01']);
  });

  test('the examples are valid, without warnings', async () => {
    for (const file of ['examples/startup.yaml', 'examples/growing-org.yaml']) {
      const { warnings } = await loadConfig(file, { now: NOW });
      expect(warnings).toEqual([]);
    }
  });
});
