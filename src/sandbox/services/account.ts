/**
 * @module Account (aws-api.md §2.6): alternate contacts (Get/Put/Delete) and GetContactInformation,
 * for the caller's own account or, from the management account with trusted access for
 * account.amazonaws.com, for a member account named by AccountId.
 */

import { SandboxServiceError } from '../endpoint.js';
import type { AccountRecord, AlternateContactTypeName } from '../state.js';
import { fullMatch, validateInput } from '../validate.js';
import { type CallContext, type OperationTable, req, str } from './context.js';

const contactType = { type: 'string', required: true, enum: ['BILLING', 'OPERATIONS', 'SECURITY'] } as const;
const accountIdRule = { type: 'string', pattern: fullMatch('\\d{12}') } as const;

function denied(ctx: CallContext, why: string): SandboxServiceError {
  return new SandboxServiceError(
    'AccessDeniedException',
    `User: ${ctx.callerArn} is not authorized to perform: account:${ctx.operation}: ${why}`,
    403,
  );
}

/** The account a call is about: the caller's own, or a member account named by a management caller. */
function targetAccount(ctx: CallContext, accountId: string | undefined): AccountRecord {
  const own = ctx.world.account(ctx.accountId);
  if (accountId === undefined) {
    if (!own) throw new SandboxServiceError('ResourceNotFoundException', `Account ${ctx.accountId} not found.`, 404);
    return own;
  }
  const org = ctx.world.organization;
  const delegated = org?.delegatedAdmins.some(
    (d) => d.accountId === ctx.accountId && d.servicePrincipal === 'account.amazonaws.com',
  );
  if (!org || !ctx.world.inOrganization(ctx.accountId) || (org.managementAccountId !== ctx.accountId && !delegated)) {
    throw denied(ctx, 'only the management account or a delegated administrator may name another account');
  }
  if (accountId === org.managementAccountId && accountId === ctx.accountId) {
    // AWS requires the management account to omit AccountId for itself (error unconfirmed; assumed).
    throw new SandboxServiceError(
      'ValidationException',
      'The management account must omit AccountId to act on its own contacts.',
      400,
      { reason: 'fieldValidationFailed' },
    );
  }
  if (org.featureSet !== 'ALL' || org.serviceAccess['account.amazonaws.com'] === undefined) {
    throw denied(ctx, 'trusted access for account.amazonaws.com is not enabled in the organization');
  }
  const target = ctx.world.account(accountId);
  if (!target?.org) throw denied(ctx, `account ${accountId} is not a member of the organization`);
  return target;
}

function noContact(): SandboxServiceError {
  return new SandboxServiceError(
    'ResourceNotFoundException',
    'No contact of the inputted alternate contact type found.',
    404,
  );
}

export const accountOperations: OperationTable = {
  GetAlternateContact: {
    run(input, ctx) {
      validateInput('account', input, { AlternateContactType: contactType, AccountId: accountIdRule });
      const account = targetAccount(ctx, str(input, 'AccountId'));
      const type = req(input, 'AlternateContactType') as AlternateContactTypeName;
      const contact = account.alternateContacts[type];
      if (!contact) throw noContact();
      return {
        AlternateContact: {
          Name: contact.name,
          Title: contact.title,
          EmailAddress: contact.email,
          PhoneNumber: contact.phone,
          AlternateContactType: type,
        },
      };
    },
  },

  PutAlternateContact: {
    write: true,
    run(input, ctx) {
      validateInput('account', input, {
        Name: { type: 'string', required: true, min: 1, max: 64 },
        Title: { type: 'string', required: true, min: 1, max: 50 },
        EmailAddress: {
          type: 'string',
          required: true,
          min: 1,
          max: 254,
          pattern: fullMatch('[\\s]*[\\w+=.#|!&-]+@[\\w.-]+\\.[\\w]+[\\s]*'),
        },
        PhoneNumber: { type: 'string', required: true, min: 1, max: 25, pattern: fullMatch('[\\s0-9()+-]+') },
        AlternateContactType: contactType,
        AccountId: accountIdRule,
      });
      const account = targetAccount(ctx, str(input, 'AccountId'));
      account.alternateContacts[req(input, 'AlternateContactType') as AlternateContactTypeName] = {
        name: req(input, 'Name'),
        title: req(input, 'Title'),
        email: req(input, 'EmailAddress'),
        phone: req(input, 'PhoneNumber'),
      };
      return {};
    },
  },

  DeleteAlternateContact: {
    write: true,
    run(input, ctx) {
      validateInput('account', input, { AlternateContactType: contactType, AccountId: accountIdRule });
      const account = targetAccount(ctx, str(input, 'AccountId'));
      const type = req(input, 'AlternateContactType') as AlternateContactTypeName;
      if (!account.alternateContacts[type]) throw noContact();
      delete account.alternateContacts[type];
      return {};
    },
  },

  GetContactInformation: {
    run(input, ctx) {
      validateInput('account', input, { AccountId: accountIdRule });
      const account = targetAccount(ctx, str(input, 'AccountId'));
      if (!account.contactInformation) {
        throw new SandboxServiceError(
          'ResourceNotFoundException',
          'No contact information found for the account.',
          404,
        );
      }
      return { ContactInformation: { ...account.contactInformation } };
    },
  },
};
