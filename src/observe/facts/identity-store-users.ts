/** @module Fact `identity-store.users`: every user of the instance's identity store (ListUsers). */

import type { IdentityStoreUser } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, defined, instanceOf } from '../read-helpers.js';

export const identityStoreUsers = defineFact({
  id: 'identity-store.users',
  scope: 'organization',
  iamActions: ['identitystore:ListUsers'],
  needs: ['identity-center.instance'],
  async read(ctx) {
    const found = instanceOf<IdentityStoreUser[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const { instance } = found;
    const users = await ctx.aws.list(
      'identitystore',
      'ListUsers',
      { IdentityStoreId: instance.identityStoreId },
      'Users',
      {
        region: instance.region,
      },
    );
    return ok(
      users
        .flatMap((u) => {
          if (!u.UserId) return [];
          const email = u.Emails?.find((e) => e.Primary)?.Value ?? u.Emails?.[0]?.Value;
          const externalIds = u.ExternalIds?.flatMap((x) => (x.Issuer && x.Id ? [{ issuer: x.Issuer, id: x.Id }] : []));
          const user: IdentityStoreUser = {
            id: u.UserId,
            userName: u.UserName ?? u.UserId,
            displayName: u.DisplayName,
            givenName: u.Name?.GivenName,
            familyName: u.Name?.FamilyName,
            email,
            externalIds: externalIds && externalIds.length > 0 ? externalIds : undefined,
            status: u.UserStatus === 'DISABLED' ? 'DISABLED' : u.UserStatus === 'ENABLED' ? 'ENABLED' : undefined,
          };
          return [defined(user)];
        })
        .sort(byString((u) => u.userName)),
    );
  },
});
