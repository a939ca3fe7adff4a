import { describe, expect, it } from 'vitest';
import { createInterruptHandler } from './interrupts.js';

describe('createInterruptHandler', () => {
  it('stops on the first Ctrl-C and leaves on the second', () => {
    const calls: string[] = [];
    const handler = createInterruptHandler({
      stop: () => calls.push('stop'),
      note: (text) => calls.push(`note: ${text}`),
      leave: () => calls.push('leave'),
    });
    handler();
    expect(calls).toEqual([
      'note: Stopping: nothing new starts and the report follows; requests AWS accepted finish on their own. Ctrl-C again leaves at once.',
      'stop',
    ]);
    handler();
    expect(calls.at(-1)).toBe('leave');
    handler();
    expect(calls.filter((c) => c === 'leave')).toHaveLength(1);
  });
});
