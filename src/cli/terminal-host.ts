/** @module The CLI's host: library events rendered on stderr (a live bar on a terminal, plain lines otherwise) and questions asked on the terminal. */

import type { ConfirmQuestion, GatehouseEvent, Host } from '../events/events.js';
import { visibleKeepingLines } from '../util/visible-text.js';
import { terminalText } from './terminal-text.js';

/** `file:line:col: warning: …` (formatDiagnostic's shape). */
const DIAGNOSTIC_WARNING = /^\S+: warning: /;
export interface TerminalHostOptions {
  stream: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean; columns?: number };
  color: boolean;
  quiet: boolean;
  debug: boolean;
  interactive: boolean;
  /** For tests: the current time in ms (plain-line progress is throttled by it). */
  now?: () => number;
}

const PLAIN_PROGRESS_INTERVAL_MS = 5_000;

/** Data inside an event (names in messages and addresses): no escape sequence of its own, whatever it holds. */
const safe = (text: string): string => visibleKeepingLines(text);

export function createTerminalHost(options: TerminalHostOptions): Host {
  const { stream, color, quiet, debug, interactive } = options;
  const now = options.now ?? Date.now;
  const live = interactive && Boolean(stream.isTTY);
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
  let barShown = false;
  const lastPlain = new Map<string, number>();

  const write = (text: string) => {
    if (barShown) {
      stream.write('\r\u001b[2K');
      barShown = false;
    }
    stream.write(terminalText(text));
  };

  const renderBar = (e: Extract<GatehouseEvent, { type: 'progress' }>) => {
    const width = 24;
    const ratio = e.total > 0 ? Math.min(1, e.done / e.total) : 0;
    const filled = Math.round(ratio * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const eta = e.etaSeconds !== undefined && e.done < e.total ? ` ETA ${formatDuration(e.etaSeconds)}` : '';
    const text = `${e.task} ${bar} ${e.done}/${e.total}${eta}${e.message ? ` ${e.message}` : ''}`;
    const columns = 'columns' in stream && stream.columns ? stream.columns : 100;
    stream.write(`\r\u001b[2K${terminalText(visibleKeepingLines(text).slice(0, columns - 1))}`);
    barShown = e.done < e.total;
    if (!barShown) stream.write('\n');
  };

  return {
    emit(event: GatehouseEvent) {
      switch (event.type) {
        case 'log':
          if (event.level === 'debug' && !debug) return;
          if (quiet && event.level !== 'warn') return;
          // A config diagnostic already reads `file:line:col: warning: …`: no second "warning:".
          if (event.level === 'warn' && DIAGNOSTIC_WARNING.test(event.message)) write(`${safe(event.message)}\n`);
          else if (event.level === 'warn') write(`${paint(33, 'warning:')} ${safe(event.message)}\n`);
          else if (event.level === 'debug') write(`${paint(90, `debug: ${safe(event.message)}`)}\n`);
          else write(`${safe(event.message)}\n`);
          return;
        case 'phase':
          if (quiet || !event.message) return;
          if (event.status === 'start' || debug) write(`${paint(90, safe(event.message))}\n`);
          return;
        case 'progress': {
          if (quiet) return;
          if (live) return renderBar(event);
          const last = lastPlain.get(event.task) ?? 0;
          const finished = event.done >= event.total;
          if (!finished && now() - last < PLAIN_PROGRESS_INTERVAL_MS) return;
          lastPlain.set(event.task, now());
          const eta = event.etaSeconds !== undefined && !finished ? `, ETA ${formatDuration(event.etaSeconds)}` : '';
          write(`${safe(event.task)}: ${event.done}/${event.total}${eta}\n`);
          return;
        }
        case 'action': {
          if (event.status === 'failed') {
            write(`${paint(31, '✗')} ${safe(event.address)}${event.message ? `: ${safe(event.message)}` : ''}\n`);
            return;
          }
          if (quiet) return;
          if (event.status === 'done')
            write(`${paint(32, '✓')} ${safe(event.address)}${event.message ? ` ${safe(event.message)}` : ''}\n`);
          else if (event.status === 'retry' && debug)
            write(`${paint(90, `retry ${safe(event.address)}: ${safe(event.message ?? '')}`)}\n`);
          else if (event.status === 'skipped')
            write(`${paint(90, `- ${safe(event.address)}: ${safe(event.message ?? 'skipped')}`)}\n`);
          return;
        }
      }
    },
    async confirm(question: ConfirmQuestion) {
      if (!interactive) return question.defaultAnswer;
      for (const line of question.details ?? []) write(`${line}\n`);
      const { confirm, isCancel } = await import('@clack/prompts');
      const answer = await confirm({
        message: terminalText(safe(question.message)),
        initialValue: false,
        output: process.stderr,
      });
      return !isCancel(answer) && answer === true;
    },
  };
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
