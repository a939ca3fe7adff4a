import { describe, expect, test } from 'vitest';
import { diagnosticToWorkflowCommand, escapeCommandData, escapeCommandProperty } from './workflow-commands.js';

describe('workflow commands', () => {
  test('data escapes %, CR and LF only', () => {
    expect(escapeCommandData('100% a:b, c\r\nnext')).toBe('100%25 a:b, c%0D%0Anext');
  });

  test('properties also escape : and , (which would end the value)', () => {
    expect(escapeCommandProperty('dir,a/b:c%.yaml')).toBe('dir%2Ca/b%3Ac%25.yaml');
  });

  test('an error with its location and code as title', () => {
    const line = diagnosticToWorkflowCommand({
      severity: 'error',
      code: 'unknown-key',
      message: 'unknown key "polices"\ndid you mean "policies"?',
      file: 'conf/gatehouse.yaml',
      line: 4,
      column: 5,
    });
    expect(line).toBe(
      '::error file=conf/gatehouse.yaml,line=4,col=5,title=unknown-key::unknown key "polices"%0Adid you mean "policies"?',
    );
  });

  test('a warning; a whole-file problem has no line', () => {
    expect(
      diagnosticToWorkflowCommand({ severity: 'warning', code: 'w', message: 'm', file: 'g.yaml', line: 2, column: 0 }),
    ).toBe('::warning file=g.yaml,line=2,title=w::m');
    expect(
      diagnosticToWorkflowCommand({
        severity: 'error',
        code: 'not-found',
        message: 'x',
        file: 'g.yaml',
        line: 0,
        column: 0,
      }),
    ).toBe('::error file=g.yaml,title=not-found::x');
  });
});
