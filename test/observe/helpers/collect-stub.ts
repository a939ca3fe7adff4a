/** @module Runs the collector against a StubEndpoint on a virtual clock, recording fact calls. */

import { createAwsSession, type Limits } from '../../../src/aws/index.js';
import { RecordingHost } from '../../../src/events/events.js';
import { type CollectOptions, collect, type FactCall } from '../../../src/observe/collect.js';
import type { FactId } from '../../../src/observe/snapshot.js';
import { VirtualClock } from '../../../src/util/clock.js';
import { type StubEndpoint, stubCredentials } from './stub-endpoint.js';

export async function collectFromStub(
  endpoint: StubEndpoint,
  facts: readonly FactId[],
  options: Partial<Omit<CollectOptions, 'session' | 'facts' | 'host'>> & {
    limits?: Partial<Limits>;
    clock?: VirtualClock;
    /** The session's region (`--region`). */
    sessionRegion?: string;
  } = {},
) {
  const { limits, clock = new VirtualClock(), sessionRegion, ...collectOptions } = options;
  const host = new RecordingHost();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint, credentials: stubCredentials, ...(sessionRegion ? { region: sessionRegion } : {}) },
    { clock, host, env: {}, random: () => 0.5, ...(limits ? { limits } : {}) },
  );
  const calls: FactCall[] = [];
  const start = clock.now();
  const snapshot = await collect({
    session,
    facts,
    host,
    identityCenterRegion: 'eu-west-1',
    onCall: (c) => calls.push(c),
    ...collectOptions,
  });
  return { snapshot, calls, session, host, clock, elapsedMs: clock.now() - start };
}
