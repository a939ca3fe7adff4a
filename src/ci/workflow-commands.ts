/** @module GitHub Actions workflow commands (`::error file=…,line=…::message`): problems shown inline on a PR diff. */

import type { Diagnostic } from '../errors.js';

/** Escapes the message part of a workflow command as the runner decodes it (`%`, CR, LF). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as data, plus `:` and `,`, which would end the value early. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error` (or `::warning`) command for a config diagnostic. Line and column are left out when
 * the problem is about the file as a whole (line 0), so GitHub annotates the file rather than line 0.
 */
export function diagnosticToWorkflowCommand(d: Diagnostic): string {
  const properties = [`file=${escapeCommandProperty(d.file)}`];
  if (d.line > 0) {
    properties.push(`line=${d.line}`);
    if (d.column > 0) properties.push(`col=${d.column}`);
  }
  properties.push(`title=${escapeCommandProperty(d.code)}`);
  const command = d.severity === 'error' ? 'error' : 'warning';
  return `::${command} ${properties.join(',')}::${escapeCommandData(d.message)}`;
}

/** Whether the process runs inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true). */
export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
