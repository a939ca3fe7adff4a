import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ADMIN_ARN, desiredState, group, permissionSet, rule, user } from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import { serializePlan } from './plan-file.js';
import { planJsonSchema } from './schema.js';

describe('schema/plan.schema.json', () => {
  it('is generated from the zod schema and committed', async () => {
    await expect(`${JSON.stringify(planJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('../../schema/plan.schema.json');
  });

  it('compiles under ajv strict mode and accepts a real plan file, rejecting an edited one', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(planJsonSchema());
    const plan = planFor(
      desiredState({
        permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN] })],
        users: [user('ana')],
        groups: [group('Founders', ['ana'])],
        assignments: [rule(0, 'group:Founders', 'Admin', ['management', 'ou:/Workloads'])],
      }),
      { instance: null, accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } },
    );
    const file = JSON.parse(serializePlan(plan));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    file.actions[0].kind = 'teleport';
    expect(validate(file)).toBe(false);
  });
});
