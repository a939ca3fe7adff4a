/**
 * @module Runs sandbox code in real child processes (for the persistence and locking tests): the
 * entry file and every module it reaches are transpiled with TypeScript into a temporary
 * directory (Node 20 cannot run .ts itself), then started with `node`.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

/** Transpiles `entry` and its relative imports into `outDir`; returns the path of the entry's .js. */
export function transpileTree(entry: string, outDir: string): string {
  const seen = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      queue.push(resolve(dirname(file), `${match[1]}.ts`));
    }
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    }).outputText;
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'));
  } catch {
    // Already linked.
  }
  return join(outDir, relative(ROOT, resolve(ROOT, entry))).replace(/\.ts$/, '.js');
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function start(
  script: string,
  args: string[],
): { child: ChildProcess; done: Promise<Finished>; lines: string[] } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    lines.push(...chunk.toString().split('\n').filter(Boolean));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Finished>((resolvePromise) => {
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
  return { child, done, lines };
}

/** Resolves when the child has printed `line` (or rejects when it exits first). */
export async function waitForLine(run: ReturnType<typeof start>, line: string): Promise<void> {
  for (;;) {
    if (run.lines.includes(line)) return;
    if (run.child.exitCode !== null) throw new Error(`child exited before printing ${line}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
