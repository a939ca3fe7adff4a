/**
 * @module The sandbox runs the observe suites share: every scenario, with every fact, in every
 * account, plus two small `large` shapes that make each assignment strategy win.
 */

import type { AssignmentReadRequest } from '../../../src/observe/assignment-scope.js';
import type { LargeSizes, ScenarioName } from '../../../src/sandbox/index.js';

export interface ScenarioRun {
  name: string;
  scenario: ScenarioName;
  sizes?: Partial<LargeSizes>;
  /** Account facts in every account of the organization, or only the caller's (large shapes: fast). */
  accounts: 'all' | 'caller';
  /** A plan's scoped assignment read instead of the full one (see assignment-scope.ts). */
  assignmentRequest?: AssignmentReadRequest;
}

/** Only the honesty suite runs this: the scoped read a plan makes (its extra IAM action included). */
export const PLAN_FOOTPRINT_RUN: ScenarioRun = {
  name: 'org (plan footprint)',
  scenario: 'org',
  accounts: 'caller',
  assignmentRequest: { principals: [], permissionSets: [], ownedSets: true, adminAccounts: true },
};

export const SCENARIO_RUNS: readonly ScenarioRun[] = [
  { name: 'fresh', scenario: 'fresh', accounts: 'all' },
  { name: 'day1', scenario: 'day1', accounts: 'all' },
  { name: 'org', scenario: 'org', accounts: 'all' },
  // Signed in to Identity Center's delegated administrator (security), as AWS recommends.
  { name: 'delegated', scenario: 'delegated', accounts: 'caller' },
  // Few provisioned pairs, many people: the pair scan wins.
  {
    name: 'large (pair scan)',
    scenario: 'large',
    accounts: 'caller',
    sizes: { accounts: 20, ous: 4, permissionSets: 3, groups: 30, users: 300, memberships: 600, assignments: 40 },
  },
  // Many provisioned pairs, few people: the principal scan wins.
  {
    name: 'large (principal scan)',
    scenario: 'large',
    accounts: 'caller',
    sizes: { accounts: 300, ous: 10, permissionSets: 5, groups: 10, users: 25, memberships: 60, assignments: 600 },
  },
];
