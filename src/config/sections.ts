/**
 * @module The config as the semantic rules see it: every entry that passed the schema on its own,
 * plus the names of all entries (valid or not). Rules can then report every cross-reference problem
 * even when some other part of the file has schema errors, without calling a broken-but-present
 * permission set "undefined".
 */

import type { z } from 'zod';
import {
  assignmentSchema,
  auditSchema,
  configSchema,
  identityCenterSchema,
  type ParsedAssignment,
  type ParsedAttestation,
  type ParsedAudit,
  type ParsedConfig,
  type ParsedGroup,
  type ParsedPermissionSet,
  type ParsedUser,
  type ParsedWaiver,
  thresholdsSchema,
  waiverSchema,
} from './schema.js';

export interface AssignmentView {
  index: number;
  principal?: string;
  permissionSet?: string;
  /** Valid targets with their position in their list. */
  accounts: { index: number; text: string }[];
  exclude: { index: number; text: string }[];
  /** The whole rule, when every field is valid. */
  rule?: ParsedAssignment;
}

export interface ConfigSections {
  permissionSets: Map<string, ParsedPermissionSet>;
  permissionSetNames: Set<string>;
  groups: Map<string, ParsedGroup>;
  groupNames: Set<string>;
  users: Map<string, ParsedUser>;
  userKeys: Set<string>;
  /** Valid aliases → ids. */
  accounts: Map<string, string>;
  accountAliases: Set<string>;
  /** Assignment rules: each field that is valid on its own, and the whole rule when all of it is. */
  assignments: AssignmentView[];
  attestations: Map<string, ParsedAttestation>;
  /** Absent when invalid (rules that need a threshold skip). */
  thresholds?: ParsedAudit['thresholds'];
  /** Valid severity overrides. */
  severity: Map<string, string>;
  /** Valid waivers with their position. */
  waivers: { index: number; waiver: ParsedWaiver }[];
  identityCenter?: z.output<typeof identityCenterSchema>;
  /** `external` when the raw config says so, even if the section has other errors. */
  identitySource: 'internal' | 'external';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map section: every key (for references), and the entries whose key and value are both valid. */
function entries<T>(
  raw: unknown,
  record: { keyType: z.ZodType; valueType: z.ZodType<T> },
): { names: Set<string>; valid: Map<string, T> } {
  const names = new Set<string>();
  const valid = new Map<string, T>();
  if (!isRecord(raw)) return { names, valid };
  for (const [name, value] of Object.entries(raw)) {
    names.add(name);
    if (!record.keyType.safeParse(name).success) continue;
    const parsed = record.valueType.safeParse(value);
    if (parsed.success) valid.set(name, parsed.data);
  }
  return { names, valid };
}

/** Sections from a fully valid config. */
export function sectionsFromParsed(config: ParsedConfig): ConfigSections {
  const map = <T>(record: Record<string, T> | undefined) => new Map(Object.entries(record ?? {}));
  const identityCenter = config.identityCenter ?? identityCenterSchema.parse({});
  const audit = config.audit ?? auditSchema.parse({});
  return {
    permissionSets: map(config.permissionSets),
    permissionSetNames: new Set(Object.keys(config.permissionSets ?? {})),
    groups: map(config.groups),
    groupNames: new Set(Object.keys(config.groups ?? {})),
    users: map(config.users),
    userKeys: new Set(Object.keys(config.users ?? {})),
    accounts: map(config.accounts),
    accountAliases: new Set(Object.keys(config.accounts ?? {})),
    assignments: (config.assignments ?? []).map((rule, index) => ({
      index,
      principal: rule.principal,
      permissionSet: rule.permissionSet,
      accounts: rule.accounts.map((text, i) => ({ index: i, text })),
      exclude: rule.exclude.map((text, i) => ({ index: i, text })),
      rule,
    })),
    attestations: map(config.attestations),
    thresholds: audit.thresholds,
    severity: new Map(Object.entries(audit.severity)),
    waivers: audit.waivers.map((waiver, index) => ({ index, waiver })),
    identityCenter,
    identitySource: identityCenter.identitySource,
  };
}

/** Sections from raw data that failed the schema somewhere: each entry validated on its own. */
export function sectionsFromRaw(raw: unknown): ConfigSections {
  const data = isRecord(raw) ? raw : {};
  const shape = configSchema.shape;
  const permissionSets = entries(data.permissionSets, shape.permissionSets.unwrap());
  const groups = entries(data.groups, shape.groups.unwrap());
  const users = entries(data.users, shape.users.unwrap());
  const accounts = entries(data.accounts, shape.accounts.unwrap());
  const attestations = entries(data.attestations, shape.attestations.unwrap());
  const assignments = Array.isArray(data.assignments) ? data.assignments.map(assignmentView) : [];
  const audit = isRecord(data.audit) ? data.audit : {};
  const thresholds = thresholdsSchema.safeParse(audit.thresholds ?? {});
  const severity = entries(audit.severity, auditSchema.shape.severity.unwrap());
  const waivers = Array.isArray(audit.waivers)
    ? audit.waivers.flatMap((value, index) => {
        const parsed = waiverSchema.safeParse(value);
        return parsed.success ? [{ index, waiver: parsed.data }] : [];
      })
    : [];
  const identityCenter = identityCenterSchema.safeParse(data.identityCenter ?? {});
  const rawSource = isRecord(data.identityCenter) ? data.identityCenter.identitySource : undefined;
  const sections: ConfigSections = {
    permissionSets: permissionSets.valid,
    permissionSetNames: permissionSets.names,
    groups: groups.valid,
    groupNames: groups.names,
    users: users.valid,
    userKeys: users.names,
    accounts: accounts.valid,
    accountAliases: accounts.names,
    assignments,
    attestations: attestations.valid,
    severity: severity.valid,
    waivers,
    identitySource: rawSource === 'external' ? 'external' : 'internal',
  };
  if (thresholds.success) sections.thresholds = thresholds.data;
  if (identityCenter.success) sections.identityCenter = identityCenter.data;
  return sections;
}

/** One assignment rule's fields, each validated on its own. */
function assignmentView(value: unknown, index: number): AssignmentView {
  const view: AssignmentView = { index, accounts: [], exclude: [] };
  if (!isRecord(value)) return view;
  const whole = assignmentSchema.safeParse(value);
  if (whole.success) view.rule = whole.data;
  const shape = assignmentSchema.shape;
  const principal = shape.principal.safeParse(value.principal);
  if (principal.success) view.principal = principal.data;
  const permissionSet = shape.permissionSet.safeParse(value.permissionSet);
  if (permissionSet.success) view.permissionSet = permissionSet.data;
  const target = shape.accounts.element;
  for (const list of ['accounts', 'exclude'] as const) {
    const raw = value[list];
    if (!Array.isArray(raw)) continue;
    raw.forEach((text, i) => {
      if (target.safeParse(text).success) view[list].push({ index: i, text: text as string });
    });
  }
  return view;
}
