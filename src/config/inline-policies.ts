/**
 * @module Inline policies of permission sets: written in the config, or read from a JSON file next to
 * it (`inlinePolicy: { file: policies/readonly.json }`). A policy file is data: read as UTF-8, parsed
 * as JSON, checked against the policy grammar; problems point at the `file:` line of the config.
 */

import { dirname, resolve } from 'node:path';
import { isGatehouseError } from '../errors.js';
import { type ReadFile, readTextFile } from './input-file.js';
import { formatPath, translateIssues } from './issues.js';
import { parseJsonText } from './json-text.js';
import { FILE_LIMITS } from './limits.js';
import { policyDocumentSchema } from './policy-grammar.js';
import type { RuleProblem } from './rules.js';
import type { ConfigSections } from './sections.js';

export interface InlinePolicyOptions {
  /** The config file as given (policy paths are relative to its directory). */
  configFile: string;
  /** Directory relative config paths are resolved against (default: the process's). */
  cwd?: string;
  readFile?: ReadFile;
}

/** Every valid permission set's inline policy, by set name, and the problems found in policy files. */
export async function collectInlinePolicies(
  sections: ConfigSections,
  options: InlinePolicyOptions,
): Promise<{ policies: Map<string, Record<string, unknown>>; problems: RuleProblem[] }> {
  const policies = new Map<string, Record<string, unknown>>();
  const problems: RuleProblem[] = [];
  const baseDir = dirname(resolve(options.cwd ?? process.cwd(), options.configFile));
  for (const [name, spec] of sections.permissionSets) {
    const inline = spec.inlinePolicy;
    if (inline === undefined) continue;
    if (!('file' in inline)) {
      policies.set(name, inline as Record<string, unknown>);
      continue;
    }
    const path = ['permissionSets', name, 'inlinePolicy', 'file'];
    const loaded = await loadPolicyFile(resolve(baseDir, inline.file), inline.file, options.readFile);
    if (loaded.ok) policies.set(name, loaded.document);
    else problems.push(...loaded.problems.map((p) => ({ ...p, path, message: `${formatPath(path)}: ${p.message}` })));
  }
  return { policies, problems };
}

type Loaded = { ok: true; document: Record<string, unknown> } | { ok: false; problems: Omit<RuleProblem, 'path'>[] };

async function loadPolicyFile(absolute: string, shown: string, readFile?: ReadFile): Promise<Loaded> {
  let text: string;
  try {
    text = await readTextFile(absolute, {
      kind: 'policy file',
      maxBytes: FILE_LIMITS.maxPolicyFileBytes,
      displayName: shown,
      ...(readFile ? { readFile } : {}),
    });
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    return { ok: false, problems: [{ severity: 'error', code: 'policy-file', message: error.message }] };
  }
  const json = parseJsonText(text);
  if (!json.ok) {
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'policy-not-json',
          message: `${shown} is not valid JSON: ${json.problem} at line ${json.line}, column ${json.column}`,
        },
      ],
    };
  }
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'policy-not-a-policy',
          message: `${shown} is JSON but not a policy document (expected an object with Version and Statement)`,
        },
      ],
    };
  }
  const parsed = policyDocumentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: translateIssues(parsed.error.issues, policyDocumentSchema, value).map((p) => ({
        severity: 'error' as const,
        code: p.code,
        message: `${shown}: ${p.message}`,
      })),
    };
  }
  return { ok: true, document: value as Record<string, unknown> };
}
