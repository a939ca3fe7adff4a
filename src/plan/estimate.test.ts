import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  liveGroup,
  livePermissionSet,
  POWERUSER_ARN,
  permissionSet,
  psArn,
  READONLY_ARN,
  rule,
} from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import type { PermissionSetAttributes } from './actions.js';
import { estimatePlan, permissionSetCalls } from './estimate.js';

const attrs: PermissionSetAttributes = {
  name: 'A',
  description: null,
  sessionDuration: 'PT1H',
  relayState: null,
  managedPolicies: [READONLY_ARN],
  customerManagedPolicies: [],
  inlinePolicy: null,
  permissionsBoundary: null,
  tags: { 'managed-by': 'gatehouse' },
};

describe('permissionSetCalls', () => {
  it('counts one call per attribute operation', () => {
    expect(
      permissionSetCalls(null, {
        ...attrs,
        inlinePolicy: '{}',
        permissionsBoundary: { managedPolicyArn: READONLY_ARN },
      }),
    ).toBe(4);
    expect(permissionSetCalls(attrs, attrs)).toBe(0);
    expect(
      permissionSetCalls(attrs, {
        ...attrs,
        sessionDuration: 'PT4H',
        description: 'x',
        managedPolicies: [ADMIN_ARN, POWERUSER_ARN],
        tags: { team: 'a' },
      }),
    ).toBe(1 + 3 + 2); // UpdatePermissionSet, attach 2 + detach 1, TagResource + UntagResource
  });
});

describe('estimatePlan', () => {
  it('is zero for an empty plan', () => {
    expect(estimatePlan([], 5)).toMatchObject({ apiCalls: 0, seconds: 0, byService: {} });
  });

  it('costs assignments through 15 slots at L seconds each, polled with one list call per second', () => {
    const accounts = ['all'];
    const plan = planFor(
      desiredState({
        permissionSets: [
          permissionSet('A'),
          permissionSet('B'),
          permissionSet('C'),
          permissionSet('D'),
          permissionSet('E'),
        ],
        groups: [group('G1'), group('G2'), group('G3')],
        assignments: ['A', 'B', 'C', 'D', 'E'].flatMap((ps, i) =>
          ['group:G1', 'group:G2', 'group:G3'].map((g, j) => rule(i * 3 + j, g, ps, accounts)),
        ),
      }),
      {
        permissionSets: ['A', 'B', 'C', 'D', 'E'].map((n) => livePermissionSet(n)),
        groups: [liveGroup('G1'), liveGroup('G2'), liveGroup('G3')],
      },
    );
    const assignments = plan.actions.filter((a) => a.type === 'assignment').length;
    expect(assignments).toBe(60); // 5 sets × 3 groups × 4 active member accounts
    // 60 × (5 + 0.5) / 15 = 22 s; 22 polls.
    expect(plan.estimate).toEqual({
      apiCalls: 60 + 22,
      seconds: 22,
      byService: { 'sso-admin': 82 },
      assumptions: {
        completionSeconds: 5,
        ssoAdminCallsPerSecond: 20,
        identityStoreCallsPerSecond: 20,
        organizationsCallsPerSecond: 2,
        maxOutstandingAssignmentOperations: 15,
        maxConcurrentProvisioning: 3,
        pollSeconds: 1,
      },
    });
    const slow = planFor(desiredState({ groups: [group('G')] }), {}, { completionSeconds: 30 });
    expect(slow.estimate.assumptions.completionSeconds).toBe(30);
  });

  it('costs provisioning per request, at most 3 at a time, and Identity Store calls on their own limit', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [permissionSet('A', { managedPolicies: [ADMIN_ARN] })],
        groups: [group('G')],
      }),
      {
        permissionSets: [livePermissionSet('A')],
        provisioning: [{ permissionSetArn: psArn('A'), accounts: [DEV], outdated: [] }],
      },
    );
    // attach 1 (sso-admin) + provision 1 + 5 polls; CreateGroup 1 (identitystore).
    expect(plan.estimate.byService).toEqual({ 'sso-admin': 7, identitystore: 1 });
    expect(plan.estimate.seconds).toBe(Math.ceil(1 / 20 + 1 / 20 + 5));
  });
});
