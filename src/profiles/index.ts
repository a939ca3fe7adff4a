/** @module `profiles`: AWS CLI profiles from the config or the live state, and the comment-preserving merge into ~/.aws/config (pure; the command does the I/O). */

export {
  type BuildProfilesOptions,
  buildProfiles,
  type ProfileSpec,
  type ProfilesDocument,
  profileLines,
  SSO_REGISTRATION_SCOPES,
  type SsoSessionSpec,
  sessionLines,
} from './generate.js';
export {
  BEGIN_MARKER,
  END_MARKER,
  lineEnding,
  type MergeReport,
  type MergeResult,
  mergeProfilesBlock,
  parseSectionHeader,
  renderProfilesBlock,
  type SectionHeader,
} from './ini-block.js';
export {
  assignProfileNames,
  DEFAULT_NAME_PATTERN,
  type NameFields,
  nameKey,
  PROFILE_TOKENS,
  patternProblem,
  profileName,
  sanitizeProfileName,
} from './names.js';
