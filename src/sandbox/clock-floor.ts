/**
 * @module The sandbox's rule for mixed clocks: a state's time never runs backwards. A state written
 * on one clock (the real one, a faked one, a test's virtual one) and opened with a clock that is
 * behind its newest instant would otherwise hide what it holds (objects "created in the future" are
 * invisible, async work never completes, credentials look unissued). So the state wins: the sandbox
 * serves from its newest instant on, shifted by the difference, and durations are unchanged.
 */

import { type Clock, VirtualClock } from '../util/clock.js';
import type { SandboxState } from './state.js';

/** Keys whose numbers are instants that have already happened (not deadlines such as `expiresAt`). */
const PAST_INSTANT_KEYS = new Set([
  'createdAt',
  'updatedAt',
  'enabledAt',
  'joinedAt',
  'requestedAt',
  'passwordLastUsed',
  'at',
  'time',
]);

function newestIn(value: unknown, key: string | null, newest: number): number {
  if (typeof value === 'number') return key !== null && PAST_INSTANT_KEYS.has(key) && value > newest ? value : newest;
  if (Array.isArray(value)) {
    let result = newest;
    for (const item of value) result = newestIn(item, null, result);
    return result;
  }
  if (value !== null && typeof value === 'object') {
    let result = newest;
    for (const [k, v] of Object.entries(value)) result = newestIn(v, k, result);
    return result;
  }
  return newest;
}

/**
 * The newest instant a state has seen: its recorded high-water mark, or (for files written before
 * the mark existed, or edited by hand) the newest past timestamp anywhere in it.
 */
export function newestInstant(state: Readonly<SandboxState>): number {
  const { clockHighWater, ...rest } = state;
  return newestIn(rest, null, typeof clockHighWater === 'number' ? clockHighWater : 0);
}

export interface FlooredClock {
  clock: Clock;
  /** How far the sandbox's time runs ahead of the given clock (0 when the clock is not behind). */
  shiftMs: number;
}

/**
 * A clock that never reads earlier than `floor`. A VirtualClock behind the floor is moved forward
 * to it (so a test's engine and sandbox keep one time); any other clock is wrapped with a fixed
 * offset, since the real clock cannot be moved.
 */
export function flooredClock(base: Clock, floor: number): FlooredClock {
  const behind = floor - base.now();
  if (behind <= 0) return { clock: base, shiftMs: 0 };
  if (base instanceof VirtualClock) {
    base.advance(behind);
    return { clock: base, shiftMs: 0 };
  }
  const clock: Clock = {
    now: () => base.now() + behind,
    sleep: (ms, signal) => base.sleep(ms, signal),
  };
  return { clock, shiftMs: behind };
}
