import { describe, expect, test } from 'vitest';
import { catalog, findCheck } from './catalog.js';
import { defineCheck, pass } from './define-check.js';
import { FRAMEWORKS, frameworkIndex, parseCisReference, referenceProblems } from './frameworks.js';

describe('frameworks', () => {
  test('CIS references parse into v3/v4 and v7 numbering', () => {
    expect(parseCisReference('1.5')).toMatchObject({ id: '1.5', framework: { key: 'cis-v3-v4' } });
    expect(parseCisReference('v7.0:2.1.1')).toMatchObject({ id: '2.1.1', framework: { key: 'cis-v7' } });
  });

  test('the index inverts the catalogue mapping', () => {
    const index = frameworkIndex(catalog);
    expect(index['cis-v3-v4']['1.5']).toEqual(['root.mfa-enabled']);
    expect(index['cis-v3-v4']['1.8']).toEqual(['iam.password-policy']);
    expect(index['cis-v7']['2.1.1']).toEqual(['root.centralized-management']);
    expect(index.fsbp['IAM.4']).toEqual(['root.no-access-keys']);
    expect(index.prowler.iam_avoid_root_usage).toEqual(['root.not-used']);
  });

  test('every listed control is used by at least one check or is a documented CIS control', () => {
    const index = frameworkIndex(catalog);
    for (const framework of FRAMEWORKS.filter((f) => f.key === 'prowler' || f.key === 'fsbp')) {
      for (const control of framework.controls) expect(index[framework.key][control.id], control.id).toBeDefined();
    }
  });

  test('referenceProblems rejects unknown ids and non-AWS-docs links', () => {
    const bad = defineCheck({
      id: 'iam.bad-refs',
      title: 'References are checked',
      severity: 'low',
      rationale: 'x',
      remediation: { console: 'A → B' },
      references: { cis: ['9.9', 'v7.0:1.1'], prowler: ['nope'], fsbp: ['IAM.99'], docs: ['http://example.com/x'] },
      scope: 'organization',
      requires: [],
      evaluate: () => [pass('x', 'y')],
    });
    expect(referenceProblems(bad)).toEqual([
      'unknown CIS AWS Foundations Benchmark v3.0 / v4.0.1 control "9.9"',
      'unknown CIS AWS Foundations Benchmark v7.0 control "v7.0:1.1"',
      'unknown Prowler check "nope"',
      'unknown FSBP control "IAM.99"',
      'documentation link is not an AWS docs https URL: http://example.com/x',
    ]);
    expect(referenceProblems(findCheck('iam.password-policy')!)).toEqual([]);
  });
});
