/**
 * @module identitystore shared pieces: field rules (aws-api.md §3.2), errors with their modeled
 * members (ResourceType/ResourceId, Reason, RequestId), the store lookup and visibility lag.
 */

import { SandboxServiceError } from '../../endpoint.js';
import type { FieldRule } from '../../validate.js';
import { fullMatch } from '../../validate.js';
import type { InstanceIndex } from '../../world.js';
import type { CallContext } from '../context.js';
import { mayUseInstance } from '../sso-admin/common.js';

const SENSITIVE = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00A0\\u3000]+';

export const idRules = {
  identityStoreId: {
    type: 'string',
    required: true,
    min: 1,
    max: 36,
    pattern: fullMatch('d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
  },
  resourceId: {
    type: 'string',
    required: true,
    min: 1,
    max: 47,
    pattern: fullMatch('([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}'),
  },
  userName: { type: 'string', min: 1, max: 128, pattern: fullMatch('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+') },
  sensitive: { type: 'string', min: 1, max: 1024, pattern: fullMatch(SENSITIVE) },
  groupDisplayName: {
    type: 'string',
    min: 1,
    max: 1024,
    pattern: fullMatch('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00A0]+'),
  },
  attributePath: {
    type: 'string',
    required: true,
    min: 1,
    max: 255,
    pattern: fullMatch('(?:\\p{L}+:\\p{L}+:\\p{L}+(?:\\.\\p{L}+){0,3}|\\p{L}+(?:\\.\\p{L}+){0,2})'),
  },
  maxResults: { type: 'integer', min: 1, max: 100 },
  nextToken: { type: 'string', min: 1, max: 65535, pattern: fullMatch('[-a-zA-Z0-9+=/:_]*') },
} satisfies Record<string, FieldRule>;

/** UpdateUser / UpdateGroup: 1..100 {AttributePath, AttributeValue} (a missing value removes the attribute). */
export const attributeOperationsRule: FieldRule = {
  type: 'list',
  required: true,
  min: 1,
  max: 100,
  item: { type: 'object', fields: { AttributePath: idRules.attributePath, AttributeValue: { type: 'any' } } },
};

/** GetUserId / GetGroupId: a union of ExternalId{Issuer, Id} and UniqueAttribute{AttributePath, AttributeValue}. */
export const alternateIdentifierRule: FieldRule = {
  type: 'object',
  required: true,
  fields: {
    ExternalId: {
      type: 'object',
      fields: {
        Issuer: { type: 'string', required: true, min: 1, max: 256 },
        Id: { type: 'string', required: true, min: 1, max: 256 },
      },
    },
    UniqueAttribute: {
      type: 'object',
      fields: { AttributePath: idRules.attributePath, AttributeValue: { type: 'any', required: true } },
    },
  },
};

export const memberIdRule: FieldRule = {
  type: 'object',
  required: true,
  fields: { UserId: { ...idRules.resourceId } },
};

export const filtersRule: FieldRule = {
  type: 'list',
  min: 0,
  max: 1,
  item: {
    type: 'object',
    fields: { AttributePath: idRules.attributePath, AttributeValue: { ...idRules.sensitive, required: true } },
  },
};

/** Names the identity store refuses for users and groups (API reference). */
export const RESERVED_NAMES = ['administrator', 'awsadministrators'];

/** Default page size when MaxResults is omitted (assumed; AWS does not document it). */
export const DEFAULT_PAGE_SIZE = 10;

export type ResourceType = 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP' | 'IDENTITY_STORE';

export function notFound(ctx: CallContext, type: ResourceType, id: string): SandboxServiceError {
  const names: Record<ResourceType, string> = {
    USER: 'User',
    GROUP: 'Group',
    GROUP_MEMBERSHIP: 'GroupMembership',
    IDENTITY_STORE: 'IdentityStore',
  };
  return new SandboxServiceError('ResourceNotFoundException', `${names[type]} not found.`, 404, {
    ResourceType: type,
    ResourceId: id,
    RequestId: ctx.requestId,
  });
}

export function uniquenessConflict(ctx: CallContext, message: string): SandboxServiceError {
  return new SandboxServiceError('ConflictException', message, 409, {
    Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
    RequestId: ctx.requestId,
  });
}

export function validation(ctx: CallContext, message: string): SandboxServiceError {
  return new SandboxServiceError('ValidationException', message, 400, { RequestId: ctx.requestId });
}

export function quotaExceeded(ctx: CallContext, message: string): SandboxServiceError {
  return new SandboxServiceError('ServiceQuotaExceededException', message, 402, { RequestId: ctx.requestId });
}

/** The store the call names: it must be in the call's region and the caller must administer it. */
export function requireStore(ctx: CallContext, identityStoreId: string): InstanceIndex {
  const index = ctx.world.instanceByStoreId(identityStoreId);
  if (!index || index.record.region !== ctx.region) throw notFound(ctx, 'IDENTITY_STORE', identityStoreId);
  if (!mayUseInstance(ctx, index)) {
    throw new SandboxServiceError(
      'AccessDeniedException',
      `User: ${ctx.callerArn} is not authorized to perform: identitystore:${ctx.operation} on resource: arn:aws:identitystore::${index.record.ownerAccountId}:identitystore/${identityStoreId}`,
      403,
      { RequestId: ctx.requestId },
    );
  }
  return index;
}

/** Whether a user or group created at `createdAt` is visible yet (the visibility-lag knob). */
export function visible(ctx: CallContext, createdAt: number): boolean {
  return createdAt + ctx.knobs.identityStoreVisibilityLagMs <= ctx.now;
}

/** A new principal or membership id: the store id's hex suffix, a dash, a UUID. */
export function newResourceId(ctx: CallContext, index: InstanceIndex): string {
  return `${index.record.identityStoreId.slice(2)}-${ctx.world.uuid()}`;
}
