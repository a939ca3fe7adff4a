import { describe, expect, it } from 'vitest';
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

  it('on rerun adopts the user that exists and sets its attributes, without a duplicate', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createUserAction('ana'));
    const again = createUserAction('ana', { displayName: 'Ana Changed', email: 'ana@corp.example.com' });
    const { result, actions } = await runHandler(h, HANDLERS, again);
    expect(result).toEqual({ note: 'already existed; attributes set' });
    const users = usersNamed(h, 'ana');
    expect(users).toHaveLength(1);
    expect(users[0]?.attributes).toMatchObject({
      DisplayName: 'Ana Changed',
      Emails: [{ Value: 'ana@corp.example.com', Type: 'work', Primary: true }],
    });
    expect(actions).toEqual(['identitystore:CreateUser', 'identitystore:GetUserId', 'identitystore:UpdateUser']);
  });

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
