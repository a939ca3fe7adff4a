/**
 * @module A live permission set as a config entry, with every attribute: description, session
 * duration, relay state, AWS managed policies (by short name when the ARN is
 * `arn:aws:iam::aws:policy/<Name>`, else the full ARN), customer managed policies, the inline policy
 * as a YAML object, the permissions boundary and tags (without gatehouse's own ownership tag).
 * A set gatehouse does not own (no `managed-by=gatehouse` tag) is written `managed: false`. A set
 * with an attribute the config cannot express is also written `managed: false`, so that applying
 * the imported file never changes it; the attribute is left out with a comment.
 */

import { translateIssues } from '../config/issues.js';
import { resolveManagedPolicy } from '../config/managed-policy.js';
import { policyDocumentSchema } from '../config/policy-grammar.js';
import type { WrittenConfig } from '../config/schema.js';
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../model/desired.js';
import type { CustomerManagedPolicyRef, PermissionSetState } from '../model/types.js';
import { entryProblems } from './schema-check.js';

export type WrittenPermissionSet = NonNullable<WrittenConfig['permissionSets']>[string];

export interface ImportedPermissionSet {
  name: string;
  /** Undefined when the name itself cannot be written (the set is left out). */
  spec?: WrittenPermissionSet;
  /** Tagged managed-by=gatehouse and fully expressed. */
  managed: boolean;
  /** Carries the ownership tag (whether or not it could be written as managed). */
  ownedByGatehouse: boolean;
  /** Attributes left out, with why. */
  omitted: { attribute: string; why: string }[];
}

const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';

/** `AdministratorAccess` for `arn:aws:iam::aws:policy/AdministratorAccess`; paths and other partitions keep the ARN. */
/** The short name when it resolves back to exactly this ARN (job-function names resolve to their path), else the ARN. */
export function policyReference(arn: string): string {
  const name = arn.startsWith(AWS_MANAGED_PREFIX) ? arn.slice(AWS_MANAGED_PREFIX.length) : '';
  if (name === '' || name.includes('/')) return arn;
  const resolved = resolveManagedPolicy(name);
  return resolved.ok && resolved.arn === arn ? name : arn;
}

function customerReference(ref: CustomerManagedPolicyRef): { name: string; path?: string } {
  return ref.path === '/' || ref.path === '' ? { name: ref.name } : { name: ref.name, path: ref.path };
}

function parseInline(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every attribute of the live set in the written shape (before checking it against the schema). */
function fullSpec(ps: PermissionSetState, owned: boolean): { spec: Record<string, unknown>; unreadable: string[] } {
  const spec: Record<string, unknown> = {};
  const unreadable: string[] = [];
  if (ps.description !== undefined && ps.description !== '') spec.description = ps.description;
  if (ps.sessionDuration !== undefined) spec.sessionDuration = ps.sessionDuration;
  if (ps.relayState !== undefined && ps.relayState !== '') spec.relayState = ps.relayState;
  if (ps.managedPolicies.length > 0) spec.policies = ps.managedPolicies.map(policyReference);
  if (ps.customerManagedPolicies.length > 0) spec.customerPolicies = ps.customerManagedPolicies.map(customerReference);
  if (ps.inlinePolicy !== null) {
    const document = parseInline(ps.inlinePolicy);
    if (document === undefined) unreadable.push('inlinePolicy');
    else spec.inlinePolicy = document;
  }
  if (ps.permissionsBoundary) {
    spec.permissionsBoundary =
      'managedPolicyArn' in ps.permissionsBoundary
        ? { policy: policyReference(ps.permissionsBoundary.managedPolicyArn) }
        : { customerPolicy: customerReference(ps.permissionsBoundary.customerManagedPolicy) };
  }
  const tags = Object.entries(ps.tags)
    .filter(([key]) => key !== MANAGED_TAG_KEY)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (tags.length > 0) spec.tags = Object.fromEntries(tags);
  if (!owned) spec.managed = false;
  return { spec, unreadable };
}

/** The config entry for one live permission set. */
export function importPermissionSet(ps: PermissionSetState): ImportedPermissionSet {
  const ownedByGatehouse = ps.tags[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE;
  const { spec, unreadable } = fullSpec(ps, ownedByGatehouse);
  const omitted = unreadable.map((attribute) => ({ attribute, why: 'it is not valid JSON' }));
  if (!ownedByGatehouse && ps.tags[MANAGED_TAG_KEY] !== undefined) {
    omitted.push({
      attribute: `tags.${MANAGED_TAG_KEY}`,
      why: `\`${MANAGED_TAG_KEY}: ${ps.tags[MANAGED_TAG_KEY]}\` is reserved for gatehouse's own ownership tag; \`gatehouse plan\` reports the difference as drift`,
    });
  }
  if (spec.inlinePolicy !== undefined) {
    // Checked alone first: the entry's schema only says "not a policy document", this says why.
    const parsed = policyDocumentSchema.safeParse(spec.inlinePolicy, { reportInput: true });
    if (!parsed.success) {
      const problem = translateIssues(parsed.error.issues, policyDocumentSchema, spec.inlinePolicy)[0];
      omitted.push({
        attribute: 'inlinePolicy',
        why: `outside the config's policy grammar: ${problem?.message ?? parsed.error.issues[0]?.message}`,
      });
      delete spec.inlinePolicy;
    }
  }
  // Drop what the schema refuses until the entry is valid: one tag or policy of a list at a time,
  // else the whole attribute.
  for (let round = 0; round < 100; round++) {
    const problems = entryProblems('permissionSets', ps.name, spec);
    if (problems.length === 0) break;
    const keyProblem = problems.find((p) => p.path.length === 0);
    if (keyProblem) {
      return {
        name: ps.name,
        managed: false,
        ownedByGatehouse,
        omitted: [{ attribute: 'name', why: keyProblem.message }],
      };
    }
    const first = problems[0]!;
    const attribute = String(first.path[0]);
    const element = first.path[1];
    const value = spec[attribute];
    if (attribute === 'tags' && typeof element === 'string' && value && typeof value === 'object') {
      omitted.push({ attribute: `tags.${element}`, why: first.message });
      delete (value as Record<string, unknown>)[element];
      if (Object.keys(value).length === 0) delete spec.tags;
    } else if (
      (attribute === 'policies' || attribute === 'customerPolicies') &&
      typeof element === 'number' &&
      Array.isArray(value)
    ) {
      omitted.push({
        attribute: `${attribute}[${element}]`,
        why: `${JSON.stringify(value[element])}: ${first.message}`,
      });
      value.splice(element, 1);
      if (value.length === 0) delete spec[attribute];
    } else {
      const detail = first.path.length > 1 ? ` (at ${first.path.slice(1).join('.')})` : '';
      omitted.push({ attribute, why: `${first.message}${detail}` });
      delete spec[attribute];
    }
  }
  const managed = ownedByGatehouse && omitted.length === 0;
  if (ownedByGatehouse && !managed) spec.managed = false;
  return { name: ps.name, spec: spec as WrittenPermissionSet, managed, ownedByGatehouse, omitted };
}
