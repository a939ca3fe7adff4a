/**
 * @module Merging generated profiles into an AWS config file, as pure string work. gatehouse owns one
 * block between `# BEGIN gatehouse managed profiles …` and `# END gatehouse managed profiles`; it
 * replaces that block in place (or appends it) and keeps every byte outside it: other profiles,
 * comments, odd spacing, CRLF line ends, a missing final newline. A profile (or sso-session) of the
 * same name defined outside the block is the user's own: it is not overwritten, and reported.
 * Profiles the old block had that no longer apply are kept (reported) unless `prune`. The same input
 * gives the same text, so a rerun changes nothing.
 *
 * Not an INI library on purpose (reference stack.md §4.3: the `ini` package mangles dotted profile
 * names and drops comments).
 */

import { type ProfilesDocument, profileLines, sessionLines } from './generate.js';

export const BEGIN_MARKER = '# BEGIN gatehouse managed profiles (do not edit inside this block)';
export const END_MARKER = '# END gatehouse managed profiles';

interface Line {
  /** The line without its terminator (a trailing `\r` of CRLF removed). */
  text: string;
  start: number;
  /** Where the terminator (`\r\n`, `\n`) or the end of the text begins. */
  contentEnd: number;
}

export type SectionKind = 'profile' | 'sso-session' | 'other';

export interface SectionHeader {
  kind: SectionKind;
  name: string;
}

interface Section {
  header: SectionHeader;
  lines: string[];
}

export interface MergeReport {
  /** Generated profiles new to the file. */
  added: string[];
  /** Generated profiles whose section changed. */
  updated: string[];
  unchanged: string[];
  /** Profiles of the old block that no longer apply, kept (no `prune`). */
  kept: string[];
  /** Profiles of the old block removed (`prune`, or now defined outside the block). */
  removed: string[];
  /** Generated profiles not written because a profile of that name exists outside the block. */
  skipped: string[];
  /** The sso-session section is defined outside the block (the user's one is used as it is). */
  sessionSkipped: boolean;
}

export type MergeResult =
  | { ok: true; text: string; changed: boolean; report: MergeReport }
  | { ok: false; problem: string };

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const contentEnd = end > start && text[end - 1] === '\r' && newline !== -1 ? end - 1 : end;
    lines.push({ text: text.slice(start, contentEnd), start, contentEnd });
    start = newline === -1 ? text.length : newline + 1;
  }
  return lines;
}

/**
 * A section header as the AWS SDKs and the AWS CLI read it: comments (`#`, `;` at the start or after
 * whitespace) removed, then `[profile NAME]`, `[sso-session NAME]` or `[default]`. Lenient about
 * spacing and quotes (botocore splits like a shell), so a user's section is recognised however it is
 * written.
 */
export function parseSectionHeader(line: string): SectionHeader | undefined {
  const trimmed = (line.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  const inner = trimmed.slice(1, -1).trim();
  if (inner === 'default') return { kind: 'profile', name: 'default' };
  const [prefix, ...rest] = inner.split(/\s+/);
  const name = rest.join(' ').replace(/^(["'])(.*)\1$/, '$2');
  if (rest.length > 0 && (prefix === 'profile' || prefix === 'sso-session')) return { kind: prefix, name };
  return { kind: 'other', name: inner };
}

const isMarker = (line: Line, marker: string) => line.text.trim() === marker;

/** The line end the file mostly uses (`\n` for a new file). */
export function lineEnding(text: string): '\n' | '\r\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > 0 && crlf >= lf ? '\r\n' : '\n';
}

function sectionsOf(lines: Line[]): Section[] {
  const sections: Section[] = [];
  for (const line of lines) {
    const header = parseSectionHeader(line.text);
    if (header) sections.push({ header, lines: [line.text] });
    else sections.at(-1)?.lines.push(line.text);
  }
  for (const s of sections) while (s.lines.length > 1 && s.lines.at(-1)!.trim() === '') s.lines.pop();
  return sections;
}

function sessionReferences(section: Section): string | undefined {
  for (const line of section.lines.slice(1)) {
    const match = /^\s*sso_session\s*=\s*(.*?)\s*$/.exec(line.split(/(?:^|\s)[;#]/)[0] ?? '');
    if (match) return match[1];
  }
  return undefined;
}

/** The block's text (markers included, no final line end), as printed without `--write`. */
export function renderBlock(sections: string[][], eol: '\n' | '\r\n' = '\n'): string {
  const body = sections.map((lines) => lines.join(eol)).join(`${eol}${eol}`);
  return [BEGIN_MARKER, ...(body === '' ? [] : [body]), END_MARKER].join(eol);
}

/** The generated block alone, for printing. */
export function renderProfilesBlock(document: ProfilesDocument): string {
  return `${renderBlock([sessionLines(document.session), ...document.profiles.map((p) => profileLines(p, document.session.name))])}\n`;
}

const sameLines = (a: string[], b: string[]) => a.length === b.length && a.every((line, i) => line === b[i]);

/**
 * Merges the profiles into `existing` (the file's text, or null when there is no file). Fails (ok:
 * false) on a damaged block: a BEGIN without an END, an END without a BEGIN, or two blocks — rather
 * than guess what to replace.
 */
export function mergeProfilesBlock(
  existing: string | null,
  document: ProfilesDocument,
  options: { prune?: boolean } = {},
): MergeResult {
  const text = existing ?? '';
  const lines = splitLines(text);
  const begins = lines.flatMap((l, i) => (isMarker(l, BEGIN_MARKER) ? [i] : []));
  const ends = lines.flatMap((l, i) => (isMarker(l, END_MARKER) ? [i] : []));
  if (begins.length > 1 || ends.length > 1) {
    return { ok: false, problem: 'the file has more than one gatehouse block; remove all but one and run again' };
  }
  const begin = begins[0];
  const end = ends[0];
  if ((begin === undefined) !== (end === undefined) || (begin !== undefined && end !== undefined && end < begin)) {
    return {
      ok: false,
      problem: `the gatehouse block is damaged (a "${begin === undefined ? END_MARKER : BEGIN_MARKER}" line without its partner); fix or remove the markers and run again`,
    };
  }

  const inside = begin !== undefined && end !== undefined ? lines.slice(begin + 1, end) : [];
  const outside =
    begin !== undefined && end !== undefined ? [...lines.slice(0, begin), ...lines.slice(end + 1)] : lines;
  const outsideProfiles = new Set<string>();
  const outsideSessions = new Set<string>();
  for (const line of outside) {
    const header = parseSectionHeader(line.text);
    if (header?.kind === 'profile') outsideProfiles.add(header.name);
    if (header?.kind === 'sso-session') outsideSessions.add(header.name);
  }

  const old = sectionsOf(inside);
  const oldProfiles = new Map(old.filter((s) => s.header.kind === 'profile').map((s) => [s.header.name, s]));
  const oldSessions = new Map(old.filter((s) => s.header.kind === 'sso-session').map((s) => [s.header.name, s]));
  const report: MergeReport = {
    added: [],
    updated: [],
    unchanged: [],
    kept: [],
    removed: [],
    skipped: [],
    sessionSkipped: false,
  };

  const sessionName = document.session.name;
  const sections: { name: string; lines: string[] }[] = [];
  const generatedNames = new Set(document.profiles.map((p) => p.name));
  for (const profile of document.profiles) {
    if (outsideProfiles.has(profile.name)) {
      report.skipped.push(profile.name);
      continue;
    }
    const lines = profileLines(profile, sessionName);
    const before = oldProfiles.get(profile.name);
    if (!before) report.added.push(profile.name);
    else if (sameLines(before.lines, lines)) report.unchanged.push(profile.name);
    else report.updated.push(profile.name);
    sections.push({ name: profile.name, lines });
  }
  const keptSessions = new Set<string>();
  for (const [name, section] of oldProfiles) {
    if (generatedNames.has(name)) continue;
    if (options.prune || outsideProfiles.has(name)) {
      report.removed.push(name);
      continue;
    }
    report.kept.push(name);
    sections.push({ name, lines: section.lines });
    const session = sessionReferences(section);
    if (session !== undefined && session !== sessionName) keptSessions.add(session);
  }
  sections.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const blockSections: string[][] = [];
  if (outsideSessions.has(sessionName)) report.sessionSkipped = true;
  else blockSections.push(sessionLines(document.session));
  for (const name of [...keptSessions].sort()) {
    const section = oldSessions.get(name);
    if (section && !outsideSessions.has(name)) blockSections.push(section.lines);
  }
  blockSections.push(...sections.map((s) => s.lines));

  const eol = lineEnding(text);
  const block = renderBlock(blockSections, eol);
  let merged: string;
  if (begin !== undefined && end !== undefined) {
    merged = text.slice(0, lines[begin]!.start) + block + text.slice(lines[end]!.contentEnd);
  } else if (text === '') {
    merged = `${block}${eol}`;
  } else {
    let prefix = text.endsWith('\n') ? text : `${text}${eol}`;
    if (!/\n\s*\n$/.test(prefix)) prefix += eol;
    merged = `${prefix}${block}${eol}`;
  }
  return { ok: true, text: merged, changed: merged !== existing, report };
}
