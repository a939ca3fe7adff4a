/**
 * @module Runs `import` against the built-in sandbox on a virtual clock: collects the import's facts
 * (plus what the plan reads in the caller's account) through real SDK clients, imports, renders,
 * parses the text back and plans it against the same snapshot.
 */

import { createAwsSession } from '../../src/aws/index.js';
import { parseConfigText, renderConfigYaml } from '../../src/config/index.js';
import { RecordingHost } from '../../src/events/events.js';
import { IMPORT_FACTS, type ImportResult, importConfig } from '../../src/import/index.js';
import type { DesiredState } from '../../src/model/desired.js';
import { collect } from '../../src/observe/collect.js';
import type { FactId, Snapshot } from '../../src/observe/snapshot.js';
import type { PlanDocument } from '../../src/plan/actions.js';
import { createPlan, requiredPlanFacts } from '../../src/plan/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { VirtualClock } from '../../src/util/clock.js';

/** What import collects, plus the caller-account facts every plan reads. */
export const ROUND_TRIP_FACTS: readonly FactId[] = [...IMPORT_FACTS, 'iam.account-summary', 'iam.console-access'];

export async function snapshotOf(sandbox: Sandbox, clock: VirtualClock): Promise<Snapshot> {
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('the sandbox has no default credentials');
  const host = new RecordingHost();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint: sandbox, credentials },
    { clock, host, env: {}, random: () => 0.5 },
  );
  try {
    return await collect({ session, facts: ROUND_TRIP_FACTS, host });
  } finally {
    session.destroy();
  }
}

export interface RoundTrip {
  imported: ImportResult;
  text: string;
  desired: DesiredState;
  plan: PlanDocument;
}

/** import → YAML → parse (the full loader, rules included) → plan against the same snapshot. */
export async function roundTrip(snapshot: Snapshot): Promise<RoundTrip> {
  const imported = importConfig(snapshot);
  const text = renderConfigYaml(imported.config, imported.comments);
  const { desired } = await parseConfigText(text, 'imported.yaml', { now: Date.parse(snapshot.observedAt) });
  const needed = requiredPlanFacts(desired);
  for (const id of needed.org)
    if (!snapshot.org[id]) throw new Error(`the plan needs ${id}, which import does not collect`);
  const plan = createPlan(desired, snapshot, { now: snapshot.observedAt });
  return { imported, text, desired, plan };
}
