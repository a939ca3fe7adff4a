import { describe, expect, test } from 'vitest';
import { normalizeSessionDuration, sessionDurationHours, sessionDurationProblem } from './duration.js';

describe('session durations', () => {
  test.each([
    ['PT1H', 'PT1H'],
    ['PT12H', 'PT12H'],
    ['PT4H', 'PT4H'],
    ['PT240M', 'PT4H'],
    ['PT90M', 'PT1H30M'],
    ['PT1H30M', 'PT1H30M'],
    ['PT3600S', 'PT1H'],
    ['PT0H60M', 'PT1H'],
  ])('%s is valid and normalises to %s', (written, normal) => {
    expect(sessionDurationProblem(written)).toBeUndefined();
    expect(normalizeSessionDuration(written)).toBe(normal);
  });

  test.each([
    ['PT13H', "must be between PT1H and PT12H (AWS's limits); PT13H is longer"],
    ['PT59M', "must be between PT1H and PT12H (AWS's limits); PT59M is shorter"],
    ['PT12H1M', "must be between PT1H and PT12H (AWS's limits); PT12H1M is longer"],
    ['PT3601S', 'must be a whole number of minutes'],
    ['4h', 'must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT4H`?)'],
    ['pt8h', 'must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT8H`?)'],
    ['8 hours', 'must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT8H`?)'],
    ['90 min', 'must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT90M`?)'],
    ['4', 'must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT4H`?)'],
    ['P1D', 'must be an ISO-8601 duration such as PT4H or PT1H30M'],
    ['PT', 'must be an ISO-8601 duration such as PT4H or PT1H30M'],
    ['PT1.5H', 'must be an ISO-8601 duration such as PT4H or PT1H30M'],
    ['', 'must be an ISO-8601 duration such as PT4H or PT1H30M'],
  ])('%s is refused: %s', (written, problem) => {
    expect(sessionDurationProblem(written)).toBe(problem);
  });

  test('hours of a duration', () => {
    expect(sessionDurationHours('PT4H')).toBe(4);
    expect(sessionDurationHours('PT1H30M')).toBe(1.5);
  });
});
