/**
 * @module A permission set's definition, written call by call: create with every attribute, or bring
 * a live set from one definition to another. Every write tolerates "already done" so that a rerun
 * after a run that died part-way neither fails nor duplicates: policies are compared with what is
 * attached right now before attaching or detaching, "already attached" and "not found on delete" are
 * success, and a set whose name exists already is looked up and brought to the definition.
 *
 * Writes pass `conflict: 'transient'`: while AWS provisions the set (an earlier run's work may still
 * be in flight) a definition write answers ConflictException, which the session retries with backoff.
 * Detaches go before attaches, so a swap never trips the 20-policies quota; the change reaches the
 * accounts only when the set is provisioned, so the order never opens a gap in access.
 */

import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../../model/types.js';
import type { PermissionSetAttribute, PermissionSetAttributes } from '../../plan/actions.js';
import { canonicalJson } from '../../plan/canonical.js';
import { isAlreadyExists, isNotFound } from '../aws.js';
import type { HandlerContext } from '../types.js';

const TRANSIENT = 'transient' as const;

/** The IAM actions this module may call. */
export const DEFINITION_IAM_ACTIONS = [
  'sso:CreatePermissionSet',
  'sso:DescribePermissionSet',
  'sso:ListPermissionSets',
  'sso:UpdatePermissionSet',
  'sso:AttachManagedPolicyToPermissionSet',
  'sso:DetachManagedPolicyFromPermissionSet',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:AttachCustomerManagedPolicyReferenceToPermissionSet',
  'sso:DetachCustomerManagedPolicyReferenceFromPermissionSet',
  'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  'sso:PutInlinePolicyToPermissionSet',
  'sso:DeleteInlinePolicyFromPermissionSet',
  'sso:GetInlinePolicyForPermissionSet',
  'sso:PutPermissionsBoundaryToPermissionSet',
  'sso:DeletePermissionsBoundaryFromPermissionSet',
  'sso:GetPermissionsBoundaryForPermissionSet',
  'sso:TagResource',
  'sso:UntagResource',
  'sso:ListTagsForResource',
] as const;

const refKey = (r: CustomerManagedPolicyRef) => `${r.path}${r.name}`;

function boundaryInput(b: PermissionsBoundary) {
  return 'managedPolicyArn' in b
    ? { ManagedPolicyArn: b.managedPolicyArn }
    : { CustomerManagedPolicyReference: { Name: b.customerManagedPolicy.name, Path: b.customerManagedPolicy.path } };
}

/** Ignores the "already done" outcome of an idempotent write. */
async function tolerate(write: () => Promise<unknown>, done: (error: unknown) => boolean): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!done(error)) throw error;
  }
}

/**
 * Creates the set with every attribute and returns its ARN. A name that exists already (created by a
 * run that died, or just now by someone else) is adopted and brought to `after`.
 */
export async function createPermissionSet(
  ctx: HandlerContext,
  after: PermissionSetAttributes,
): Promise<{ arn: string; adopted: boolean }> {
  const { instanceArn, region } = ctx.identityCenter();
  let arn: string | undefined;
  try {
    const out = await ctx.aws.call(
      'sso-admin',
      'CreatePermissionSet',
      {
        InstanceArn: instanceArn,
        Name: after.name,
        SessionDuration: after.sessionDuration,
        ...(after.description !== null ? { Description: after.description } : {}),
        ...(after.relayState !== null ? { RelayState: after.relayState } : {}),
        ...(Object.keys(after.tags).length > 0
          ? { Tags: Object.entries(after.tags).map(([Key, Value]) => ({ Key, Value })) }
          : {}),
      },
      { region },
    );
    arn = out.PermissionSet?.PermissionSetArn;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    ctx.resolver.forgetListing();
    const existing = await ctx.resolver.findPermissionSet(after.name);
    if (!existing) throw error;
    const live = await readDefinition(ctx, existing, after.name);
    await updateDefinition(ctx, existing, live, after, differingAttributes(live, after));
    ctx.resolver.permissionSets.set(after.name, existing);
    return { arn: existing, adopted: true };
  }
  if (!arn) throw new Error(`CreatePermissionSet returned no ARN for ${after.name}`);
  ctx.resolver.permissionSets.set(after.name, arn);
  const base = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const options = { region, conflict: TRANSIENT };
  for (const policy of after.managedPolicies) {
    await tolerate(
      () =>
        ctx.aws.call('sso-admin', 'AttachManagedPolicyToPermissionSet', { ...base, ManagedPolicyArn: policy }, options),
      isAlreadyExists,
    );
  }
  for (const ref of after.customerManagedPolicies) {
    await tolerate(
      () =>
        ctx.aws.call(
          'sso-admin',
          'AttachCustomerManagedPolicyReferenceToPermissionSet',
          { ...base, CustomerManagedPolicyReference: { Name: ref.name, Path: ref.path } },
          options,
        ),
      isAlreadyExists,
    );
  }
  if (after.inlinePolicy !== null) {
    await ctx.aws.call(
      'sso-admin',
      'PutInlinePolicyToPermissionSet',
      { ...base, InlinePolicy: after.inlinePolicy },
      options,
    );
  }
  if (after.permissionsBoundary !== null) {
    await ctx.aws.call(
      'sso-admin',
      'PutPermissionsBoundaryToPermissionSet',
      { ...base, PermissionsBoundary: boundaryInput(after.permissionsBoundary) },
      options,
    );
  }
  return { arn, adopted: false };
}

/** The attributes that differ between two definitions (inline policies compared as canonical JSON). */
export function differingAttributes(
  before: PermissionSetAttributes,
  after: PermissionSetAttributes,
): PermissionSetAttribute[] {
  const changed: PermissionSetAttribute[] = [];
  if (after.description !== null && before.description !== after.description) changed.push('description');
  if (before.sessionDuration !== after.sessionDuration) changed.push('sessionDuration');
  if (before.relayState !== after.relayState) changed.push('relayState');
  if (canonicalJson([...before.managedPolicies].sort()) !== canonicalJson([...after.managedPolicies].sort())) {
    changed.push('managedPolicies');
  }
  const refs = (l: CustomerManagedPolicyRef[]) => canonicalJson(l.map(refKey).sort());
  if (refs(before.customerManagedPolicies) !== refs(after.customerManagedPolicies))
    changed.push('customerManagedPolicies');
  if (before.inlinePolicy !== after.inlinePolicy) changed.push('inlinePolicy');
  if (canonicalJson(before.permissionsBoundary) !== canonicalJson(after.permissionsBoundary))
    changed.push('permissionsBoundary');
  if (canonicalJson(before.tags) !== canonicalJson(after.tags)) changed.push('tags');
  return changed;
}

/**
 * Brings the set at `arn` from `before` to `after` for the attributes in `changes`. Policy lists are
 * re-read before they are changed, so what a dead run already did is not done twice.
 */
export async function updateDefinition(
  ctx: HandlerContext,
  arn: string,
  before: PermissionSetAttributes,
  after: PermissionSetAttributes,
  changes: readonly PermissionSetAttribute[],
): Promise<void> {
  const { instanceArn, region } = ctx.identityCenter();
  const base = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const options = { region, conflict: TRANSIENT };
  const changing = new Set(changes);

  if (changing.has('description') || changing.has('sessionDuration') || changing.has('relayState')) {
    // All three, always: an omitted RelayState is cleared by AWS (Terraform #17411). A description
    // cannot be cleared, so a null one is left out (the live one stays).
    await ctx.aws.call(
      'sso-admin',
      'UpdatePermissionSet',
      {
        ...base,
        SessionDuration: after.sessionDuration,
        ...(after.description !== null ? { Description: after.description } : {}),
        ...(after.relayState !== null ? { RelayState: after.relayState } : {}),
      },
      options,
    );
  }

  if (changing.has('managedPolicies')) {
    const live = (
      await ctx.aws.list('sso-admin', 'ListManagedPoliciesInPermissionSet', base, 'AttachedManagedPolicies', { region })
    ).flatMap((p) => (p.Arn ? [p.Arn] : []));
    const wanted = new Set(after.managedPolicies);
    for (const policy of live.filter((p) => !wanted.has(p))) {
      await tolerate(
        () =>
          ctx.aws.call(
            'sso-admin',
            'DetachManagedPolicyFromPermissionSet',
            { ...base, ManagedPolicyArn: policy },
            options,
          ),
        isNotFound,
      );
    }
    const attached = new Set(live);
    for (const policy of after.managedPolicies.filter((p) => !attached.has(p))) {
      await tolerate(
        () =>
          ctx.aws.call(
            'sso-admin',
            'AttachManagedPolicyToPermissionSet',
            { ...base, ManagedPolicyArn: policy },
            options,
          ),
        isAlreadyExists,
      );
    }
  }

  if (changing.has('customerManagedPolicies')) {
    const live = (
      await ctx.aws.list(
        'sso-admin',
        'ListCustomerManagedPolicyReferencesInPermissionSet',
        base,
        'CustomerManagedPolicyReferences',
        { region },
      )
    ).flatMap((r) => (r.Name ? [{ name: r.Name, path: r.Path ?? '/' }] : []));
    const wanted = new Set(after.customerManagedPolicies.map(refKey));
    for (const ref of live.filter((r) => !wanted.has(refKey(r)))) {
      await tolerate(
        () =>
          ctx.aws.call(
            'sso-admin',
            'DetachCustomerManagedPolicyReferenceFromPermissionSet',
            { ...base, CustomerManagedPolicyReference: { Name: ref.name, Path: ref.path } },
            options,
          ),
        isNotFound,
      );
    }
    const attached = new Set(live.map(refKey));
    for (const ref of after.customerManagedPolicies.filter((r) => !attached.has(refKey(r)))) {
      await tolerate(
        () =>
          ctx.aws.call(
            'sso-admin',
            'AttachCustomerManagedPolicyReferenceToPermissionSet',
            { ...base, CustomerManagedPolicyReference: { Name: ref.name, Path: ref.path } },
            options,
          ),
        isAlreadyExists,
      );
    }
  }

  if (changing.has('inlinePolicy')) {
    if (after.inlinePolicy === null) {
      await tolerate(() => ctx.aws.call('sso-admin', 'DeleteInlinePolicyFromPermissionSet', base, options), isNotFound);
    } else {
      await ctx.aws.call(
        'sso-admin',
        'PutInlinePolicyToPermissionSet',
        { ...base, InlinePolicy: after.inlinePolicy },
        options,
      );
    }
  }

  if (changing.has('permissionsBoundary')) {
    if (after.permissionsBoundary === null) {
      await tolerate(
        () => ctx.aws.call('sso-admin', 'DeletePermissionsBoundaryFromPermissionSet', base, options),
        isNotFound,
      );
    } else {
      await ctx.aws.call(
        'sso-admin',
        'PutPermissionsBoundaryToPermissionSet',
        { ...base, PermissionsBoundary: boundaryInput(after.permissionsBoundary) },
        options,
      );
    }
  }

  if (changing.has('tags')) {
    const set = Object.entries(after.tags).filter(([k, v]) => before.tags[k] !== v);
    const removed = Object.keys(before.tags).filter((k) => !(k in after.tags));
    if (set.length > 0) {
      await ctx.aws.call(
        'sso-admin',
        'TagResource',
        { InstanceArn: instanceArn, ResourceArn: arn, Tags: set.map(([Key, Value]) => ({ Key, Value })) },
        options,
      );
    }
    if (removed.length > 0) {
      await ctx.aws.call(
        'sso-admin',
        'UntagResource',
        { InstanceArn: instanceArn, ResourceArn: arn, TagKeys: removed },
        options,
      );
    }
  }
}

/** The live definition of the set at `arn` (for adopting a set whose name already exists). */
export async function readDefinition(ctx: HandlerContext, arn: string, name: string): Promise<PermissionSetAttributes> {
  const { instanceArn, region } = ctx.identityCenter();
  const base = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const described = await ctx.aws.call('sso-admin', 'DescribePermissionSet', base, { region });
  const managed = await ctx.aws.list(
    'sso-admin',
    'ListManagedPoliciesInPermissionSet',
    base,
    'AttachedManagedPolicies',
    {
      region,
    },
  );
  const customer = await ctx.aws.list(
    'sso-admin',
    'ListCustomerManagedPolicyReferencesInPermissionSet',
    base,
    'CustomerManagedPolicyReferences',
    { region },
  );
  const inline = await ctx.aws.call('sso-admin', 'GetInlinePolicyForPermissionSet', base, { region });
  let boundary: PermissionsBoundary | null = null;
  try {
    const out = await ctx.aws.call('sso-admin', 'GetPermissionsBoundaryForPermissionSet', base, { region });
    const b = out.PermissionsBoundary;
    if (b?.ManagedPolicyArn) boundary = { managedPolicyArn: b.ManagedPolicyArn };
    else if (b?.CustomerManagedPolicyReference?.Name) {
      boundary = {
        customerManagedPolicy: {
          name: b.CustomerManagedPolicyReference.Name,
          path: b.CustomerManagedPolicyReference.Path ?? '/',
        },
      };
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const tags = await ctx.aws.list(
    'sso-admin',
    'ListTagsForResource',
    { InstanceArn: instanceArn, ResourceArn: arn },
    'Tags',
    {
      region,
    },
  );
  const ps = described.PermissionSet;
  return {
    name,
    description: ps?.Description ?? null,
    sessionDuration: ps?.SessionDuration ?? 'PT1H',
    relayState: ps?.RelayState ?? null,
    managedPolicies: managed.flatMap((p) => (p.Arn ? [p.Arn] : [])).sort(),
    customerManagedPolicies: customer.flatMap((r) => (r.Name ? [{ name: r.Name, path: r.Path ?? '/' }] : [])),
    // Compared with the plan's canonical text only to decide whether to Put: any difference re-puts it.
    inlinePolicy: inline.InlinePolicy ? inline.InlinePolicy : null,
    permissionsBoundary: boundary,
    tags: Object.fromEntries(tags.flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : []))),
  };
}
