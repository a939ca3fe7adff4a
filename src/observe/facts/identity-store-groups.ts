/** @module Fact `identity-store.groups`: every group of the instance's identity store (ListGroups). */

import type { IdentityStoreGroup } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, defined, instanceOf } from '../read-helpers.js';

export const identityStoreGroups = defineFact({
  id: 'identity-store.groups',
  scope: 'organization',
  iamActions: ['identitystore:ListGroups'],
  needs: ['identity-center.instance'],
  async read(ctx) {
    const found = instanceOf<IdentityStoreGroup[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const { instance } = found;
    const groups = await ctx.aws.list(
      'identitystore',
      'ListGroups',
      { IdentityStoreId: instance.identityStoreId },
      'Groups',
      { region: instance.region },
    );
    return ok(
      groups
        .flatMap((g) => {
          if (!g.GroupId) return [];
          const externalIds = g.ExternalIds?.flatMap((x) => (x.Issuer && x.Id ? [{ issuer: x.Issuer, id: x.Id }] : []));
          const group: IdentityStoreGroup = {
            id: g.GroupId,
            displayName: g.DisplayName ?? g.GroupId,
            description: g.Description,
            externalIds: externalIds && externalIds.length > 0 ? externalIds : undefined,
          };
          return [defined(group)];
        })
        .sort(byString((g) => g.displayName)),
    );
  },
});
