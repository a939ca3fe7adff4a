/**
 * @module One permission-set role update per account at a time (AWS's limit, aws-api.md §3.4), on
 * top of the session's `roleUpdate.for(accountId)` semaphores. Work on the SAME permission set in an
 * account shares the slot (AWS counts it as one role update: ten groups assigned the same set in one
 * account provision one role), work on a different set waits. Arrivals queue behind a waiting set,
 * so no set starves. Multi-account work (provisioning) takes its accounts in sorted order, and every
 * caller takes accounts before any pool slot, so waits never form a cycle.
 */

import type { KeyedSemaphore, Release } from '../aws/index.js';

interface Holding {
  group: string;
  holders: number;
  release: Release;
}

interface Pending {
  promise: Promise<void>;
  joiners: number;
}

interface AccountState {
  active: Holding | null;
  pending: Map<string, Pending>;
}

export class RoleLocks {
  private readonly semaphores: KeyedSemaphore;
  private readonly accounts = new Map<string, AccountState>();

  constructor(semaphores: KeyedSemaphore) {
    this.semaphores = semaphores;
  }

  /** Holds the role-update slot of every account in `accountIds` for `group` (a permission set ARN). */
  async acquire(accountIds: readonly string[], group: string): Promise<Release> {
    const releases: Release[] = [];
    try {
      for (const accountId of [...new Set(accountIds)].sort()) releases.push(await this.acquireOne(accountId, group));
    } catch (error) {
      for (const r of releases.reverse()) r();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const r of releases.reverse()) r();
    };
  }

  /** Which permission set holds the account's slot right now, and how many tasks share it (tests). */
  holder(accountId: string): { group: string; holders: number } | null {
    const active = this.accounts.get(accountId)?.active;
    return active ? { group: active.group, holders: active.holders } : null;
  }

  private state(accountId: string): AccountState {
    let state = this.accounts.get(accountId);
    if (!state) {
      state = { active: null, pending: new Map() };
      this.accounts.set(accountId, state);
    }
    return state;
  }

  private async acquireOne(accountId: string, group: string): Promise<Release> {
    const state = this.state(accountId);
    if (state.active?.group === group && state.pending.size === 0) {
      state.active.holders += 1;
      return this.releaser(state, state.active);
    }
    let pending = state.pending.get(group);
    if (!pending) {
      const semaphore = this.semaphores.for(accountId);
      const entry: Pending = { joiners: 0, promise: Promise.resolve() };
      entry.promise = semaphore.acquire().then((release) => {
        state.pending.delete(group);
        state.active = { group, holders: entry.joiners, release };
      });
      state.pending.set(group, entry);
      pending = entry;
    }
    pending.joiners += 1;
    await pending.promise;
    const active = state.active;
    if (!active || active.group !== group) throw new Error(`role lock of ${accountId} lost its holder`);
    return this.releaser(state, active);
  }

  private releaser(state: AccountState, holding: Holding): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holding.holders -= 1;
      if (holding.holders === 0 && state.active === holding) {
        state.active = null;
        holding.release();
      }
    };
  }
}
