/**
 * @module Diff of account assignments: the expanded rules against the live assignments. gatehouse
 * manages an assignment when the config names its principal and its permission set; such a live
 * assignment that no rule produces is deleted. Assignments of a permission set that this plan
 * deletes are deleted first. `prune` deletes every assignment not in the desired set. When only the
 * config's footprint was read (`facts.assignmentScope`), the diff judges only inside that scope.
 */

import { formatAddress, principalKey } from '../model/address.js';
import { inAssignmentScope } from '../observe/assignment-scope.js';
import { type AssignmentView, actionId, type DraftAction, type PrincipalRef, type RuleResolution } from './actions.js';
import { byString, configDiagnostic, type DiffContext } from './context.js';
import type { PrincipalOutcome } from './diff-identity-store.js';
import type { PermissionSetOutcome } from './diff-permission-sets.js';
import { fixedRisk } from './risk.js';

interface Wanted {
  permissionSet: string;
  principal: PrincipalRef;
  accountId: string;
  rule: number;
}

const tupleKey = (permissionSet: string, principal: string, accountId: string) =>
  `${permissionSet}\u0000${principal}\u0000${accountId}`;

function principalFromKey(key: string): { type: 'user' | 'group'; name: string } {
  const colon = key.indexOf(':');
  return { type: key.slice(0, colon) as 'user' | 'group', name: key.slice(colon + 1) };
}

export function diffAssignments(
  ctx: DiffContext,
  resolutions: RuleResolution[],
  permissionSets: PermissionSetOutcome,
  principals: PrincipalOutcome,
): void {
  const { desired, facts } = ctx;
  const wanted = new Map<string, Wanted>();
  const reportedMissing = new Set<string>();

  for (const rule of desired.assignments) {
    const resolution = resolutions.find((r) => r.rule === rule.index);
    if (!resolution) continue;
    const key = principals.resolve(rule.principal.type, rule.principal.name);
    const principal = principals.refs.get(key);
    const permissionSet = permissionSets.refs.get(rule.permissionSet);
    if (!principal) {
      // External principals that are missing are reported by the Identity Store diff.
      if (desired.identityCenter.identitySource === 'internal' && !reportedMissing.has(key)) {
        reportedMissing.add(key);
        ctx.errors.push(
          configDiagnostic(
            ctx,
            'error',
            'unknown-principal',
            `assignment rule #${rule.index + 1}: ${rule.principal.type} ${rule.principal.name} is neither in the config nor in the identity store`,
            rule.source,
            `assignments.${rule.index}.principal`,
          ),
        );
      }
      continue;
    }
    if (!permissionSet) {
      if (facts.instance && !reportedMissing.has(`ps:${rule.permissionSet}`)) {
        reportedMissing.add(`ps:${rule.permissionSet}`);
        ctx.errors.push(
          configDiagnostic(
            ctx,
            'error',
            'unknown-permission-set',
            `assignment rule #${rule.index + 1}: permission set ${rule.permissionSet} is neither in the config nor in Identity Center`,
            rule.source,
            `assignments.${rule.index}.permissionSet`,
          ),
        );
      }
      if (facts.instance) continue;
    }
    for (const accountId of resolution.accounts) {
      const k = tupleKey(rule.permissionSet, key, accountId);
      if (!wanted.has(k)) wanted.set(k, { permissionSet: rule.permissionSet, principal, accountId, rule: rule.index });
    }
  }

  const psNameByArn = new Map(facts.permissionSets.map((ps) => [ps.arn, ps.name]));
  const configSets = new Set(desired.permissionSets.map((d) => d.name));
  const liveKeys = new Set<string>();
  const deletions: DraftAction[] = [];

  const scope = facts.assignmentScope;
  for (const a of facts.assignments) {
    if (!inAssignmentScope(scope, a)) continue;
    const psName = psNameByArn.get(a.permissionSetArn);
    const pKey = principals.keyById.get(a.principalId);
    const deletedSet = psName !== undefined ? permissionSets.deleted.get(psName) : undefined;
    const principalType = a.principalType === 'USER' ? 'user' : 'group';
    const shownSet = psName ?? a.permissionSetArn.slice(a.permissionSetArn.lastIndexOf('/') + 1);
    const shownPrincipal = pKey ?? principalKey({ type: principalType, name: a.principalId });
    const address = formatAddress({
      kind: 'assignment',
      permissionSet: shownSet,
      principal: principalFromKey(shownPrincipal),
      accountId: a.accountId,
    });

    let reason:
      | { code: 'replaced' | 'permission-set-deleted' | 'not-in-config' | 'prune'; message: string }
      | undefined;
    if (psName === undefined || pKey === undefined) {
      if (deletedSet) {
        reason = { code: 'permission-set-deleted', message: `permission set ${psName} is deleted by this plan` };
      } else if (ctx.prune) {
        reason = { code: 'prune', message: 'its principal or permission set no longer exists (--prune)' };
      } else {
        ctx.drift.push({
          code: 'orphan-assignment',
          address,
          message: `assignment in ${a.accountId} refers to a ${psName === undefined ? 'permission set' : 'principal'} that no longer exists (--prune deletes it)`,
        });
        continue;
      }
    } else {
      const k = tupleKey(psName, pKey, a.accountId);
      liveKeys.add(k);
      if (wanted.has(k)) continue;
      if (deletedSet?.replacedBy) {
        reason = {
          code: 'replaced',
          message: `${psName} is renamed to ${deletedSet.replacedBy}; the assignment moves`,
        };
      } else if (deletedSet) {
        reason = { code: 'permission-set-deleted', message: `permission set ${psName} is deleted by this plan` };
      } else if (principals.deleted.has(pKey)) {
        reason = { code: 'prune', message: `${pKey} is deleted (--prune)` };
      } else if (principals.named.has(pKey) && configSets.has(psName)) {
        reason = { code: 'not-in-config', message: 'no assignment rule produces it any more' };
      } else if (ctx.prune) {
        reason = { code: 'prune', message: 'not produced by any assignment rule (--prune)' };
      } else {
        ctx.drift.push({
          code: 'unmanaged',
          address,
          message: `assignment of ${psName} to ${pKey} in ${a.accountId} is not managed by gatehouse (--prune deletes it)`,
        });
        continue;
      }
    }
    const view: AssignmentView = { permissionSet: shownSet, principal: shownPrincipal, accountId: a.accountId };
    deletions.push({
      id: actionId(address, 'delete'),
      type: 'assignment',
      kind: 'delete',
      address,
      permissionSet: { name: shownSet, arn: a.permissionSetArn },
      principal: { type: principalType, name: principalFromKey(shownPrincipal).name, id: a.principalId },
      accountId: a.accountId,
      reason,
      risk: fixedRisk('assignment', 'delete'),
      before: view,
      after: null,
    });
  }
  deletions.sort((x, y) => byString(x.address, y.address));
  ctx.actions.push(...deletions);

  const creations = [...wanted.entries()].filter(([k]) => !liveKeys.has(k)).sort(([a], [b]) => byString(a, b));
  for (const [, w] of creations) {
    const arn = permissionSets.refs.get(w.permissionSet)?.arn ?? null;
    if (scope && w.principal.id !== null && arn !== null) {
      const probe = { accountId: w.accountId, permissionSetArn: arn, principalId: w.principal.id };
      // A wanted assignment outside what was read may already exist: planning it would be a guess.
      if (!inAssignmentScope(scope, probe)) {
        throw new Error(`assignment ${w.permissionSet} → ${principalKey(w.principal)} in ${w.accountId} was not read`);
      }
    }
    const pKey = principalKey(w.principal);
    const address = formatAddress({
      kind: 'assignment',
      permissionSet: w.permissionSet,
      principal: { type: w.principal.type, name: w.principal.name },
      accountId: w.accountId,
    });
    const formerName = permissionSets.renamedFrom.get(w.permissionSet);
    const moved = formerName !== undefined && liveKeys.has(tupleKey(formerName, pKey, w.accountId));
    ctx.actions.push({
      id: actionId(address, 'create'),
      type: 'assignment',
      kind: 'create',
      address,
      permissionSet: permissionSets.refs.get(w.permissionSet) ?? { name: w.permissionSet, arn: null },
      principal: w.principal,
      accountId: w.accountId,
      reason: moved
        ? { code: 'renamed', message: `moves from ${formerName} (renamed)` }
        : { code: 'missing', message: `assignment rule #${w.rule + 1} assigns it` },
      risk: fixedRisk('assignment', 'create'),
      before: null,
      after: { permissionSet: w.permissionSet, principal: pKey, accountId: w.accountId },
    });
  }
}
