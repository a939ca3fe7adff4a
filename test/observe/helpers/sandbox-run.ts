/** @module Runs the collector against the real built-in sandbox on a virtual clock. */

import { createAwsSession, type Limits } from '../../../src/aws/index.js';
import { RecordingHost } from '../../../src/events/events.js';
import { type CollectOptions, collect, type FactCall } from '../../../src/observe/collect.js';
import type { FactId } from '../../../src/observe/snapshot.js';
import { createSandbox, type KnobsPatch, type LargeSizes, type ScenarioName } from '../../../src/sandbox/index.js';
import { VirtualClock } from '../../../src/util/clock.js';

/** A small seeded [0, 1) generator (mulberry32) so retry jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SandboxRunOptions extends Partial<Omit<CollectOptions, 'session' | 'facts' | 'host'>> {
  sizes?: Partial<LargeSizes>;
  knobs?: KnobsPatch;
  limits?: Partial<Limits>;
  seed?: number;
}

export async function collectFromSandbox(
  scenario: ScenarioName,
  facts: readonly FactId[],
  options: SandboxRunOptions = {},
) {
  const { sizes, knobs, limits, seed = 1, ...collectOptions } = options;
  const clock = new VirtualClock();
  const sandbox = createSandbox({
    clock,
    scenario,
    scenarioOptions: { seed, ...(sizes ? { sizes } : {}) },
    ...(knobs ? { knobs } : {}),
  });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error(`scenario ${scenario} has no default credentials`);
  const host = new RecordingHost();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint: sandbox, credentials },
    { clock, host, env: {}, random: seededRandom(seed), ...(limits ? { limits } : {}) },
  );
  const calls: FactCall[] = [];
  const start = clock.now();
  const snapshot = await collect({ session, facts, host, onCall: (c) => calls.push(c), ...collectOptions });
  return { snapshot, calls, sandbox, session, host, clock, elapsedMs: clock.now() - start };
}
