/** @module One entry point for every report format: document → string, pure. */

import type { ReportDocument } from './document.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-md.js';
import { renderSarif, type SarifOptions } from './render-sarif.js';
import { renderText, type TextView } from './render-text.js';

export type ReportFormat = 'text' | 'json' | 'md' | 'junit' | 'html' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'junit', 'html', 'sarif'];

export interface RenderOptions {
  /** ANSI colours in the text format (ignored by the others). Default false. */
  color?: boolean;
  /** Which results the text format lists (default `all`; see `renderText`). */
  view?: TextView;
  /** SARIF: where a finding sits in the config (see config-locations.ts). */
  locate?: SarifOptions['locate'];
}

/**
 * Renders the report document in one of the formats of `gatehouse audit --format`.
 *
 * @example
 * ctx.out(renderReport(report, 'text', { color: ctx.stdoutColor }));
 */
export function renderReport(report: ReportDocument, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(report, { color: options.color === true, view: options.view ?? 'all' });
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'junit':
      return renderJunit(report);
    case 'html':
      return renderHtml(report);
    case 'sarif':
      return renderSarif(report, options.locate ? { locate: options.locate } : {});
  }
}
