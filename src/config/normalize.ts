/**
 * @module Written config → DesiredState: defaults filled (from the schema, plus the ones that depend
 * on other values), policy names resolved to ARNs, durations in AWS's form, targets parsed. Runs only
 * on a config that passed the schema and the rules, so it cannot fail.
 */

import { parsePrincipal } from '../model/address.js';
import type {
  AccountTarget,
  DesiredAssignmentRule,
  DesiredGroup,
  DesiredPermissionSet,
  DesiredState,
  DesiredUser,
  Severity,
  SourceRef,
} from '../model/desired.js';
import type { AlternateContact, AlternateContactType, CustomerManagedPolicyRef } from '../model/types.js';
import { attestationExpiry } from './dates.js';
import { normalizeSessionDuration } from './duration.js';
import { hashDesiredState } from './hash.js';
import { resolveManagedPolicy } from './managed-policy.js';
import {
  auditSchema,
  identityCenterSchema,
  type ParsedConfig,
  type ParsedPermissionSet,
  profilesSchema,
  rootSchema,
} from './schema.js';
import { parseAccountTarget } from './targets.js';

export interface NormalizeContext {
  file?: string;
  /** Inline policies by permission set name (read from files where the config references one). */
  inlinePolicies: ReadonlyMap<string, Record<string, unknown>>;
  /** Where an element was written, by path. */
  source?: (path: (string | number)[], target?: 'value' | 'key') => SourceRef | undefined;
}

/** Builds the desired model (hash included) from a valid parsed config. */
export function normalizeConfig(config: ParsedConfig, context: NormalizeContext): DesiredState {
  const source = (path: (string | number)[], target?: 'value' | 'key') => context.source?.(path, target);
  const withSource = <T extends object>(value: T, ref: SourceRef | undefined): T =>
    ref ? { ...value, source: ref } : value;

  const root = config.root ?? rootSchema.parse({});
  const ic = config.identityCenter ?? identityCenterSchema.parse({});
  const audit = config.audit ?? auditSchema.parse({});
  const profiles = config.profiles ?? profilesSchema.parse({});

  const identityCenter: DesiredState['identityCenter'] = {
    instance: ic.instance,
    encryption:
      ic.encryption === 'aws-owned-key'
        ? { keyType: 'AWS_OWNED_KMS_KEY' }
        : { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: ic.encryption.customerManagedKey },
    requireMfa: ic.requireMfa,
    identitySource: ic.identitySource,
  };
  if (ic.region !== undefined) identityCenter.region = ic.region;
  if (ic.portalUrl !== undefined) identityCenter.portalUrl = ic.portalUrl;

  const contacts: DesiredState['contacts'] = {};
  for (const [key, type] of [
    ['security', 'SECURITY'],
    ['operations', 'OPERATIONS'],
    ['billing', 'BILLING'],
  ] as const satisfies readonly (readonly [string, AlternateContactType])[]) {
    const contact = config.contacts?.[key];
    if (contact) contacts[type] = { ...contact } satisfies AlternateContact;
  }

  const permissionSets = Object.entries(config.permissionSets ?? {}).map(([name, spec]) =>
    withSource(
      permissionSet(name, spec, context.inlinePolicies.get(name) ?? null),
      source(['permissionSets', name], 'key'),
    ),
  );

  const users = Object.entries(config.users ?? {}).map(([key, spec]) =>
    withSource<DesiredUser>(
      {
        key,
        userName: spec.userName ?? key,
        displayName: spec.displayName ?? `${spec.givenName} ${spec.familyName}`,
        givenName: spec.givenName,
        familyName: spec.familyName,
        ...(spec.email !== undefined ? { email: spec.email } : {}),
      },
      source(['users', key], 'key'),
    ),
  );

  const groups = Object.entries(config.groups ?? {}).map(([name, spec]) => {
    const group: DesiredGroup = { name, members: [...spec.members] };
    if (spec.description !== undefined) group.description = spec.description;
    return withSource(group, source(['groups', name], 'key'));
  });

  const assignments = (config.assignments ?? []).map((rule, index) =>
    withSource<DesiredAssignmentRule>(
      {
        index,
        principal: parsePrincipal(rule.principal)!,
        permissionSet: rule.permissionSet,
        targets: rule.accounts.map(target),
        exclude: rule.exclude.map(target),
      },
      source(['assignments', index]),
    ),
  );

  const attestations = Object.entries(config.attestations ?? {}).map(([checkId, a]) => {
    const attestation: DesiredState['attestations'][number] = {
      checkId,
      by: a.by,
      on: a.on,
      expires: attestationExpiry(a),
    };
    if (a.note !== undefined) attestation.note = a.note;
    return attestation;
  });

  const waivers = audit.waivers.map((w) => {
    const waiver: DesiredState['audit']['waivers'][number] = { checkId: w.check, reason: w.reason, expires: w.expires };
    if (w.account !== undefined) waiver.accountId = w.account;
    if (w.resource !== undefined) waiver.resource = w.resource;
    return waiver;
  });

  const profileSettings: DesiredState['profiles'] = {
    namePattern: profiles.namePattern,
    sessionName: profiles.sessionName,
  };
  const profileRegion = profiles.region ?? ic.region;
  if (profileRegion !== undefined) profileSettings.region = profileRegion;

  const desired: DesiredState = {
    hash: '',
    root: { ...root },
    contacts,
    identityCenter,
    permissionSets,
    users,
    groups,
    accountAliases: { ...(config.accounts ?? {}) },
    assignments,
    attestations,
    audit: {
      severityOverrides: { ...audit.severity } as Record<string, Severity>,
      thresholds: { ...audit.thresholds },
      waivers,
    },
    profiles: profileSettings,
  };
  if (context.file !== undefined) desired.file = context.file;
  if (config.organization) desired.organization = { ...config.organization };
  // Only when written, so configs without it keep their hash (saved plans stay valid).
  if (config.safety) desired.safety = { maxDestroy: config.safety.maxDestroy };
  desired.hash = hashDesiredState(desired);
  return desired;
}

function target(text: string): AccountTarget {
  const parsed = parseAccountTarget(text);
  if (!parsed.ok) throw new Error(`unvalidated account target ${text}`);
  return parsed.target;
}

function customerRef(ref: { name: string; path: string }): CustomerManagedPolicyRef {
  return { name: ref.name, path: ref.path };
}

function permissionSet(
  name: string,
  spec: ParsedPermissionSet,
  inlinePolicy: Record<string, unknown> | null,
): DesiredPermissionSet {
  const managedPolicies = [
    ...new Set(spec.policies.map((p) => resolveManagedPolicy(p)).flatMap((r) => (r.ok ? [r.arn] : []))),
  ].sort();
  const seenCustomer = new Set<string>();
  const customerManagedPolicies = spec.customerPolicies.map(customerRef).filter((ref) => {
    const key = `${ref.path}${ref.name}`;
    if (seenCustomer.has(key)) return false;
    seenCustomer.add(key);
    return true;
  });
  let permissionsBoundary: DesiredPermissionSet['permissionsBoundary'] = null;
  if (spec.permissionsBoundary && 'policy' in spec.permissionsBoundary) {
    const resolved = resolveManagedPolicy(spec.permissionsBoundary.policy);
    if (resolved.ok) permissionsBoundary = { managedPolicyArn: resolved.arn };
  } else if (spec.permissionsBoundary) {
    permissionsBoundary = { customerManagedPolicy: customerRef(spec.permissionsBoundary.customerPolicy) };
  }
  const result: DesiredPermissionSet = {
    name,
    sessionDuration: normalizeSessionDuration(spec.sessionDuration),
    managedPolicies,
    customerManagedPolicies,
    inlinePolicy,
    permissionsBoundary,
    tags: { ...spec.tags },
    managed: spec.managed,
    formerNames: [...spec.formerNames],
  };
  if (spec.description !== undefined) result.description = spec.description;
  if (spec.relayState !== undefined) result.relayState = spec.relayState;
  return result;
}
