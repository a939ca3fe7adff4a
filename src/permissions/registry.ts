/**
 * @module The permissions registry: what each use of gatehouse (`audit`, `apply`) needs from IAM.
 * Audit needs are derived from the fact readers; other modules (apply) register theirs with
 * `registerPermissions`, and `gatehouse permissions --for USE` prints the union as one policy.
 */

import type { FactId } from '../observe/snapshot.js';

export type PermissionUse = 'audit' | 'apply';

export interface PermissionGrant {
  /** Who needs it (`apply/assignments`, `plan`): shown nowhere in the policy, used in tests and docs. */
  source: string;
  /** IAM actions (`sso:CreateAccountAssignment`). */
  actions?: readonly string[];
  /** Facts whose readers' actions are needed too (a plan re-observes before apply). */
  facts?: readonly FactId[];
  /** The resource the actions are limited to; default `*`. */
  resource?: string;
}

const grants: Record<PermissionUse, PermissionGrant[]> = { audit: [], apply: [] };

/** Adds what `use` needs. Registering the same source twice replaces the earlier grant. */
export function registerPermissions(use: PermissionUse, grant: PermissionGrant): void {
  for (const action of grant.actions ?? []) {
    if (!/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(action)) throw new TypeError(`not an IAM action: ${action}`);
  }
  const list = grants[use];
  const existing = list.findIndex((g) => g.source === grant.source && g.resource === grant.resource);
  if (existing >= 0) list.splice(existing, 1, grant);
  else list.push(grant);
}

export function registeredGrants(use: PermissionUse): readonly PermissionGrant[] {
  return grants[use];
}
