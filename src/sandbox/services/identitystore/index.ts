/** @module The identitystore operations the sandbox emulates, by operation name. */

import type { OperationTable } from '../context.js';
import { groupOperations } from './groups.js';
import { userOperations } from './users.js';

export const identityStoreOperations: OperationTable = { ...userOperations, ...groupOperations };
