import { describe, expect, test } from 'vitest';
import { aSnapshot, MANAGEMENT, MEMBER } from '../checks/test-builders.test-helpers.js';
import { renderJunit } from './render-junit.js';
import { day1Report, freshReport, HOSTILE, reportOf, result } from './test-reports.test-helpers.js';

/** A small well-formedness check: balanced tags, quoted attributes, only the five entities, no control characters. */
function assertWellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const controls = [...xml].filter((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return cp < 0x20 && cp !== 0x9 && cp !== 0xa && cp !== 0xd;
  });
  expect(controls).toEqual([]);
  expect(xml.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  const stack: string[] = [];
  const body = xml.slice(xml.indexOf('?>') + 2);
  for (const match of body.matchAll(/<(\/?)([a-z-]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>|<|>/g)) {
    const [token, closing, name, , selfClosing] = match;
    if (token === '<') throw new Error(`stray < at ${match.index}`);
    if (token === '>') continue;
    if (closing) expect(stack.pop(), `closing ${name}`).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(stack).toEqual([]);
}

describe('renderJunit', () => {
  test('testsuites → one testsuite per area → one testcase per check and account', () => {
    const xml = renderJunit(freshReport());
    assertWellFormed(xml);
    expect(xml).toContain(
      '<testsuites name="gatehouse audit" tests="30" failures="11" errors="0" skipped="15" time="0">',
    );
    expect(xml.match(/<testsuite /g)).toHaveLength(5);
    expect(xml).toContain('<testsuite name="root" tests="6" failures="4" errors="0" skipped="1"');
    expect(xml).toContain('<testcase classname="gatehouse.root" name="root.mfa-enabled [111111111111]" time="0">');
    expect(xml).toContain(
      '<failure message="The root user has no MFA device." type="critical">The root user has MFA\nFAIL arn:aws:iam::111111111111:root',
    );
  });

  test('failure for fail, error for error, skipped for skipped/manual/waived, pass otherwise', () => {
    const xml = renderJunit(
      reportOf([
        result(),
        result({ checkId: 'root.not-used', status: 'error', reason: 'Could not judge.' }),
        result({ checkId: 'root.hardware-mfa', status: 'skipped', reason: 'Not here.' }),
        result({ checkId: 'root.no-access-keys', waived: { reason: 'closing', expires: '2027-01-01' } }),
        result({ checkId: 'account.contact-details', status: 'manual', reason: 'Verify it.' }),
        result({ checkId: 'root.no-signing-certificates', status: 'pass', reason: 'Fine.' }),
      ]),
    );
    assertWellFormed(xml);
    expect(xml).toContain('<testsuites name="gatehouse audit" tests="6" failures="1" errors="1" skipped="3" time="0">');
    expect(xml).toContain('<error message="Could not judge." type="critical">');
    expect(xml).toContain('<skipped message="waived until 2027-01-01: closing"/>');
    expect(xml).toContain('<skipped message="manual: Verify it."/>');
    expect(xml).toContain('<system-out>The root user has no X.509 signing certificates\nPASS');
  });

  test('several findings of one check in one account make one testcase; accounts make separate ones', () => {
    const snapshot = aSnapshot().inScope(MANAGEMENT).inScope(MEMBER).build();
    const xml = renderJunit(
      reportOf(
        [
          result({
            checkId: 'iam.no-console-users',
            severity: 'high',
            resource: 'u1',
            reason: 'IAM user a has a console password.',
          }),
          result({
            checkId: 'iam.no-console-users',
            severity: 'high',
            resource: 'u2',
            reason: 'IAM user b has a console password.',
          }),
          result({
            checkId: 'iam.no-console-users',
            severity: 'high',
            accountId: MEMBER,
            status: 'pass',
            resource: 'x',
            reason: 'None.',
          }),
        ],
        { snapshot },
      ),
    );
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('message="IAM user a has a console password. IAM user b has a console password."');
    expect(xml).toContain(`name="iam.no-console-users [${MEMBER}]"`);
  });

  test('escapes everything, including characters XML cannot carry', () => {
    const xml = renderJunit(reportOf([result({ reason: HOSTILE, resource: HOSTILE })]));
    assertWellFormed(xml);
    expect(xml).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(xml).toContain('\uFFFDbell ]]&gt;');
  });

  test('day1 report is valid too', () => {
    assertWellFormed(renderJunit(day1Report()));
  });
});
