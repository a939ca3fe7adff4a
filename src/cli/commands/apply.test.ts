import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/cli-context.js';
import { DeclinedError, InputFileError, InvalidPlanError, StalePlanError, UsageError } from '../../errors.js';
import { RecordingHost } from '../../events/events.js';
import { openSandboxFile, readStateFile } from '../../sandbox/index.js';
import { run as apply } from './apply.js';
import { run as plan } from './plan.js';
import { SMALL_CONFIG, workspace } from './plan-apply.test-helpers.js';

function assignmentsIn(sandbox: string): number {
  const state = readStateFile(sandbox);
  return Object.values(state.instances).reduce((n, i) => n + Object.keys(i.assignments).length, 0);
}

describe('gatehouse apply', () => {
  it('without a plan file: shows the plan, applies with --yes and prints the summary on stdout', async () => {
    const w = await workspace();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await apply({ yes: true }, ctx)).toBe(0);
    const out = ctx.output();
    expect(out).toContain('+ assignment/Admin/group:Founders/444444444444');
    expect(out.trimEnd().split('\n').at(-1)).toBe('Apply complete: 6 added, 0 changed, 0 destroyed, 0 provisioned.');
    expect(assignmentsIn(w.sandbox)).toBe(2);
    expect(ctx.host.events.some((e) => e.type === 'action' && e.status === 'done')).toBe(true);
  });

  it('asks on a terminal; without one and without --yes it refuses and changes nothing', async () => {
    const w = await workspace();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    await expect(apply({}, ctx)).rejects.toThrow(DeclinedError);
    expect(assignmentsIn(w.sandbox)).toBe(0);
    const declining = testContext({
      cwd: w.dir,
      clock: w.clock,
      interactive: true,
      host: new RecordingHost(() => false),
      globals: { sandbox: w.sandbox },
    });
    await expect(apply({}, declining)).rejects.toThrow('apply declined');
    expect(declining.host.questions).toHaveLength(1);
    const accepting = testContext({
      cwd: w.dir,
      clock: w.clock,
      interactive: true,
      host: new RecordingHost(() => true),
      globals: { sandbox: w.sandbox },
    });
    expect(await apply({}, accepting)).toBe(0);
    expect(assignmentsIn(w.sandbox)).toBe(2);
  });

  it('applies a saved plan; refuses it once stale, edited, truncated, missing, or with another --prune', async () => {
    const w = await workspace();
    const at = (name: string) => join(w.dir, name);
    const ctx = () => testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    await plan({ out: 'plan.json' }, ctx());
    const text = readFileSync(at('plan.json'), 'utf8');
    writeFileSync(at('truncated.json'), text.slice(0, 200));
    writeFileSync(at('edited.json'), text.replace('"PT4H"', '"PT8H"'));
    await expect(apply({ plan: 'truncated.json', yes: true }, ctx())).rejects.toThrow(InvalidPlanError);
    await expect(apply({ plan: 'edited.json', yes: true }, ctx())).rejects.toThrow(/modified after it was written/);
    await expect(apply({ plan: 'missing.json', yes: true }, ctx())).rejects.toThrow(InputFileError);
    await expect(apply({ plan: 'plan.json', yes: true, prune: true }, ctx())).rejects.toThrow(UsageError);
    // Another config than the one planned.
    writeFileSync(at('other.yaml'), SMALL_CONFIG.replace('PT4H', 'PT2H'));
    await expect(apply({ plan: 'plan.json', config: 'other.yaml', yes: true }, ctx())).rejects.toThrow(StalePlanError);
    expect(assignmentsIn(w.sandbox)).toBe(0);

    const applying = ctx();
    expect(await apply({ plan: 'plan.json', yes: true }, applying)).toBe(0);
    expect(applying.output()).toBe('Apply complete: 6 added, 0 changed, 0 destroyed, 0 provisioned.\n');
    // Applied once, the same plan is stale: AWS changed since it was made.
    await expect(apply({ plan: 'plan.json', yes: true }, ctx())).rejects.toThrow(/AWS changed since the plan was made/);
  });

  it('reports manual steps it never performs', async () => {
    const w = await workspace('org', SMALL_CONFIG.replace('mfa: required', 'mfa: hardware'));
    // Give the root user a virtual device: only a person can replace it with a hardware one.
    const file = await openSandboxFile(w.sandbox, { clock: w.clock });
    file.sandbox.console('enable-root-mfa');
    file.close();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await apply({ yes: true }, ctx)).toBe(0);
    expect(ctx.notes.join('\n')).toContain('manual/replace-root-virtual-mfa');
  });
});
