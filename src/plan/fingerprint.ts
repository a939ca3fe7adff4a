/**
 * @module The observed fingerprint: sha256 over a canonical serialisation of exactly the facts the
 * diff used — ids included, lists sorted, volatile values (timestamps, the caller's session) left
 * out — so that the same AWS state always gives the same fingerprint and any change the diff would
 * see gives another. Apply re-observes and refuses a plan whose fingerprint no longer matches.
 */

import { canonicalJson, sha256Hex } from './canonical.js';
import { byString } from './context.js';
import { liveAttributes } from './diff-permission-sets.js';
import type { PlanFacts } from './facts.js';

const sortBy = <T>(items: T[], key: (x: T) => string): T[] => [...items].sort((a, b) => byString(key(a), key(b)));
const sorted = (items: string[]): string[] => [...items].sort(byString);

/** The facts in canonical, timestamp-free form (exported for tests). */
export function fingerprintInput(facts: PlanFacts): unknown {
  const org = facts.organization;
  const instance = facts.instance;
  return {
    organization: org ? { id: org.id, featureSet: org.featureSet, managementAccountId: org.managementAccountId } : null,
    tree: facts.tree
      ? {
          rootId: facts.tree.rootId,
          ous: sortBy(facts.tree.ous, (o) => o.id).map((o) => ({ id: o.id, path: o.path })),
          accounts: sortBy(facts.tree.accounts, (a) => a.id).map((a) => ({
            id: a.id,
            name: a.name,
            state: a.state,
            ouPath: a.ouPath,
          })),
        }
      : null,
    accountTags: facts.accountTags,
    serviceAccess: facts.serviceAccess ? sorted(facts.serviceAccess) : null,
    rootFeatures: facts.rootFeatures ? sorted(facts.rootFeatures) : null,
    instance: instance
      ? {
          arn: instance.arn,
          identityStoreId: instance.identityStoreId,
          ownerAccountId: instance.ownerAccountId,
          region: instance.region,
          status: instance.status,
          keyType: instance.encryption?.keyType ?? null,
          kmsKeyArn: instance.encryption?.kmsKeyArn ?? null,
        }
      : null,
    permissionSets: sortBy(facts.permissionSets, (p) => p.arn).map((p) => ({ arn: p.arn, ...liveAttributes(p) })),
    provisioning: sortBy(facts.provisioning, (p) => p.permissionSetArn).map((p) => ({
      arn: p.permissionSetArn,
      accounts: sorted(p.accounts),
      outdated: sorted(p.outdated),
    })),
    assignments: sorted(
      facts.assignments.map((a) => `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`),
    ),
    users: sortBy(facts.users, (u) => u.id).map((u) => ({
      id: u.id,
      userName: u.userName,
      displayName: u.displayName ?? null,
      givenName: u.givenName ?? null,
      familyName: u.familyName ?? null,
      email: u.email ?? null,
      status: u.status ?? null,
    })),
    groups: sortBy(facts.groups, (g) => g.id).map((g) => ({
      id: g.id,
      displayName: g.displayName,
      description: g.description ?? null,
    })),
    memberships: sortBy(facts.memberships, (m) => m.membershipId).map((m) => ({
      id: m.membershipId,
      groupId: m.groupId,
      userId: m.userId,
    })),
    root: facts.root,
    contacts: facts.contacts,
    // Only when there are any, so that fingerprints without console users stay what they were.
    ...(facts.iamConsoleUsers.length > 0
      ? { iamConsoleUsers: sortBy(facts.iamConsoleUsers, (u) => u.arn).map((u) => ({ ...u })) }
      : {}),
    // Only for a scoped read, so that full-read fingerprints stay what they were.
    ...(facts.assignmentScope
      ? {
          assignmentScope: {
            principals: sorted(facts.assignmentScope.principals.map((p) => `${p.type}|${p.id}`)),
            permissionSetArns: sorted(facts.assignmentScope.permissionSetArns),
            accounts: sorted(facts.assignmentScope.accounts),
          },
        }
      : {}),
  };
}

/** `sha256:<hex>` of the canonical facts. */
export function observedFingerprint(facts: PlanFacts): string {
  return `sha256:${sha256Hex(canonicalJson(fingerprintInput(facts)))}`;
}
