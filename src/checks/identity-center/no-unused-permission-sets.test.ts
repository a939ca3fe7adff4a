import { describe, expect, test } from 'vitest';
import { failed, notApplicable } from '../../observe/evidence.js';
import { ADMIN_PS, aSnapshot, assignment, POWER_USER_PS, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.no-unused-permission-sets';

describe(ID, () => {
  test('pass: every set is assigned, or there are none', () => {
    const snapshot = aSnapshot().permissionSets(ADMIN_PS).assignments(assignment(ADMIN_PS, 'group:Founders')).build();
    expect(runCheck(ID, snapshot)[0]).toMatchObject({ status: 'pass', severity: 'low' });
    expect(runCheck(ID, aSnapshot().permissionSets().assignments().build())[0]?.reason).toBe(
      'No permission sets exist.',
    );
  });

  test('fail: one finding per unassigned set', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS, POWER_USER_PS)
      .assignments(assignment(ADMIN_PS, 'user:ismail'))
      .build();
    expect(runCheck(ID, snapshot)).toEqual([
      expect.objectContaining({ status: 'fail', resource: 'permission-set/PowerUser' }),
    ]);
  });

  test('skipped: no instance', () => {
    const snapshot = aSnapshot()
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .org('identity-center.assignments', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('skipped');
  });

  test('error: assignments could not be read (unused cannot be judged)', () => {
    const snapshot = aSnapshot()
      .permissionSets(ADMIN_PS)
      .org('identity-center.assignments', failed('Throttling', 'x'))
      .build();
    expect(runCheck(ID, snapshot)[0]?.status).toBe('error');
  });
});
