import { describe, expect, test } from 'vitest';
import { testContext } from '../../../test/helpers/cli-context.js';
import { findCheck } from '../../checks/catalog.js';
import { renderCheckDoc } from '../../checks/docs.js';
import { ExitCode, UsageError } from '../../errors.js';
import { run } from './explain.js';

describe('gatehouse explain', () => {
  test('prints the check page (the same generator as docs/checks) and exits 0', async () => {
    const ctx = testContext();
    expect(await run({ check: 'root.mfa-enabled' }, ctx)).toBe(ExitCode.Ok);
    expect(ctx.output()).toBe(renderCheckDoc(findCheck('root.mfa-enabled')!));
    expect(ctx.output()).toContain('# root.mfa-enabled');
    expect(ctx.output()).toContain('Security credentials → Multi-factor authentication (MFA)');
  });

  test('an area lists its checks', async () => {
    const ctx = testContext();
    expect(await run({ check: 'identity-center.' }, ctx)).toBe(ExitCode.Ok);
    expect(ctx.output()).toContain('identity-center.mfa-required');
    expect(ctx.output()).not.toContain('root.mfa-enabled');
  });

  test('an unknown id is a usage error with "did you mean"', async () => {
    const ctx = testContext();
    const error = await run({ check: 'root.mfa-enable' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.Usage);
    expect((error as UsageError).message).toBe('unknown check "root.mfa-enable"');
    expect((error as UsageError).hints[0]).toBe('did you mean root.mfa-enabled?');
    const byTail = (await run({ check: 'mfa-required' }, ctx).catch((e: unknown) => e)) as UsageError;
    expect(byTail.hints[0]).toBe('did you mean identity-center.mfa-required?');
    expect(ctx.output()).toBe('');
  });

  test('a missing id is a usage error', async () => {
    await expect(run({}, testContext())).rejects.toBeInstanceOf(UsageError);
  });
});
