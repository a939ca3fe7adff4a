import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalog, findCheck } from './catalog.js';
import { checkDocFiles, DOCS_UPDATE_COMMAND, renderCheckDoc, renderCheckIndex } from './docs.js';

const DOCS_DIR = join(import.meta.dirname, '../../docs/checks');

describe('generated check docs', () => {
  const files = checkDocFiles();

  test(`docs/checks matches the catalogue (rewrite with: ${DOCS_UPDATE_COMMAND})`, () => {
    if (process.env.UPDATE_DOCS === '1') {
      if (existsSync(DOCS_DIR)) rmSync(DOCS_DIR, { recursive: true });
      mkdirSync(DOCS_DIR, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(DOCS_DIR, name), text);
    }
    const committed = existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR).sort() : [];
    expect(committed, `stale or missing files in docs/checks: run ${DOCS_UPDATE_COMMAND}`).toEqual(
      [...files.keys()].sort(),
    );
    for (const [name, text] of files) {
      expect(
        readFileSync(join(DOCS_DIR, name), 'utf8'),
        `docs/checks/${name} is out of date: run ${DOCS_UPDATE_COMMAND}`,
      ).toBe(text);
    }
  });

  test('one page per check plus the index', () => {
    expect(files.size).toBe(catalog.length + 1);
  });

  test('a page carries the metadata: title, severity, rationale, console steps, config, CLI and references', () => {
    const page = renderCheckDoc(findCheck('root.centralized-management')!);
    expect(page).toContain('# root.centralized-management');
    expect(page).toContain('**Member-account root credentials are managed centrally**');
    expect(page).toContain('| Severity | medium;');
    expect(page).toContain('## Why it matters');
    expect(page).toContain('Root access management → Enable');
    expect(page).toContain('```yaml\nroot:\n  centralizedManagement: true\n```');
    expect(page).toContain('aws iam enable-organizations-root-sessions');
    expect(page).toContain('- CIS AWS Foundations Benchmark v7.0: 2.1.1');
    expect(page).toContain('- Prowler: `iam_root_credentials_management_enabled`');
  });

  test('escalated severity, manual console path and both CIS numberings are rendered', () => {
    expect(renderCheckDoc(findCheck('root.hardware-mfa')!)).toContain(
      'medium (high when the config sets `root.mfa: hardware`)',
    );
    const manual = renderCheckDoc(findCheck('identity-center.mfa-required')!);
    expect(manual).toContain('| Kind | manual');
    expect(manual).toContain('Where to verify it: IAM Identity Center console → Settings → Authentication');
    expect(renderCheckDoc(findCheck('root.mfa-enabled')!)).toContain(
      'CIS AWS Foundations Benchmark v3.0 / v4.0.1: 1.5; v7.0: 2.5',
    );
  });

  test('the index links every page, grouped by area', () => {
    const index = renderCheckIndex();
    for (const check of catalog) expect(index).toContain(`[\`${check.id}\`](${check.id}.md)`);
    expect(index.indexOf('## Root user')).toBeLessThan(index.indexOf('## IAM users'));
  });
});
