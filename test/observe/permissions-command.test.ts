import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/permissions.js';
import { UsageError } from '../../src/errors.js';
import { testContext } from '../helpers/cli-context.js';

describe('gatehouse permissions', () => {
  it('--for audit prints the policy as JSON on stdout and a note on stderr', async () => {
    const ctx = testContext();
    expect(await run({ for: 'audit' }, ctx)).toBe(0);
    const policy = JSON.parse(ctx.output());
    expect(policy.Version).toBe('2012-10-17');
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain('sso:ListAccountAssignmentsForPrincipal');
    expect(actions).toContain('iam:GenerateCredentialReport');
    expect(actions).not.toContain('sts:GetCallerIdentity');
    expect(ctx.notes.join('\n')).toContain('OrganizationAccountAccessRole');
  });

  it('--for apply prints what is registered for apply', async () => {
    const ctx = testContext();
    expect(await run({ for: 'apply' }, ctx)).toBe(0);
    const policy = JSON.parse(ctx.output());
    expect(policy.Statement.flatMap((s: { Action: string[] }) => s.Action)).toContain('identitystore:ListUsers');
  });

  it('rejects anything else', async () => {
    await expect(run({ for: 'everything' }, testContext())).rejects.toBeInstanceOf(UsageError);
  });
});
