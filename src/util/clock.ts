/** @module Time as a dependency: the system clock for real runs, a virtual clock for tests and benchmarks. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A discrete-event clock. `sleep` never waits in real time: once the process has no other work
 * ready (checked over a few `setImmediate` turns, so every pending promise chain has run), time
 * jumps to the earliest sleeper and wakes it. Concurrent tasks therefore interleave exactly as
 * they would in real time, and a run of "five minutes" of rate-limited calls takes milliseconds.
 *
 * Everything in one test must use the same clock (engine, sandbox, pollers); a real `setTimeout`
 * elsewhere simply happens "between" virtual instants.
 */
export class VirtualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private seq = 0;
  private scheduled = false;
  private readonly idleTurns: number;

  constructor(start = Date.UTC(2026, 10, 28, 9, 0, 0), options: { idleTurns?: number } = {}) {
    this.current = start;
    this.idleTurns = options.idleTurns ?? 3;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward by hand (for tests that do not sleep), waking sleepers that are due. */
  advance(ms: number): void {
    this.current += Math.max(0, ms);
    this.wakeDue();
  }

  /** Number of tasks currently sleeping. */
  get pending(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    let turns = 0;
    let seenSeq = this.seq;
    const tick = () => {
      // New sleepers registered since the last turn mean work is still running: wait for quiet.
      if (this.seq !== seenSeq) {
        seenSeq = this.seq;
        turns = 0;
      }
      if (++turns < this.idleTurns) {
        setImmediate(tick);
        return;
      }
      this.scheduled = false;
      const next = this.sleepers.reduce<Sleeper | undefined>(
        (min, s) => (!min || s.at < min.at || (s.at === min.at && s.seq < min.seq) ? s : min),
        undefined,
      );
      if (!next) return;
      if (next.at > this.current) this.current = next.at;
      this.wakeDue();
    };
    setImmediate(tick);
  }

  private wakeDue(): void {
    const due = this.sleepers.filter((s) => s.at <= this.current).sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (due.length === 0) return;
    this.sleepers = this.sleepers.filter((s) => s.at > this.current);
    for (const s of due) s.resolve();
    if (this.sleepers.length > 0) this.schedule();
  }
}
