import { describe, expect, it } from 'vitest';
import { ADMIN_ARN, READONLY_ARN } from '../../test/plan/builders.js';
import { ACTION_TYPES, type PermissionSetAttributes } from './actions.js';
import { canonicalPolicyOf } from './canonical.js';
import { durationMinutes, fixedRisk, isAdministrator, permissionSetChangeRisk, RISK_TABLE } from './risk.js';

const base: PermissionSetAttributes = {
  name: 'Dev',
  description: null,
  sessionDuration: 'PT4H',
  relayState: null,
  managedPolicies: [READONLY_ARN],
  customerManagedPolicies: [],
  inlinePolicy: null,
  permissionsBoundary: null,
  tags: { 'managed-by': 'gatehouse' },
};
const policy = (...statements: Record<string, unknown>[]) =>
  canonicalPolicyOf({ Version: '2012-10-17', Statement: statements });

describe('risk table', () => {
  it('has an entry for every action type, and fixed risks for grants and deletions', () => {
    expect(Object.keys(RISK_TABLE).sort()).toEqual([...ACTION_TYPES].sort());
    expect(fixedRisk('assignment', 'create')).toBe('broadening');
    expect(fixedRisk('membership', 'create')).toBe('broadening');
    expect(fixedRisk('assignment', 'delete')).toBe('destructive');
    expect(fixedRisk('permission-set', 'replace')).toBe('destructive');
    expect(fixedRisk('user', 'create')).toBe('neutral');
    expect(() => fixedRisk('permission-set', 'update')).toThrow('no fixed risk');
  });
});

describe('permissionSetChangeRisk', () => {
  const judge = (after: Partial<PermissionSetAttributes>, before: Partial<PermissionSetAttributes> = {}) =>
    permissionSetChangeRisk({ ...base, ...before }, { ...base, ...after });

  it('attaching a policy, a longer session, removing a boundary or widening the inline policy broaden', () => {
    expect(judge({ managedPolicies: [ADMIN_ARN, READONLY_ARN] })).toEqual({
      risk: 'broadening',
      broadening: ['attaches AdministratorAccess'],
      destructive: [],
    });
    expect(judge({ sessionDuration: 'PT8H' }).broadening).toEqual(['longer sessions PT4H → PT8H']);
    expect(
      judge({ permissionsBoundary: null }, { permissionsBoundary: { managedPolicyArn: READONLY_ARN } }).broadening,
    ).toEqual(['removes the permissions boundary ReadOnlyAccess']);
    expect(judge({ inlinePolicy: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }).broadening).toEqual([
      'adds an inline policy',
    ]);
    expect(
      judge(
        { inlinePolicy: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }) },
        { inlinePolicy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
      ).risk,
    ).toBe('broadening');
    expect(
      judge({ customerManagedPolicies: [{ name: 'Extra', path: '/' }] }, { customerManagedPolicies: [] }).broadening,
    ).toEqual(['attaches customer policy /Extra']);
  });

  it('detaching, narrowing, adding a boundary or removing the inline policy are destructive', () => {
    expect(judge({ managedPolicies: [] }).risk).toBe('destructive');
    expect(
      judge(
        { inlinePolicy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
        { inlinePolicy: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }) },
      ),
    ).toEqual({ risk: 'destructive', broadening: [], destructive: ['narrows the inline policy'] });
    expect(judge({ permissionsBoundary: { managedPolicyArn: READONLY_ARN } }).risk).toBe('destructive');
    expect(
      judge({ inlinePolicy: null }, { inlinePolicy: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }).risk,
    ).toBe('destructive');
    expect(
      judge(
        { inlinePolicy: policy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }) },
        { inlinePolicy: policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }) },
      ).destructive,
    ).toEqual(['adds Deny statements to the inline policy', 'narrows the inline policy']);
  });

  it('an inline policy that only denies restricts access, one that allows grants it (finding 3)', () => {
    const denyOnly = policy({ Effect: 'Deny', NotAction: 'iam:GetUser', Resource: '*' });
    expect(judge({ inlinePolicy: denyOnly })).toEqual({
      risk: 'destructive',
      broadening: [],
      destructive: ['adds an inline policy with Deny statements'],
    });
    expect(judge({ inlinePolicy: null }, { inlinePolicy: denyOnly })).toEqual({
      risk: 'broadening',
      broadening: ["removes the inline policy's Deny statements"],
      destructive: [],
    });
    const both = policy(
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
    );
    expect(judge({ inlinePolicy: both })).toEqual({
      risk: 'broadening',
      broadening: ['adds an inline policy'],
      destructive: ['adds an inline policy with Deny statements'],
    });
  });

  it('broadening wins when a change both grants and removes', () => {
    const r = judge({ managedPolicies: [ADMIN_ARN] });
    expect(r.risk).toBe('broadening');
    expect(r.destructive).toEqual(['detaches ReadOnlyAccess']);
  });

  it('description, relay state, tags, a shorter session and a reworded policy are neutral', () => {
    expect(judge({ description: 'x', relayState: 'https://x', tags: { a: 'b' }, sessionDuration: 'PT1H' }).risk).toBe(
      'neutral',
    );
    expect(
      judge(
        { inlinePolicy: policy({ Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
        { inlinePolicy: policy({ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
      ).risk,
    ).toBe('neutral');
  });
});

describe('isAdministrator', () => {
  it('recognises AdministratorAccess and an unconditional inline * on *', () => {
    expect(isAdministrator({ ...base, managedPolicies: [ADMIN_ARN] })).toBe(true);
    expect(isAdministrator({ ...base, inlinePolicy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) })).toBe(
      true,
    );
    expect(isAdministrator(base)).toBe(false);
  });

  it('does not count conditional statements or sets capped by a boundary', () => {
    expect(
      isAdministrator({
        ...base,
        inlinePolicy: policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { x: 'true' } } }),
      }),
    ).toBe(false);
    expect(
      isAdministrator({
        ...base,
        managedPolicies: [ADMIN_ARN],
        permissionsBoundary: { managedPolicyArn: READONLY_ARN },
      }),
    ).toBe(false);
    expect(
      isAdministrator({ ...base, managedPolicies: [ADMIN_ARN], permissionsBoundary: { managedPolicyArn: ADMIN_ARN } }),
    ).toBe(true);
  });
});

describe('durationMinutes', () => {
  it('parses AWS durations', () => {
    expect(durationMinutes('PT4H')).toBe(240);
    expect(durationMinutes('PT1H30M')).toBe(90);
    expect(durationMinutes('PT90M')).toBe(90);
    expect(durationMinutes('P1D')).toBeNaN();
    expect(durationMinutes('PT')).toBeNaN();
  });
});
