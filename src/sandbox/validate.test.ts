import { describe, expect, it } from 'vitest';
import type { SandboxServiceError } from './endpoint.js';
import { fullMatch, type Schema, validateInput } from './validate.js';

const schema: Schema = {
  Name: { type: 'string', required: true, min: 1, max: 5, pattern: fullMatch('[a-z]+') },
  Size: { type: 'integer', min: 1, max: 10 },
  Kind: { type: 'string', enum: ['A', 'B'] },
  Tags: { type: 'list', max: 2, item: { type: 'object', fields: { Key: { type: 'string', required: true } } } },
};

function errorOf(service: Parameters<typeof validateInput>[0], input: Record<string, unknown>): SandboxServiceError {
  try {
    validateInput(service, input, schema);
  } catch (error) {
    return error as SandboxServiceError;
  }
  throw new Error('valid');
}

describe('validateInput', () => {
  it('accepts valid input', () => {
    expect(() =>
      validateInput('sso-admin', { Name: 'abc', Size: 3, Kind: 'A', Tags: [{ Key: 'k' }] }, schema),
    ).not.toThrow();
  });

  it('matches patterns against the whole value', () => {
    expect(errorOf('sso-admin', { Name: 'ab1' }).message).toMatch(/pattern: \[a-z\]\+/);
  });

  it('reports every violation in AWS’s format', () => {
    const error = errorOf('sso-admin', { Size: 11, Kind: 'C', Tags: [{}, { Key: 'a' }, { Key: 'b' }] });
    expect(error.code).toBe('ValidationException');
    expect(error.message).toBe(
      "5 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value '11' at 'size' failed to satisfy constraint: Member must have value less than or equal to 10; " +
        "Value 'C' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B]; " +
        'Value \'[{},{"Key":"a"},{"Key":"b"}]\' at \'tags\' failed to satisfy constraint: Member must have length less than or equal to 2; ' +
        "Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    );
  });

  it('uses each service’s error: ValidationError for IAM, InvalidInputException with a Reason for Organizations', () => {
    expect(errorOf('iam', { Name: 'toolong' })).toMatchObject({ code: 'ValidationError', httpStatusCode: 400 });
    expect(errorOf('organizations', { Name: 'x', Size: 0 })).toMatchObject({
      code: 'InvalidInputException',
      fields: { Reason: 'MIN_VALUE_EXCEEDED' },
    });
    expect(errorOf('organizations', {})).toMatchObject({ fields: { Reason: 'INPUT_REQUIRED' } });
    expect(errorOf('account', { Name: '' })).toMatchObject({
      code: 'ValidationException',
      fields: { reason: 'fieldValidationFailed' },
    });
  });
});
