/**
 * @module The evaluator: does a set of identity policies, capped by an optional permissions boundary,
 * allow an action on a resource? Three-valued, because conditions depend on the request:
 * `yes` (allowed whatever the request), `no` (denied or never allowed), `maybe` (a condition decides).
 *
 * IAM's rule within one account: an explicit Deny wins, otherwise an Allow is needed; with a boundary
 * the request must be allowed by both (effective = identity ∩ boundary). SCPs, resource policies and
 * session policies are not inputs (gatehouse cannot read them for a permission set).
 */

import type { Policy, Statement } from './document.js';
import { actionMatches, resourceMatches } from './match.js';

export type Tri = 'yes' | 'maybe' | 'no';

const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 };

export function triMax(a: Tri, b: Tri): Tri {
  return RANK[a] >= RANK[b] ? a : b;
}

export function triMin(a: Tri, b: Tri): Tri {
  return RANK[a] <= RANK[b] ? a : b;
}

/** What one set of policies is: identity policies plus an optional boundary (`null`: none). */
export interface PermissionInputs {
  identity: Policy[];
  boundary: Policy | null;
  /**
   * Names of unknown identity policies to distrust: each is read as "may deny everything" (a
   * conditional `Deny *`). Used for policies a plan attaches whose contents gatehouse cannot see.
   */
  distrust?: ReadonlySet<string>;
}

/** Whether a statement's Action/NotAction and Resource/NotResource cover the request. */
export function statementCovers(s: Statement, action: string, resource: string): boolean {
  const actionHit = s.actions
    ? s.actions.some((p) => actionMatches(p, action))
    : !s.notActions!.some((p) => actionMatches(p, action));
  if (!actionHit) return false;
  return s.resources
    ? s.resources.some((p) => resourceMatches(p, resource))
    : !s.notResources!.some((p) => resourceMatches(p, resource));
}

/** How strongly (no / maybe / yes) the policies Allow and Deny the request, before combining. */
function effects(policies: Policy[], action: string, resource: string, distrust?: ReadonlySet<string>) {
  let allow: Tri = 'no';
  let deny: Tri = 'no';
  for (const policy of policies) {
    if (policy.kind === 'unknown') {
      if (distrust?.has(policy.name)) deny = triMax(deny, 'maybe');
      continue;
    }
    for (const s of policy.statements) {
      if (!statementCovers(s, action, resource)) continue;
      const strength: Tri = s.conditional ? 'maybe' : 'yes';
      if (s.effect === 'Allow') allow = triMax(allow, strength);
      else deny = triMax(deny, strength);
    }
  }
  return { allow, deny };
}

/** Deny wins; an Allow is needed; anything conditional on either side leaves `maybe`. */
function decide(allow: Tri, deny: Tri): Tri {
  if (deny === 'yes' || allow === 'no') return 'no';
  return allow === 'yes' && deny === 'no' ? 'yes' : 'maybe';
}

/**
 * Whether `inputs` allow `action` (`service:Action`) on `resource` (an ARN). Unknown identity
 * policies add nothing (their contents cannot be seen) unless distrusted; an unknown boundary makes
 * everything `maybe` (it may cap anything).
 */
export function allows(inputs: PermissionInputs, action: string, resource: string): Tri {
  const identity = effects(inputs.identity, action, resource, inputs.distrust);
  const byIdentity = decide(identity.allow, identity.deny);
  if (inputs.boundary === null) return byIdentity;
  if (inputs.boundary.kind === 'unknown') return triMin(byIdentity, 'maybe');
  const cap = effects([inputs.boundary], action, resource);
  return triMin(byIdentity, decide(cap.allow, cap.deny));
}
