/**
 * @module identitystore users: CreateUser, DescribeUser, ListUsers, UpdateUser, DeleteUser,
 * GetUserId. UserName is unique in the store (ConflictException UNIQUENESS_CONSTRAINT_VIOLATION).
 */

import { encodeToken, pageWindow, slicePage } from '../../paginate.js';
import type { IdentityStoreUserRecord } from '../../state.js';
import { type FieldRule, type Schema, validateInput } from '../../validate.js';
import { emailsOf, type InstanceIndex, uniqueKey } from '../../world.js';
import { type CallContext, type OperationTable, req, toDate } from '../context.js';
import {
  alternateIdentifierRule,
  attributeOperationsRule,
  DEFAULT_PAGE_SIZE,
  filtersRule,
  idRules,
  newResourceId,
  notFound,
  quotaExceeded,
  RESERVED_NAMES,
  requireStore,
  uniquenessConflict,
  validation,
  visible,
} from './common.js';

/** Users per identity store (DOC-LIMITS). */
export const MAX_USERS = 100_000;

const s = idRules.sensitive;
const multi = (fields: Schema, max = 1): FieldRule => ({ type: 'list', min: 1, max, item: { type: 'object', fields } });

/** The writable user attributes, as CreateUser names them, with their rules. */
export const userAttributeRules: Schema = {
  UserName: idRules.userName,
  Name: {
    type: 'object',
    fields: {
      Formatted: s,
      FamilyName: s,
      GivenName: s,
      MiddleName: s,
      HonorificPrefix: s,
      HonorificSuffix: s,
    },
  },
  DisplayName: s,
  NickName: s,
  ProfileUrl: s,
  Emails: multi({ Value: s, Type: s, Primary: { type: 'boolean' } }),
  Addresses: multi({
    StreetAddress: s,
    Locality: s,
    Region: s,
    PostalCode: s,
    Country: s,
    Formatted: s,
    Type: s,
    Primary: { type: 'boolean' },
  }),
  PhoneNumbers: multi({ Value: s, Type: s, Primary: { type: 'boolean' } }),
  UserType: s,
  Title: s,
  PreferredLanguage: s,
  Locale: s,
  Timezone: s,
  Photos: multi({ Value: { ...s, required: true }, Type: s, Display: s, Primary: { type: 'boolean' } }, 3),
  Website: s,
  Birthdate: s,
  Roles: multi({ Value: s, Type: s, Primary: { type: 'boolean' } }),
  Extensions: { type: 'map', min: 1, max: 10 },
};

const ATTRIBUTE_NAMES = Object.keys(userAttributeRules).filter((k) => k !== 'UserName');

export function userShape(
  u: IdentityStoreUserRecord,
  storeId: string,
  extensions: string[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { IdentityStoreId: storeId, UserId: u.UserId };
  if (u.UserName !== null) out.UserName = u.UserName;
  for (const [key, value] of Object.entries(u.attributes)) {
    if (key === 'Extensions') continue;
    out[key] = structuredClone(value);
  }
  out.UserStatus = u.status;
  out.CreatedAt = toDate(u.createdAt);
  out.CreatedBy = u.createdBy;
  out.UpdatedAt = toDate(u.updatedAt);
  out.UpdatedBy = u.updatedBy;
  const ext = u.attributes.Extensions as Record<string, unknown> | undefined;
  if (extensions && ext) {
    const picked = Object.fromEntries(Object.entries(ext).filter(([name]) => extensions.includes(name)));
    if (Object.keys(picked).length > 0) out.Extensions = picked;
  }
  return out;
}

function checkUserName(ctx: CallContext, index: InstanceIndex, userName: string, self?: string): void {
  if (RESERVED_NAMES.includes(userName.toLowerCase())) {
    throw validation(ctx, `The user name ${userName} is reserved and cannot be used.`);
  }
  const existing = index.userByName.get(uniqueKey(userName));
  if (existing && existing !== self) throw uniquenessConflict(ctx, 'Duplicate UserName');
}

function checkExtensions(ctx: CallContext, value: unknown): void {
  if (value === undefined) return;
  for (const name of Object.keys(value as object)) {
    if (name !== 'aws:identitystore:enterprise') {
      throw validation(
        ctx,
        `Extension ${name} is not supported; the only supported extension is aws:identitystore:enterprise.`,
      );
    }
  }
}

export function requireUser(ctx: CallContext, index: InstanceIndex, userId: string): IdentityStoreUserRecord {
  const u = index.record.identityStore.users[userId];
  if (!u || !visible(ctx, u.createdAt)) throw notFound(ctx, 'USER', userId);
  return u;
}

/** camelCase attribute path (`name.givenName`) → [Attribute, SubAttribute?] as the API names them. */
function attributeOf(path: string): [string, string | undefined] | undefined {
  const [top, sub, ...rest] = path.split('.');
  if (!top || rest.length > 0) return undefined;
  const attribute = [...ATTRIBUTE_NAMES, 'UserName'].find((a) => a.toLowerCase() === top.toLowerCase());
  if (!attribute) return undefined;
  if (sub === undefined) return [attribute, undefined];
  if (attribute !== 'Name') return undefined;
  const rule = userAttributeRules.Name as { fields: Schema };
  const field = Object.keys(rule.fields).find((f) => f.toLowerCase() === sub.toLowerCase());
  return field ? [attribute, field] : undefined;
}

const paging: Schema = { MaxResults: idRules.maxResults, NextToken: idRules.nextToken };

export const userOperations: OperationTable = {
  CreateUser: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, { IdentityStoreId: idRules.identityStoreId, ...userAttributeRules });
      // The model requires only the store id; IAM Identity Center needs these (API docs; TF and moto agree).
      const name = input.Name as { GivenName?: string; FamilyName?: string } | undefined;
      const missing = [
        input.UserName === undefined && 'UserName',
        input.DisplayName === undefined && 'DisplayName',
        !name?.GivenName && 'Name.GivenName',
        !name?.FamilyName && 'Name.FamilyName',
      ].filter(Boolean);
      if (missing.length > 0) throw validation(ctx, `Missing required attribute(s): ${missing.join(', ')}.`);
      checkExtensions(ctx, input.Extensions);
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const userName = req(input, 'UserName');
      checkUserName(ctx, index, userName);
      if (index.userOrder.length >= MAX_USERS)
        throw quotaExceeded(ctx, `The identity store already has ${MAX_USERS} users.`);
      const attributes: Record<string, unknown> = {};
      for (const key of ATTRIBUTE_NAMES) if (input[key] !== undefined) attributes[key] = structuredClone(input[key]);
      const user: IdentityStoreUserRecord = {
        UserId: newResourceId(ctx, index),
        UserName: userName,
        attributes,
        status: 'ENABLED',
        createdAt: ctx.now,
        createdBy: ctx.callerArn,
        updatedAt: ctx.now,
        updatedBy: ctx.callerArn,
      };
      index.addUser(user);
      return { IdentityStoreId: index.record.identityStoreId, UserId: user.UserId };
    },
  },

  DescribeUser: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        UserId: idRules.resourceId,
        Extensions: { type: 'list', min: 1, max: 10 },
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = requireUser(ctx, index, req(input, 'UserId'));
      return userShape(user, index.record.identityStoreId, input.Extensions as string[] | undefined);
    },
  },

  ListUsers: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        Filters: filtersRule,
        Extensions: { type: 'list', min: 1, max: 10 },
        ...paging,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const filter = (input.Filters as { AttributePath: string; AttributeValue: string }[] | undefined)?.[0];
      let ids: readonly string[] = index.userOrder;
      if (filter) {
        // Deprecated but still served: filtering by UserName (path case-insensitive, as callers send both).
        if (filter.AttributePath.toLowerCase() !== 'username') {
          throw validation(ctx, `Filtering users by ${filter.AttributePath} is not supported.`);
        }
        const id = index.userByName.get(uniqueKey(filter.AttributeValue));
        ids = id ? [id] : [];
      }
      const scope = `ListUsers|${index.record.identityStoreId}|${filter?.AttributeValue ?? ''}`;
      const window = pageWindow('identitystore', scope, input.NextToken, input.MaxResults, DEFAULT_PAGE_SIZE);
      const page = slicePage(ids, window);
      const extensions = input.Extensions as string[] | undefined;
      const users = page.items.flatMap((id) => {
        const u = index.record.identityStore.users[id];
        return u && visible(ctx, u.createdAt) ? [userShape(u, index.record.identityStoreId, extensions)] : [];
      });
      const out: Record<string, unknown> = { Users: users };
      if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
      return out;
    },
  },

  UpdateUser: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        UserId: idRules.resourceId,
        Operations: attributeOperationsRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = requireUser(ctx, index, req(input, 'UserId'));
      const before = { userName: user.UserName, emails: emailsOf(user) };
      const next = structuredClone(user.attributes);
      let userName = user.UserName;
      for (const op of input.Operations as { AttributePath: string; AttributeValue?: unknown }[]) {
        const target = attributeOf(op.AttributePath);
        if (!target) throw validation(ctx, `Invalid attribute path ${op.AttributePath}.`);
        const [attribute, sub] = target;
        const value = op.AttributeValue ?? null;
        if (attribute === 'UserName') {
          if (typeof value !== 'string') throw validation(ctx, 'UserName cannot be removed.');
          validateInput('identitystore', { UserName: value }, { UserName: idRules.userName });
          checkUserName(ctx, index, value, user.UserId);
          userName = value;
          continue;
        }
        if (sub !== undefined) {
          const nameRule = (userAttributeRules.Name as { fields: Schema }).fields;
          if (value !== null) validateInput('identitystore', { [sub]: value }, { [sub]: nameRule[sub] as FieldRule });
          const nameValue = { ...((next.Name as Record<string, unknown> | undefined) ?? {}) };
          if (value === null) delete nameValue[sub];
          else nameValue[sub] = value;
          next.Name = nameValue;
          continue;
        }
        if (value === null) {
          delete next[attribute];
          continue;
        }
        validateInput(
          'identitystore',
          { [attribute]: value },
          { [attribute]: userAttributeRules[attribute] as FieldRule },
        );
        if (attribute === 'Extensions') checkExtensions(ctx, value);
        next[attribute] = structuredClone(value);
      }
      user.attributes = next;
      user.UserName = userName;
      user.updatedAt = ctx.now;
      user.updatedBy = ctx.callerArn;
      index.reindexUser(user, before);
      return {};
    },
  },

  DeleteUser: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, { IdentityStoreId: idRules.identityStoreId, UserId: idRules.resourceId });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = requireUser(ctx, index, req(input, 'UserId'));
      // Memberships go with the user; account assignments naming it stay (AWS behaviour unconfirmed).
      index.removeUser(user.UserId);
      return {};
    },
  },

  GetUserId: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        AlternateIdentifier: alternateIdentifierRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = findUser(ctx, index, input.AlternateIdentifier as AlternateIdentifier);
      if (!user || !visible(ctx, user.createdAt))
        throw notFound(ctx, 'USER', describeIdentifier(input.AlternateIdentifier as AlternateIdentifier));
      return { IdentityStoreId: index.record.identityStoreId, UserId: user.UserId };
    },
  },
};

export interface AlternateIdentifier {
  ExternalId?: { Issuer: string; Id: string };
  UniqueAttribute?: { AttributePath: string; AttributeValue: unknown };
}

export function describeIdentifier(id: AlternateIdentifier): string {
  if (id.ExternalId) return `${id.ExternalId.Issuer}:${id.ExternalId.Id}`;
  return String(id.UniqueAttribute?.AttributeValue ?? '');
}

function findUser(
  ctx: CallContext,
  index: InstanceIndex,
  id: AlternateIdentifier,
): IdentityStoreUserRecord | undefined {
  const users = index.record.identityStore.users;
  if ((id.ExternalId === undefined) === (id.UniqueAttribute === undefined)) {
    throw validation(ctx, 'AlternateIdentifier must contain exactly one of ExternalId or UniqueAttribute.');
  }
  if (id.ExternalId) {
    const { Issuer, Id } = id.ExternalId;
    return Object.values(users).find((u) =>
      ((u.attributes.ExternalIds as { Issuer: string; Id: string }[] | undefined) ?? []).some(
        (e) => e.Issuer === Issuer && e.Id === Id,
      ),
    );
  }
  const { AttributePath, AttributeValue } = id.UniqueAttribute as { AttributePath: string; AttributeValue: unknown };
  if (typeof AttributeValue !== 'string') throw validation(ctx, 'AttributeValue must be a string.');
  const path = AttributePath.toLowerCase();
  if (path === 'username') {
    const userId = index.userByName.get(uniqueKey(AttributeValue));
    return userId ? users[userId] : undefined;
  }
  if (path === 'emails.value') {
    const userId = index.usersByEmail.get(uniqueKey(AttributeValue))?.[0];
    return userId ? users[userId] : undefined;
  }
  throw validation(ctx, `${AttributePath} is not a unique attribute of users: use userName or emails.value.`);
}
