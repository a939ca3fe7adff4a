/**
 * @module What `gatehouse apply` needs: the reads of a plan (apply re-observes the organization,
 * Identity Center and the identity store before it changes anything) and the writes, status polls
 * and lookups of its handlers (`src/apply`). Together: the least-privilege policy for plan + apply.
 */

import { applyIamActions, PLAN_FACT_IDS } from '../apply/permissions.js';
import { registerPermissions } from './registry.js';

registerPermissions('apply', { source: 'plan', facts: PLAN_FACT_IDS });
registerPermissions('apply', { source: 'apply', actions: applyIamActions() });
