import { describe, expect, it } from 'vitest';
import { KeyedSemaphore } from '../aws/index.js';
import { RoleLocks } from './role-locks.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('RoleLocks', () => {
  it('lets work on the same permission set share an account, and makes another set wait', async () => {
    const locks = new RoleLocks(new KeyedSemaphore(1));
    const a = await locks.acquire(['111'], 'set-A');
    const b = await locks.acquire(['111'], 'set-A');
    expect(locks.holder('111')).toEqual({ group: 'set-A', holders: 2 });
    let other = false;
    const c = locks.acquire(['111'], 'set-B').then((release) => {
      other = true;
      return release;
    });
    await tick();
    expect(other).toBe(false);
    a();
    await tick();
    expect(other).toBe(false);
    b();
    const release = await c;
    expect(other).toBe(true);
    expect(locks.holder('111')).toEqual({ group: 'set-B', holders: 1 });
    release();
    expect(locks.holder('111')).toBeNull();
  });

  it('is fair: work on the holding set queues behind a waiting set', async () => {
    const locks = new RoleLocks(new KeyedSemaphore(1));
    const order: string[] = [];
    const first = await locks.acquire(['111'], 'A');
    const waitB = locks.acquire(['111'], 'B').then((r) => {
      order.push('B');
      return r;
    });
    const waitA = locks.acquire(['111'], 'A').then((r) => {
      order.push('A again');
      return r;
    });
    await tick();
    first();
    (await waitB)();
    (await waitA)();
    expect(order).toEqual(['B', 'A again']);
  });

  it('takes several accounts in sorted order and releases all of them (releases are idempotent)', async () => {
    const locks = new RoleLocks(new KeyedSemaphore(1));
    const release = await locks.acquire(['333', '111', '222', '111'], 'P');
    for (const id of ['111', '222', '333']) expect(locks.holder(id)).toEqual({ group: 'P', holders: 1 });
    release();
    release();
    for (const id of ['111', '222', '333']) expect(locks.holder(id)).toBeNull();
  });
});
