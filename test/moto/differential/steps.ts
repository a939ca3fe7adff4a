/**
 * @module What a differential step is, and how one runs on both sides: the same SDK call (inputs
 * built per side from the id registry), optionally paged, then normalised for comparison. Setup steps
 * build the same world on each side where one of them has no API for it (the sandbox emulates no
 * IAM writes, OUs or account creation; moto cannot give the root user MFA).
 */

import type { SandboxCredentials } from '../../../src/sandbox/index.js';
import { normalize, type Outcome } from './normalize.js';
import type { SandboxSide, Service, Side } from './sides.js';

export interface CallStep {
  /** Shown in failures: what the step checks. */
  name: string;
  service: Service;
  op: string;
  input?: (side: Side) => Record<string, unknown>;
  region?: string;
  /** Call as this session (`side.sessions`) instead of the default caller. */
  as?: string;
  /** Page through the whole list with this page size; the result is the list of pages. */
  page?: { size: number };
  /** Canonical form of a successful output before normalisation (e.g. the credential report CSV as rows). */
  shape?: (output: Record<string, unknown>) => unknown;
  /** Runs on each side after its call (register ids from the output). */
  after?: (side: Side, outcome: Outcome) => void | Promise<void>;
}

export interface SetupStep {
  name: string;
  setup: { sandbox: (side: SandboxSide) => void | Promise<void>; moto: (side: Side) => Promise<void> };
}

export type Step = CallStep | SetupStep;

/** Both sides' normalised answers to one call step. */
export interface Answered {
  step: CallStep;
  sandbox: unknown;
  moto: unknown;
}

const TOKEN_MEMBERS = ['NextToken', 'Marker'] as const;

/** All pages of a list: `{pages: [page, …]}`, or the error that stopped it. */
async function pages(side: Side, step: CallStep, input: Record<string, unknown>): Promise<Outcome> {
  const sizeMember = step.service === 'iam' ? 'MaxItems' : 'MaxResults';
  const out: unknown[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const request = { ...input, [sizeMember]: step.page?.size };
    if (token !== undefined) request[step.service === 'iam' ? 'Marker' : 'NextToken'] = token;
    const outcome = await side.call(step.service, step.op, request, callOptions(side, step));
    if (!('ok' in outcome)) return out.length === 0 ? outcome : { ok: { pages: out, stoppedBy: outcome } };
    const page = outcome.ok as Record<string, unknown>;
    out.push(page);
    token = TOKEN_MEMBERS.map((m) => page[m]).find((t): t is string => typeof t === 'string');
    if (token === undefined) return { ok: { pages: out } };
  }
  throw new Error(`${side.name}: ${step.name} returned a token 50 times`);
}

function callOptions(side: Side, step: CallStep): { region?: string; credentials?: SandboxCredentials } {
  const credentials = step.as === undefined ? undefined : side.sessions.get(step.as);
  if (step.as !== undefined && !credentials) throw new Error(`${side.name}: no session ${step.as}`);
  return { ...(step.region ? { region: step.region } : {}), ...(credentials ? { credentials } : {}) };
}

async function runCall(side: Side, step: CallStep): Promise<unknown> {
  const input = step.input ? step.input(side) : {};
  const outcome = step.page
    ? await pages(side, step, input)
    : await side.call(step.service, step.op, input, callOptions(side, step));
  await step.after?.(side, outcome);
  side.settle();
  const shaped = 'ok' in outcome && step.shape ? { ok: step.shape(outcome.ok as Record<string, unknown>) } : outcome;
  // Pages keep their order; everything inside is compared as unordered.
  if ('ok' in shaped && step.page) {
    const body = shaped.ok as { pages: unknown[]; stoppedBy?: unknown };
    return {
      ok: {
        pages: body.pages.map((p) => normalize(p, side.ids)),
        ...(body.stoppedBy ? { stoppedBy: normalize(body.stoppedBy, side.ids) } : {}),
      },
    };
  }
  return normalize(shaped, side.ids);
}

/** Runs steps in order on both sides (setup steps build; call steps are answered by both). */
export async function runSteps(sandbox: SandboxSide, moto: Side, steps: readonly Step[]): Promise<Answered[]> {
  const answered: Answered[] = [];
  for (const step of steps) {
    if ('setup' in step) {
      await step.setup.sandbox(sandbox);
      await step.setup.moto(moto);
      continue;
    }
    answered.push({ step, sandbox: await runCall(sandbox, step), moto: await runCall(moto, step) });
  }
  return answered;
}

/** The output of a call that must succeed (setup on one side). */
export async function must(side: Side, service: Service, op: string, input: Record<string, unknown> = {}) {
  const outcome = await side.call(service, op, input);
  if (!('ok' in outcome)) throw new Error(`${side.name}: ${service} ${op} failed: ${JSON.stringify(outcome)}`);
  return outcome.ok as Record<string, unknown>;
}

/** Registers the id at `path` (dot-separated) of a successful output as `label`. */
export function registerFrom(label: string, path: string) {
  return (side: Side, outcome: Outcome): void => {
    if (!('ok' in outcome)) return;
    let value: unknown = outcome.ok;
    for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value !== 'string') throw new Error(`${side.name}: no ${path} to register as ${label}`);
    side.ids.register(label, value);
  };
}

/** The `ps-…` part of a permission-set ARN (the rest of the ARN stays visible to the comparison). */
export function permissionSetId(arn: string): string {
  const id = /\/(ps-[0-9a-z]+)$/.exec(arn)?.[1];
  if (!id) throw new Error(`not a permission-set ARN: ${arn}`);
  return id;
}
