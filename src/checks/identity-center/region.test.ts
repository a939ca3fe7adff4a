import { describe, expect, test } from 'vitest';
import { failed } from '../../observe/evidence.js';
import { aSnapshot, desiredState, runCheck } from '../test-builders.test-helpers.js';

const ID = 'identity-center.region';
const inIreland = desiredState((d) => {
  d.identityCenter.region = 'eu-west-1';
});

describe(ID, () => {
  test('pass: in the configured region', () => {
    expect(runCheck(ID, aSnapshot().instance({ region: 'eu-west-1' }).build(), inIreland)[0]).toMatchObject({
      status: 'pass',
      severity: 'medium',
    });
  });

  test('fail: elsewhere', () => {
    expect(runCheck(ID, aSnapshot().instance({ region: 'us-east-1' }).build(), inIreland)[0]).toMatchObject({
      status: 'fail',
      reason: 'The instance is in us-east-1, but the config names eu-west-1.',
    });
  });

  test('skipped: the config names no region, or there is no instance', () => {
    expect(runCheck(ID, aSnapshot().instance().build(), desiredState())[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('names no Identity Center region'),
    });
    expect(runCheck(ID, aSnapshot().noInstance().build(), inIreland)[0]?.status).toBe('skipped');
  });

  test('error: the instance fact failed', () => {
    const snapshot = aSnapshot()
      .org('identity-center.instance', failed('UnrecognizedClientException', 'bad region'))
      .build();
    expect(runCheck(ID, snapshot, inIreland)[0]?.status).toBe('error');
  });
});
