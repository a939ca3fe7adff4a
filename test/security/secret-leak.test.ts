/**
 * No secrets out (issue #7 item 5). Every command of the CLI runs — with and without `--debug`, on
 * its success paths and its failure paths (denied, expired, throttled, unknown keys, no network,
 * an expired SSO token) — against sandboxes whose credentials are known marker strings, and with
 * marker credentials in the environment. The test fails if a marker (or its prefix), or any secret
 * a sandbox issued (AssumeRole sessions, `sandbox create`, the demo's own sandbox), appears in
 * stdout, stderr or any file the run left behind — reports, plans, snapshots, imported configs,
 * access views, ~/.aws/config and its backup.
 *
 * The one exception, asserted explicitly and documented in SECURITY.md: a sandbox state file stores
 * that sandbox's own credentials, and is private to the user (mode 0600).
 */

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { KnobsPatch, Sandbox, SandboxState } from '../../src/sandbox/index.js';
import { prepareSandbox, STARTUP_YAML, tempDir } from '../faults/helpers.js';
import { type CliRun, ensureBuilt, runCli } from '../helpers/run-cli.js';

// The scenario's default credentials: what the sandbox state file holds and hands to the CLI.
const SANDBOX_KEYS = {
  accessKeyId: 'AKIAGATEHOUSEMARKER1',
  secretAccessKey: 'SECRETMARKERsandboxdefault00000000000001',
  sessionToken: 'TOKENMARKERsandboxdefaultsessiontoken000000000000000000000001',
};
// Credentials in the environment (the SDK's env provider path), known to the sandbox.
const ENV_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAGATEHOUSEMARKER2',
  AWS_SECRET_ACCESS_KEY: 'SECRETMARKERfromtheenvironment0000000002',
  AWS_SESSION_TOKEN: 'TOKENMARKERfromtheenvironmentsessiontoken0000000000000000002',
};
// Expired session credentials, known to the sandbox.
const EXPIRED_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAGATEHOUSEMARKER3',
  AWS_SECRET_ACCESS_KEY: 'SECRETMARKERexpiredsession00000000000003',
  AWS_SESSION_TOKEN: 'TOKENMARKERexpiredsessiontoken00000000000000000000000000003',
};
// Keys the sandbox has never seen.
const UNKNOWN_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAGATEHOUSEMARKER4',
  AWS_SECRET_ACCESS_KEY: 'SECRETMARKERunknowntothesandbox000000004',
  AWS_SESSION_TOKEN: 'TOKENMARKERunknowntothesandbox0000000000000000000000000004',
};
// The plan signing key (GATEHOUSE_PLAN_KEY), and one too short to be accepted.
const PLAN_KEY = { GATEHOUSE_PLAN_KEY: 'SECRETMARKERplansigningkey00000000000006' };
const SHORT_PLAN_KEY = { GATEHOUSE_PLAN_KEY: 'SECRETMARKERshortkey7' };
const SSO_CACHED_TOKEN = 'TOKENMARKERssocacheaccesstoken000000000000000000000000000005';
// A GitHub token in the environment, as the Action passes it (`ci github`).
const GITHUB_TOKEN_MARKER = 'TOKENMARKERgithubtoken0000000000000000000000000000000000006';

/** Never in any output: the markers, and their prefixes (a truncated or partly masked secret). */
const MARKERS = [
  ...[SANDBOX_KEYS, ENV_KEYS, EXPIRED_KEYS, UNKNOWN_KEYS, PLAN_KEY, SHORT_PLAN_KEY].flatMap((k) => Object.values(k)),
  SSO_CACHED_TOKEN,
  GITHUB_TOKEN_MARKER,
  'AKIAGATEHOUSE',
  'SECRETMARKER',
  'TOKENMARKER',
];

type Template = 'day1' | 'org' | 'day1-denied' | 'org-denied' | 'day1-throttled';

interface Step {
  args: string[];
  /** Exit codes this step may end with (anything else means the path under test was not reached). */
  codes: number[];
  env?: Record<string, string | undefined>;
  /**
   * false: only with --debug. Files and stdout do not depend on --debug (only stderr does), so the
   * run without it skips the variants of a command already covered by another step.
   */
  plain?: boolean;
}

interface LeakRun {
  id: string;
  /** The commands (as in program.ts: `audit`, `sandbox create`) this run covers. */
  covers: string[];
  /** A private copy of this sandbox becomes `sandbox.json` in the run's directory. */
  sandbox?: Template;
  setup?: (dir: string) => void;
  steps: Step[];
}

const S = ['--sandbox', 'sandbox.json'];
const OK = [0];
const AUDIT = [0, 1];

const RUNS: LeakRun[] = [
  {
    id: 'validate',
    covers: ['validate'],
    steps: [{ args: ['validate', '-c', STARTUP_YAML], codes: OK, env: ENV_KEYS }],
  },
  { id: 'audit-text', covers: ['audit'], sandbox: 'day1', steps: [{ args: ['audit', ...S], codes: AUDIT }] },
  {
    id: 'audit-formats',
    covers: ['audit'],
    sandbox: 'day1',
    steps: ['json', 'html', 'text', 'md', 'junit', 'sarif'].map((format, i) => ({
      args: ['audit', ...S, '-c', STARTUP_YAML, '--format', format, '-o', `report.${format}`],
      codes: AUDIT,
      plain: i < 2,
    })),
  },
  {
    id: 'audit-snapshot',
    covers: ['audit'],
    sandbox: 'day1',
    steps: [
      { args: ['audit', ...S, '--save-snapshot', 'snapshot.json'], codes: AUDIT },
      { args: ['audit', '--snapshot', 'snapshot.json', '--format', 'json'], codes: AUDIT },
    ],
  },
  {
    // Member accounts are entered with AssumeRole: the sandbox issues session credentials.
    id: 'audit-member-accounts',
    covers: ['audit'],
    sandbox: 'org',
    steps: [{ args: ['audit', ...S, '--accounts', 'all', '--format', 'json'], codes: AUDIT }],
  },
  {
    id: 'plan-then-apply-saved',
    covers: ['plan', 'apply'],
    sandbox: 'org',
    steps: [
      { args: ['plan', '-c', STARTUP_YAML, ...S, '-o', 'plan.json'], codes: OK },
      { args: ['plan', '-c', STARTUP_YAML, ...S, '--format', 'json'], codes: OK, plain: false },
      { args: ['apply', 'plan.json', '-c', STARTUP_YAML, ...S, '--yes'], codes: OK },
    ],
  },
  {
    id: 'signed-plan',
    covers: ['plan', 'apply'],
    sandbox: 'org',
    steps: [
      { args: ['plan', '-c', STARTUP_YAML, ...S, '-o', 'short.json'], codes: [2], env: SHORT_PLAN_KEY },
      { args: ['plan', '-c', STARTUP_YAML, ...S, '-o', 'plan.json'], codes: OK, env: PLAN_KEY },
      { args: ['apply', 'plan.json', '-c', STARTUP_YAML, ...S, '--yes'], codes: [4] },
      { args: ['apply', 'plan.json', '-c', STARTUP_YAML, ...S, '--yes'], codes: [2], env: SHORT_PLAN_KEY },
      { args: ['apply', 'plan.json', '-c', STARTUP_YAML, ...S, '--yes'], codes: OK, env: PLAN_KEY },
    ],
  },
  {
    id: 'apply',
    covers: ['apply'],
    sandbox: 'org',
    steps: [{ args: ['apply', '-c', STARTUP_YAML, ...S, '--yes'], codes: OK }],
  },
  {
    id: 'import',
    covers: ['import'],
    sandbox: 'day1',
    steps: [
      { args: ['import', ...S], codes: OK },
      { args: ['import', ...S, '-o', 'imported.yaml'], codes: OK },
    ],
  },
  {
    id: 'access',
    covers: ['access'],
    sandbox: 'day1',
    steps: [
      ...['text', 'csv', 'json'].map((format) => ({
        args: ['access', ...S, '--format', format],
        codes: OK,
        plain: format === 'text',
      })),
      { args: ['access', ...S, '--format', 'html', '-o', 'access.html'], codes: OK },
      { args: ['access', ...S, '--user', 'ismail', '--onboarding'], codes: OK },
      { args: ['access', ...S, '-c', STARTUP_YAML, '--format', 'json'], codes: OK, plain: false },
    ],
  },
  {
    id: 'profiles',
    covers: ['profiles'],
    sandbox: 'day1',
    steps: [
      { args: ['profiles', ...S], codes: OK },
      { args: ['profiles', ...S, '--user', 'ismail', '-c', STARTUP_YAML], codes: OK, plain: false },
      // ~/.aws/config of the run's HOME (AWS_CONFIG_FILE unset): written, then changed (backup).
      { args: ['profiles', ...S, '--write'], codes: OK, env: { AWS_CONFIG_FILE: undefined } },
      {
        args: ['profiles', ...S, '--write', '--profile-region', 'us-west-2'],
        codes: OK,
        env: { AWS_CONFIG_FILE: undefined },
        plain: false,
      },
    ],
  },
  {
    id: 'permissions',
    covers: ['permissions'],
    steps: ['audit', 'apply'].map((use) => ({
      args: ['permissions', '--for', use],
      codes: OK,
      env: ENV_KEYS,
      plain: use === 'audit',
    })),
  },
  { id: 'explain', covers: ['explain'], steps: [{ args: ['explain', 'root.mfa-enabled'], codes: OK, env: ENV_KEYS }] },
  {
    id: 'sandbox',
    covers: ['sandbox create', 'sandbox console'],
    sandbox: 'day1',
    steps: [
      { args: ['sandbox', 'create', '--scenario', 'org', '--state', 'created.json'], codes: OK },
      { args: ['sandbox', 'console', 'list'], codes: OK, plain: false },
      { args: ['sandbox', 'console', 'enable-root-hardware-mfa', '--state', 'sandbox.json'], codes: OK },
    ],
  },
  {
    id: 'init',
    covers: ['init'],
    sandbox: 'day1',
    steps: [{ args: ['init', ...S, '--yes', '--repository', 'acme/infra'], codes: OK }],
  },
  {
    // No GITHUB_REPOSITORY: the flows run without calling GitHub, with the token in the environment.
    id: 'ci-github',
    covers: ['ci github'],
    sandbox: 'org',
    steps: ['plan', 'audit'].map((command) => ({
      args: ['ci', 'github', command, '-c', STARTUP_YAML, ...S],
      codes: command === 'plan' ? OK : AUDIT,
      env: { GITHUB_ACTIONS: 'true', GITHUB_TOKEN: GITHUB_TOKEN_MARKER },
      plain: command === 'plan',
    })),
  },
  { id: 'demo', covers: ['demo'], steps: [{ args: ['demo', '--dir', 'demo'], codes: AUDIT }] },
  {
    id: 'environment-credentials',
    covers: ['audit', 'plan', 'access'],
    sandbox: 'day1',
    steps: [
      { args: ['audit', ...S], codes: AUDIT, env: ENV_KEYS },
      { args: ['plan', '-c', STARTUP_YAML, ...S], codes: OK, env: ENV_KEYS },
      { args: ['access', ...S], codes: OK, env: ENV_KEYS, plain: false },
    ],
  },
  {
    id: 'denied',
    covers: ['audit', 'plan'],
    sandbox: 'day1-denied',
    steps: [
      { args: ['audit', ...S], codes: [1] },
      { args: ['plan', '-c', STARTUP_YAML, ...S], codes: [3] },
    ],
  },
  {
    id: 'denied-write',
    covers: ['apply'],
    sandbox: 'org-denied',
    steps: [{ args: ['apply', '-c', STARTUP_YAML, ...S, '--yes'], codes: [3] }],
  },
  {
    id: 'expired',
    covers: ['audit', 'apply', 'import'],
    sandbox: 'day1',
    steps: [
      { args: ['audit', ...S], codes: [3], env: EXPIRED_KEYS },
      { args: ['apply', '-c', STARTUP_YAML, ...S, '--yes'], codes: [3], env: EXPIRED_KEYS },
      { args: ['import', ...S], codes: [3], env: EXPIRED_KEYS, plain: false },
    ],
  },
  {
    id: 'unknown-keys',
    covers: ['audit', 'profiles'],
    sandbox: 'day1',
    steps: [
      { args: ['audit', ...S], codes: [3], env: UNKNOWN_KEYS },
      { args: ['profiles', ...S], codes: [3], env: UNKNOWN_KEYS, plain: false },
    ],
  },
  {
    id: 'throttled',
    covers: ['audit', 'plan'],
    sandbox: 'day1-throttled',
    steps: [
      { args: ['audit', ...S], codes: AUDIT },
      { args: ['plan', '-c', STARTUP_YAML, ...S], codes: OK, plain: false },
    ],
  },
  {
    // Real AWS mode (no sandbox): marker keys from the environment, AWS unreachable.
    id: 'no-network',
    covers: ['audit', 'plan'],
    steps: [
      { args: ['audit'], codes: [3], env: { ...ENV_KEYS, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'CLOSED' } },
      {
        args: ['plan', '-c', STARTUP_YAML],
        codes: [3],
        env: { ...UNKNOWN_KEYS, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'CLOSED' },
      },
    ],
  },
  {
    // The SDK's SSO token cache holds a marker token that has expired.
    id: 'sso-expired',
    covers: ['audit'],
    setup: writeExpiredSsoCache,
    steps: [
      {
        args: ['audit', '--profile', 'admin'],
        codes: [3],
        env: { AWS_CONFIG_FILE: undefined, AWS_SHARED_CREDENTIALS_FILE: undefined },
      },
    ],
  },
];

const tmp = tempDir('secret-leak');
const templates = new Map<Template, string>();
let closedEndpoint = '';

beforeAll(async () => {
  ensureBuilt();
  const make = async (name: Template, scenario: 'day1' | 'org', knobs: KnobsPatch = {}) => {
    const path = await prepareSandbox(join(tmp.dir, 'templates', `${name}.json`), {
      scenario,
      credentials: SANDBOX_KEYS,
      knobs: { recordCallsInState: false, ...knobs },
      setup: (sandbox) => issueMarkerCredentials(sandbox),
    });
    templates.set(name, path);
  };
  mkdirSync(join(tmp.dir, 'templates'));
  await make('day1', 'day1');
  await make('org', 'org');
  await make('day1-denied', 'day1', { denials: ['iam:GenerateCredentialReport', 'identitystore:ListUsers'] });
  await make('org-denied', 'org', { denials: ['sso:CreatePermissionSet'] });
  await make('day1-throttled', 'day1', {
    faults: [{ operation: '*', kind: 'throttle', probability: 1, remaining: 6 }],
  });
  closedEndpoint = `http://127.0.0.1:${await closedPort()}`;
}, 180_000);
afterAll(() => tmp.cleanup());

function issueMarkerCredentials(sandbox: Sandbox): void {
  const accountId = '111111111111';
  const principal = { roleName: 'Admin', sessionName: 'markers' };
  sandbox.issueCredentials({
    accountId,
    principal,
    accessKeyId: ENV_KEYS.AWS_ACCESS_KEY_ID,
    secretAccessKey: ENV_KEYS.AWS_SECRET_ACCESS_KEY,
    sessionToken: ENV_KEYS.AWS_SESSION_TOKEN,
  });
  sandbox.issueCredentials({
    accountId,
    principal,
    accessKeyId: EXPIRED_KEYS.AWS_ACCESS_KEY_ID,
    secretAccessKey: EXPIRED_KEYS.AWS_SECRET_ACCESS_KEY,
    sessionToken: EXPIRED_KEYS.AWS_SESSION_TOKEN,
    expiresInMs: -60_000,
  });
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function writeExpiredSsoCache(dir: string): void {
  const aws = join(dir, 'home', '.aws');
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true });
  writeFileSync(
    join(aws, 'config'),
    '[profile admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n',
  );
  writeFileSync(
    join(aws, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: SSO_CACHED_TOKEN,
      expiresAt: '2020-01-01T00:00:00Z',
    }),
  );
}

interface Finished {
  run: LeakRun;
  debug: boolean;
  dir: string;
  outputs: { label: string; result: CliRun }[];
  /** Files the test put there before the run, with their content. */
  inputs: Map<string, string>;
}

/** Runs one LeakRun in its own directory (its own HOME and sandbox copy). */
async function execute(run: LeakRun, debug: boolean): Promise<Finished> {
  const dir = join(tmp.dir, debug ? 'debug' : 'plain', run.id);
  mkdirSync(join(dir, 'home'), { recursive: true });
  if (run.sandbox) copyFileSync(templates.get(run.sandbox)!, join(dir, 'sandbox.json'));
  run.setup?.(dir);
  // The run's inputs (the test wrote them): only what gatehouse writes or changes is scanned.
  const inputs = new Map(files(dir).map((p) => [p, readFileSync(p, 'latin1')]));
  const outputs: Finished['outputs'] = [];
  for (const step of run.steps) {
    if (!debug && step.plain === false) continue;
    const args = debug ? ['--debug', ...step.args] : step.args;
    const env: Record<string, string | undefined> = { HOME: join(dir, 'home'), ...step.env };
    if (env.AWS_ENDPOINT_URL === 'CLOSED') env.AWS_ENDPOINT_URL = closedEndpoint;
    const result = await runCli(args, { cwd: dir, env, timeoutMs: 120_000 });
    const label = `gatehouse ${args.join(' ')}`;
    expect(step.codes, `${label}\n${result.stderr}`).toContain(result.code);
    outputs.push({ label, result });
  }
  return { run, debug, dir, outputs, inputs };
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : e.isFile() ? [path] : [];
  });
}

function isSandboxState(text: string): boolean {
  return text.includes('"format": "gatehouse-sandbox"') || text.includes('"format":"gatehouse-sandbox"');
}

/** Every secret a sandbox state holds: default, issued, assumed-role and generated credentials. */
function stateSecrets(text: string): string[] {
  const state = JSON.parse(text) as SandboxState;
  return Object.values(state.credentials).flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken ?? '']);
}

function leaksIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= 8 && text.includes(s));
}

describe('no secret leaves gatehouse', () => {
  let finished: Finished[] = [];

  beforeAll(async () => {
    const jobs = [false, true].flatMap((debug) => RUNS.map((run) => ({ run, debug })));
    finished = await inBatches(jobs, 4, ({ run, debug }) => execute(run, debug));
  }, 600_000);

  it('every command in program.ts is covered, with and without --debug', () => {
    const commands: string[] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, prefix: string) => {
      for (const sub of cmd.commands as ReturnType<typeof buildProgram>[]) {
        const name = `${prefix}${sub.name()}`;
        if (sub.commands.length > 0) walk(sub, `${name} `);
        else commands.push(name);
      }
    };
    walk(buildProgram(), '');
    expect(commands.length).toBeGreaterThanOrEqual(12);
    // What a run covered: the commands whose words are in the argv of a step it really ran.
    const ran = (f: Finished) =>
      f.run.covers.filter((c) => f.outputs.some((o) => o.label.includes(` ${c} `) || o.label.endsWith(` ${c}`)));
    for (const debug of [false, true]) {
      const covered = new Set(finished.filter((f) => f.debug === debug).flatMap(ran));
      expect(
        commands.filter((c) => !covered.has(c)),
        `debug=${debug}`,
      ).toEqual([]);
    }
    for (const f of finished.filter((f) => f.debug)) expect(ran(f), f.run.id).toEqual(f.run.covers);
  });

  it('no marker or issued secret in stdout, stderr or any file written; sandbox states are the documented exception', () => {
    const leaks: string[] = [];
    let statesSeen = 0;
    for (const f of finished) {
      const all = files(f.dir);
      const states = all.filter((p) => isSandboxState(readFileSync(p, 'utf8')));
      const issued = states.flatMap((p) => stateSecrets(readFileSync(p, 'utf8')));
      const secrets = [...MARKERS, ...issued];
      for (const { label, result } of f.outputs) {
        for (const s of leaksIn(result.stdout, secrets)) leaks.push(`${label}: stdout contains ${s}`);
        for (const s of leaksIn(result.stderr, secrets)) leaks.push(`${label}: stderr contains ${s}`);
      }
      for (const path of all) {
        if (states.includes(path)) continue;
        if (f.inputs.get(path) === readFileSync(path, 'latin1')) continue;
        for (const s of leaksIn(readFileSync(path, 'latin1'), secrets)) {
          leaks.push(`${f.run.id}${f.debug ? ' (--debug)' : ''}: ${relative(f.dir, path)} contains ${s}`);
        }
      }
      // The exception: the state file keeps the sandbox's own credentials, private to the user.
      for (const path of states) {
        statesSeen += 1;
        expect(statSync(path).mode & 0o777, relative(tmp.dir, path)).toBe(0o600);
        expect(stateSecrets(readFileSync(path, 'utf8')).length).toBeGreaterThan(0);
      }
    }
    expect(leaks).toEqual([]);
    expect(statesSeen).toBeGreaterThan(RUNS.filter((r) => r.sandbox).length);
  });

  it('the check can see a leak: the marker sandboxes do hold the markers', () => {
    const state = readFileSync(templates.get('day1')!, 'utf8');
    for (const value of [...Object.values(SANDBOX_KEYS), ...Object.values(ENV_KEYS)]) {
      expect(leaksIn(state, [value])).toEqual([value]);
    }
    // And redaction is not what hides them from the file scan: files are checked byte for byte.
    const apply = finished.find((f) => f.run.id === 'plan-then-apply-saved' && !f.debug)!;
    expect(files(apply.dir).map((p) => relative(apply.dir, p))).toEqual(expect.arrayContaining(['plan.json']));
  });

  it('--debug really printed more (debug logs or stack traces) on the failure paths', () => {
    const debugDenied = finished.find((f) => f.run.id === 'denied' && f.debug)!;
    expect(debugDenied.outputs.some((o) => /debug:|\n\s+at /.test(o.result.stderr))).toBe(true);
  });
});
