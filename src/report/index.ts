/** @module Public API of the audit report: the versioned document, its schema and the renderers. */

export { configLocator } from './config-locations.js';
export type { FailOn, ReportCheck, ReportDocument, ReportMeta, ReportResult, ReportSummary } from './document.js';
export {
  blockingResults,
  buildReport,
  exceedsThreshold,
  FAIL_ON_VALUES,
  REPORT_FORMAT_VERSION,
  ReportDocumentSchema,
  ReportResultSchema,
} from './document.js';
export { reportJsonSchema } from './json-schema.js';
export type { RenderOptions, ReportFormat } from './render.js';
export { REPORT_FORMATS, renderReport } from './render.js';
export { renderHtml } from './render-html.js';
export { renderJson } from './render-json.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown } from './render-md.js';
export { type ConfigLocation, renderSarif, type SarifOptions } from './render-sarif.js';
export { renderText, type TextOptions, type TextView } from './render-text.js';
