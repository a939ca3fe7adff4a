import { describe, expect, it } from 'vitest';
import { StalePlanError } from '../../errors.js';
import type { GroupAction } from '../../plan/actions.js';
import { createGroupAction, harness, instanceOf, runHandler } from '../test-support.test-helpers.js';
import { groupHandler } from './group.js';
import { HANDLERS } from './index.js';

function groupsNamed(h: ReturnType<typeof harness>, name: string) {
  return Object.values(instanceOf(h.sandbox).identityStore.groups).filter((g) => g.DisplayName === name);
}

describe('group handler', () => {
  it('creates a group with its description and records its id', async () => {
    const h = harness();
    const { ctx, actions } = await runHandler(h, HANDLERS, createGroupAction('Founders', 'Company founders'));
    const [group] = groupsNamed(h, 'Founders');
    expect(group?.Description).toBe('Company founders');
    expect(ctx.resolver.groups.get('Founders')).toBe(group?.GroupId);
    for (const a of actions) expect(groupHandler.iamActions).toContain(a);
  });

  it.each([
    ['Founders', 'the same name'],
    ['founders', 'a name that differs only by case'],
  ])('never adopts a group that exists at create time (%s: %s): stale plan, nothing changed', async (existing) => {
    const h = harness();
    await runHandler(h, HANDLERS, createGroupAction(existing, 'made by someone else'));
    const attempt = runHandler(h, HANDLERS, createGroupAction('Founders', 'new'));
    await expect(attempt).rejects.toBeInstanceOf(StalePlanError);
    await expect(attempt).rejects.toThrow(
      'group Founders already exists in the Identity Store, but the plan did not show it; gatehouse does not adopt a group the plan did not show. Run `gatehouse plan` again and review it',
    );
    expect(groupsNamed(h, existing)).toHaveLength(1);
    expect(groupsNamed(h, existing)[0]?.Description).toBe('made by someone else');
  });

  it('updates and removes the description, deletes, and treats a missing group as deleted', async () => {
    const h = harness();
    const { ctx } = await runHandler(h, HANDLERS, createGroupAction('Ops', 'on call'));
    const id = ctx.resolver.groups.get('Ops')!;
    const update: GroupAction = {
      ...createGroupAction('Ops'),
      id: 'group/Ops#update',
      kind: 'update',
      group: { name: 'Ops', id },
      before: { displayName: 'Ops', description: 'on call' },
      after: { displayName: 'Ops', description: null },
    };
    await runHandler(h, HANDLERS, update);
    expect(groupsNamed(h, 'Ops')[0]?.Description ?? null).toBeNull();
    const remove: GroupAction = {
      ...createGroupAction('Ops'),
      id: 'group/Ops#delete',
      kind: 'delete',
      group: { name: 'Ops', id },
      before: { displayName: 'Ops', description: null },
      after: null,
    };
    await runHandler(h, HANDLERS, remove);
    expect(groupsNamed(h, 'Ops')).toHaveLength(0);
    expect((await runHandler(h, HANDLERS, remove)).result).toEqual({ note: 'already gone' });
  });
});
