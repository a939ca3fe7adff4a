/**
 * @module `gatehouse explain CHECK_ID`: prints a check's documentation, the same page as
 * docs/checks/<id>.md. An area (`root`, `identity-center.`) lists its checks; an unknown id is a
 * usage error with "did you mean".
 */

import { catalog, findCheck, unknownCheckError } from '../../checks/catalog.js';
import { CHECK_AREAS } from '../../checks/define-check.js';
import { renderCheckDoc } from '../../checks/docs.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';

export interface ExplainOptions {
  check?: string;
}

function areaListing(area: string): string {
  const checks = catalog.filter((c) => c.area === area);
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = checks.map((c) => `  ${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.title}`);
  return [`Checks in ${area} (run \`gatehouse explain CHECK_ID\` for one of them):`, '', ...lines, ''].join('\n');
}

export async function run(options: ExplainOptions, ctx: CliContext): Promise<number> {
  const id = options.check?.trim();
  if (!id) throw new UsageError('explain needs a check id, e.g. `gatehouse explain root.mfa-enabled`');
  const check = findCheck(id);
  if (check) {
    ctx.out(renderCheckDoc(check));
    return ExitCode.Ok;
  }
  const area = id.endsWith('.') ? id.slice(0, -1) : id;
  if ((CHECK_AREAS as readonly string[]).includes(area)) {
    ctx.out(areaListing(area));
    return ExitCode.Ok;
  }
  throw unknownCheckError(id);
}
