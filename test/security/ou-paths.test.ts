/**
 * OU paths are unambiguous (issue 11 finding 5): AWS allows `/` in OU names, so a root-level OU
 * named `Workloads/Dev` is not `Dev` under `Workloads`. Targets match by name segments, OUs can be
 * named by id, a path string two OUs share is refused naming both ids, and import writes the id form.
 */

import { describe, expect, it } from 'vitest';
import { parseAccountTarget } from '../../src/config/targets.js';
import { AssignmentCompressor, patternCandidates } from '../../src/import/compress.js';
import type { AccountTarget } from '../../src/model/desired.js';
import type { OrgAccount, OrganizationalUnit } from '../../src/model/types.js';
import { type AccountUniverse, expandRule } from '../../src/plan/targets.js';

const ROOT = 'r-ab12';
const MGMT = '111111111111';
const ous: OrganizationalUnit[] = [
  { id: 'ou-ab12-workload', name: 'Workloads', parentId: ROOT, path: '/Workloads' },
  { id: 'ou-ab12-realdev1', name: 'Dev', parentId: 'ou-ab12-workload', path: '/Workloads/Dev' },
  // Made by someone else: a root-level OU whose name contains a slash.
  { id: 'ou-ab12-slashdev', name: 'Workloads/Dev', parentId: ROOT, path: '/Workloads/Dev' },
];
const account = (id: string, parentId: string, ouPath: string): OrgAccount => ({
  id,
  name: `acct-${id.slice(-4)}`,
  email: `${id}@example.com`,
  state: 'ACTIVE',
  parentId,
  ouPath,
});
const accounts = [
  account(MGMT, ROOT, '/'),
  account('222222222222', 'ou-ab12-realdev1', '/Workloads/Dev'),
  account('333333333333', 'ou-ab12-realdev1', '/Workloads/Dev'),
  account('444444444444', 'ou-ab12-slashdev', '/Workloads/Dev'),
  account('555555555555', 'ou-ab12-slashdev', '/Workloads/Dev'),
  account('666666666666', 'ou-ab12-workload', '/Workloads'),
];
const universe = (units = ous): AccountUniverse => ({
  accounts: accounts.filter((a) => a.parentId === ROOT || units.some((u) => u.id === a.parentId)),
  ous: units,
  managementAccountId: MGMT,
  tags: null,
  aliases: {},
  hasOrganization: true,
});

function target(text: string): AccountTarget {
  const parsed = parseAccountTarget(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.target;
}

function expand(texts: string[], u = universe()) {
  return expandRule(
    {
      index: 0,
      principal: { type: 'group', name: 'Ops' },
      permissionSet: 'Admin',
      targets: texts.map(target),
      exclude: [],
    },
    u,
    'gatehouse.yaml',
  );
}

describe('OU targets', () => {
  it('a path string two OUs share is refused, naming both OUs with their ids', () => {
    const { errors, resolution } = expand(['ou:/Workloads/Dev']);
    expect(resolution.accounts).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('ambiguous-ou');
    expect(errors[0]!.severity).toBe('error');
    expect(errors[0]!.message).toContain('ou-ab12-realdev1');
    expect(errors[0]!.message).toContain('ou-ab12-slashdev');
  });

  it('the id form names exactly one of them', () => {
    expect(expand(['ou:ou-ab12-realdev1']).resolution.accounts).toEqual(['222222222222', '333333333333']);
    expect(expand(['ou:ou-ab12-slashdev']).resolution.accounts).toEqual(['444444444444', '555555555555']);
  });

  it('segments decide: without the nested OU, ou:/Workloads/Dev does not match the OU named "Workloads/Dev"', () => {
    const withoutNested = ous.filter((o) => o.id !== 'ou-ab12-realdev1');
    const { errors } = expand(['ou:/Workloads/Dev'], universe(withoutNested));
    expect(errors.map((e) => e.code)).toEqual(['unknown-ou']);
  });

  it('recursion follows parent ids: ou:/Workloads is the real subtree, not the slash-named OU', () => {
    expect(expand(['ou:/Workloads']).resolution.accounts).toEqual(['222222222222', '333333333333', '666666666666']);
  });

  it('the root id means every account a pattern may reach; an unknown id is an error', () => {
    expect(expand(['ou:r-ab12']).resolution.accounts).toHaveLength(5);
    expect(expand(['ou:ou-ab12-missing1']).errors.map((e) => e.code)).toEqual(['unknown-ou']);
  });

  it('config syntax: ids are accepted, malformed ids get their own message', () => {
    expect(parseAccountTarget('ou:ou-ab12-realdev1')).toEqual({
      ok: true,
      target: { kind: 'ouId', id: 'ou-ab12-realdev1' },
    });
    expect(parseAccountTarget('ou:OU-AB12-X')).toEqual({
      ok: false,
      problem: '`OU-AB12-X` is not an OU id (ou-xxxx-xxxxxxxx or r-xxxx, lower case)',
    });
  });
});

describe('import writes OU targets that name one OU', () => {
  it('an OU whose path is shared or contains "/" is written by id; a clean one by path', () => {
    const texts = patternCandidates(universe()).map((c) => c.text);
    expect(texts).toContain('ou:ou-ab12-realdev1');
    expect(texts).toContain('ou:ou-ab12-slashdev');
    expect(texts).toContain('ou:/Workloads');
    expect(texts).not.toContain('ou:/Workloads/Dev');
  });

  it('the written targets expand back to exactly the live accounts', () => {
    const compressor = new AssignmentCompressor(universe());
    const live = new Set(['444444444444', '555555555555']);
    const cover = compressor.cover(live);
    expect(cover.patterns.map((p) => p.text)).toEqual(['ou:ou-ab12-slashdev']);
    expect(expand(cover.patterns.map((p) => p.text)).resolution.accounts).toEqual([...live]);
  });
});
