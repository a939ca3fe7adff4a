import { describe, expect, it } from 'vitest';
import { DEV, desiredState, group, liveGroup, PROD, permissionSet, rule, user } from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import type { AssignmentAction, PlanDocument } from './actions.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from './render-markdown.js';

const desired = desiredState({
  permissionSets: [permissionSet('Admin'), permissionSet('Engineer')],
  users: [user('ismail'), user('ana')],
  groups: [group('Founders', ['ismail']), group('Engineers', ['ana'])],
  assignments: [
    rule(0, 'group:Founders', 'Admin', ['management']),
    rule(1, 'group:Engineers', 'Engineer', ['ou:/Workloads']),
  ],
});

/** A plan with `n` extra assignment creates for Engineers → Engineer, one per generated account. */
function withManyAssignments(plan: PlanDocument, n: number): PlanDocument {
  const template = plan.actions.find(
    (a): a is AssignmentAction => a.type === 'assignment' && a.kind === 'create' && a.principal.name === 'Engineers',
  );
  if (!template) throw new Error('the base plan has no Engineers assignment');
  const accountNames = { ...plan.accountNames };
  const extra = Array.from({ length: n }, (_, i) => {
    const accountId = String(900000000000 + i);
    accountNames[accountId] = `workload-${String(i).padStart(5, '0')}`;
    const address = `assignment/Engineer/group:Engineers/${accountId}`;
    return { ...template, id: `${address}#create`, address, accountId };
  });
  return {
    ...plan,
    accountNames,
    actions: [...plan.actions, ...extra],
    summary: { ...plan.summary, add: plan.summary.add + n },
  };
}

describe('renderPlanMarkdown', () => {
  const plan = planFor(desired, { groups: [liveGroup('Engineers')] });

  it('starts with the summary line and shows banners, rule resolution and the full plan in <details>', () => {
    const md = renderPlanMarkdown(plan);
    const s = plan.summary;
    expect(md.split('\n')[0]).toBe(
      `**gatehouse plan:** ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy, ${s.manual} manual${s.provision > 0 ? `, ${s.provision} to provision` : ''}`,
    );
    expect(md).toMatch(/### ⚠️ \d+ changes grant access/);
    expect(md).toContain(`**group:Engineers** gets **Engineer** in 3 accounts: dev, prod, shared`);
    expect(md).toContain('### What the assignment rules resolved to');
    expect(md).toContain('<details>\n<summary>Full plan (');
    expect(md).toContain(`+ assignment/Engineer/group:Engineers/${DEV}`);
    expect(md).toContain(`+ assignment/Engineer/group:Engineers/${PROD}`);
    expect(md).not.toContain('not shown');
  });

  it('a plan with thousands of assignments stays under 65,536 characters with every banner entry intact', () => {
    const big = withManyAssignments(plan, 5000);
    const md = renderPlanMarkdown(big, { fullPlanAt: 'in the workflow artifact gatehouse-plan' });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    // Every broadening action is in the banner: assignments by principal and permission set, with their count.
    const broadening = big.actions.filter((a) => a.risk === 'broadening');
    expect(md).toContain(`### ⚠️ ${broadening.length.toLocaleString('en-US')} changes grant access`);
    expect(md).toContain('**group:Engineers** gets **Engineer** in 5,003 accounts');
    for (const a of broadening.filter((x) => x.type !== 'assignment')) expect(md).toContain(`\`${a.address}\``);
    // The list is shortened and says where the full plan is.
    expect(md).toMatch(/… [\d,]+ more lines not shown .*the full plan is in the workflow artifact gatehouse-plan/);
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('honours a smaller limit (room for a marker) and never cuts the banners', () => {
    const big = withManyAssignments(plan, 2000);
    const md = renderPlanMarkdown(big, { maxLength: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain('**group:Engineers** gets **Engineer** in 2,003 accounts');
  });

  it('escapes names so an AWS name cannot open a link, tag or close the code block', () => {
    // Account names come from AWS: anyone who can rename an account controls this text.
    const hostile = { ...plan, accountNames: { ...plan.accountNames, [DEV]: 'x<img src=x>[a](http://e)```' } };
    const md = renderPlanMarkdown(hostile);
    // Outside the code block the name is escaped; inside it, a longer fence keeps it literal text.
    const [top] = md.split('<details>') as [string];
    expect(top).toContain('x\\<img src=x\\>\\[a\\](http://e)\\`\\`\\`');
    expect(top).not.toMatch(/(?<!\\)<img/);
    const fences = md.match(/^`{3,}/gm) ?? [];
    expect(fences[0]!.length).toBeGreaterThan(3);
  });
});
