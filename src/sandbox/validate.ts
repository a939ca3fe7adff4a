/**
 * @module Input validation against the service models (aws-api.md §3): required members, lengths,
 * full-match patterns, enums, integer ranges and list sizes. The SDK validates none of this, so the
 * sandbox must. Every violation is reported at once, in AWS's message format.
 */

import type { SandboxService } from './endpoint.js';
import { constraintError, type OrganizationsInputReason, organizationsInvalidInput } from './service-errors.js';

export type FieldRule =
  | {
      type: 'string';
      required?: boolean;
      min?: number;
      max?: number;
      /** Matched against the whole value (the models' patterns are anchored). */
      pattern?: RegExp;
      enum?: readonly string[];
    }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; required?: boolean }
  | { type: 'list'; required?: boolean; min?: number; max?: number; item?: FieldRule }
  | { type: 'object'; required?: boolean; fields: Schema }
  | { type: 'map'; required?: boolean; min?: number; max?: number }
  /** A Smithy document or union: only presence is checked here. */
  | { type: 'any'; required?: boolean };

export type Schema = Record<string, FieldRule>;

interface Violation {
  path: string;
  value: unknown;
  constraint: string;
  reason: OrganizationsInputReason;
}

/** Compiles a model pattern for full-string matching (Unicode classes such as \p{L} need the u flag). */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 100 ? `${value.slice(0, 100)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `'${value}'`;
  return `'${JSON.stringify(value).slice(0, 100)}'`;
}

/** A length (strings, lists, maps) or a value (integers) against the rule's min and max, worded as AWS does. */
function checkBounds(
  rule: { min?: number; max?: number },
  measured: number,
  what: 'length' | 'value',
  path: string,
  value: unknown,
  out: Violation[],
): void {
  if (rule.min !== undefined && measured < rule.min) {
    out.push({
      path,
      value,
      constraint: `Member must have ${what} greater than or equal to ${rule.min}`,
      reason: what === 'length' ? 'MIN_LENGTH_EXCEEDED' : 'MIN_VALUE_EXCEEDED',
    });
  }
  if (rule.max !== undefined && measured > rule.max) {
    out.push({
      path,
      value,
      constraint: `Member must have ${what} less than or equal to ${rule.max}`,
      reason: what === 'length' ? 'MAX_LENGTH_EXCEEDED' : 'MAX_VALUE_EXCEEDED',
    });
  }
}

function checkField(rule: FieldRule, value: unknown, path: string, out: Violation[]): void {
  if (value === undefined || value === null) {
    if (rule.required) out.push({ path, value, constraint: 'Member must not be null', reason: 'INPUT_REQUIRED' });
    return;
  }
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') {
        out.push({ path, value, constraint: 'Member must be a string', reason: 'INVALID_PATTERN' });
        return;
      }
      checkBounds(rule, value.length, 'length', path, value, out);
      if (rule.enum && !rule.enum.includes(value)) {
        out.push({
          path,
          value,
          constraint: `Member must satisfy enum value set: [${rule.enum.join(', ')}]`,
          reason: 'INVALID_ENUM',
        });
      } else if (rule.pattern && !rule.pattern.test(value)) {
        const source = rule.pattern.source.replace(/^\^\(\?:/, '').replace(/\)\$$/, '');
        out.push({
          path,
          value,
          constraint: `Member must satisfy regular expression pattern: ${source}`,
          reason: 'INVALID_PATTERN',
        });
      }
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push({ path, value, constraint: 'Member must be an integer', reason: 'INVALID_PATTERN' });
        return;
      }
      checkBounds(rule, value, 'value', path, value, out);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        out.push({ path, value, constraint: 'Member must be a boolean', reason: 'INVALID_PATTERN' });
      }
      return;
    case 'list': {
      if (!Array.isArray(value)) {
        out.push({ path, value, constraint: 'Member must be a list', reason: 'INVALID_PATTERN' });
        return;
      }
      checkBounds(rule, value.length, 'length', path, value, out);
      if (rule.item) {
        const item = rule.item;
        value.forEach((entry, i) => {
          checkField(item, entry, `${path}.${i + 1}.member`, out);
        });
      }
      return;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push({ path, value, constraint: 'Member must be a structure', reason: 'INVALID_PATTERN' });
        return;
      }
      checkSchema(rule.fields, value as Record<string, unknown>, `${path}.`, out);
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push({ path, value, constraint: 'Member must be a map', reason: 'INVALID_PATTERN' });
        return;
      }
      const size = Object.keys(value).length;
      checkBounds(rule, size, 'length', path, value, out);
      return;
    }
    case 'any':
      return;
  }
}

function checkSchema(schema: Schema, input: Record<string, unknown>, prefix: string, out: Violation[]): void {
  for (const [name, rule] of Object.entries(schema)) {
    checkField(rule, input[name], `${prefix}${lowerFirst(name)}`, out);
  }
}

/** Throws the service's validation error listing every violation of `schema` in `input`. */
export function validateInput(service: SandboxService, input: Record<string, unknown>, schema: Schema): void {
  const violations: Violation[] = [];
  checkSchema(schema, input, '', violations);
  if (violations.length === 0) return;
  if (service === 'organizations') {
    // Organizations reports one reason code, not a list of constraints.
    throw organizationsInvalidInput((violations[0] as Violation).reason);
  }
  throw constraintError(
    service,
    violations.map((v) => `Value ${show(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`),
  );
}
