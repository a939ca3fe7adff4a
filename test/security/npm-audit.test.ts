/**
 * Supply chain (issue #7 item 8): scripts/npm-audit.mjs fails CI on every high or critical advisory
 * that audit-exceptions.json does not accept, judged on npm's own report format (auditReportVersion
 * 2). An exception may name the GHSA id, the URL, npm's numeric id or the package; a package that is
 * vulnerable only through a dependency inherits that dependency's exceptions; an expired exception
 * fails again; moderate findings never fail.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script (no types); its exports are checked by these tests.
import { auditVerdict, exceptionProblems } from '../../scripts/npm-audit.mjs';

type Verdict = { accepted: string[]; failing: string[] };
const verdict = auditVerdict as (report: unknown, exceptions: unknown[], today: string) => Verdict;
const problems = exceptionProblems as (exceptions: unknown[]) => string[];

/** minimist (critical, direct advisory) pulled in by mkdirp (vulnerable only through it), and a moderate one. */
const REPORT = {
  auditReportVersion: 2,
  vulnerabilities: {
    minimist: {
      name: 'minimist',
      severity: 'critical',
      via: [
        {
          source: 1096620,
          name: 'minimist',
          dependency: 'minimist',
          title: 'Prototype Pollution in minimist',
          url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
          severity: 'critical',
          range: '<0.2.4',
        },
      ],
      effects: ['mkdirp'],
    },
    mkdirp: { name: 'mkdirp', severity: 'critical', via: ['minimist'], effects: [] },
    chalk: {
      name: 'chalk',
      severity: 'moderate',
      via: [
        { source: 1, name: 'chalk', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'moderate' },
      ],
      effects: [],
    },
  },
  metadata: { vulnerabilities: { moderate: 1, high: 0, critical: 2, total: 3 } },
};

const exception = (advisory: string, reviewBy = '2027-01-31') => ({
  advisory,
  package: 'minimist',
  reason: 'only reached from a build tool, never at runtime',
  date: '2026-11-01',
  reviewBy,
});

describe('scripts/npm-audit.mjs', () => {
  it('fails on an unrecorded critical advisory — once, not once per dependent package', () => {
    expect(verdict(REPORT, [], '2026-11-28')).toEqual({
      accepted: [],
      failing: ['minimist (critical, https://github.com/advisories/GHSA-xvch-5gv4-984h)'],
    });
  });

  it.each([
    ['the GHSA id', 'GHSA-xvch-5gv4-984h'],
    ['the URL', 'https://github.com/advisories/GHSA-xvch-5gv4-984h'],
    ["npm's numeric id", '1096620'],
    ['the package', 'minimist'],
  ])('accepts it when an exception names %s (the dependent package included)', (_name, advisory) => {
    const { accepted, failing } = verdict(REPORT, [exception(advisory)], '2026-11-28');
    expect(failing).toEqual([]);
    expect(accepted).toEqual([
      'minimist (critical, https://github.com/advisories/GHSA-xvch-5gv4-984h) accepted until 2027-01-31: only reached from a build tool, never at runtime',
    ]);
  });

  it('fails again once the exception is past its review date', () => {
    expect(verdict(REPORT, [exception('GHSA-xvch-5gv4-984h', '2026-11-27')], '2026-11-28').failing).toEqual([
      'minimist (critical, https://github.com/advisories/GHSA-xvch-5gv4-984h) — exception expired on 2026-11-27',
    ]);
  });

  it('ignores moderate findings and a clean report', () => {
    expect(verdict({ ...REPORT, vulnerabilities: { chalk: REPORT.vulnerabilities.chalk } }, [], '2026-11-28')).toEqual({
      accepted: [],
      failing: [],
    });
    expect(verdict({ auditReportVersion: 2, vulnerabilities: {} }, [], '2026-11-28')).toEqual({
      accepted: [],
      failing: [],
    });
  });

  it('refuses exceptions without advisory, reason, date and review date; the committed file is valid', () => {
    expect(problems([{ advisory: 'GHSA-x', reason: 'because', date: '2026-11-01' }])).toHaveLength(1);
    expect(problems([exception('GHSA-x')])).toEqual([]);
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../audit-exceptions.json'), 'utf8')) as {
      exceptions: unknown[];
    };
    expect(problems(committed.exceptions)).toEqual([]);
  });
});
