/** @module The package version, read from package.json next to the build. */

import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'gatehouse-aws' && pkg.version) return pkg.version;
    } catch {
      // Try the next candidate location.
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
