/** @module What every CLI command receives: output streams, the event host, global options and the environment. */

import type { Host } from '../events/events.js';
import type { Clock } from '../util/clock.js';

/** Options every command accepts (DESIGN §4). */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  /** Sandbox state file (`--sandbox FILE` or GATEHOUSE_SANDBOX). */
  sandbox?: string;
  color: boolean;
  quiet: boolean;
  debug: boolean;
}

export interface CliContext {
  /** Renders library events (progress, logs) to stderr; asks questions on the terminal. */
  host: Host;
  /** Results: reports, plans, generated files printed instead of written. Machine formats go here only. */
  out(text: string): void;
  /** Human messages that are not results (notes, "wrote FILE"). Suppressed by --quiet except errors. */
  note(text: string): void;
  /** Whether stdout may carry ANSI colour (a TTY, no NO_COLOR, no --no-color). */
  stdoutColor: boolean;
  /** Whether stdin and stderr are terminals and we are not in CI: prompts and progress bars allowed. */
  interactive: boolean;
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  cwd: string;
  clock: Clock;
}
