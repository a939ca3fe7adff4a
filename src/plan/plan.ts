/**
 * @module createPlan: desired model × snapshot → plan document. Pure: reads only its arguments
 * (the clock's reading comes in as `now`). Throws ConfigError when the config cannot be resolved
 * against the live organization (unknown accounts/OUs, missing external principals), and
 * AwsAccessError when a fact the diff needs could not be read.
 */

import { ConfigError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { OrgAccount } from '../model/types.js';
import type { Snapshot } from '../observe/snapshot.js';
import {
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  type PlanAction,
  type PlanDocument,
  type PlanSummary,
  type RuleResolution,
} from './actions.js';
import { byString, type DiffContext } from './context.js';
import { delegatedAdministratorRefusals } from './delegated.js';
import { diffAssignments } from './diff-assignments.js';
import { diffIamConsoleUsers } from './diff-iam-users.js';
import { diffIdentityCenter } from './diff-identity-center.js';
import { diffIdentityStore } from './diff-identity-store.js';
import { diffOrganization } from './diff-organization.js';
import { diffPermissionSets } from './diff-permission-sets.js';
import { DEFAULT_COMPLETION_SECONDS, estimatePlan } from './estimate.js';
import { extractPlanFacts, type PlanFacts } from './facts.js';
import { observedFingerprint } from './fingerprint.js';
import { orderActions } from './order.js';
import { roleQuotaRefusals } from './quota.js';
import { type AccountUniverse, expandRule } from './targets.js';

export interface CreatePlanOptions {
  /** Also delete what gatehouse does not manage but the config does not name. */
  prune?: boolean;
  /** ISO-8601 time the plan is made (the caller's clock). */
  now: string;
  /** Assumed seconds for one asynchronous request to finish, for the estimate (default 5). */
  completionSeconds?: number;
}

function universeOf(desired: DesiredState, facts: PlanFacts, managementAccountId: string): AccountUniverse {
  const standalone: OrgAccount = {
    id: facts.caller.accountId,
    name: '',
    email: '',
    state: 'ACTIVE',
    parentId: '',
    ouPath: '/',
  };
  return {
    accounts: facts.tree?.accounts ?? [standalone],
    ous: facts.tree?.ous ?? [],
    managementAccountId,
    tags: facts.accountTags,
    aliases: desired.accountAliases,
    hasOrganization: facts.tree !== null,
  };
}

export function summarize(actions: PlanAction[], manualSteps: number): PlanSummary {
  const count = (f: (a: PlanAction) => boolean) => actions.filter(f).length;
  return {
    add: count((a) => a.kind === 'create' || a.kind === 'replace'),
    change: count((a) => a.kind === 'update'),
    destroy: count((a) => a.kind === 'delete'),
    provision: count((a) => a.kind === 'provision'),
    manual: manualSteps,
    blocked: count((a) => !a.applyable),
    broadening: count((a) => a.risk === 'broadening'),
    destructive: count((a) => a.risk === 'destructive'),
  };
}

function accountNamesFor(
  facts: PlanFacts,
  actions: PlanAction[],
  resolution: RuleResolution[],
  managementAccountId: string,
): Record<string, string> {
  const wanted = new Set<string>([managementAccountId]);
  for (const a of actions) {
    if ('accountId' in a) wanted.add(a.accountId);
    if (a.type === 'permission-set-provision') for (const id of a.accountIds) wanted.add(id);
  }
  for (const r of resolution) {
    for (const id of r.accounts) wanted.add(id);
    for (const s of r.skipped) wanted.add(s.id);
  }
  const names: Record<string, string> = {};
  for (const account of [...(facts.tree?.accounts ?? [])].sort((a, b) => byString(a.id, b.id))) {
    if (wanted.has(account.id) && account.name) names[account.id] = account.name;
  }
  return names;
}

/** Desired model × snapshot → the plan document (actions ordered, manual steps, drift, estimate). */
export function createPlan(desired: DesiredState, snapshot: Snapshot, options: CreatePlanOptions): PlanDocument {
  const facts = extractPlanFacts(desired, snapshot);
  const managementAccountId = facts.organization?.managementAccountId ?? facts.caller.accountId;
  const configFile = desired.file ?? 'gatehouse.yaml';
  const ctx: DiffContext = {
    desired,
    facts,
    prune: options.prune ?? false,
    now: options.now,
    managementAccountId,
    configFile,
    actions: [],
    manualSteps: [],
    drift: [],
    errors: [],
    warnings: [],
  };

  diffOrganization(ctx);
  diffIamConsoleUsers(ctx);
  diffIdentityCenter(ctx);

  const universe = universeOf(desired, facts, managementAccountId);
  const resolution: RuleResolution[] = [];
  for (const rule of [...desired.assignments].sort((a, b) => a.index - b.index)) {
    const expanded = expandRule(rule, universe, configFile);
    resolution.push(expanded.resolution);
    ctx.errors.push(...expanded.errors);
    ctx.warnings.push(...expanded.warnings);
  }

  const permissionSets = diffPermissionSets(ctx);
  const principals = diffIdentityStore(ctx);
  diffAssignments(ctx, resolution, permissionSets, principals);
  ctx.errors.push(...roleQuotaRefusals(ctx), ...delegatedAdministratorRefusals(ctx, resolution));

  if (ctx.errors.length > 0) {
    throw new ConfigError(
      [...ctx.errors, ...ctx.warnings],
      `cannot plan: ${ctx.errors.length} problem(s) resolving the configuration against AWS`,
    );
  }

  const { actions, manualSteps } = orderActions(ctx.actions, ctx.manualSteps);
  const instance = facts.instance;
  return {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: options.now,
    configHash: desired.hash,
    configFile: desired.file ?? null,
    observedAt: snapshot.observedAt,
    observedFingerprint: observedFingerprint(facts),
    caller: { accountId: facts.caller.accountId, arn: facts.caller.arn },
    organizationId: facts.organization?.id ?? null,
    managementAccountId,
    identityCenter: instance
      ? { instanceArn: instance.arn, identityStoreId: instance.identityStoreId, region: instance.region }
      : null,
    options: { prune: ctx.prune },
    actions,
    manualSteps,
    resolution,
    drift: [...ctx.drift].sort((a, b) => byString(a.address, b.address) || byString(a.code, b.code)),
    warnings: ctx.warnings,
    accountNames: accountNamesFor(facts, actions, resolution, managementAccountId),
    summary: summarize(actions, manualSteps.length),
    estimate: estimatePlan(actions, options.completionSeconds ?? DEFAULT_COMPLETION_SECONDS),
  };
}

/** Whether applying the plan would change anything (actions or manual steps pending); drift alone is not a change. */
export function hasChanges(plan: PlanDocument): boolean {
  return plan.actions.length > 0 || plan.manualSteps.length > 0;
}
