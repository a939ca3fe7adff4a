/**
 * @module Fact `organizations.tree`: the root, every OU (with its path) and every account, walked
 * breadth-first from the root with ListOrganizationalUnitsForParent and ListAccountsForParent per
 * parent: 1 + 2(O+1) + ⌈A/20⌉ calls (scale.md §4.2), cheaper than ListAccounts + ListParents.
 */

import type { AccountState, OrgAccount, OrganizationalUnit } from '../../model/types.js';
import { failed, ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, mapLimit } from '../read-helpers.js';

const STATES: readonly AccountState[] = ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'];

/** `State` when AWS sends it, else the retiring `Status` (same values, no PENDING_ACTIVATION/CLOSED). */
function accountState(state: string | undefined, status: string | undefined): AccountState {
  const value = state ?? status;
  return STATES.includes(value as AccountState) ? (value as AccountState) : 'ACTIVE';
}

function childPath(parentPath: string, name: string): string {
  return parentPath === '/' ? `/${name}` : `${parentPath}/${name}`;
}

export const organizationsTree = defineFact({
  id: 'organizations.tree',
  scope: 'organization',
  iamActions: [
    'organizations:ListRoots',
    'organizations:ListOrganizationalUnitsForParent',
    'organizations:ListAccountsForParent',
  ],
  async read(ctx) {
    const roots = await ctx.aws.list('organizations', 'ListRoots', {}, 'Roots');
    const rootId = roots[0]?.Id;
    if (!rootId) return failed('incomplete', 'ListRoots returned no root');
    const ous: OrganizationalUnit[] = [];
    const accounts: OrgAccount[] = [];
    let level: { id: string; path: string }[] = [{ id: rootId, path: '/' }];
    while (level.length > 0) {
      const children = await mapLimit(level, 4, async (parent) => {
        const [units, members] = await Promise.all([
          ctx.aws.list(
            'organizations',
            'ListOrganizationalUnitsForParent',
            { ParentId: parent.id },
            'OrganizationalUnits',
          ),
          ctx.aws.list('organizations', 'ListAccountsForParent', { ParentId: parent.id }, 'Accounts'),
        ]);
        for (const a of members) {
          if (!a.Id) continue;
          accounts.push({
            id: a.Id,
            name: a.Name ?? '',
            email: a.Email ?? '',
            state: accountState(a.State, a.Status),
            parentId: parent.id,
            ouPath: parent.path,
          });
        }
        return units.flatMap((u) => {
          if (!u.Id) return [];
          const path = childPath(parent.path, u.Name ?? u.Id);
          ous.push({ id: u.Id, name: u.Name ?? '', parentId: parent.id, path });
          return [{ id: u.Id, path }];
        });
      });
      level = children.flat();
    }
    ous.sort(byString((o) => o.path));
    accounts.sort(byString((a) => a.id));
    return ok({ rootId, ous, accounts });
  },
});
