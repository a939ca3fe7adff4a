/**
 * @module sso-admin shared pieces: the model's field rules (aws-api.md §3.1), its errors, and the
 * lookups every operation starts with (the instance the caller may use, the permission set).
 */

import { SandboxServiceError } from '../../endpoint.js';
import type { FieldRule } from '../../validate.js';
import { fullMatch } from '../../validate.js';
import type { InstanceIndex } from '../../world.js';
import type { CallContext } from '../context.js';

export const rules = {
  instanceArn: {
    type: 'string',
    required: true,
    min: 10,
    max: 1224,
    pattern: fullMatch('arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}'),
  },
  permissionSetArn: {
    type: 'string',
    required: true,
    min: 10,
    max: 1224,
    pattern: fullMatch(
      'arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}',
    ),
  },
  managedPolicyArn: {
    type: 'string',
    required: true,
    min: 20,
    max: 2048,
    pattern: fullMatch(
      'arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy((/[A-Za-z0-9\\.,\\+@=_-]+)*)/([A-Za-z0-9\\.,\\+=@_-]+)',
    ),
  },
  permissionSetName: { type: 'string', required: true, min: 1, max: 32, pattern: fullMatch('[\\w+=,.@-]+') },
  description: {
    type: 'string',
    min: 1,
    max: 700,
    pattern: fullMatch('[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*'),
  },
  sessionDuration: {
    type: 'string',
    min: 1,
    max: 100,
    pattern: fullMatch(
      '(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?',
    ),
  },
  relayState: {
    type: 'string',
    min: 1,
    max: 240,
    pattern: fullMatch('[a-zA-Z0-9&$@#\\\\/%?=~\\-_\'"|!:,.;*+\\[\\] (){}]+'),
  },
  inlinePolicy: {
    type: 'string',
    required: true,
    min: 1,
    max: 32768,
    pattern: fullMatch('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+'),
  },
  accountId: { type: 'string', required: true, min: 12, max: 12, pattern: fullMatch('\\d{12}') },
  principalId: {
    type: 'string',
    required: true,
    min: 1,
    max: 47,
    pattern: fullMatch('([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}'),
  },
  principalType: { type: 'string', required: true, enum: ['USER', 'GROUP'] },
  maxResults: { type: 'integer', min: 1, max: 100 },
  nextToken: { type: 'string', min: 0, max: 2048, pattern: fullMatch('[-a-zA-Z0-9+=/_]*') },
  requestId: {
    type: 'string',
    required: true,
    min: 36,
    max: 36,
    pattern: fullMatch('\\b[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}\\b'),
  },
  statusFilter: {
    type: 'object',
    fields: { Status: { type: 'string', enum: ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] } },
  },
  provisioningStatus: {
    type: 'string',
    enum: ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'],
  },
  customerManagedPolicyReference: {
    type: 'object',
    required: true,
    fields: {
      Name: { type: 'string', required: true, min: 1, max: 128, pattern: fullMatch('[\\w+=,.@-]+') },
      Path: { type: 'string', min: 1, max: 512, pattern: fullMatch('((/[A-Za-z0-9\\.,\\+@=_-]+)*)/') },
    },
  },
  tags: {
    type: 'list',
    min: 0,
    max: 75,
    item: {
      type: 'object',
      fields: {
        Key: {
          type: 'string',
          required: true,
          min: 1,
          max: 128,
          pattern: fullMatch('([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)'),
        },
        Value: {
          type: 'string',
          required: true,
          min: 0,
          max: 256,
          pattern: fullMatch('([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)'),
        },
      },
    },
  },
} satisfies Record<string, FieldRule>;

/** Hours allowed for a permission set session: PT1H..PT12H (DOC-SSO). */
export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 12 * 3600;

/** Seconds of an ISO-8601 duration that passed the model pattern; null for calendar units (Y, M, W, D). */
export function durationSeconds(duration: string): number | null {
  const m = /^(-?)P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    duration,
  );
  if (!m) return null;
  if (m[1] || m[2] || m[3]) return null;
  const days = m[4] ? Number(m[4]) * (m[5] === 'W' ? 7 : 1) : 0;
  return days * 86400 + Number(m[6] ?? 0) * 3600 + Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0);
}

export function notFound(message: string): SandboxServiceError {
  return new SandboxServiceError('ResourceNotFoundException', message, 404);
}

export function conflict(message: string): SandboxServiceError {
  return new SandboxServiceError('ConflictException', message, 409);
}

export function validation(message: string): SandboxServiceError {
  return new SandboxServiceError('ValidationException', message, 400);
}

export function quotaExceeded(message: string): SandboxServiceError {
  return new SandboxServiceError('ServiceQuotaExceededException', message, 402);
}

function deniedOnInstance(ctx: CallContext, arn: string): SandboxServiceError {
  return new SandboxServiceError(
    'AccessDeniedException',
    `User: ${ctx.callerArn} is not authorized to perform: sso:${ctx.operation} on resource: ${arn}`,
    403,
  );
}

/** Whether the caller's account is the instance owner or a delegated administrator of Identity Center. */
export function mayUseInstance(ctx: CallContext, index: InstanceIndex): boolean {
  if (index.record.ownerAccountId === ctx.accountId) return true;
  const org = ctx.world.organization;
  return Boolean(
    index.record.kind === 'organization' &&
      org?.delegatedAdmins.some((d) => d.accountId === ctx.accountId && d.servicePrincipal === 'sso.amazonaws.com'),
  );
}

/**
 * The instance the call names. Unknown here (wrong region, never existed) → ResourceNotFoundException
 * (DescribeInstance: AccessDeniedException, as its model has no ResourceNotFound); another
 * account's instance → AccessDeniedException.
 */
export function requireInstance(ctx: CallContext, arn: string): InstanceIndex {
  const index = ctx.world.instance(arn);
  if (!index || index.record.region !== ctx.region) {
    if (ctx.operation === 'DescribeInstance') throw deniedOnInstance(ctx, arn);
    throw notFound(`Instance ${arn} does not exist in ${ctx.region}.`);
  }
  if (!mayUseInstance(ctx, index)) throw deniedOnInstance(ctx, arn);
  return index;
}

/** Permission sets and account assignments exist only on the organization instance. */
export function requireOrganizationInstance(ctx: CallContext, index: InstanceIndex): void {
  if (index.record.kind !== 'organization') {
    throw validation(`${ctx.operation} is not supported for an account instance of IAM Identity Center.`);
  }
}

export function permissionSetArn(instanceArn: string, psId: string): string {
  const instanceId = instanceArn.slice(instanceArn.lastIndexOf('/') + 1);
  return `arn:aws:sso:::permissionSet/${instanceId}/${psId}`;
}

export function requirePermissionSet(index: InstanceIndex, arn: string) {
  const ps = index.record.permissionSets[arn];
  if (!ps) throw notFound(`Could not find PermissionSet with PermissionSetArn ${arn}.`);
  return ps;
}

export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Whether the caller administers the instance as a delegated administrator (not its owner). */
export function isDelegatedCaller(ctx: CallContext, index: InstanceIndex): boolean {
  return index.record.ownerAccountId !== ctx.accountId;
}

/**
 * A delegated administrator cannot change, provision, assign or delete a permission set that is
 * provisioned to the management account, in any account (IAM Identity Center user guide, "Delegated
 * administration": "Managing permission sets provisioned in the management account"; user reports
 * fivexl/terraform-aws-sso-elevator#101). AWS answers AccessDeniedException.
 */
export function checkNotManagementProvisioned(ctx: CallContext, index: InstanceIndex, psArn: string): void {
  if (!isDelegatedCaller(ctx, index)) return;
  const management = index.record.ownerAccountId;
  if (index.provisionedVersion(psArn, management) === undefined) return;
  throw new SandboxServiceError(
    'AccessDeniedException',
    `User: ${ctx.callerArn} is not authorized to perform: sso:${ctx.operation} on resource: ${psArn}: the permission set is provisioned to the management account ${management}, which a delegated administrator cannot manage.`,
    403,
  );
}
