/**
 * @module Diff of permission sets: create, update (one action covering every attribute), adopt an
 * untagged set of the same name, rename (replace), delete what gatehouse manages and the config no
 * longer names, and re-provision where the set is provisioned after a change or where AWS reports
 * an out-of-date copy. Ownership: sets tagged `managed-by=gatehouse`; `managed: false` sets are
 * references whose differences are drift.
 */

import { formatAddress } from '../model/address.js';
import { type DesiredPermissionSet, MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../model/desired.js';
import type { PermissionSetState, PermissionsBoundary, ProvisioningState } from '../model/types.js';
import {
  actionId,
  PERMISSION_SET_ATTRIBUTES,
  type PermissionSetAttribute,
  type PermissionSetAttributes,
  type PermissionSetRef,
} from './actions.js';
import { canonicalJson, canonicalPolicyOf, canonicalPolicyText } from './canonical.js';
import { byString, configDiagnostic, type DiffContext } from './context.js';
import { durationMinutes, fixedRisk, permissionSetChangeRisk } from './risk.js';

/** What the assignment diff needs to know about permission sets after this diff. */
export interface PermissionSetOutcome {
  /** Every permission set name the config may assign → how apply finds it (arn null: created by this apply). */
  refs: Map<string, PermissionSetRef>;
  /** Live sets this plan deletes, by name. `replacedBy` is set for renames. */
  deleted: Map<string, { arn: string; replacedBy?: string }>;
  /** Renames: new name → old name. */
  renamedFrom: Map<string, string>;
}

/** AWS's default session duration when DescribePermissionSet returns none. */
const DEFAULT_SESSION_DURATION = 'PT1H';

function normalizeBoundary(b: PermissionsBoundary | null): PermissionsBoundary | null {
  if (!b) return null;
  if ('managedPolicyArn' in b) return { managedPolicyArn: b.managedPolicyArn };
  return { customerManagedPolicy: { name: b.customerManagedPolicy.name, path: b.customerManagedPolicy.path || '/' } };
}

function sortedCustomer(list: { name: string; path: string }[]): { name: string; path: string }[] {
  return list
    .map((c) => ({ name: c.name, path: c.path || '/' }))
    .sort((a, b) => byString(`${a.path}${a.name}`, `${b.path}${b.name}`));
}

/** The live set in the comparable shape. */
export function liveAttributes(ps: PermissionSetState): PermissionSetAttributes {
  return {
    name: ps.name,
    description: ps.description ?? null,
    sessionDuration: ps.sessionDuration ?? DEFAULT_SESSION_DURATION,
    relayState: ps.relayState ?? null,
    managedPolicies: [...ps.managedPolicies].sort(byString),
    customerManagedPolicies: sortedCustomer(ps.customerManagedPolicies),
    inlinePolicy: canonicalPolicyText(ps.inlinePolicy),
    permissionsBoundary: normalizeBoundary(ps.permissionsBoundary),
    tags: { ...ps.tags },
  };
}

/**
 * The config's set in the comparable shape. `managed` adds the ownership tag. A config without a
 * description keeps the live one: UpdatePermissionSet cannot clear a description.
 */
export function desiredAttributes(
  d: DesiredPermissionSet,
  live: PermissionSetAttributes | undefined,
  managed: boolean,
): PermissionSetAttributes {
  return {
    name: d.name,
    description: d.description ?? live?.description ?? null,
    sessionDuration: d.sessionDuration,
    relayState: d.relayState ?? null,
    managedPolicies: [...d.managedPolicies].sort(byString),
    customerManagedPolicies: sortedCustomer(d.customerManagedPolicies),
    inlinePolicy: canonicalPolicyOf(d.inlinePolicy),
    permissionsBoundary: normalizeBoundary(d.permissionsBoundary),
    tags: managed ? { ...d.tags, [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE } : { ...d.tags },
  };
}

function sameAttribute(
  attribute: PermissionSetAttribute,
  a: PermissionSetAttributes,
  b: PermissionSetAttributes,
): boolean {
  if (attribute === 'sessionDuration') {
    const ma = durationMinutes(a.sessionDuration);
    return a.sessionDuration === b.sessionDuration || (!Number.isNaN(ma) && ma === durationMinutes(b.sessionDuration));
  }
  return canonicalJson(a[attribute]) === canonicalJson(b[attribute]);
}

/** The attributes that differ, in a fixed order. */
export function changedAttributes(
  before: PermissionSetAttributes,
  after: PermissionSetAttributes,
): PermissionSetAttribute[] {
  return PERMISSION_SET_ATTRIBUTES.filter((attribute) => !sameAttribute(attribute, before, after));
}

/** Changes that alter the definition pushed to accounts (tags do not). */
function changesDefinition(changes: PermissionSetAttribute[]): boolean {
  return changes.some((c) => c !== 'tags');
}

export function diffPermissionSets(ctx: DiffContext): PermissionSetOutcome {
  const { desired, facts } = ctx;
  const live = new Map(facts.permissionSets.map((ps) => [ps.name, ps]));
  const provisioning = new Map(facts.provisioning.map((p) => [p.permissionSetArn, p]));
  const desiredNames = new Set(desired.permissionSets.map((d) => d.name));
  const outcome: PermissionSetOutcome = { refs: new Map(), deleted: new Map(), renamedFrom: new Map() };
  const claimed = new Set<string>();
  const instanceExists = facts.instance !== null;

  for (const d of [...desired.permissionSets].sort((a, b) => byString(a.name, b.name))) {
    const current = live.get(d.name);
    const address = formatAddress({ kind: 'permission-set', name: d.name });

    if (!d.managed) {
      claimed.add(d.name);
      if (!current) {
        if (instanceExists) {
          ctx.errors.push(
            configDiagnostic(
              ctx,
              'error',
              'reference-missing',
              `permission set ${d.name} is declared with managed: false, but Identity Center has no permission set of that name; gatehouse does not create references`,
              d.source,
              `permissionSets.${d.name}`,
            ),
          );
        }
        outcome.refs.set(d.name, { name: d.name, arn: null });
        continue;
      }
      outcome.refs.set(d.name, { name: d.name, arn: current.arn });
      const before = liveAttributes(current);
      const differs = changedAttributes(before, desiredAttributes(d, before, false));
      if (differs.length > 0) {
        ctx.drift.push({
          code: 'reference-differs',
          address,
          message: `permission set ${d.name} (managed: false) differs from the config in ${differs.join(', ')}; gatehouse does not change it`,
        });
      }
      const outdated = provisioning.get(current.arn)?.outdated ?? [];
      if (outdated.length > 0) {
        ctx.drift.push({
          code: 'reference-outdated',
          address,
          message: `permission set ${d.name} (managed: false) is out of date in ${outdated.length} account(s): ${[...outdated].sort(byString).join(', ')}`,
        });
      }
      continue;
    }

    if (current) {
      claimed.add(d.name);
      outcome.refs.set(d.name, { name: d.name, arn: current.arn });
      updateExisting(ctx, d, current, provisioning.get(current.arn));
      continue;
    }

    const former = d.formerNames.find((n) => live.has(n) && !desiredNames.has(n) && !claimed.has(n));
    const after = desiredAttributes(d, undefined, true);
    outcome.refs.set(d.name, { name: d.name, arn: null });
    if (former) {
      const old = live.get(former)!;
      claimed.add(former);
      outcome.renamedFrom.set(d.name, former);
      outcome.deleted.set(former, { arn: old.arn, replacedBy: d.name });
      ctx.actions.push({
        id: actionId(address, 'replace'),
        type: 'permission-set',
        kind: 'replace',
        address,
        permissionSet: { name: d.name, arn: null },
        replaces: { name: former, arn: old.arn },
        reason: {
          code: 'renamed',
          message: `renamed from ${former} (formerNames): a new set is created and its assignments move to it`,
        },
        risk: fixedRisk('permission-set', 'replace'),
        before: liveAttributes(old),
        after,
      });
      const oldAddress = formatAddress({ kind: 'permission-set', name: former });
      ctx.actions.push({
        id: actionId(oldAddress, 'delete'),
        type: 'permission-set',
        kind: 'delete',
        address: oldAddress,
        permissionSet: { name: former, arn: old.arn },
        reason: { code: 'replaced', message: `replaced by ${d.name}; deleted once its assignments have moved` },
        risk: fixedRisk('permission-set', 'delete'),
        before: liveAttributes(old),
        after: null,
      });
      continue;
    }
    ctx.actions.push({
      id: actionId(address, 'create'),
      type: 'permission-set',
      kind: 'create',
      address,
      permissionSet: { name: d.name, arn: null },
      reason: { code: 'missing', message: `permission set ${d.name} does not exist` },
      risk: fixedRisk('permission-set', 'create'),
      before: null,
      after,
    });
  }

  for (const ps of [...facts.permissionSets].sort((a, b) => byString(a.name, b.name))) {
    if (claimed.has(ps.name) || desiredNames.has(ps.name)) continue;
    const address = formatAddress({ kind: 'permission-set', name: ps.name });
    const tagged = ps.tags[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE;
    if (!tagged && !ctx.prune) {
      outcome.refs.set(ps.name, { name: ps.name, arn: ps.arn });
      ctx.drift.push({
        code: 'unmanaged',
        address,
        message: `permission set ${ps.name} is not in the config and not managed by gatehouse (--prune deletes it)`,
      });
      continue;
    }
    outcome.deleted.set(ps.name, { arn: ps.arn });
    ctx.actions.push({
      id: actionId(address, 'delete'),
      type: 'permission-set',
      kind: 'delete',
      address,
      permissionSet: { name: ps.name, arn: ps.arn },
      reason: tagged
        ? {
            code: 'not-in-config',
            message: `permission set ${ps.name} is managed by gatehouse and no longer in the config`,
          }
        : { code: 'prune', message: `permission set ${ps.name} is not in the config (--prune)` },
      risk: fixedRisk('permission-set', 'delete'),
      before: liveAttributes(ps),
      after: null,
    });
  }
  return outcome;
}

function updateExisting(
  ctx: DiffContext,
  d: DesiredPermissionSet,
  current: PermissionSetState,
  provisioned: ProvisioningState | undefined,
): void {
  const address = formatAddress({ kind: 'permission-set', name: d.name });
  const before = liveAttributes(current);
  const after = desiredAttributes(d, before, true);
  const changes = changedAttributes(before, after);
  const adopt = current.tags[MANAGED_TAG_KEY] !== MANAGED_TAG_VALUE;
  if (changes.length > 0) {
    ctx.actions.push({
      id: actionId(address, 'update'),
      type: 'permission-set',
      kind: 'update',
      address,
      permissionSet: { name: d.name, arn: current.arn },
      changes,
      reason: adopt
        ? {
            code: 'adopt',
            message: `permission set ${d.name} exists without the ${MANAGED_TAG_KEY}=${MANAGED_TAG_VALUE} tag; gatehouse adopts it${changes.length > 1 ? ` and changes ${changes.filter((c) => c !== 'tags').join(', ')}` : ''}`,
          }
        : { code: 'changed', message: `differs from the config: ${changes.join(', ')}` },
      risk: permissionSetChangeRisk(before, after).risk,
      before,
      after,
    });
  }

  const accounts = [...(provisioned?.accounts ?? [])].sort(byString);
  const outdated = [...(provisioned?.outdated ?? [])].sort(byString);
  if (accounts.length === 0 && outdated.length === 0) return;
  const definitionChanged = changesDefinition(changes);
  if (!definitionChanged && outdated.length === 0) return;
  const everywhere = definitionChanged || outdated.length >= accounts.length;
  const targets = everywhere ? [...new Set([...accounts, ...outdated])].sort(byString) : outdated;
  ctx.actions.push({
    id: actionId(address, 'provision'),
    type: 'permission-set-provision',
    kind: 'provision',
    address,
    permissionSet: { name: d.name, arn: current.arn },
    target: everywhere ? 'ALL_PROVISIONED_ACCOUNTS' : 'AWS_ACCOUNT',
    accountIds: targets,
    reason: definitionChanged
      ? {
          code: 'definition-changed',
          message: `push the changed definition to the ${targets.length} account(s) where ${d.name} is provisioned`,
        }
      : {
          code: 'outdated',
          message: `AWS reports an out-of-date copy in ${outdated.length} account(s) (an earlier provisioning did not finish)`,
        },
    risk: fixedRisk('permission-set-provision', 'provision'),
    before: { accounts: targets.length > accounts.length ? targets : accounts, outdated },
    after: { accounts: targets.length > accounts.length ? targets : accounts, outdated: [] },
  });
}
