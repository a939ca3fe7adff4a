/**
 * @module Evidence: what reading one fact produced. Never a bare value or `undefined`, so that
 * "could not read" can never turn into a PASS (DESIGN §3).
 */

import { AwsAccessError, InternalError } from '../errors.js';

export type Evidence<T> =
  | { status: 'ok'; value: T }
  /** AWS refused: `action` is the IAM action that was denied (`sso:ListInstances`). */
  | { status: 'denied'; action: string; message: string }
  /** Reading failed for another reason (throttling that outlasted retries, network, a member account that could not be entered). */
  | { status: 'error'; code: string; message: string }
  /** The fact does not exist here, for a stated reason (no organization, no Identity Center instance). */
  | { status: 'notApplicable'; reason: string };

export const ok = <T>(value: T): Evidence<T> => ({ status: 'ok', value });
export const denied = <T = never>(action: string, message: string): Evidence<T> => ({
  status: 'denied',
  action,
  message,
});
export const failed = <T = never>(code: string, message: string): Evidence<T> => ({ status: 'error', code, message });
export const notApplicable = <T = never>(reason: string): Evidence<T> => ({ status: 'notApplicable', reason });

/** One sentence that explains why evidence is not usable, for error/skipped findings. */
export function describeEvidence(e: Evidence<unknown> | undefined, factId: string): string {
  if (!e) return `${factId} was not read`;
  switch (e.status) {
    case 'ok':
      return `${factId} was read`;
    case 'denied':
      return `access denied to ${e.action} (reading ${factId}): run \`gatehouse permissions --for audit\` for the policy gatehouse needs`;
    case 'error':
      return `could not read ${factId}: ${e.message}`;
    case 'notApplicable':
      return e.reason;
  }
}

/** Who needs a fact strictly, for the error when it cannot be had (`cannot plan: access denied to …`). */
export interface StrictReader {
  /** The verb in messages: `plan`, `import`. */
  verb: string;
  /** Which `gatehouse permissions --for …` policy covers the read. */
  permissionsFor: 'audit' | 'apply';
}

/**
 * The value of a fact a computation cannot do without: a denied or failed read throws an
 * AwsAccessError (exit 3) naming the fact and the IAM action, because a result built from missing
 * data would be wrong (a diff would plan deletions of what it merely could not see); a fact that was
 * never read is a bug. `notApplicable` is answered by `onNotApplicable`.
 */
export function requireEvidence<T>(
  evidence: Evidence<T> | undefined,
  factId: string,
  reader: StrictReader,
  onNotApplicable: (reason: string) => T,
): T {
  if (!evidence) throw new InternalError(`${reader.verb} needs ${factId}, but it was not read`);
  switch (evidence.status) {
    case 'ok':
      return evidence.value;
    case 'notApplicable':
      return onNotApplicable(evidence.reason);
    case 'denied':
      throw new AwsAccessError(
        'access-denied',
        `cannot ${reader.verb}: access denied to ${evidence.action} (reading ${factId})`,
        {
          action: evidence.action,
          hints: [`run \`gatehouse permissions --for ${reader.permissionsFor}\` for the policy gatehouse needs`],
        },
      );
    case 'error':
      throw new AwsAccessError('service', `cannot ${reader.verb}: could not read ${factId}: ${evidence.message}`);
  }
}
