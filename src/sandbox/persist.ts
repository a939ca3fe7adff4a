/**
 * @module The sandbox state file: one versioned JSON document shared by separate processes
 * (`sandbox create`, then `audit`/`plan`/`apply --sandbox FILE`). A process holds the file's lock
 * for as long as it has the file open; changes are written atomically (never half-written),
 * coalesced at most every `flushIntervalMs` (default 100 ms; four times the last write's duration
 * when that is longer, for large states), on close and at process exit.
 */

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseJsonText } from '../config/json-text.js';
import { SandboxError } from '../errors.js';
import { resolveOutputTarget, writeFileAtomic } from '../util/atomic-write.js';
import type { Clock } from '../util/clock.js';
import type { KnobsPatch } from './knobs.js';
import { acquireLock, type HeldLock, type LockOptions } from './lock.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import type { ChosenCredentials, LargeSizes, ScenarioName } from './scenarios/index.js';
import type { SandboxState } from './state.js';
import { checkState } from './state-check.js';

/** Above this size the file is written without indentation (large scenarios). */
const PRETTY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface OpenSandboxFileOptions {
  clock?: Clock;
  /** Create the file from a scenario instead of reading it. */
  create?: {
    scenario: ScenarioName;
    seed?: number;
    sizes?: Partial<LargeSizes>;
    credentials?: ChosenCredentials;
    knobs?: KnobsPatch;
    /** Replace an existing file (else SandboxError). */
    overwrite?: boolean;
  };
  /** How long to wait for another process holding the file (default 30 s). */
  lockTimeoutMs?: number;
  lockOptions?: Omit<LockOptions, 'timeoutMs'>;
  /** Coalescing window of writes (default 100 ms). */
  flushIntervalMs?: number;
}

export interface SandboxFile {
  readonly path: string;
  readonly sandbox: Sandbox;
  /** Writes pending changes now. */
  flush(): void;
  /** Writes pending changes and releases the lock. Further calls do nothing. */
  close(): void;
}

/** The serialized state: indented for hand edits unless it is large. */
export function serializeState(state: Readonly<SandboxState>): string {
  const compact = JSON.stringify(state);
  return compact.length > PRETTY_LIMIT_BYTES ? `${compact}\n` : `${JSON.stringify(state, null, 2)}\n`;
}

/** Reads and checks a state file without locking it (for inspection; use openSandboxFile to use it). */
export function readStateFile(path: string): SandboxState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SandboxError(`no sandbox state at ${path}`, {
        hints: [`create one with \`gatehouse sandbox create --scenario fresh --state ${path}\``],
      });
    }
    if (code === 'EISDIR') throw new SandboxError(`${path} is a directory, not a sandbox state file`);
    throw new SandboxError(`cannot read the sandbox state ${path}: ${(error as Error).message}`);
  }
  // Not JSON.parse's own message: it quotes the text around the error, and this file holds secrets.
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new SandboxError(
      `the sandbox state ${path} is not valid JSON (${parsed.problem} at line ${parsed.line}, column ${parsed.column})`,
      { hints: ['recreate it with `gatehouse sandbox create --force`'] },
    );
  }
  const doc = parsed.value;
  return checkState(doc, `the sandbox state ${path}`);
}

interface OpenEntry {
  file: SandboxFile;
  refs: number;
  release: () => void;
}

/** Files this process has open: opening one again shares it instead of waiting for our own lock. */
const openFiles = new Map<string, OpenEntry>();

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens (or creates) a sandbox state file and holds its lock until `close()`.
 * Errors: SandboxError for a missing, corrupt, foreign or newer file, or a lock held too long.
 */
export async function openSandboxFile(path: string, options: OpenSandboxFileOptions = {}): Promise<SandboxFile> {
  // The file that is read and written (a symlink's target; a FIFO or device is refused before any lock is taken).
  const absolute = resolveOutputTarget(path);
  const shared = openFiles.get(absolute);
  if (shared && !options.create) {
    shared.refs += 1;
    let closed = false;
    return {
      path: absolute,
      sandbox: shared.file.sandbox,
      flush: () => shared.file.flush(),
      close: () => {
        if (closed) return;
        closed = true;
        shared.refs -= 1;
        if (shared.refs === 0) shared.release();
        else shared.file.flush();
      },
    };
  }
  if (shared)
    throw new SandboxError(`the sandbox state ${absolute} is open in this process and cannot be recreated now`);

  const lock: HeldLock = await acquireLock(absolute, {
    ...options.lockOptions,
    timeoutMs: options.lockTimeoutMs ?? 30_000,
  });
  let sandbox: Sandbox;
  try {
    const create = options.create;
    if (create) {
      if (!create.overwrite && exists(absolute)) {
        throw new SandboxError(`${absolute} already exists`, { hints: ['use --force to replace it'] });
      }
      sandbox = createSandbox({
        ...(options.clock ? { clock: options.clock } : {}),
        scenario: create.scenario,
        scenarioOptions: {
          ...(create.seed !== undefined ? { seed: create.seed } : {}),
          ...(create.sizes ? { sizes: create.sizes } : {}),
          ...(create.credentials ? { credentials: create.credentials } : {}),
        },
        ...(create.knobs ? { knobs: create.knobs } : {}),
      });
      writeFileAtomic(absolute, serializeState(sandbox.state), { mode: 0o600 });
    } else {
      const state = readStateFile(absolute);
      sandbox = createSandbox({ ...(options.clock ? { clock: options.clock } : {}), state });
    }
  } catch (error) {
    lock.release();
    throw error;
  }

  const interval = options.flushIntervalMs ?? 100;
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let deferredError: unknown = null;
  // A large state takes a while to write: never spend more than about a fifth of the time writing.
  let lastWriteMs = 0;
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (deferredError !== null) {
      const error = deferredError;
      deferredError = null;
      throw error;
    }
    if (!dirty) return;
    const started = performance.now();
    // State files hold (sandbox) secrets: private to the user.
    writeFileAtomic(absolute, serializeState(sandbox.state), { mode: 0o600 });
    lastWriteMs = performance.now() - started;
    dirty = false;
  };
  const unsubscribe = sandbox.onChange(() => {
    if (closed) return;
    dirty = true;
    if (!timer) {
      timer = setTimeout(
        () => {
          try {
            flush();
          } catch (error) {
            // Reported by the next flush or close, not as an uncaught exception from a timer.
            deferredError = new SandboxError(`cannot write the sandbox state ${absolute}: ${(error as Error).message}`);
          }
        },
        Math.max(interval, 4 * lastWriteMs),
      );
      timer.unref();
    }
  });
  const onExit = () => release();
  const release = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    try {
      flush();
    } finally {
      lock.release();
      openFiles.delete(absolute);
      process.off('exit', onExit);
    }
  };
  // A process that exits without closing still writes its last changes and frees the lock.
  process.on('exit', onExit);
  const file: SandboxFile = { path: absolute, sandbox, flush, close: release };
  const entry: OpenEntry = { file, refs: 1, release };
  openFiles.set(absolute, entry);
  let closedHandle = false;
  return {
    path: absolute,
    sandbox,
    flush,
    close: () => {
      if (closedHandle) return;
      closedHandle = true;
      entry.refs -= 1;
      if (entry.refs === 0) release();
      else flush();
    },
  };
}

/** The state file used when none is named. */
export const DEFAULT_STATE_FILE = 'gatehouse-sandbox.json';

/** Which state file a command uses: `--state`, else `--sandbox`, else GATEHOUSE_SANDBOX, else ./gatehouse-sandbox.json. */
export function resolveStatePath(
  sources: { state?: string | undefined; sandbox?: string | undefined; env?: NodeJS.ProcessEnv },
  cwd: string,
): string {
  const chosen =
    sources.state ?? sources.sandbox ?? (sources.env?.GATEHOUSE_SANDBOX || undefined) ?? DEFAULT_STATE_FILE;
  return resolve(cwd, chosen);
}
