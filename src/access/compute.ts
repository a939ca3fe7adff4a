/**
 * @module computeAccess: who can reach which account with which permission set, through which group
 * — from the live state (compute-live.ts) or from the config, as true after apply
 * (compute-config.ts). Pure: both read only their arguments.
 */

import type { DesiredState } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';
import { computeConfigAccess } from './compute-config.js';
import { computeLiveAccess } from './compute-live.js';
import type { AccessView } from './model.js';

export { computeConfigAccess } from './compute-config.js';
export { computeLiveAccess } from './compute-live.js';
export { configAccessFacts, DEFAULT_SSO_SESSION, liveAccessFacts } from './view-context.js';

/** The live view, or with a config the config view (what is true after apply). */
export function computeAccess(snapshot: Snapshot, desired?: DesiredState): AccessView {
  return desired ? computeConfigAccess(desired, snapshot) : computeLiveAccess(snapshot);
}
