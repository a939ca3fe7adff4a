/** @module Summaries of an apply run: the closing line, and the error (exit 5, or 3 when the user must act first) of a run that did not finish. */

import { AwsAccessError, PartialApplyError } from '../errors.js';
import { outcomeLines } from './outcome.js';
import type { ActionFailure, ApplyResult } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `Apply complete: 3 added, 1 changed, 0 destroyed, 1 provisioned.` */
export function applySummaryLine(result: ApplyResult): string {
  const c = result.counts;
  const line = `Apply complete: ${c.added} added, ${c.changed} changed, ${c.destroyed} destroyed, ${c.provisioned} provisioned.`;
  return result.blocked.length > 0
    ? `${line} ${plural(result.blocked.length, 'action')} ${result.blocked.length === 1 ? 'waits' : 'wait'} for manual steps.`
    : line;
}

/** Whether the run did everything it could (blocked actions aside). */
export function isComplete(result: ApplyResult): boolean {
  return result.failed.length === 0 && result.notDone.length === 0 && result.stopped === undefined;
}

/**
 * The error for a run that did not finish: done / failed / not done, and what to do next. Exit 5
 * (rerunning converges) — or exit 3 when a failure needs the user first (a denied IAM action,
 * missing or expired credentials): the first line then names what is missing.
 */
export function partialApplyError(result: ApplyResult): PartialApplyError | AwsAccessError {
  const blocked = new Set(result.blocked);
  const notAttempted = result.notDone.filter((a) => !blocked.has(a));
  const parts = [
    `${result.done.length} done`,
    `${result.failed.length} failed`,
    `${notAttempted.length} not done`,
    ...(blocked.size > 0 ? [`${blocked.size} waiting for manual steps`] : []),
  ];
  const converges =
    'AWS keeps what was done; run `gatehouse plan` to see what is left, fix the cause, then `gatehouse apply` again (it converges)';
  const mustAct = result.failed.flatMap((f) => (f.userMustAct ? [f.userMustAct] : []));
  if (mustAct.length > 0)
    return userMustActError(result, mustAct, parts, [...notAttempted, ...result.blocked], converges);
  const head = result.stopped ? `apply ${result.stopped}` : 'apply failed part-way';
  return new PartialApplyError(
    `${head} (${parts.join(', ')})`,
    { done: result.done, failed: result.failed, notDone: [...notAttempted, ...result.blocked] },
    { hints: [converges] },
  );
}

/** Exit 3: the same report as PartialApplyError, headed by the permission or credentials to fix. */
function userMustActError(
  result: ApplyResult,
  mustAct: NonNullable<ActionFailure['userMustAct']>[],
  parts: string[],
  notDone: string[],
  converges: string,
): AwsAccessError {
  const denied = [...new Set(mustAct.flatMap((m) => (m.kind === 'access-denied' && m.action ? [m.action] : [])))];
  const cause =
    denied.length > 0
      ? `access denied to ${denied.join(', ')}`
      : (result.failed.find((f) => f.userMustAct)?.message ?? 'AWS refused the credentials');
  const fix =
    denied.length > 0
      ? `gatehouse needs ${denied.join(', ')}; run \`gatehouse permissions --for apply\` for the policy plan and apply need`
      : 'sign in again (`aws sso login --profile NAME`, or fresh credentials), then run `gatehouse plan` and `gatehouse apply` again';
  return new AwsAccessError(
    denied.length > 0 ? 'access-denied' : (mustAct[0]?.kind ?? 'credentials-expired'),
    `apply stopped: ${cause} (${parts.join(', ')})`,
    {
      ...(denied[0] !== undefined ? { action: denied[0] } : {}),
      hints: [...outcomeLines({ done: result.done, failed: result.failed, notDone }), fix, converges],
    },
  );
}
