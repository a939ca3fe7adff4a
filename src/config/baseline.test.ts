import { describe, expect, test } from 'vitest';
import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import { defaultBaseline } from './baseline.js';
import { loadConfig } from './load.js';

describe('defaultBaseline', () => {
  test('the rules of examples/startup.yaml without its people', async () => {
    const baseline = defaultBaseline();
    const { desired: startup } = await loadConfig('examples/startup.yaml', { now: Date.UTC(2026, 10, 28) });
    expect(baseline.file).toBeUndefined();
    expect(baseline.root).toEqual(startup.root);
    expect(baseline.identityCenter).toEqual({ ...startup.identityCenter, region: undefined });
    expect(baseline.permissionSets).toEqual(startup.permissionSets.map(({ source: _, ...set }) => set));
    expect(baseline.permissionSets.map((p) => [p.name, p.managedPolicies])).toEqual([
      ['Admin', [ADMINISTRATOR_ACCESS_ARN]],
      ['PowerUser', ['arn:aws:iam::aws:policy/PowerUserAccess']],
    ]);
    expect(baseline.users).toEqual([]);
    expect(baseline.assignments).toEqual([]);
  });

  test('each call returns a fresh copy', () => {
    const first = defaultBaseline();
    first.permissionSets.pop();
    expect(defaultBaseline().permissionSets).toHaveLength(2);
    expect(defaultBaseline().hash).toBe(first.hash);
  });
});
