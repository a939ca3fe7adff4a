/**
 * @module Fact `identity-store.memberships`: who is in which group, one ListGroupMemberships per
 * group (G + M/100 calls on that API's own bucket; per group beats per member since G ≪ U).
 */

import type { GroupMembership } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, instanceOf, mapLimit, propagate, SSO_READ_CONCURRENCY } from '../read-helpers.js';

export const identityStoreMemberships = defineFact({
  id: 'identity-store.memberships',
  scope: 'organization',
  iamActions: ['identitystore:ListGroupMemberships'],
  needs: ['identity-center.instance', 'identity-store.groups'],
  async read(ctx) {
    const found = instanceOf<GroupMembership[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const groups = ctx.need('identity-store.groups');
    if (groups.status !== 'ok') return propagate(groups, 'identity-store.groups');
    const { instance } = found;
    const perGroup = await mapLimit(groups.value, SSO_READ_CONCURRENCY, (group) =>
      ctx.aws.list(
        'identitystore',
        'ListGroupMemberships',
        { IdentityStoreId: instance.identityStoreId, GroupId: group.id },
        'GroupMemberships',
        { region: instance.region },
      ),
    );
    const memberships: GroupMembership[] = [];
    groups.value.forEach((group, i) => {
      for (const m of perGroup[i] ?? []) {
        const userId = m.MemberId && 'UserId' in m.MemberId ? m.MemberId.UserId : undefined;
        if (!m.MembershipId || !userId) continue;
        memberships.push({ membershipId: m.MembershipId, groupId: m.GroupId ?? group.id, userId });
      }
    });
    return ok(memberships.sort(byString((m) => `${m.groupId}|${m.userId}`)));
  },
});
