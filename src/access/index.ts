/** @module `access`: who can reach which account with which permission set, from the live state or the config, and its renderings. */

export {
  computeConfigAccess,
  computeLiveAccess,
  configAccessFacts,
  DEFAULT_SSO_SESSION,
  liveAccessFacts,
} from './compute.js';
export { type AccessEntry, type AccessUser, type AccessView, compareEntries, portalUrlOf } from './model.js';
export { type OnboardingOptions, renderOnboarding } from './onboarding.js';
export { ACCESS_CSV_HEADER, csvField, noFormula, renderAccessCsv } from './render-csv.js';
export { renderAccessHtml } from './render-html.js';
export { ACCESS_FORMAT, ACCESS_FORMAT_VERSION, renderAccessJson } from './render-json.js';
export { renderAccessText } from './render-text.js';
export { findUser, viewForUser } from './select-user.js';
