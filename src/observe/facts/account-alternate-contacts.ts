/**
 * @module Fact `account.alternate-contacts`: the security, operations and billing contacts of the
 * account (GetAlternateContact in the account itself); an unset type is null (ResourceNotFound).
 */

import type { AlternateContact, AlternateContactType } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { isAwsError } from '../read-helpers.js';

const TYPES: readonly AlternateContactType[] = ['BILLING', 'OPERATIONS', 'SECURITY'];

export const accountAlternateContacts = defineFact({
  id: 'account.alternate-contacts',
  scope: 'account',
  iamActions: ['account:GetAlternateContact'],
  async read(ctx) {
    const contacts = await Promise.all(
      TYPES.map(async (type): Promise<AlternateContact | null> => {
        try {
          const { AlternateContact: c } = await ctx.aws.call('account', 'GetAlternateContact', {
            AlternateContactType: type,
          });
          if (!c) return null;
          return { name: c.Name ?? '', title: c.Title ?? '', email: c.EmailAddress ?? '', phone: c.PhoneNumber ?? '' };
        } catch (error) {
          if (isAwsError(error, { kind: 'not-found' })) return null;
          throw error;
        }
      }),
    );
    const value: Partial<Record<AlternateContactType, AlternateContact | null>> = {};
    TYPES.forEach((type, i) => {
      value[type] = contacts[i] ?? null;
    });
    return ok(value);
  },
});
