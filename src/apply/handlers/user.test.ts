import { describe, expect, it } from 'vitest';
import { StalePlanError } from '../../errors.js';
import type { UserAction } from '../../plan/actions.js';
import { createUserAction, harness, instanceOf, runHandler } from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { userHandler } from './user.js';

function usersNamed(h: ReturnType<typeof harness>, userName: string) {
  return Object.values(instanceOf(h.sandbox).identityStore.users).filter((u) => u.UserName === userName);
}

describe('user handler', () => {
  it('creates a user with user name, display name, name and one primary work e-mail', async () => {
    const h = harness();
    const { result, actions, ctx } = await runHandler(h, HANDLERS, createUserAction('ana'));
    expect(result).toBeUndefined();
    const [user] = usersNamed(h, 'ana');
    expect(user?.attributes).toMatchObject({
      DisplayName: 'ana Example',
      Name: { GivenName: 'ana', FamilyName: 'Example' },
      Emails: [{ Value: 'ana@example.com', Type: 'work', Primary: true }],
    });
    expect(ctx.resolver.users.get('ana')).toBe(user?.UserId);
    expect(actions).toEqual(['identitystore:CreateUser']);
    for (const a of actions) expect(userHandler.iamActions).toContain(a);
  });

  it.each([
    ['ana', 'the same name'],
    ['Ana', 'a name that differs only by case'],
  ])(
    'never adopts a user that exists at create time (%s: %s): stale plan, its attributes untouched',
    async (existing) => {
      const h = harness();
      await runHandler(h, HANDLERS, createUserAction(existing));
      const again = createUserAction('ana', { displayName: 'Ana Changed', email: 'ana@corp.example.com' });
      const attempt = runHandler(h, HANDLERS, again);
      await expect(attempt).rejects.toBeInstanceOf(StalePlanError);
      await expect(attempt).rejects.toThrow(
        'user ana already exists in the Identity Store, but the plan did not show it',
      );
      const users = usersNamed(h, existing);
      expect(users).toHaveLength(1);
      expect(users[0]?.attributes).not.toMatchObject({ DisplayName: 'Ana Changed' });
      expect(JSON.stringify(users[0]?.attributes)).not.toContain('ana@corp.example.com');
    },
  );

  it('updates only the changed attributes and deletes (a user already gone is success)', async () => {
    const h = harness();
    const { ctx } = await runHandler(h, HANDLERS, createUserAction('bob'));
    const id = ctx.resolver.users.get('bob')!;
    const before = createUserAction('bob').after;
    const update: UserAction = {
      ...createUserAction('bob'),
      id: 'user/bob#update',
      kind: 'update',
      user: { userName: 'bob', id },
      changes: ['familyName', 'email'],
      before,
      after: { ...before, familyName: 'Builder', email: 'bob@builder.example.com' },
    };
    const updated = await runHandler(h, HANDLERS, update);
    expect(updated.actions).toEqual(['identitystore:UpdateUser']);
    expect(usersNamed(h, 'bob')[0]?.attributes).toMatchObject({
      DisplayName: 'bob Example',
      Name: { GivenName: 'bob', FamilyName: 'Builder' },
      Emails: [{ Value: 'bob@builder.example.com', Type: 'work', Primary: true }],
    });

    const remove: UserAction = {
      ...createUserAction('bob'),
      id: 'user/bob#delete',
      kind: 'delete',
      user: { userName: 'bob', id },
      before,
      after: null,
    };
    expect((await runHandler(h, HANDLERS, remove)).result).toBeUndefined();
    expect(usersNamed(h, 'bob')).toHaveLength(0);
    expect((await runHandler(h, HANDLERS, remove)).result).toEqual({ note: 'already gone' });
  });

  it('fails on a permanent error (validation) without retrying it', async () => {
    const h = harness();
    const bad = createUserAction('Administrator');
    await expect(runHandler(h, HANDLERS, bad)).rejects.toThrow(/ValidationException|rejected/);
    expect(h.sandbox.calls().filter((c) => c.operation === 'CreateUser')).toHaveLength(1);
  });
});
