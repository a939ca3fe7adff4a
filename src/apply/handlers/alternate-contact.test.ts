import { describe, expect, it } from 'vitest';
import type { AlternateContactPut } from '../../plan/actions.js';
import { DEV, harness, MANAGEMENT, runHandler } from '../test-support.test-helpers.js';
import { alternateContactHandler } from './alternate-contact.js';
import { HANDLERS } from './index.js';

function contact(accountId: string): AlternateContactPut {
  return {
    id: `contact/security/${accountId}#create`,
    type: 'alternate-contact',
    kind: 'create',
    address: `contact/security/${accountId}`,
    reason: { code: 'missing', message: 'test' },
    risk: 'neutral',
    dependsOn: [],
    blockedBy: [],
    applyable: true,
    contactType: 'SECURITY',
    accountId,
    before: null,
    after: { name: 'Noor Haddad', title: 'CISO', email: 'security@example.com', phone: '+44 20 7946 0000' },
  };
}

describe('alternate-contact handler', () => {
  it('sets the caller’s own contact without AccountId (AWS refuses the own id) and is idempotent', async () => {
    const h = harness();
    for (let round = 0; round < 2; round++) {
      const { actions } = await runHandler(h, HANDLERS, contact(MANAGEMENT));
      expect(actions).toEqual(['account:PutAlternateContact']);
      for (const a of actions) expect(alternateContactHandler.iamActions).toContain(a);
    }
    const read = await h.session.call('account', 'GetAlternateContact', { AlternateContactType: 'SECURITY' });
    expect(read.AlternateContact).toMatchObject({ Name: 'Noor Haddad', EmailAddress: 'security@example.com' });
  });

  it('names a member account by AccountId', async () => {
    const h = harness();
    await h.session.call('organizations', 'EnableAWSServiceAccess', { ServicePrincipal: 'account.amazonaws.com' });
    await runHandler(h, HANDLERS, contact(DEV));
    const read = await h.session.call('account', 'GetAlternateContact', {
      AlternateContactType: 'SECURITY',
      AccountId: DEV,
    });
    expect(read.AlternateContact?.Title).toBe('CISO');
  });
});
