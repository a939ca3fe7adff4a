/**
 * @module Plan files: writing (with a checksum over the canonical body, and a signature when a key is
 * given), loading (the signature first; then every way a file can be bad is refused with a clear
 * message: truncated, not a plan, another format version, not matching the schema, edited by hand)
 * and the guard apply runs after re-observing: the plan must be, field for field, what the config
 * the user points at plans for what is live now.
 */

import { InvalidPlanError, StalePlanError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type PlanDocument, type PlanFile } from './actions.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { extractPlanFacts } from './facts.js';
import { observedFingerprint } from './fingerprint.js';
import { createPlan } from './plan.js';
import { type PlanKey, planSignature, verifyPlanSignature } from './plan-signing.js';
import { planFileSchema } from './schema.js';

const PLAN_AGAIN = 'run `gatehouse plan` again';

function checksumOf(body: PlanDocument): string {
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}

/** Options for writing and reading plan files. */
export interface PlanFileOptions {
  /** The signing key (GATEHOUSE_PLAN_KEY): plans are written signed and read only when signed by it. */
  key?: PlanKey | undefined;
}

/**
 * The plan as the text of a plan file: pretty JSON with a `checksum` over everything else, and with
 * a `signature` (HMAC-SHA256 over the same body) when a key is given.
 */
export function serializePlan(plan: PlanDocument, options: PlanFileOptions = {}): string {
  const {
    checksum: _checksum,
    signature: _signature,
    ...body
  } = plan as PlanDocument & { checksum?: string; signature?: string };
  const file: PlanFile = { ...body, checksum: checksumOf(body) };
  if (options.key) file.signature = planSignature(body, options.key);
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Parses and checks a plan file; returns the document without its checksum and signature. The
 * signature is verified (or its absence judged, see `verifyPlanSignature`) before any field is read.
 * Throws InvalidPlanError (exit 4) naming `file` and what is wrong. Never executes anything from the file.
 */
export function loadPlanFile(text: string, file: string, options: PlanFileOptions = {}): PlanDocument {
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
  verifyPlanSignature(record, file, options.key);
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
  const { checksum, signature: _signature, ...body } = data as PlanFile;
  if (checksum !== checksumOf(body)) {
    throw new InvalidPlanError(`${file}: the plan was modified after it was written (checksum mismatch)`, {
      hints: ['plans must not be edited: change the config instead', PLAN_AGAIN],
    });
  }
  return body;
}

/** What the plan guard compares a saved plan against: the config the user points at and AWS now. */
export interface CurrentState {
  desired: DesiredState;
  /** A fresh observation. */
  snapshot: Snapshot;
  caller: { accountId: string; arn: string };
  /** How to name the plan file in messages (default "the plan"). */
  planFile?: string;
}

/**
 * Fields a reviewer never judges and apply cannot recompute: when the plan was made and AWS read
 * (the re-plan reuses `createdAt`; a fresh observation has its own time).
 */
const UNCOMPARED_FIELDS = new Set<string>(['createdAt', 'observedAt']);

/**
 * Refuses (StalePlanError, exit 4) a plan that no longer fits: another account or organization,
 * another config than the one the user points at, or AWS changed since the plan was made — and
 * (InvalidPlanError, exit 4) one that is not, field for field, what that config plans against what
 * is live now (edited, checksum recomputed). Returns the re-derived plan: apply acts on it, never on
 * the file's copy.
 */
export function assertPlanCurrent(plan: PlanDocument, current: CurrentState): PlanDocument {
  const planFile = current.planFile ?? 'the plan';
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
  refuseOtherConfig(plan, current.desired, planFile, current.planFile ?? 'plan.json');
  if (observedFingerprint(facts) !== plan.observedFingerprint) {
    throw new StalePlanError(`AWS changed since the plan was made (observed ${plan.observedAt})`, {
      hints: [PLAN_AGAIN],
    });
  }
  // The checksum catches accidents, not intent (anyone can recompute it): the plan is made again
  // from the config and AWS, with the plan's own inputs (its options; the file name it shows, which
  // the content hash above has bound), and every field a reviewer could have been shown must agree.
  const replanned = createPlan({ ...current.desired, file: plan.configFile ?? undefined }, current.snapshot, {
    now: plan.createdAt,
    prune: plan.options.prune,
    completionSeconds: plan.estimate.assumptions.completionSeconds,
  });
  const differing = differingFields(plan, replanned);
  if (differing.length > 0) {
    throw new InvalidPlanError(
      `${planFile} is not what the configuration plans for what is live (different ${differing.join(', ')}): the plan file was changed after it was written`,
      { hints: ['plans must not be edited: change the config instead', PLAN_AGAIN] },
    );
  }
  return { ...replanned, observedAt: plan.observedAt };
}

/**
 * The plan is bound to the config by content (the normalised model's hash covers everything that can
 * change a plan, including referenced policy files): a plan made from another file, or from this one
 * before it changed, is refused naming both files.
 */
function refuseOtherConfig(plan: PlanDocument, desired: DesiredState, planFile: string, output: string): void {
  if (desired.hash === plan.configHash) return;
  const loaded = desired.file ?? 'the built-in baseline';
  const made = plan.configFile ?? 'the built-in baseline';
  const message =
    made === loaded
      ? `the configuration ${loaded} changed since ${planFile} was made from it`
      : `${planFile} was made from ${made}, not from ${loaded} (the configuration loaded, which plans something else)`;
  throw new StalePlanError(message, {
    hints: [
      `run \`gatehouse plan${desired.file ? ` -c ${desired.file}` : ''} -o ${output}\` again and apply that plan`,
    ],
  });
}

/** Names of the top-level fields whose canonical JSON differs (both directions), in document order. */
function differingFields(saved: PlanDocument, replanned: PlanDocument): string[] {
  const a = saved as unknown as Record<string, unknown>;
  const b = replanned as unknown as Record<string, unknown>;
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return names.filter((name) => !UNCOMPARED_FIELDS.has(name) && canonicalJson(a[name]) !== canonicalJson(b[name]));
}
