import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.js';
import { SEVERITIES } from '../model/desired.js';
import { catalog, checkIds, findCheck, requiredFacts, selectChecks } from './catalog.js';
import { CHECK_AREAS, type Check, ROOT_USER_RULE_FACTS } from './define-check.js';
import { ACCOUNT_FACT_IDS, FACT_IDS, isAccountFactId } from './fact-ids.js';
import { referenceProblems } from './frameworks.js';

const CHECKS_DIR = import.meta.dirname;

/** Check files on disk: src/checks/<area>/<name>.ts, excluding tests. */
function checkFilesOnDisk(): string[] {
  return CHECK_AREAS.flatMap((area) =>
    readdirSync(join(CHECKS_DIR, area))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${area}/${f.replace(/\.ts$/, '')}`),
  ).sort();
}

describe('the catalogue matches the files', () => {
  test('every check file is registered, and every registered check has its file (id = <area>.<file name>)', () => {
    expect(catalog.map((c) => `${c.area}/${c.id.slice(c.area.length + 1)}`).sort()).toEqual(checkFilesOnDisk());
  });

  test('each check file exports exactly the registered check with the id of its path', async () => {
    for (const path of checkFilesOnDisk()) {
      const exported = Object.values(await import(`./${path}.js`)) as Check[];
      expect(exported, path).toHaveLength(1);
      expect(exported[0]?.id, path).toBe(path.replace('/', '.'));
      expect(catalog.includes(exported[0]!), path).toBe(true);
    }
  });

  test('no folder under src/checks is an unknown area', () => {
    const dirs = readdirSync(CHECKS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.sort()).toEqual([...CHECK_AREAS].sort());
  });

  test('ids are unique and the order follows the areas of checks.md', () => {
    expect(new Set(checkIds()).size).toBe(catalog.length);
    const areaOrder = catalog.map((c) => CHECK_AREAS.indexOf(c.area));
    expect(areaOrder).toEqual([...areaOrder].sort((a, b) => a - b));
  });

  test('the catalogue holds every check of checks.md', () => {
    expect(checkIds()).toEqual([
      'root.mfa-enabled',
      'root.hardware-mfa',
      'root.no-access-keys',
      'root.not-used',
      'root.no-signing-certificates',
      'root.centralized-management',
      'account.security-contact',
      'account.contact-details',
      'organization.exists',
      'organization.all-features',
      'identity-center.enabled',
      'identity-center.organization-instance',
      'identity-center.region',
      'identity-center.encryption',
      'identity-center.mfa-required',
      'identity-center.api-users-get-invitation',
      'identity-center.baseline-permission-sets',
      'identity-center.session-duration',
      'identity-center.admin-through-groups',
      'identity-center.few-admins',
      'identity-center.provisioned',
      'identity-center.no-unused-permission-sets',
      'identity-center.matches-config',
      'iam.no-console-users',
      'iam.console-users-mfa',
      'iam.unused-credentials',
      'iam.access-key-rotation',
      'iam.one-active-key',
      'iam.password-policy',
      'iam.no-user-policies',
    ]);
  });
});

describe.each(catalog.map((c) => [c.id, c] as const))('metadata lint: %s', (id, check) => {
  test('id is <area>.<condition> in kebab-case', () => {
    expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(CHECK_AREAS).toContain(id.split('.')[0]);
  });

  test('title states the good condition: not "Ensure…", no question or trailing period, ≤ 150 chars', () => {
    expect(check.title.length).toBeGreaterThan(10);
    expect(check.title.length).toBeLessThanOrEqual(150);
    expect(check.title).not.toMatch(/^(ensure|check|verify|make sure)\b/i);
    expect(check.title).not.toMatch(/[.?!]$/);
    expect(check.title[0]).toMatch(/[A-Z]/);
    expect(check.title).not.toMatch(/\b(not enabled|missing|disabled)\b/i);
  });

  test('severity is from the Severity enum (and so is an escalation)', () => {
    expect(SEVERITIES).toContain(check.severity);
    if (check.severityWhen) {
      expect(SEVERITIES).toContain(check.severityWhen.severity);
      expect(check.severityWhen.description.length).toBeGreaterThan(0);
    }
  });

  test('rationale states the risk in ≤ ~400 characters', () => {
    expect(check.rationale.length).toBeGreaterThan(60);
    expect(check.rationale.length).toBeLessThanOrEqual(420);
  });

  test('remediation has console steps with a console path; config is YAML-looking', () => {
    expect(check.remediation.console.length).toBeGreaterThan(20);
    expect(check.remediation.console).toContain('→');
    if (check.remediation.config) expect(check.remediation.config).toMatch(/^(#.*\n)*[a-zA-Z]+:/);
  });

  test('every required, optional and notApplicable-handled fact is a real fact id', () => {
    for (const fact of [...check.requires, ...check.alsoReads, ...check.handlesNotApplicable]) {
      expect(FACT_IDS).toContain(fact);
    }
    for (const fact of check.handlesNotApplicable) expect(check.requires).toContain(fact);
    expect(new Set(check.requires).size).toBe(check.requires.length);
  });

  test('organization checks require no per-account facts', () => {
    if (check.scope === 'organization') {
      expect(check.requires.filter(isAccountFactId)).toEqual([]);
    } else {
      expect(check.requires.some((f) => (ACCOUNT_FACT_IDS as readonly string[]).includes(f))).toBe(true);
    }
  });

  test('references are well-formed and known', () => {
    expect(referenceProblems(check)).toEqual([]);
  });

  test('manual checks name a console path, require nothing that could block them, and only manual checks may', () => {
    if (check.manual) {
      expect(check.manual.consolePath).toContain('→');
      expect(check.requires).toEqual([]);
    }
  });

  test('root user checks read what the centralized-root rule needs', () => {
    if (check.rootUser) {
      for (const fact of ROOT_USER_RULE_FACTS) expect([...check.requires, ...check.alsoReads]).toContain(fact);
      expect(check.area).toBe('root');
      expect(check.scope).toBe('account');
    }
  });
});

describe('lookup, selection and required facts', () => {
  test('findCheck', () => {
    expect(findCheck('root.mfa-enabled')?.title).toBe('The root user has MFA');
    expect(findCheck('root.nope')).toBeUndefined();
  });

  test('selectChecks: ids, area prefixes with or without the dot, each once, catalogue order', () => {
    expect(selectChecks().length).toBe(catalog.length);
    expect(selectChecks([]).length).toBe(catalog.length);
    expect(selectChecks(['root.']).map((c) => c.id)).toEqual(catalog.filter((c) => c.area === 'root').map((c) => c.id));
    expect(selectChecks(['iam', 'root.mfa-enabled', 'root.mfa-enabled']).map((c) => c.id)).toEqual([
      'root.mfa-enabled',
      ...catalog.filter((c) => c.area === 'iam').map((c) => c.id),
    ]);
  });

  test('selectChecks: an unknown id is a UsageError with "did you mean"', () => {
    const attempt = () => selectChecks(['root.mfa-enable']);
    expect(attempt).toThrow(UsageError);
    try {
      attempt();
    } catch (error) {
      expect((error as UsageError).message).toBe('unknown check "root.mfa-enable"');
      expect((error as UsageError).hints[0]).toBe('did you mean root.mfa-enabled?');
    }
  });

  test('requiredFacts: each once, stable order, optional facts included', () => {
    expect(requiredFacts(['root.not-used'])).toEqual([
      'organizations.organization',
      'iam.organizations-features',
      'iam.account-summary',
      'iam.credential-report',
    ]);
    expect(requiredFacts(['identity-center.mfa-required'])).toEqual(['identity-center.instance']);
    expect(requiredFacts(['identity-center.matches-config'])).toEqual([]);
    const all = requiredFacts();
    expect(all).toEqual(FACT_IDS.filter((f) => all.includes(f)));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('organizations.tree');
    expect(() => requiredFacts(['bogus'])).toThrow(UsageError);
  });
});
