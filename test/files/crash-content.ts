/**
 * @module Self-describing file contents for the crash tests: the first line names the version and
 * the length, the last line repeats the version, so a torn or mixed file is recognisable.
 */

const FILLER = 'gatehouse atomic write crash test filler line 0123456789abcdefghijklmnopqrstuvwxyz\n';

/** Version `version` of a file of about `size` bytes. */
export function versionContent(version: number, size: number): string {
  const body = FILLER.repeat(Math.max(1, Math.ceil(size / FILLER.length)));
  const footer = `end v=${version}\n`;
  const length = body.length + footer.length;
  const header = `gatehouse-crash-test v=${version} length=${String(length).padStart(12, '0')}\n`;
  return `${header}${body}${footer}`;
}

/** The version a file holds if it is one complete version, else null (torn, mixed or foreign). */
export function completeVersion(text: string): number | null {
  const head = /^gatehouse-crash-test v=(\d+) length=(\d{12})\n/.exec(text);
  if (!head) return null;
  const version = Number(head[1]);
  return text === versionContent(version, Number(head[2]) - `end v=${version}\n`.length) ? version : null;
}
