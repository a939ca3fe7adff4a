import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/cli-context.js';
import { loadPlanFile } from '../../plan/index.js';
import { run as apply } from './apply.js';
import { run as plan } from './plan.js';
import { SMALL_CONFIG, workspace } from './plan-apply.test-helpers.js';

describe('gatehouse plan', () => {
  it('prints the text plan; --detailed-exitcode says whether changes are pending', async () => {
    const w = await workspace();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await plan({ detailedExitcode: true }, ctx)).toBe(1);
    expect(ctx.output()).toContain('+ permission-set/Admin');
    expect(ctx.output()).toContain('Plan: 6 to add, 0 to change, 0 to destroy, 0 to provision.');
    expect(await plan({}, testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } }))).toBe(0);

    const applied = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await apply({ yes: true }, applied)).toBe(0);
    const after = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await plan({ detailedExitcode: true }, after)).toBe(0);
    expect(after.output()).toContain('No changes. AWS matches the configuration.');
  });

  it('--format json prints a plan file; -o saves it atomically and says so', async () => {
    const w = await workspace();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await plan({ format: 'json', out: 'plan.json' }, ctx)).toBe(0);
    const printed = loadPlanFile(ctx.output(), 'stdout');
    const saved = loadPlanFile(readFileSync(join(w.dir, 'plan.json'), 'utf8'), 'plan.json');
    expect(saved).toEqual(printed);
    expect(saved.actions.map((a) => a.id)).toContain('permission-set/Admin#create');
    expect(ctx.notes.join('\n')).toContain('Saved the plan to plan.json');
    expect(existsSync(join(w.dir, 'gatehouse.yaml'))).toBe(true);
  });

  it("the text plan warns against the config's own safety.maxDestroy", async () => {
    const config = `${SMALL_CONFIG.replace('[management, dev]', '[management]')}\nsafety: { maxDestroy: 0 }\n`;
    const w = await workspace('day1', config);
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    await plan({ prune: true }, ctx);
    expect(ctx.output()).toMatch(
      /more than safety\.maxDestroy \(0\); apply refuses it unless run with --allow-destroy/,
    );
  });

  it('--prune is recorded in the plan', async () => {
    const w = await workspace('day1', SMALL_CONFIG.replace('[management, dev]', '[management]'));
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    await plan({ format: 'json', prune: true }, ctx);
    const doc = loadPlanFile(ctx.output(), 'stdout');
    expect(doc.options.prune).toBe(true);
    expect(doc.actions.map((a) => a.id)).toContain('user/ismail#delete');
  });

  it('--format markdown prints a pull-request comment body that points at the saved plan', async () => {
    const w = await workspace();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await plan({ format: 'markdown', out: 'plan.json' }, ctx)).toBe(0);
    const md = ctx.output();
    expect(md.split('\n')[0]).toBe('**gatehouse plan:** 6 to add, 0 to change, 0 to destroy, 0 manual');
    expect(md).toContain('<details>');
    expect(md).toContain('+ permission-set/Admin');
    expect(existsSync(join(w.dir, 'plan.json'))).toBe(true);
  });
});
