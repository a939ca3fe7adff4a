import { describe, expect, it } from 'vitest';
import { desiredState, rule, snapshotOf } from '../../test/plan/builders.js';
import { NOW } from '../../test/plan/plan-helpers.js';
import { AwsAccessError, InternalError } from '../errors.js';
import { denied, failed } from '../observe/evidence.js';
import { extractPlanFacts, requiredPlanFacts } from './facts.js';
import { createPlan } from './plan.js';

describe('requiredPlanFacts', () => {
  it('asks for the Identity Center and organization facts, and account tags only when a tag target is used', () => {
    const plain = requiredPlanFacts(desiredState());
    expect(plain.org).toEqual([
      'sts.caller-identity',
      'organizations.organization',
      'organizations.tree',
      'identity-center.instance',
      'identity-center.permission-sets',
      'identity-center.provisioning',
      'identity-center.assignments',
      'identity-store.users',
      'identity-store.groups',
      'identity-store.memberships',
    ]);
    expect(plain.callerAccount).toEqual(['iam.account-summary', 'iam.console-access']);
    const tagged = requiredPlanFacts(
      desiredState({ assignments: [rule(0, 'group:A', 'B', ['all'], ['tag:env=dev'])] }),
    );
    expect(tagged.org).toContain('organizations.account-tags');
  });

  it('adds root features, virtual MFA devices and contacts when the config asks for them', () => {
    const facts = requiredPlanFacts(
      desiredState({
        root: { mfa: 'hardware', accessKeys: 'forbidden', maxDaysSinceLastUse: 90, centralizedManagement: true },
        contacts: { SECURITY: { name: 'a', title: 'b', email: 'c@d.e', phone: '1' } },
      }),
    );
    expect(facts.org).toEqual(expect.arrayContaining(['organizations.service-access', 'iam.organizations-features']));
    expect(facts.callerAccount).toEqual([
      'iam.account-summary',
      'iam.console-access',
      'iam.virtual-mfa-devices',
      'account.alternate-contacts',
    ]);
  });
});

describe('extractPlanFacts', () => {
  it('refuses to plan over a fact it could not read (a diff over missing data would delete things)', () => {
    const snapshot = snapshotOf();
    snapshot.org['identity-center.assignments'] = denied('sso:ListAccountAssignmentsForPrincipal', 'not allowed');
    expect(() => createPlan(desiredState(), snapshot, { now: NOW })).toThrow(AwsAccessError);
    try {
      extractPlanFacts(desiredState(), snapshot);
    } catch (error) {
      expect((error as AwsAccessError).action).toBe('sso:ListAccountAssignmentsForPrincipal');
      expect((error as AwsAccessError).exitCode).toBe(3);
    }
    snapshot.org['identity-center.assignments'] = failed('Throttling', 'rate exceeded');
    expect(() => extractPlanFacts(desiredState(), snapshot)).toThrow(
      'could not read identity-center.assignments: rate exceeded',
    );
  });

  it('a fact the orchestrator forgot to read is a bug, not a user error', () => {
    const snapshot = snapshotOf();
    delete snapshot.org['identity-store.users'];
    expect(() => extractPlanFacts(desiredState(), snapshot)).toThrow(InternalError);
  });

  it('without trusted access for IAM the root features are simply not enabled (their fact is not needed)', () => {
    const snapshot = snapshotOf();
    snapshot.org['iam.organizations-features'] = failed('ServiceAccessNotEnabledException', 'not enabled');
    const facts = extractPlanFacts(
      desiredState({
        root: { mfa: 'required', accessKeys: 'forbidden', maxDaysSinceLastUse: 90, centralizedManagement: true },
      }),
      snapshot,
    );
    expect(facts.rootFeatures).toEqual([]);
  });

  it('without an instance, the Identity Center facts are empty', () => {
    const facts = extractPlanFacts(desiredState(), snapshotOf({ instance: null }));
    expect(facts.instance).toBeNull();
    expect(facts.permissionSets).toEqual([]);
    expect(facts.users).toEqual([]);
  });
});
