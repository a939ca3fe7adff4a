/**
 * Every file gatehouse writes goes through `writeFileAtomic` (issue #7 item 4). This scans src/ for
 * the Node APIs that write or replace files; any use outside src/util/atomic-write.ts must be on
 * the allowlist below, with the reason it is safe.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Calls that write, append, copy over, rename onto, truncate or stream into a file. */
const WRITING_API =
  /\b(?:writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|copyFileSync|copyFile|cpSync|renameSync|rename|truncateSync|truncate|ftruncateSync|writeSync|writev|writevSync|symlinkSync|linkSync)\s*\(|\bopen(?:Sync)?\s*\([^)]*['"](?:w|wx|w\+|a|a\+|ax|r\+)['"]/g;

/** Uses outside atomic-write.ts that are safe, with why. Keyed by file, then the exact API. */
const ALLOWED: Record<string, Record<string, string>> = {
  'src/ci/github-files.ts': {
    'appendFileSync(':
      "GITHUB_OUTPUT and GITHUB_STEP_SUMMARY are the runner's files, shared by every step of the job: they are appended to, as GitHub documents, never replaced",
  },
  'src/sandbox/lock.ts': {
    "openSync(path, 'wx', 0o600)":
      'the lock file is created with O_EXCL (that is the lock); its content is informational — a torn or empty lock is unreadable and treated as stale after 5 s (sandbox README §11)',
    'writeSync(': 'writes the lock file it has just created exclusively (see above)',
  },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('.test-')
      ? [path]
      : [];
  });
}

/** `file: api` for every writing call in `text` (comments are not code). */
function writingCalls(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(WRITING_API)].map((m) => m[0]);
}

describe('file writes', () => {
  it('the scanner finds the writing APIs (and not the atomic writer)', () => {
    expect(
      writingCalls(`
      fs.writeFileSync(p, x); await writeFile(p, x); createWriteStream(p); appendFileSync(p, x);
      renameSync(a, b); copyFileSync(a, b); const fd = openSync(p, 'w'); writeFileAtomic(p, x);
      // writeFileSync(commented out)
      readFileSync(p); openSync(p, 'r');`),
    ).toEqual([
      'writeFileSync(',
      'writeFile(',
      'createWriteStream(',
      'appendFileSync(',
      'renameSync(',
      'copyFileSync(',
      "openSync(p, 'w'",
    ]);
  });

  it('go through writeFileAtomic everywhere in src/ (or are on the allowlist, with a reason)', () => {
    const unexpected: string[] = [];
    const allowedSeen = new Set<string>();
    for (const file of sources(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file);
      if (rel === 'src/util/atomic-write.ts') continue;
      for (const call of writingCalls(readFileSync(file, 'utf8'))) {
        const allowed = Object.keys(ALLOWED[rel] ?? {}).find((api) => call.startsWith(api) || api.startsWith(call));
        if (allowed) allowedSeen.add(`${rel}: ${allowed}`);
        else unexpected.push(`${rel}: ${call}`);
      }
    }
    expect(unexpected).toEqual([]);
    // The allowlist stays honest: every entry is still needed.
    const listed = Object.entries(ALLOWED).flatMap(([file, apis]) => Object.keys(apis).map((api) => `${file}: ${api}`));
    expect([...allowedSeen].sort()).toEqual(listed.sort());
  });

  it('the writers that matter use writeFileAtomic (audit and access through writeOutput, which also knows stdout)', () => {
    for (const file of ['src/cli/commands/audit.ts', 'src/cli/commands/access.ts'])
      expect(readFileSync(join(ROOT, file), 'utf8'), file).toContain('writeOutput(ctx, options.output');
    const writers = [
      'src/cli/output-file.ts',
      'src/cli/commands/plan.ts',
      'src/cli/commands/import.ts',
      'src/cli/commands/profiles.ts',
      'src/cli/commands/demo.ts',
      'src/observe/snapshot-file.ts',
      'src/sandbox/persist.ts',
    ];
    for (const file of writers) expect(readFileSync(join(ROOT, file), 'utf8'), file).toContain('writeFileAtomic(');
  });
});
