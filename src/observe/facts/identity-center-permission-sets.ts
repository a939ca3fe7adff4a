/**
 * @module Fact `identity-center.permission-sets`: every permission set with its managed and
 * customer-managed policies, inline policy, permissions boundary and tags. 6 calls per permission
 * set plus the shared list (C_ps ≈ 2 + 6P, scale.md §4.2), run in parallel within the sso-admin rate.
 */

import type { AwsScope } from '../../aws/index.js';
import type { IdentityCenterInstance, PermissionSetState, PermissionsBoundary } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import {
  byString,
  decodePolicyDocument,
  defined,
  instanceOf,
  isAwsError,
  iso,
  mapLimit,
  permissionSetArns,
  SSO_READ_CONCURRENCY,
} from '../read-helpers.js';

/** Customer-managed policy paths always start and end with `/`; AWS omits `/`. */
export function normalizePath(path: string | undefined): string {
  if (!path) return '/';
  const withLead = path.startsWith('/') ? path : `/${path}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

async function readPermissionSet(
  aws: AwsScope,
  instance: IdentityCenterInstance,
  arn: string,
): Promise<PermissionSetState> {
  const region = { region: instance.region };
  const key = { InstanceArn: instance.arn, PermissionSetArn: arn };
  const [described, managed, customer, inline, boundary, tags] = await Promise.all([
    aws.call('sso-admin', 'DescribePermissionSet', key, region),
    aws.list('sso-admin', 'ListManagedPoliciesInPermissionSet', key, 'AttachedManagedPolicies', region),
    aws.list(
      'sso-admin',
      'ListCustomerManagedPolicyReferencesInPermissionSet',
      key,
      'CustomerManagedPolicyReferences',
      region,
    ),
    aws.call('sso-admin', 'GetInlinePolicyForPermissionSet', key, region),
    aws.call('sso-admin', 'GetPermissionsBoundaryForPermissionSet', key, region).catch((error: unknown) => {
      // No boundary: AWS answers ResourceNotFound (aws-api.md §2.1 notes).
      if (isAwsError(error, { kind: 'not-found' })) return undefined;
      throw error;
    }),
    aws.list('sso-admin', 'ListTagsForResource', { InstanceArn: instance.arn, ResourceArn: arn }, 'Tags', region),
  ]);
  const ps = described.PermissionSet ?? {};
  let permissionsBoundary: PermissionsBoundary | null = null;
  const b = boundary?.PermissionsBoundary;
  if (b?.ManagedPolicyArn) permissionsBoundary = { managedPolicyArn: b.ManagedPolicyArn };
  else if (b?.CustomerManagedPolicyReference?.Name) {
    permissionsBoundary = {
      customerManagedPolicy: {
        name: b.CustomerManagedPolicyReference.Name,
        path: normalizePath(b.CustomerManagedPolicyReference.Path),
      },
    };
  }
  const tagMap: Record<string, string> = {};
  for (const t of tags) if (t.Key !== undefined) tagMap[t.Key] = t.Value ?? '';
  return defined({
    arn,
    name: ps.Name ?? arn,
    description: ps.Description,
    sessionDuration: ps.SessionDuration,
    relayState: ps.RelayState,
    createdDate: iso(ps.CreatedDate),
    managedPolicies: managed.flatMap((m) => (m.Arn ? [m.Arn] : [])).sort(),
    customerManagedPolicies: customer
      .flatMap((c) => (c.Name ? [{ name: c.Name, path: normalizePath(c.Path) }] : []))
      .sort(byString((c) => `${c.path}${c.name}`)),
    inlinePolicy: inline.InlinePolicy ? decodePolicyDocument(inline.InlinePolicy) : null,
    permissionsBoundary,
    tags: tagMap,
  });
}

export const identityCenterPermissionSets = defineFact({
  id: 'identity-center.permission-sets',
  scope: 'organization',
  iamActions: [
    'sso:ListPermissionSets',
    'sso:DescribePermissionSet',
    'sso:ListManagedPoliciesInPermissionSet',
    'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
    'sso:GetInlinePolicyForPermissionSet',
    'sso:GetPermissionsBoundaryForPermissionSet',
    'sso:ListTagsForResource',
  ],
  needs: ['identity-center.instance'],
  async read(ctx) {
    const found = instanceOf<PermissionSetState[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const arns = await permissionSetArns(ctx, found.instance);
    // Six calls per set run together, so a quarter of the usual fan-out keeps the same calls in flight.
    const sets = await mapLimit(arns, Math.ceil(SSO_READ_CONCURRENCY / 4), (arn) =>
      readPermissionSet(ctx.aws, found.instance, arn),
    );
    return ok(sets.sort(byString((s) => s.name)));
  },
});
