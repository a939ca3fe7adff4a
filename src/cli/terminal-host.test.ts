import { describe, expect, it } from 'vitest';
import { createTerminalHost } from './terminal-host.js';

describe('createTerminalHost warnings', () => {
  it('says "warning:" once, also for a config diagnostic that carries it already', () => {
    let text = '';
    const host = createTerminalHost({
      stream: { write: (t: string) => (text += t) },
      color: false,
      quiet: false,
      debug: false,
      interactive: false,
    });
    host.emit({
      type: 'log',
      level: 'warn',
      code: 'config.x',
      message: 'gatehouse.yaml:3:5: warning: users.ana has no email [missing-email]',
    });
    host.emit({ type: 'log', level: 'warn', code: 'audit.y', message: 'AWS kept throttling one read' });
    expect(text).toBe(
      'gatehouse.yaml:3:5: warning: users.ana has no email [missing-email]\nwarning: AWS kept throttling one read\n',
    );
  });
});
