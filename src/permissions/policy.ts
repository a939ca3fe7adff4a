/**
 * @module Least-privilege IAM policy documents from permission grants: one statement per service
 * (and per restricted resource), actions sorted, so the output is stable and reviewable.
 */

import { DEFAULT_MEMBER_ROLE } from '../aws/index.js';
import { ALL_FACT_IDS, iamActionsFor } from '../observe/facts/index.js';
import type { FactId } from '../observe/snapshot.js';
import { type PermissionGrant, type PermissionUse, registeredGrants } from './registry.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Actions AWS authorises for everyone (sts:GetCallerIdentity works even under an explicit deny). */
export const NO_PERMISSION_NEEDED: ReadonlySet<string> = new Set(['sts:GetCallerIdentity']);

const SERVICE_SIDS: Record<string, string> = {
  sso: 'IdentityCenter',
  identitystore: 'IdentityStore',
  organizations: 'Organizations',
  iam: 'Iam',
  sts: 'Sts',
  account: 'Account',
};

/** `GatehouseIdentityCenter`; for a restricted resource, its last path segment: `GatehouseStsOrganizationAccountAccessRole`. */
function sidFor(prefix: string, service: string, resource: string): string {
  const base = `${prefix}${SERVICE_SIDS[service] ?? service.replace(/[^A-Za-z0-9]/g, '')}`;
  if (resource === '*') return base;
  const last = resource.split(/[/:]/).filter(Boolean).at(-1) ?? '';
  return `${base}${last.replace(/[^A-Za-z0-9]/g, '') || 'Restricted'}`;
}

/** The actions of a set of grants, by resource (facts expanded through their readers). */
export function actionsByResource(grants: readonly PermissionGrant[]): Map<string, Set<string>> {
  const byResource = new Map<string, Set<string>>();
  for (const grant of grants) {
    const resource = grant.resource ?? '*';
    const actions = byResource.get(resource) ?? new Set<string>();
    for (const a of grant.actions ?? []) actions.add(a);
    if (grant.facts && grant.facts.length > 0) for (const a of iamActionsFor(grant.facts)) actions.add(a);
    for (const a of NO_PERMISSION_NEEDED) actions.delete(a);
    if (actions.size > 0) byResource.set(resource, actions);
  }
  return byResource;
}

/** One policy document for `grants`: a statement per (resource, service), sorted. */
export function buildPolicy(grants: readonly PermissionGrant[], sidPrefix = 'Gatehouse'): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const resources = [...actionsByResource(grants).entries()].sort(([a], [b]) =>
    a === '*' ? -1 : b === '*' ? 1 : a < b ? -1 : 1,
  );
  for (const [resource, actions] of resources) {
    const byService = new Map<string, string[]>();
    for (const action of actions) {
      const service = action.slice(0, action.indexOf(':'));
      byService.set(service, [...(byService.get(service) ?? []), action]);
    }
    for (const service of [...byService.keys()].sort()) {
      statements.push({
        Sid: sidFor(sidPrefix, service, resource),
        Effect: 'Allow',
        Action: (byService.get(service) ?? []).sort(),
        Resource: resource,
      });
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

export interface AuditPolicyOptions {
  /** The role entered in member accounts (`organization.memberAccessRole`); null: no member accounts. */
  memberAccessRole?: string | null;
  /** Only these facts (default: every fact). */
  facts?: readonly FactId[];
}

/** What an audit needs: every fact reader's actions, plus entering member accounts by role. */
export function auditGrants(options: AuditPolicyOptions = {}): PermissionGrant[] {
  const grants: PermissionGrant[] = [{ source: 'observe', facts: options.facts ?? ALL_FACT_IDS }];
  const role = options.memberAccessRole === undefined ? DEFAULT_MEMBER_ROLE : options.memberAccessRole;
  if (role !== null) {
    grants.push({
      source: 'observe/member-accounts',
      actions: ['sts:AssumeRole'],
      resource: `arn:aws:iam::*:role/${role}`,
    });
  }
  return [...grants, ...registeredGrants('audit')];
}

/** The policy for a use of gatehouse. */
export function permissionsPolicy(use: PermissionUse, options: AuditPolicyOptions = {}): PolicyDocument {
  return buildPolicy(use === 'audit' ? auditGrants(options) : registeredGrants('apply'));
}
