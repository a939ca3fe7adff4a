/**
 * docs/permissions.md and SECURITY.md match the generated policies (issue #7 items 6 and 9): the
 * blocks between `<!-- generated:NAME -->` markers are exactly what the code generates today
 * (`UPDATE_DOCS=1 npx vitest run test/security/permissions-doc.test.ts` rewrites them), the
 * embedded JSON is the output of `gatehouse permissions`, every write the apply policy allows is
 * named in SECURITY.md, and the policies fit AWS's size limits.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as permissionsCommand } from '../../src/cli/commands/permissions.js';
import { permissionsPolicy } from '../../src/permissions/index.js';
import { testContext } from '../helpers/cli-context.js';
import { blocksIn, generatedBlocks, memberAccountPolicy, regenerate } from './permissions-doc.js';
import { securityBlocks } from './security-doc.js';

const ROOT = resolve(import.meta.dirname, '../..');
const UPDATE = process.env.UPDATE_DOCS === '1';

function checkDoc(file: string, blocks: Record<string, string>): void {
  const path = join(ROOT, file);
  const doc = readFileSync(path, 'utf8');
  const found = blocksIn(doc);
  expect([...found.keys()].sort(), `${file}: generated blocks`).toEqual(Object.keys(blocks).sort());
  const fresh = regenerate(doc, blocks);
  if (UPDATE && fresh !== doc) writeFileSync(path, fresh);
  else
    expect(doc, `${file} is out of date: run UPDATE_DOCS=1 npx vitest run test/security/permissions-doc.test.ts`).toBe(
      fresh,
    );
}

const fenced = (block: string) => JSON.parse(block.replace(/^```json\n/, '').replace(/\n```$/, '')) as unknown;

describe('docs/permissions.md', () => {
  it('embeds the generated policies and action tables, unchanged', () => {
    checkDoc('docs/permissions.md', generatedBlocks());
  });

  it('its policies are what `gatehouse permissions` prints', async () => {
    const blocks = blocksIn(readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8'));
    for (const use of ['audit', 'apply'] as const) {
      const ctx = testContext();
      await permissionsCommand({ for: use }, ctx);
      expect(fenced(blocks.get(`${use}-policy`)!)).toEqual(JSON.parse(ctx.output()));
    }
    expect(fenced(blocks.get('member-account-policy')!)).toEqual(memberAccountPolicy());
  });

  it('the member-account policy is the part of the audit policy that runs in member accounts', () => {
    const audit = new Set(permissionsPolicy('audit').Statement.flatMap((s) => s.Action));
    const member = memberAccountPolicy().Statement.flatMap((s) => s.Action);
    expect(member.length).toBeGreaterThan(0);
    expect(member.filter((a) => !audit.has(a))).toEqual([]);
    expect(member.some((a) => a.startsWith('sso:') || a.startsWith('organizations:'))).toBe(false);
  });

  it('the policies fit a customer managed policy (6,144 characters without whitespace) and an inline policy', () => {
    for (const policy of [permissionsPolicy('audit'), permissionsPolicy('apply'), memberAccountPolicy()]) {
      expect(JSON.stringify(policy).length).toBeLessThan(6_144);
    }
  });
});

describe('SECURITY.md', () => {
  it('names every write the apply policy allows, and the audit policy allows none', () => {
    checkDoc('SECURITY.md', securityBlocks());
    const audit = permissionsPolicy('audit').Statement.flatMap((s) => s.Action);
    expect(audit.filter((a) => !/^[a-z0-9-]+:(List|Get|Describe|Generate)/.test(a) && a !== 'sts:AssumeRole')).toEqual(
      [],
    );
  });
});
