/** @module A CliContext for in-process command tests: captures stdout/notes, records events, uses a virtual clock. */

import type { CliContext, GlobalOptions } from '../../src/cli/context.js';
import { RecordingHost } from '../../src/events/events.js';
import { type Clock, VirtualClock } from '../../src/util/clock.js';

export interface TestContext extends CliContext {
  host: RecordingHost;
  stdout: string[];
  notes: string[];
  /** Everything written to stdout, joined. */
  output(): string;
}

export function testContext(
  overrides: Partial<Omit<CliContext, 'host' | 'globals'>> & {
    globals?: Partial<GlobalOptions>;
    host?: RecordingHost;
    clock?: Clock;
  } = {},
): TestContext {
  const stdout: string[] = [];
  const notes: string[] = [];
  const { globals, host, ...rest } = overrides;
  return {
    host: host ?? new RecordingHost(),
    out: (text) => stdout.push(text.endsWith('\n') ? text : `${text}\n`),
    note: (text) => notes.push(text),
    stdoutColor: false,
    interactive: false,
    env: {},
    cwd: process.cwd(),
    clock: new VirtualClock(),
    ...rest,
    globals: { color: false, quiet: false, debug: false, ...globals },
    stdout,
    notes,
    output: () => stdout.join(''),
  };
}
