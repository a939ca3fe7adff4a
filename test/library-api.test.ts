import { describe, expect, it } from 'vitest';
import * as gatehouse from '../src/index.js';

describe('the library entry (src/index.ts)', () => {
  it('plans, applies and audits the seed setup on a sandbox, without printing anything', async () => {
    const clock = new gatehouse.VirtualClock();
    const host = new gatehouse.RecordingHost();
    const sandbox = gatehouse.createSandbox({
      scenario: 'org',
      clock,
      knobs: { completionDelayMs: { default: 1000, perOperation: {} } },
    });
    const credentials = sandbox.defaultCredentials();
    if (!credentials) throw new Error('the org scenario issues default credentials');
    const session = gatehouse.createAwsSession(
      { mode: 'sandbox', endpoint: sandbox, credentials },
      { clock, host, env: {} },
    );
    const { desired } = await gatehouse.loadConfig('examples/growing-org.yaml');

    const { plan, snapshot } = await gatehouse.planFromConfig({ desired, session, host });
    expect(gatehouse.hasChanges(plan)).toBe(true);
    expect(gatehouse.renderPlan(plan, { color: false })).toMatch(/^Plan: \d+ to add/m);
    const markdown = gatehouse.renderPlanMarkdown(plan, { maxLength: gatehouse.GITHUB_COMMENT_LIMIT });
    expect(markdown).toMatch(/^\*\*gatehouse plan:\*\* \d+ to add/);

    const result = await gatehouse.applyPlan({
      plan,
      snapshot,
      desired,
      session,
      host,
      clock,
      yes: true,
      interactive: false,
    });
    expect(gatehouse.isComplete(result)).toBe(true);

    const again = await gatehouse.planFromConfig({ desired, session, host });
    expect(again.plan.actions).toEqual([]);

    const { report } = await gatehouse.runAudit({
      desired,
      source: { session },
      host,
      now: new Date(clock.now()).toISOString(),
      toolVersion: 'test',
    });
    expect(report.results.find((r) => r.checkId === 'identity-center.matches-config')).toMatchObject({
      status: 'pass',
    });
    const sarif = JSON.parse(gatehouse.renderSarif(report)) as { version: string; runs: { tool: unknown }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(host.events.length).toBeGreaterThan(0);
    session.destroy();
  }, 60_000);

  it('exposes the documented surface', () => {
    const exported: Record<string, unknown> = { ...gatehouse };
    for (const name of [
      'loadConfig',
      'parseConfigText',
      'defaultBaseline',
      'runAudit',
      'planFromConfig',
      'applyPlan',
      'createPlan',
      'renderPlan',
      'renderReport',
      'renderPlanMarkdown',
      'renderSarif',
      'importConfig',
      'computeLiveAccess',
      'buildProfiles',
      'mergeProfilesBlock',
      'permissionsPolicy',
      'createSandbox',
      'openEnvironment',
    ] as const) {
      expect(typeof exported[name], name).toBe('function');
    }
    expect(gatehouse.ExitCode).toMatchObject({
      Ok: 0,
      Findings: 1,
      Usage: 2,
      Aws: 3,
      Refused: 4,
      PartialApply: 5,
      Internal: 70,
    });
  });
});
