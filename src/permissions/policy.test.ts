import { describe, expect, it } from 'vitest';
import { iamActionsFor } from '../observe/facts/index.js';
import { auditGrants, buildPolicy, permissionsPolicy } from './policy.js';
import { registeredGrants, registerPermissions } from './registry.js';

describe('buildPolicy', () => {
  it('groups actions per service and resource, sorted, without the ones AWS never denies', () => {
    const policy = buildPolicy([
      {
        source: 'a',
        actions: ['sso:ListInstances', 'iam:GetAccountSummary', 'sts:GetCallerIdentity', 'sso:DescribeInstance'],
      },
      { source: 'b', actions: ['sts:AssumeRole'], resource: 'arn:aws:iam::*:role/Audit' },
      { source: 'c', actions: ['sso:ListInstances'] },
    ]);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'GatehouseIam', Effect: 'Allow', Action: ['iam:GetAccountSummary'], Resource: '*' },
        {
          Sid: 'GatehouseIdentityCenter',
          Effect: 'Allow',
          Action: ['sso:DescribeInstance', 'sso:ListInstances'],
          Resource: '*',
        },
        {
          Sid: 'GatehouseStsAudit',
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Resource: 'arn:aws:iam::*:role/Audit',
        },
      ],
    });
  });
});

describe('permissionsPolicy', () => {
  it('audit: every fact reader’s actions plus AssumeRole on the member role', () => {
    const policy = permissionsPolicy('audit', { memberAccessRole: 'AuditRole' });
    const actions = policy.Statement.filter((s) => s.Resource === '*').flatMap((s) => s.Action);
    expect(actions.sort()).toEqual(iamActionsFor().filter((a) => a !== 'sts:GetCallerIdentity'));
    expect(policy.Statement.at(-1)).toEqual({
      Sid: 'GatehouseStsAuditRole',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: 'arn:aws:iam::*:role/AuditRole',
    });
    expect(JSON.stringify(permissionsPolicy('audit'))).toBe(JSON.stringify(permissionsPolicy('audit')));
  });

  it('audit without member accounts has no AssumeRole; a subset of facts narrows it', () => {
    const grants = auditGrants({ memberAccessRole: null, facts: ['iam.account-summary'] });
    expect(buildPolicy(grants).Statement).toEqual([
      { Sid: 'GatehouseIam', Effect: 'Allow', Action: ['iam:GetAccountSummary'], Resource: '*' },
    ]);
  });

  it('apply: the plan’s reads, plus whatever apply registers', async () => {
    await import('./apply.js');
    const before = permissionsPolicy('apply').Statement.flatMap((s) => s.Action);
    expect(before).toContain('sso:ListPermissionSets');
    expect(before).toContain('identitystore:ListUsers');
    expect(before).not.toContain('sso:TestOnlyAction');
    registerPermissions('apply', { source: 'test/apply', actions: ['sso:TestOnlyAction'] });
    expect(permissionsPolicy('apply').Statement.flatMap((s) => s.Action)).toContain('sso:TestOnlyAction');
    // Registering the same source again replaces it.
    registerPermissions('apply', { source: 'test/apply', actions: ['sso:OtherTestOnlyAction'] });
    expect(registeredGrants('apply').filter((g) => g.source === 'test/apply')).toHaveLength(1);
    expect(permissionsPolicy('apply').Statement.flatMap((s) => s.Action)).not.toContain('sso:TestOnlyAction');
    expect(() => registerPermissions('apply', { source: 'bad', actions: ['not an action'] })).toThrow(
      /not an IAM action/,
    );
  });
});

describe('places', () => {
  it('documents both the management account and the Identity Center delegated administrator for each use', async () => {
    const { placesFor } = await import('./places.js');
    for (const use of ['audit', 'apply'] as const) {
      const text = placesFor(use).join('\n');
      expect(text).toContain('the management account');
      expect(text).toContain('delegated administrator account');
    }
    expect(placesFor('apply').join('\n')).toContain('provisioned there');
  });
});
