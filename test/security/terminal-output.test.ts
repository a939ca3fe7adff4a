/**
 * Control characters from data never reach the terminal (issue 11 finding 6): a newline in a display
 * name cannot make a fake line, and ESC, BEL, CR, C1 and bidi controls are shown as escape text.
 * Every text renderer is fed hostile data; the CLI's one writer (`terminalText`) is checked on its own.
 */

import { describe, expect, it } from 'vitest';
import type { AccessView } from '../../src/access/model.js';
import { renderOnboarding } from '../../src/access/onboarding.js';
import { renderAccessText } from '../../src/access/render-text.js';
import { terminalText } from '../../src/cli/terminal-text.js';
import { renderPlan } from '../../src/plan/render.js';
import { renderText } from '../../src/report/render-text.js';
import { reportOf, result } from '../../src/report/test-reports.test-helpers.js';
import { visible, visibleData } from '../../src/util/visible-text.js';
import { desiredState, group, user } from '../plan/builders.js';
import { planFor } from '../plan/plan-helpers.js';

const FAKE_SUMMARY = 'Plan: 0 to add, 0 to change, 0 to destroy';
/** A display name as AWS allows it (GroupDisplayName admits \n, \r and \t), plus what a terminal would obey. */
const HOSTILE = `Ada\n${FAKE_SUMMARY}\r\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066x\u2069\u200b`;

/** What a terminal must never receive from data: ESC that is not our SGR, BEL, CR, C1, bidi and zero-width controls. */
function expectInert(text: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  const withoutSgr = text.replace(/\u001b\[[0-9;]*m/g, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  expect(withoutSgr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069]/);
  expect(text.split('\n').filter((line) => line.startsWith(FAKE_SUMMARY))).toEqual([]);
}

describe('the escape convention', () => {
  it('shows every control and format character as escape text', () => {
    expect(visible('a\nb\tc\rd\u001b[31me\u0007f\u007fg\u009bh\u202ei\u2066j\u200bk\u2028l')).toBe(
      'a\\nb\\tc\\rd\\x1b[31me\\x07f\\x7fg\\x9bh\\u{202e}i\\u{2066}j\\u{200b}k\\u{2028}l',
    );
  });

  it('leaves printable text alone, including non-Latin letters and emoji', () => {
    expect(visible('Zoë Łukasz 李 🙂')).toBe('Zoë Łukasz 李 🙂');
  });

  it('visibleData copies JSON-like data with every string and key made visible, "__proto__" kept as a key', () => {
    const input = JSON.parse('{"__proto__": "p", "a\\nb": ["x\\u001b", 1, null, {"k": "v\\t"}]}') as Record<
      string,
      unknown
    >;
    const copy = visibleData(input);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a\\nb']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['a\\nb']).toEqual(['x\\x1b', 1, null, { k: 'v\\t' }]);
  });
});

describe('the CLI writer (terminalText)', () => {
  it('keeps its own line feeds, tabs and colours, and escapes everything else', () => {
    const own = `\u001b[1mPlan:\u001b[22m 1 to add\n\tdone\n`;
    expect(terminalText(own)).toBe(own);
    expect(terminalText(`x${HOSTILE}`)).toBe(`x${visible(HOSTILE).replaceAll('\\n', '\n')}`);
    expectInert(terminalText(HOSTILE).replace('\n', ''));
  });
});

describe('every text renderer, fed hostile names', () => {
  it('plan: a new user whose display name holds a fake summary line', () => {
    const desired = desiredState({
      users: [user('ada', { displayName: HOSTILE })],
      groups: [group(`Ops${HOSTILE}`, ['ada'])],
    });
    for (const color of [false, true]) {
      const text = renderPlan(planFor(desired), { color });
      expectInert(text);
      expect(text).toContain(`displayName: "Ada\\n${FAKE_SUMMARY}\\r\\x1b]0;pwned\\x07`);
      expectInert(terminalText(text));
    }
  });

  it('audit: a finding whose reason and resource quote a hostile name', () => {
    const report = reportOf([result({ reason: `user ${HOSTILE} has no MFA`, resource: HOSTILE })]);
    for (const color of [false, true]) expectInert(renderText(report, { color }));
  });

  it('access and the onboarding note: hostile user, group, account and permission set names', () => {
    const who = { userName: `ada${HOSTILE}`, displayName: HOSTILE, userKey: 'ada' };
    const view: AccessView = {
      source: 'live',
      entries: [
        {
          ...who,
          accountId: '111111111111',
          accountName: `prod${HOSTILE}`,
          accountState: 'ACTIVE',
          permissionSet: `Admin${HOSTILE}`,
          via: 'group',
          group: `Ops${HOSTILE}`,
          admin: true,
        },
      ],
      users: [who],
      portalUrl: 'https://d-1234567890.awsapps.com/start',
      externalIdentitySource: false,
      ssoSessionName: 'acme',
    };
    const text = renderAccessText(view);
    expectInert(text);
    expect(text).toContain(`via group Ops${visible(HOSTILE)}`);
    expectInert(renderOnboarding(view, who));
  });
});
