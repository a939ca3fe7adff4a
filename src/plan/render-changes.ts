/**
 * @module Attribute-level lines for the text plan: `old → new` for scalars, `+`/`-` for list items
 * and tags, and a line diff (jsdiff) of the canonical pretty JSON of inline policies.
 */

import { diffLines } from 'diff';
import type { Colors } from 'picocolors/types.js';
import type { PermissionSetAttribute, PermissionSetAttributes } from './actions.js';
import { canonicalJson, prettyPolicy } from './canonical.js';

const show = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines of a canonical JSON diff of two inline policies (`+`/`-`/` ` markers). */
export function policyDiffLines(before: string | null, after: string | null, c: Colors): string[] {
  const old = before === null ? '' : `${prettyPolicy(before)}\n`;
  const now = after === null ? '' : `${prettyPolicy(after)}\n`;
  const lines: string[] = [];
  for (const part of diffLines(old, now)) {
    for (const line of splitLines(part.value)) {
      if (part.added) lines.push(c.green(`+ ${line}`));
      else if (part.removed) lines.push(c.red(`- ${line}`));
      else lines.push(`  ${line}`);
    }
  }
  return lines;
}

function listLines<T>(before: T[], after: T[], label: (x: T) => string, c: Colors): string[] {
  const b = new Set(before.map(label));
  const a = new Set(after.map(label));
  return [
    ...[...a].filter((x) => !b.has(x)).map((x) => c.green(`+ ${x}`)),
    ...[...b].filter((x) => !a.has(x)).map((x) => c.red(`- ${x}`)),
  ];
}

function boundaryLabel(b: PermissionSetAttributes['permissionsBoundary']): string {
  if (!b) return 'null';
  return 'managedPolicyArn' in b
    ? b.managedPolicyArn
    : `customer policy ${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}`;
}

function tagLines(before: Record<string, string>, after: Record<string, string>, c: Colors): string[] {
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[key];
    const a = after[key];
    if (b === a) continue;
    if (b === undefined) lines.push(c.green(`+ ${key} = ${show(a!)}`));
    else if (a === undefined) lines.push(c.red(`- ${key} = ${show(b)}`));
    else lines.push(c.yellow(`~ ${key}: ${show(b)} → ${show(a)}`));
  }
  return lines;
}

const indent = (lines: string[], by: string) => lines.map((l) => `${by}${l}`);

/** The lines showing how one attribute changes (empty `before` = a new set). */
export function attributeLines(
  attribute: PermissionSetAttribute,
  before: PermissionSetAttributes | null,
  after: PermissionSetAttributes,
  c: Colors,
): string[] {
  switch (attribute) {
    case 'description':
    case 'sessionDuration':
    case 'relayState':
      return before
        ? [`${attribute}: ${show(before[attribute])} → ${show(after[attribute])}`]
        : [`${attribute}: ${show(after[attribute])}`];
    case 'managedPolicies':
      return [
        `${attribute}:`,
        ...indent(
          listLines(before?.managedPolicies ?? [], after.managedPolicies, (x) => x, c),
          '  ',
        ),
      ];
    case 'customerManagedPolicies':
      return [
        `${attribute}:`,
        ...indent(
          listLines(
            before?.customerManagedPolicies ?? [],
            after.customerManagedPolicies,
            (x) => `${x.path}${x.name}`,
            c,
          ),
          '  ',
        ),
      ];
    case 'inlinePolicy':
      return [`${attribute}:`, ...indent(policyDiffLines(before?.inlinePolicy ?? null, after.inlinePolicy, c), '  ')];
    case 'permissionsBoundary':
      return before
        ? [`${attribute}: ${boundaryLabel(before.permissionsBoundary)} → ${boundaryLabel(after.permissionsBoundary)}`]
        : [`${attribute}: ${boundaryLabel(after.permissionsBoundary)}`];
    case 'tags':
      return [`${attribute}:`, ...indent(tagLines(before?.tags ?? {}, after.tags, c), '  ')];
  }
}

/** Attributes worth showing for a new set: the ones that are set. */
export function presentAttributes(after: PermissionSetAttributes): PermissionSetAttribute[] {
  const present: PermissionSetAttribute[] = ['sessionDuration'];
  if (after.description !== null) present.unshift('description');
  if (after.relayState !== null) present.push('relayState');
  if (after.managedPolicies.length > 0) present.push('managedPolicies');
  if (after.customerManagedPolicies.length > 0) present.push('customerManagedPolicies');
  if (after.inlinePolicy !== null) present.push('inlinePolicy');
  if (after.permissionsBoundary !== null) present.push('permissionsBoundary');
  if (Object.keys(after.tags).length > 0) present.push('tags');
  return present;
}

/** Whether two attribute values differ (for replace, where `changes` is not recorded). */
export function differs(
  attribute: PermissionSetAttribute,
  a: PermissionSetAttributes,
  b: PermissionSetAttributes,
): boolean {
  return canonicalJson(a[attribute]) !== canonicalJson(b[attribute]);
}
