/**
 * @module The files a GitHub runner gives a step: GITHUB_OUTPUT (step outputs) and
 * GITHUB_STEP_SUMMARY (the job summary, Markdown). Appended, as the runner expects.
 */

import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/**
 * Appends `name=value` outputs; a value with a line break uses the heredoc form with a random
 * delimiter, so a value can never end it early and inject another output.
 */
export function writeOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (/[\r\n]/.test(value)) {
      const delimiter = `gatehouse_${randomBytes(12).toString('hex')}`;
      text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    } else {
      text += `${name}=${value}\n`;
    }
  }
  appendFileSync(file, text);
}

export function appendSummary(file: string | undefined, markdown: string): void {
  if (!file) return;
  appendFileSync(file, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
}
