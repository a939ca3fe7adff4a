/**
 * @module Plan files: writing (with a checksum over the canonical body), loading (every way a file
 * can be bad is refused with a clear message: truncated, not a plan, another format version, not
 * matching the schema, edited by hand) and the stale-plan guard apply runs after re-observing.
 */

import { InvalidPlanError, StalePlanError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type PlanDocument, type PlanFile } from './actions.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { extractPlanFacts } from './facts.js';
import { observedFingerprint } from './fingerprint.js';
import { createPlan } from './plan.js';
import { planFileSchema } from './schema.js';

const PLAN_AGAIN = 'run `gatehouse plan` again';

function checksumOf(body: PlanDocument): string {
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}

/** The plan as the text of a plan file: pretty JSON with a `checksum` over everything else. */
export function serializePlan(plan: PlanDocument): string {
  const { checksum: _ignored, ...body } = plan as PlanDocument & { checksum?: string };
  const file: PlanFile = { ...body, checksum: checksumOf(body) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Parses and checks a plan file; returns the document without its checksum. Throws
 * InvalidPlanError (exit 4) naming `file` and what is wrong. Never executes anything from the file.
 */
export function loadPlanFile(text: string, file: string): PlanDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InvalidPlanError(`${file}: plan file is truncated or not JSON`, {
      hints: [`${PLAN_AGAIN} and save it with -o`],
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InvalidPlanError(`${file}: not a gatehouse plan (expected a JSON object)`);
  }
  const record = data as Record<string, unknown>;
  if (record.format !== PLAN_FORMAT) {
    throw new InvalidPlanError(`${file}: not a gatehouse plan (format is ${JSON.stringify(record.format ?? null)})`);
  }
  const version = record.formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    const older = typeof version === 'number' && version < PLAN_FORMAT_VERSION;
    throw new InvalidPlanError(
      `${file}: plan format version ${JSON.stringify(version ?? null)} is not supported; this gatehouse reads version ${PLAN_FORMAT_VERSION}`,
      {
        hints: [
          older
            ? `the plan was written by an older gatehouse: ${PLAN_AGAIN}`
            : 'the plan was written by a newer gatehouse: upgrade gatehouse, or run `gatehouse plan` again with this one',
        ],
      },
    );
  }
  const parsed = planFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidPlanError(`${file}: not a valid gatehouse plan: ${issues}`, {
      hints: ['the file was probably edited by hand or damaged', PLAN_AGAIN],
    });
  }
  // The validated original, not zod's copy: keeps the file's key order, so re-serialising is byte-exact.
  const { checksum, ...body } = data as PlanFile;
  if (checksum !== checksumOf(body)) {
    throw new InvalidPlanError(`${file}: the plan was modified after it was written (checksum mismatch)`, {
      hints: ['plans must not be edited: change the config instead', PLAN_AGAIN],
    });
  }
  return body;
}

/**
 * Refuses (StalePlanError, exit 4) a plan that no longer fits: another account or organization,
 * another config, or AWS changed since the plan was made — and (InvalidPlanError, exit 4) one whose
 * actions are not what the config plans now (edited, checksum recomputed). `snapshot` is a fresh
 * observation.
 */
export function assertPlanCurrent(
  plan: PlanDocument,
  current: { desired: DesiredState; snapshot: Snapshot; caller: { accountId: string; arn: string } },
): void {
  if (current.caller.accountId !== plan.caller.accountId) {
    throw new StalePlanError(
      `the plan was made in account ${plan.caller.accountId}, but you are signed in to ${current.caller.accountId}`,
      { hints: [`sign in to ${plan.caller.accountId}, or ${PLAN_AGAIN}`] },
    );
  }
  const facts = extractPlanFacts(current.desired, current.snapshot);
  const organizationId = facts.organization?.id ?? null;
  if (organizationId !== plan.organizationId) {
    throw new StalePlanError(
      `the plan was made for ${plan.organizationId ? `organization ${plan.organizationId}` : 'an account without an organization'}, but this is ${organizationId ? `organization ${organizationId}` : 'an account without an organization'}`,
      { hints: [PLAN_AGAIN] },
    );
  }
  if (current.desired.hash !== plan.configHash) {
    throw new StalePlanError('the configuration changed since the plan was made', { hints: [PLAN_AGAIN] });
  }
  if (observedFingerprint(facts) !== plan.observedFingerprint) {
    throw new StalePlanError(`AWS changed since the plan was made (observed ${plan.observedAt})`, {
      hints: [PLAN_AGAIN],
    });
  }
  // The checksum catches accidents, not intent (anyone can recompute it): what is applied must be,
  // action for action, what this config plans against what is live now.
  const replanned = createPlan(current.desired, current.snapshot, { now: plan.createdAt, prune: plan.options.prune });
  if (canonicalJson(replanned.actions) !== canonicalJson(plan.actions)) {
    throw new InvalidPlanError(
      "the plan's actions are not what the configuration plans for what is live: the plan file was changed after it was written",
      { hints: ['plans must not be edited: change the config instead', PLAN_AGAIN] },
    );
  }
}
