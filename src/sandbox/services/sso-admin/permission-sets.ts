/**
 * @module sso-admin permission-set operations: create, describe, list, update, delete, and the
 * policy operations (managed, customer managed, inline, boundary). Every definition change bumps the
 * set's version, which leaves accounts provisioned with an older copy
 * LATEST_PERMISSION_SET_NOT_PROVISIONED until ProvisionPermissionSet runs (aws-api.md §4.2).
 */

import { encodeToken, pageWindow, slicePage } from '../../paginate.js';
import type { PermissionSetRecord } from '../../state.js';
import { type Schema, validateInput } from '../../validate.js';
import type { InstanceIndex } from '../../world.js';
import { type CallContext, type OperationTable, req, str, toDate } from '../context.js';
import { checkNoProvisioningInProgress } from './async-work.js';
import {
  checkNotManagementProvisioned,
  conflict,
  durationSeconds,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
  notFound,
  permissionSetArn,
  quotaExceeded,
  requireInstance,
  requireOrganizationInstance,
  requirePermissionSet,
  rules,
  validation,
} from './common.js';

/** Permission sets per instance (DOC-LIMITS: 3500, adjustable). */
export const MAX_PERMISSION_SETS = 3500;
/** AWS managed plus customer managed policies per permission set (aws-api.md §3.4). */
export const MAX_POLICIES_PER_PERMISSION_SET = 20;
/** Inline policy: 32,768 characters, of which at most 10,240 non-whitespace (DOC-LIMITS). */
export const MAX_INLINE_NON_WHITESPACE = 10240;

export function permissionSetShape(ps: PermissionSetRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: ps.name,
    PermissionSetArn: ps.arn,
    CreatedDate: toDate(ps.createdAt),
    SessionDuration: ps.sessionDuration,
  };
  if (ps.description !== null) out.Description = ps.description;
  if (ps.relayState !== null) out.RelayState = ps.relayState;
  return out;
}

function checkSessionDuration(value: string | undefined): void {
  if (value === undefined) return;
  const seconds = durationSeconds(value);
  if (seconds === null || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    throw validation(
      `1 validation error detected: Value '${value}' at 'sessionDuration' failed to satisfy constraint: Session duration must be between PT1H and PT12H`,
    );
  }
}

const psSchema: Schema = { InstanceArn: rules.instanceArn, PermissionSetArn: rules.permissionSetArn };

/** The common start of a permission-set operation: validate, find the instance and the set. */
function target(
  input: Record<string, unknown>,
  ctx: CallContext,
  extra: Schema = {},
): { index: InstanceIndex; ps: PermissionSetRecord } {
  validateInput('sso-admin', input, { ...psSchema, ...extra });
  const index = requireInstance(ctx, req(input, 'InstanceArn'));
  requireOrganizationInstance(ctx, index);
  return { index, ps: requirePermissionSet(index, req(input, 'PermissionSetArn')) };
}

/** A definition write: refused while the set is being provisioned, and bumps its version. */
function definitionWrite(
  ctx: CallContext,
  index: InstanceIndex,
  ps: PermissionSetRecord,
  change: () => void,
): Record<string, unknown> {
  checkNotManagementProvisioned(ctx, index, ps.arn);
  checkNoProvisioningInProgress(index, ps);
  change();
  ps.version += 1;
  return {};
}

function policyCount(ps: PermissionSetRecord): number {
  return ps.managedPolicies.length + ps.customerManagedPolicies.length;
}

function pageOf<T>(
  input: Record<string, unknown>,
  scope: string,
  items: readonly T[],
  key: string,
  map: (item: T) => unknown,
) {
  const window = pageWindow('sso-admin', scope, input.NextToken, input.MaxResults, 10);
  const page = slicePage(items, window);
  const out: Record<string, unknown> = { [key]: page.items.map(map) };
  if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
  return out;
}

const paging: Schema = { MaxResults: rules.maxResults, NextToken: rules.nextToken };

export const permissionSetOperations: OperationTable = {
  CreatePermissionSet: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        Name: rules.permissionSetName,
        InstanceArn: rules.instanceArn,
        Description: rules.description,
        SessionDuration: rules.sessionDuration,
        RelayState: rules.relayState,
        Tags: rules.tags,
      });
      checkSessionDuration(str(input, 'SessionDuration'));
      const index = requireInstance(ctx, req(input, 'InstanceArn'));
      requireOrganizationInstance(ctx, index);
      const name = req(input, 'Name');
      if (index.permissionSetByName.has(name)) throw conflict(`PermissionSet with name ${name} already exists.`);
      if (index.permissionSetOrder.length >= MAX_PERMISSION_SETS) {
        throw quotaExceeded(`The instance already has the maximum of ${MAX_PERMISSION_SETS} permission sets.`);
      }
      const ps: PermissionSetRecord = {
        arn: permissionSetArn(index.record.arn, `ps-${ctx.world.hex(16)}`),
        name,
        description: str(input, 'Description') ?? null,
        sessionDuration: str(input, 'SessionDuration') ?? 'PT1H',
        relayState: str(input, 'RelayState') ?? null,
        createdAt: ctx.now,
        version: 1,
        managedPolicies: [],
        customerManagedPolicies: [],
        inlinePolicy: null,
        permissionsBoundary: null,
        tags: {},
      };
      for (const tag of (input.Tags as { Key: string; Value: string }[] | undefined) ?? [])
        ps.tags[tag.Key] = tag.Value;
      index.addPermissionSet(ps);
      return { PermissionSet: permissionSetShape(ps) };
    },
  },

  DescribePermissionSet: {
    run(input, ctx) {
      const { ps } = target(input, ctx);
      return { PermissionSet: permissionSetShape(ps) };
    },
  },

  ListPermissionSets: {
    run(input, ctx) {
      validateInput('sso-admin', input, { InstanceArn: rules.instanceArn, ...paging });
      const index = requireInstance(ctx, req(input, 'InstanceArn'));
      requireOrganizationInstance(ctx, index);
      return pageOf(
        input,
        `ListPermissionSets|${index.record.arn}`,
        index.permissionSetOrder,
        'PermissionSets',
        (a) => a,
      );
    },
  },

  UpdatePermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, {
        Description: rules.description,
        SessionDuration: rules.sessionDuration,
        RelayState: rules.relayState,
      });
      checkSessionDuration(str(input, 'SessionDuration'));
      return definitionWrite(ctx, index, ps, () => {
        const description = str(input, 'Description');
        const duration = str(input, 'SessionDuration');
        if (description !== undefined) ps.description = description;
        if (duration !== undefined) ps.sessionDuration = duration;
        // Omitting RelayState clears it (TF issue #17411); omitted Description/SessionDuration are kept (assumed).
        ps.relayState = str(input, 'RelayState') ?? null;
      });
    },
  },

  DeletePermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx);
      checkNotManagementProvisioned(ctx, index, ps.arn);
      const assigned = (index.assignmentCountByPs.get(ps.arn) ?? 0) > 0;
      const busy = index.pending.some((r) => r.permissionSetArn === ps.arn) || (ps.deprovisioningUntil ?? 0) > ctx.now;
      if (assigned || busy) {
        throw conflict('Could not delete because PermissionSet has ApplicationProfile associated with it');
      }
      index.removePermissionSet(ps.arn);
      return {};
    },
  },

  AttachManagedPolicyToPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, { ManagedPolicyArn: rules.managedPolicyArn });
      const arn = req(input, 'ManagedPolicyArn');
      if (ps.managedPolicies.some((p) => p.arn === arn)) {
        throw conflict(`Managed policy ${arn} is already attached to the permission set.`);
      }
      if (policyCount(ps) >= MAX_POLICIES_PER_PERMISSION_SET) {
        throw quotaExceeded(`A permission set can have at most ${MAX_POLICIES_PER_PERMISSION_SET} managed policies.`);
      }
      return definitionWrite(ctx, index, ps, () => {
        ps.managedPolicies.push({ name: arn.slice(arn.lastIndexOf('/') + 1), arn });
      });
    },
  },

  DetachManagedPolicyFromPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, { ManagedPolicyArn: rules.managedPolicyArn });
      const arn = req(input, 'ManagedPolicyArn');
      const i = ps.managedPolicies.findIndex((p) => p.arn === arn);
      if (i < 0) throw notFound(`Managed policy ${arn} is not attached to the permission set.`);
      return definitionWrite(ctx, index, ps, () => {
        ps.managedPolicies.splice(i, 1);
      });
    },
  },

  ListManagedPoliciesInPermissionSet: {
    run(input, ctx) {
      const { ps } = target(input, ctx, paging);
      return pageOf(input, `ListManagedPolicies|${ps.arn}`, ps.managedPolicies, 'AttachedManagedPolicies', (p) => ({
        Name: p.name,
        Arn: p.arn,
      }));
    },
  },

  PutInlinePolicyToPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, { InlinePolicy: rules.inlinePolicy });
      const policy = req(input, 'InlinePolicy');
      if (policy.replace(/\s/g, '').length > MAX_INLINE_NON_WHITESPACE) {
        throw validation(
          `The inline policy exceeds the quota of ${MAX_INLINE_NON_WHITESPACE} characters not counting whitespace.`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(policy);
      } catch {
        throw validation('The inline policy is not a valid JSON policy document.');
      }
      if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) {
        throw validation('The inline policy is not a valid IAM policy document: it has no Statement.');
      }
      return definitionWrite(ctx, index, ps, () => {
        ps.inlinePolicy = policy;
      });
    },
  },

  GetInlinePolicyForPermissionSet: {
    run(input, ctx) {
      const { ps } = target(input, ctx);
      // No inline policy: an empty string, not an error (API reference).
      return { InlinePolicy: ps.inlinePolicy ?? '' };
    },
  },

  DeleteInlinePolicyFromPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx);
      if (ps.inlinePolicy === null) throw notFound('The permission set has no inline policy.');
      return definitionWrite(ctx, index, ps, () => {
        ps.inlinePolicy = null;
      });
    },
  },

  AttachCustomerManagedPolicyReferenceToPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, {
        CustomerManagedPolicyReference: rules.customerManagedPolicyReference,
      });
      const ref = input.CustomerManagedPolicyReference as { Name: string; Path?: string };
      const path = ref.Path ?? '/';
      if (ps.customerManagedPolicies.some((p) => p.name === ref.Name && p.path === path)) {
        throw conflict(`Customer managed policy ${path}${ref.Name} is already attached to the permission set.`);
      }
      if (policyCount(ps) >= MAX_POLICIES_PER_PERMISSION_SET) {
        throw quotaExceeded(`A permission set can have at most ${MAX_POLICIES_PER_PERMISSION_SET} managed policies.`);
      }
      return definitionWrite(ctx, index, ps, () => {
        ps.customerManagedPolicies.push({ name: ref.Name, path });
      });
    },
  },

  DetachCustomerManagedPolicyReferenceFromPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, {
        CustomerManagedPolicyReference: rules.customerManagedPolicyReference,
      });
      const ref = input.CustomerManagedPolicyReference as { Name: string; Path?: string };
      const path = ref.Path ?? '/';
      const i = ps.customerManagedPolicies.findIndex((p) => p.name === ref.Name && p.path === path);
      if (i < 0) throw notFound(`Customer managed policy ${path}${ref.Name} is not attached to the permission set.`);
      return definitionWrite(ctx, index, ps, () => {
        ps.customerManagedPolicies.splice(i, 1);
      });
    },
  },

  ListCustomerManagedPolicyReferencesInPermissionSet: {
    run(input, ctx) {
      const { ps } = target(input, ctx, paging);
      return pageOf(
        input,
        `ListCustomerManagedPolicies|${ps.arn}`,
        ps.customerManagedPolicies,
        'CustomerManagedPolicyReferences',
        (p) => ({
          Name: p.name,
          Path: p.path,
        }),
      );
    },
  },

  PutPermissionsBoundaryToPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx, {
        PermissionsBoundary: {
          type: 'object',
          required: true,
          fields: {
            CustomerManagedPolicyReference: { ...rules.customerManagedPolicyReference, required: false },
            ManagedPolicyArn: { ...rules.managedPolicyArn, required: false },
          },
        },
      });
      const boundary = input.PermissionsBoundary as {
        CustomerManagedPolicyReference?: { Name: string; Path?: string };
        ManagedPolicyArn?: string;
      };
      const ref = boundary.CustomerManagedPolicyReference;
      const arn = boundary.ManagedPolicyArn;
      if ((ref === undefined) === (arn === undefined)) {
        throw validation(
          'A permissions boundary needs exactly one of CustomerManagedPolicyReference or ManagedPolicyArn.',
        );
      }
      return definitionWrite(ctx, index, ps, () => {
        ps.permissionsBoundary = ref
          ? { kind: 'customer', name: ref.Name, path: ref.Path ?? '/' }
          : { kind: 'managed', arn: arn as string };
      });
    },
  },

  GetPermissionsBoundaryForPermissionSet: {
    run(input, ctx) {
      const { ps } = target(input, ctx);
      const b = ps.permissionsBoundary;
      if (!b) throw notFound('The permission set has no permissions boundary.');
      return {
        PermissionsBoundary:
          b.kind === 'managed'
            ? { ManagedPolicyArn: b.arn }
            : { CustomerManagedPolicyReference: { Name: b.name, Path: b.path } },
      };
    },
  },

  DeletePermissionsBoundaryFromPermissionSet: {
    write: true,
    run(input, ctx) {
      const { index, ps } = target(input, ctx);
      if (!ps.permissionsBoundary) throw notFound('The permission set has no permissions boundary.');
      return definitionWrite(ctx, index, ps, () => {
        ps.permissionsBoundary = null;
      });
    },
  },
};
