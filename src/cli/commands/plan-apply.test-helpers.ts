/** @module Test support for the plan and apply commands: a temporary directory with a sandbox state file and a config. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSandboxFile, type ScenarioName } from '../../sandbox/index.js';
import { VirtualClock } from '../../util/clock.js';

export const SMALL_CONFIG = `version: 1
root: { mfa: required }
identityCenter: { region: eu-west-1, instance: organization }
permissionSets:
  Admin: { description: Founders, sessionDuration: PT4H, policies: [AdministratorAccess] }
users:
  ana: { email: ana@example.com, givenName: Ana, familyName: A }
groups:
  Founders: { members: [ana] }
assignments:
  - { principal: group:Founders, permissionSet: Admin, accounts: [management, dev] }
`;

/** A directory with `sandbox.json` (a scenario) and `gatehouse.yaml`; one VirtualClock for both. */
export async function workspace(scenario: ScenarioName = 'org', config = SMALL_CONFIG) {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  const clock = new VirtualClock();
  const sandbox = join(dir, 'sandbox.json');
  const file = await openSandboxFile(sandbox, { clock, create: { scenario } });
  file.close();
  writeFileSync(join(dir, 'gatehouse.yaml'), config);
  return { dir, clock, sandbox };
}
