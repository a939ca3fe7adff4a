import { describe, expect, it } from 'vitest';
import { CLOSING, DEV, LEGACY, MGMT, PROD, rule, SANDBOX, SHARED, TAGS, TREE } from '../../test/plan/builders.js';
import { type AccountUniverse, expandRule, formatTarget } from './targets.js';

const universe: AccountUniverse = {
  accounts: TREE.accounts,
  ous: TREE.ous,
  managementAccountId: MGMT,
  tags: TAGS,
  aliases: { production: PROD, ghost: '999999999999' },
  hasOrganization: true,
};

const expand = (targets: string[], exclude: string[] = [], u = universe) =>
  expandRule(rule(2, 'group:Engineers', 'PowerUser', targets, exclude), u, 'gatehouse.yaml');

describe('expandRule', () => {
  it('expands ou:/Path recursively, skipping suspended, closing and the management account', () => {
    const { resolution, errors } = expand(['ou:/Workloads']);
    expect(errors).toEqual([]);
    expect(resolution.accounts).toEqual([DEV, PROD, SHARED]);
    expect(resolution.skipped).toEqual([
      { id: LEGACY, why: 'suspended' },
      { id: CLOSING, why: 'pending closure' },
    ]);
    expect(expand(['ou:/Workloads/Dev']).resolution.accounts).toEqual([DEV]);
    expect(expand(['ou:/Workloads/']).resolution.accounts).toEqual([DEV, PROD, SHARED]);
  });

  it('`all` is every ACTIVE account except the management account', () => {
    const { resolution } = expand(['all']);
    expect(resolution.accounts).toEqual([DEV, PROD, SHARED, SANDBOX]);
    expect(resolution.skipped.map((s) => s.why)).toEqual(['management account', 'suspended', 'pending closure']);
    expect(expand(['ou:/']).resolution.accounts).toEqual([DEV, PROD, SHARED, SANDBOX]);
  });

  it('matches the management account and suspended accounts only when named, and warns about inactive ones', () => {
    const { resolution, warnings } = expand(['management', 'legacy', CLOSING]);
    expect(resolution.accounts).toEqual([MGMT, LEGACY, CLOSING]);
    expect(warnings.map((w) => w.code)).toEqual(['inactive-account', 'inactive-account']);
    expect(warnings[0]!.message).toContain('legacy (666666666666) is SUSPENDED');
  });

  it('a name given explicitly wins over a pattern that skipped the account', () => {
    const { resolution } = expand(['all', 'management']);
    expect(resolution.accounts).toContain(MGMT);
    expect(resolution.skipped.map((s) => s.id)).not.toContain(MGMT);
  });

  it('resolves aliases, live names and ids', () => {
    expect(expand(['production', 'dev', SANDBOX]).resolution.accounts).toEqual([DEV, PROD, SANDBOX]);
  });

  it('expands tag targets and warns when a tag matches nothing', () => {
    const prod = expand(['tag:env=prod']);
    expect(prod.resolution.accounts).toEqual([PROD, SHARED]);
    expect(prod.resolution.skipped).toEqual([{ id: LEGACY, why: 'suspended' }]);
    const none = expand(['tag:env=qa']);
    expect(none.resolution.accounts).toEqual([]);
    expect(none.errors).toEqual([]);
    expect(none.warnings).toMatchObject([
      { severity: 'warning', code: 'tag-matches-nothing', line: 22, column: 5, path: 'assignments.2.accounts' },
    ]);
  });

  it('removes excluded accounts and records them as skipped', () => {
    const { resolution } = expand(['ou:/Workloads'], ['prod', 'ou:/Workloads/Dev']);
    expect(resolution.accounts).toEqual([SHARED]);
    expect(resolution.skipped).toContainEqual({ id: PROD, why: 'excluded' });
    expect(resolution.skipped).toContainEqual({ id: DEV, why: 'excluded' });
    expect(resolution.exclude).toEqual(['prod', 'ou:/Workloads/Dev']);
  });

  it('reports unknown names, unknown OUs, ids outside the organization and ambiguous names at the rule', () => {
    const { errors } = expand(['prd', 'ou:/Workload', '999999999998', 'ghost']);
    expect(errors.map((e) => e.code)).toEqual(['unknown-account', 'unknown-ou', 'unknown-account', 'unknown-account']);
    expect(errors[0]).toMatchObject({ file: 'gatehouse.yaml', line: 22, column: 5, severity: 'error' });
    expect(errors[0]!.message).toBe('assignment rule #3: no account is named "prd" (did you mean "prod"?)');
    expect(errors[1]!.message).toContain('the organization has no OU /Workload (did you mean "/Workloads"?)');
    expect(errors[3]!.message).toContain('account 999999999999 (alias "ghost") is not an account of the organization');

    const twins = {
      ...universe,
      accounts: [...TREE.accounts, { ...TREE.accounts[1]!, id: '888888888888' }],
    };
    const ambiguous = expand(['dev'], [], twins);
    expect(ambiguous.errors[0]!.code).toBe('ambiguous-account-name');
    expect(ambiguous.errors[0]!.message).toContain('222222222222, 888888888888');
  });

  it('in a standalone account, only the account itself can be named and OU targets fail', () => {
    const standalone: AccountUniverse = {
      accounts: [{ id: MGMT, name: '', email: '', state: 'ACTIVE', parentId: '', ouPath: '/' }],
      ous: [],
      managementAccountId: MGMT,
      tags: null,
      aliases: {},
      hasOrganization: false,
    };
    expect(expand(['management'], [], standalone).resolution.accounts).toEqual([MGMT]);
    expect(expand(['all'], [], standalone).resolution.accounts).toEqual([]);
    expect(expand(['ou:/Workloads'], [], standalone).errors[0]!.message).toContain('not in an organization');
    expect(expand([DEV], [], standalone).errors[0]!.message).toContain('and there is no organization');
  });

  it('formats targets as written', () => {
    expect(expand(['ou:/Workloads', 'tag:env=prod', 'all', 'dev', DEV]).resolution.targets).toEqual([
      'ou:/Workloads',
      'tag:env=prod',
      'all',
      'dev',
      DEV,
    ]);
    expect(formatTarget({ kind: 'all' })).toBe('all');
  });
});
