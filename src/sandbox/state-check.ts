/**
 * @module Checks a state document before the sandbox uses it: a foreign JSON file, a state from a
 * newer gatehouse, or a damaged one gives a SandboxError with one clear line instead of a crash later.
 */

import { SandboxError } from '../errors.js';
import { applyKnobs } from './knobs.js';
import { type SandboxState, STATE_FORMAT, STATE_VERSION } from './state.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRng(value: unknown): boolean {
  return isObject(value) && typeof value.seed === 'number' && typeof value.counter === 'number';
}

/** Returns the document typed as state, or throws SandboxError saying what is wrong. `source` names it in messages. */
export function checkState(doc: unknown, source = 'the sandbox state'): SandboxState {
  if (!isObject(doc) || doc.format !== STATE_FORMAT) {
    throw new SandboxError(`${source} is not a gatehouse sandbox state (no "format": "${STATE_FORMAT}")`, {
      hints: ['create one with `gatehouse sandbox create --scenario fresh --state FILE`'],
    });
  }
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new SandboxError(`${source} has an invalid version ${JSON.stringify(doc.version)}`);
  }
  if (doc.version > STATE_VERSION) {
    throw new SandboxError(
      `${source} has version ${doc.version}, written by a newer gatehouse; this one reads version ${STATE_VERSION}`,
      { hints: ['upgrade gatehouse, or create a new state with `gatehouse sandbox create`'] },
    );
  }
  const problems: string[] = [];
  if (!isObject(doc.rng) || !isRng(doc.rng.ids) || !isRng(doc.rng.faults) || !isRng(doc.rng.timing))
    problems.push('rng');
  for (const key of ['credentials', 'accounts', 'instances']) if (!isObject(doc[key])) problems.push(key);
  if (doc.organization !== null && !isObject(doc.organization)) problems.push('organization');
  if (doc.defaultAccessKeyId !== null && typeof doc.defaultAccessKeyId !== 'string')
    problems.push('defaultAccessKeyId');
  if (doc.calls !== undefined && !Array.isArray(doc.calls)) problems.push('calls');
  if (
    doc.clockHighWater !== undefined &&
    (typeof doc.clockHighWater !== 'number' || !Number.isFinite(doc.clockHighWater))
  )
    problems.push('clockHighWater');
  if (isObject(doc.accounts)) {
    for (const [id, account] of Object.entries(doc.accounts)) {
      if (!isObject(account) || account.id !== id || !isObject(account.iam) || !isObject(account.iam.root)) {
        problems.push(`accounts.${id}`);
        break;
      }
    }
  }
  if (isObject(doc.instances)) {
    for (const [arn, inst] of Object.entries(doc.instances)) {
      if (!isObject(inst) || inst.arn !== arn || !isObject(inst.permissionSets) || !isObject(inst.identityStore)) {
        problems.push(`instances.${arn}`);
        break;
      }
    }
  }
  if (problems.length > 0) {
    throw new SandboxError(`${source} is damaged: missing or invalid ${problems.join(', ')}`);
  }
  // Knobs may be hand-edited: validate them with the same rules as the API.
  const state = doc as unknown as SandboxState;
  state.knobs = applyKnobs(doc.knobs);
  return state;
}
