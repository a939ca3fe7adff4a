/**
 * @module Semantic rules of the config: small pure functions over the validated sections, each
 * returning problems (errors and warnings) with the path they are about. The schema checks each
 * value; these check how values relate (references, duplicates, dates, advice).
 */

import { principalNameKey } from '../model/principal-name.js';
import { permissionSetAdmin } from '../policy/index.js';
import { attestationExpiry, isoDay } from './dates.js';
import { suggest } from './did-you-mean.js';
import { normalizeSessionDuration, sessionDurationHours } from './duration.js';
import { formatPath } from './issues.js';
import { IAM_DEFAULT_POLICIES_PER_ROLE, KMS_KEY_ARN, MAX_POLICIES_PER_PERMISSION_SET } from './limits.js';
import { resolveManagedPolicy } from './managed-policy.js';
import { policySizeProblem } from './policy-grammar.js';
import type { ConfigSections } from './sections.js';
import { MANAGEMENT_TARGET, parseAccountTarget } from './targets.js';
import type { Path } from './yaml-source.js';

export interface RuleProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  path: Path;
  target?: 'value' | 'key';
}

export interface RuleContext {
  sections: ConfigSections;
  /** Inline policy documents by permission set name (written inline or read from their file). */
  inlinePolicies: ReadonlyMap<string, Record<string, unknown>>;
  /** Milliseconds since the epoch: "today" for expiry rules. */
  now: number;
  /** Check ids that exist; attestations, severity overrides and waivers must name one of them. */
  knownCheckIds?: ReadonlySet<string>;
}

export type Rule = (context: RuleContext) => RuleProblem[];

const error = (code: string, path: Path, message: string, target?: 'value' | 'key'): RuleProblem =>
  target ? { severity: 'error', code, message, path, target } : { severity: 'error', code, message, path };
const warning = (code: string, path: Path, message: string, target?: 'value' | 'key'): RuleProblem =>
  target ? { severity: 'warning', code, message, path, target } : { severity: 'warning', code, message, path };

function didYouMean(name: string, known: Iterable<string>): string {
  const hint = suggest(name, known);
  return hint ? `; did you mean \`${hint}\`?` : '';
}

/** Assignment principals and permission sets must be defined (principals: unless the IdP owns them). */
export const assignmentReferences: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  for (const { index, principal, permissionSet } of sections.assignments) {
    const at = ['assignments', index];
    if (permissionSet !== undefined && !sections.permissionSetNames.has(permissionSet)) {
      problems.push(
        error(
          'undefined-permission-set',
          [...at, 'permissionSet'],
          `${formatPath([...at, 'permissionSet'])}: permission set \`${permissionSet}\` is not defined under \`permissionSets:\`${didYouMean(permissionSet, sections.permissionSetNames)}`,
        ),
      );
    }
    if (principal === undefined || sections.identitySource === 'external') continue;
    const [type, ...rest] = principal.split(':');
    const name = rest.join(':');
    const known = type === 'group' ? sections.groupNames : sections.userKeys;
    if (!known.has(name)) {
      const section = type === 'group' ? 'groups' : 'users';
      problems.push(
        error(
          type === 'group' ? 'undefined-group' : 'undefined-user',
          [...at, 'principal'],
          `${formatPath([...at, 'principal'])}: ${type} \`${name}\` is not defined under \`${section}:\`${didYouMean(name, known)}`,
        ),
      );
    }
  }
  return problems;
};

/** Group members must be users, each listed once. With an external IdP, memberships are not ours. */
export const groupMembers: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  for (const [group, spec] of sections.groups) {
    if (sections.identitySource === 'external') {
      if (spec.members.length > 0) {
        problems.push(
          warning(
            'external-memberships',
            ['groups', group, 'members'],
            `groups.${group}.members: with \`identitySource: external\` your identity provider owns memberships; gatehouse only reads them and will not apply this list`,
            'key',
          ),
        );
      }
      continue;
    }
    const seen = new Set<string>();
    spec.members.forEach((member, index) => {
      const path = ['groups', group, 'members', index];
      if (seen.has(member)) {
        problems.push(
          error('duplicate-member', path, `${formatPath(path)}: \`${member}\` is listed twice in group \`${group}\``),
        );
        return;
      }
      seen.add(member);
      if (!sections.userKeys.has(member)) {
        problems.push(
          error(
            'undefined-user',
            path,
            `${formatPath(path)}: member \`${member}\` is not defined under \`users:\`${didYouMean(member, sections.userKeys)}`,
          ),
        );
      }
    });
  }
  return problems;
};

/**
 * User names are unique in the Identity Store, compared by the identity rule (`principalNameKey`:
 * case, Unicode form and look-alike letters ignored); shared emails are suspicious.
 */
export const uniqueUsers: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const byName = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const [key, user] of sections.users) {
    const userName = user.userName ?? key;
    const firstName = byName.get(principalNameKey(userName));
    if (firstName !== undefined) {
      const path = ['users', key, ...(user.userName ? ['userName'] : [])];
      problems.push(
        error(
          'duplicate-user-name',
          path,
          `${formatPath(path)}: user name \`${userName}\` is the same user name as \`users.${firstName}\` (case, Unicode form and look-alike letters are ignored); user names are unique in the Identity Store`,
          user.userName ? 'value' : 'key',
        ),
      );
    } else byName.set(principalNameKey(userName), key);
    if (user.email === undefined) continue;
    const firstEmail = byEmail.get(user.email.toLowerCase());
    if (firstEmail !== undefined) {
      problems.push(
        warning(
          'duplicate-email',
          ['users', key, 'email'],
          `users.${key}.email: \`${user.email}\` is also the email of \`users.${firstEmail}\`; is this the same person twice?`,
        ),
      );
    } else byEmail.set(user.email.toLowerCase(), key);
  }
  return problems;
};

/** Group display names are unique in the Identity Store, compared by the identity rule (as user names). */
export const uniqueGroups: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const byName = new Map<string, string>();
  for (const group of sections.groups.keys()) {
    const first = byName.get(principalNameKey(group));
    if (first === undefined) {
      byName.set(principalNameKey(group), group);
      continue;
    }
    problems.push(
      error(
        'duplicate-group-name',
        ['groups', group],
        `groups.${group}: \`${group}\` is the same group name as \`groups.${first}\` (case, Unicode form and look-alike letters are ignored); group names are unique in the Identity Store`,
        'key',
      ),
    );
  }
  return problems;
};

/** Without an email Identity Center sends no invitation: the person then needs a one-time password. */
export const usersWithoutEmail: Rule = ({ sections }) => {
  if (sections.identitySource === 'external') return [];
  const problems: RuleProblem[] = [];
  for (const [key, user] of sections.users) {
    if (user.email !== undefined) continue;
    problems.push(
      warning(
        'user-without-email',
        ['users', key],
        `users.${key}: no email, so Identity Center sends no invitation; an administrator must generate a one-time password in the console (an existing user keeps the email it has)`,
        'key',
      ),
    );
  }
  return problems;
};

/** Two rules that grant exactly the same thing are a copy-paste slip. */
export const duplicateAssignments: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, number>();
  for (const { index, rule } of sections.assignments) {
    if (!rule) continue;
    const key = JSON.stringify([
      rule.principal,
      rule.permissionSet,
      [...new Set(rule.accounts)].sort(),
      [...new Set(rule.exclude)].sort(),
    ]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        warning('duplicate-assignment', ['assignments', index], `assignments[${index}]: repeats assignments[${first}]`),
      );
    } else seen.set(key, index);
  }
  return problems;
};

/**
 * Account names that are not aliases resolve against the live organization at plan time; one that is
 * a near miss of an alias is most likely a typo.
 */
export const accountNameTypos: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const known = [...sections.accounts.keys(), MANAGEMENT_TARGET];
  for (const view of sections.assignments) {
    for (const list of ['accounts', 'exclude'] as const) {
      for (const { index: i, text } of view[list]) {
        const parsed = parseAccountTarget(text);
        if (!parsed.ok || parsed.target.kind !== 'name') continue;
        const name = parsed.target.name;
        if (known.includes(name)) continue;
        const hint = suggest(name, known);
        if (!hint) continue;
        const path = ['assignments', view.index, list, i];
        problems.push(
          warning(
            'unknown-account-name',
            path,
            `${formatPath(path)}: \`${name}\` is not an alias under \`accounts:\` (did you mean \`${hint}\`?); it will be looked up as a live account name`,
          ),
        );
      }
    }
  }
  return problems;
};

/** Two aliases for one id are allowed but usually a slip. */
export const duplicateAccountIds: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const byId = new Map<string, string>();
  for (const [alias, id] of sections.accounts) {
    const first = byId.get(id);
    if (first !== undefined) {
      problems.push(
        warning('duplicate-account-id', ['accounts', alias], `accounts.${alias}: ${id} is also \`${first}\``),
      );
    } else byId.set(id, alias);
  }
  return problems;
};

/** Whether a configured set could be an administrator (the policy evaluator's one definition). */
function isAdministrator(name: string, context: RuleContext): boolean {
  const spec = context.sections.permissionSets.get(name);
  if (!spec) return false;
  const arns = spec.policies.map((p) => resolveManagedPolicy(p)).flatMap((r) => (r.ok ? [r.arn] : []));
  const inline = context.inlinePolicies.get(name);
  // The boundary is left out: like the audit's count, this warning errs towards "could be an admin".
  return (
    permissionSetAdmin({
      managedPolicies: arns,
      customerManagedPolicies: [],
      inlinePolicy: inline === undefined ? null : JSON.stringify(inline),
      permissionsBoundary: null,
    }).admin !== 'no'
  );
}

/** Administrator sessions longer than the audit allows (audit.thresholds.adminSessionHours). */
export const adminSessionLength: Rule = (context) => {
  const problems: RuleProblem[] = [];
  const limit = context.sections.thresholds?.adminSessionHours;
  if (limit === undefined) return problems;
  for (const [name, spec] of context.sections.permissionSets) {
    if (!isAdministrator(name, context)) continue;
    const hours = sessionDurationHours(spec.sessionDuration);
    if (hours <= limit) continue;
    const path = ['permissionSets', name, 'sessionDuration'];
    problems.push(
      warning(
        'admin-session-too-long',
        path,
        `${formatPath(path)}: \`${name}\` grants administrator access for sessions of ${normalizeSessionDuration(spec.sessionDuration)}; the audit allows at most ${limit} hour(s) (audit.thresholds.adminSessionHours)`,
      ),
    );
  }
  return problems;
};

/** Policy counts (quota 20; IAM's default of 10 per role in each account), duplicates, inline size. */
export const permissionSetPolicies: Rule = ({ sections, inlinePolicies }) => {
  const problems: RuleProblem[] = [];
  for (const [name, spec] of sections.permissionSets) {
    const at = ['permissionSets', name];
    const arns = new Map<string, number>();
    spec.policies.forEach((reference, index) => {
      const resolved = resolveManagedPolicy(reference);
      if (!resolved.ok) return;
      const first = arns.get(resolved.arn);
      if (first !== undefined) {
        const path = [...at, 'policies', index];
        problems.push(warning('duplicate-policy', path, `${formatPath(path)}: the same policy as policies[${first}]`));
      } else arns.set(resolved.arn, index);
    });
    const customers = new Set<string>();
    spec.customerPolicies.forEach((policy, index) => {
      const key = `${policy.path}${policy.name}`;
      if (customers.has(key)) {
        const path = [...at, 'customerPolicies', index];
        problems.push(warning('duplicate-policy', path, `${formatPath(path)}: \`${key}\` is listed twice`));
      }
      customers.add(key);
    });
    const count = arns.size + customers.size;
    if (count > MAX_POLICIES_PER_PERMISSION_SET) {
      problems.push(
        error(
          'too-many-policies',
          at,
          `${formatPath(at)}: ${count} managed and customer policies; a permission set may have at most ${MAX_POLICIES_PER_PERMISSION_SET}`,
          'key',
        ),
      );
    } else if (count > IAM_DEFAULT_POLICIES_PER_ROLE) {
      problems.push(
        warning(
          'iam-policy-quota',
          at,
          `${formatPath(at)}: ${count} managed and customer policies; IAM allows ${IAM_DEFAULT_POLICIES_PER_ROLE} per role unless the quota is raised in every target account`,
          'key',
        ),
      );
    }
    const inline = inlinePolicies.get(name);
    const sizeProblem = inline ? policySizeProblem(inline) : undefined;
    if (sizeProblem) {
      const path = [...at, 'inlinePolicy'];
      problems.push(error('policy-too-large', path, `${formatPath(path)}: ${sizeProblem}`, 'key'));
    }
  }
  return problems;
};

/** A former name must not be a current name or another set's former name (the rename would be ambiguous). */
export const formerNames: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const claimedBy = new Map<string, string>();
  for (const [name, spec] of sections.permissionSets) {
    spec.formerNames.forEach((former, index) => {
      const path = ['permissionSets', name, 'formerNames', index];
      if (sections.permissionSetNames.has(former)) {
        const whose = former === name ? 'this set’s own name' : `the name of permission set \`${former}\``;
        problems.push(error('former-name-conflict', path, `${formatPath(path)}: \`${former}\` is ${whose}`));
        return;
      }
      const other = claimedBy.get(former);
      if (other !== undefined && other !== name) {
        problems.push(
          error(
            'former-name-conflict',
            path,
            `${formatPath(path)}: \`${former}\` is also a former name of \`${other}\``,
          ),
        );
        return;
      }
      claimedBy.set(former, name);
    });
  }
  return problems;
};

function unknownCheck(checkId: string, path: Path, known: ReadonlySet<string>, target?: 'value' | 'key'): RuleProblem {
  return error(
    'unknown-check',
    path,
    `${formatPath(path)}: there is no check \`${checkId}\`${didYouMean(checkId, known)}`,
    target,
  );
}

/** Attestations: a known check, dated in the past, expiring after they were made; expired ones warn. */
export const attestations: Rule = ({ sections, now, knownCheckIds }) => {
  const problems: RuleProblem[] = [];
  const today = isoDay(now);
  const tomorrow = isoDay(now + 86_400_000);
  for (const [checkId, attestation] of sections.attestations) {
    const at = ['attestations', checkId];
    if (knownCheckIds && !knownCheckIds.has(checkId)) {
      problems.push(unknownCheck(checkId, at, knownCheckIds, 'key'));
      continue;
    }
    if (attestation.on > tomorrow) {
      problems.push(
        error(
          'attestation-in-future',
          [...at, 'on'],
          `${formatPath([...at, 'on'])}: ${attestation.on} is in the future`,
        ),
      );
    }
    const expires = attestationExpiry(attestation);
    if (attestation.expires !== undefined && attestation.expires <= attestation.on) {
      problems.push(
        error(
          'invalid-expiry',
          [...at, 'expires'],
          `${formatPath([...at, 'expires'])}: ${attestation.expires} is not after the attestation date ${attestation.on}`,
        ),
      );
    } else if (expires < today) {
      problems.push(
        warning(
          'attestation-expired',
          at,
          `${formatPath(at)}: the attestation by ${attestation.by} expired on ${expires}; the check counts as manual again until someone re-verifies it`,
          'key',
        ),
      );
    }
  }
  return problems;
};

/** Severity overrides and waivers name known checks; an expired waiver no longer applies (warning). */
export const auditSettings: Rule = ({ sections, now, knownCheckIds }) => {
  const problems: RuleProblem[] = [];
  const today = isoDay(now);
  if (knownCheckIds) {
    for (const checkId of sections.severity.keys()) {
      if (!knownCheckIds.has(checkId))
        problems.push(unknownCheck(checkId, ['audit', 'severity', checkId], knownCheckIds, 'key'));
    }
  }
  sections.waivers.forEach(({ index, waiver }) => {
    const at = ['audit', 'waivers', index];
    if (knownCheckIds && !knownCheckIds.has(waiver.check)) {
      problems.push(unknownCheck(waiver.check, [...at, 'check'], knownCheckIds));
    }
    if (waiver.expires < today) {
      problems.push(
        warning(
          'waiver-expired',
          [...at, 'expires'],
          `${formatPath([...at, 'expires'])}: the waiver expired on ${waiver.expires} and no longer applies; renew it or fix the finding`,
        ),
      );
    }
  });
  return problems;
};

/** Identity Center choices that work but are not what the baseline recommends. */
export const identityCenterAdvice: Rule = ({ sections }) => {
  const problems: RuleProblem[] = [];
  const ic = sections.identityCenter;
  if (!ic) return problems;
  if (ic.instance === 'account') {
    problems.push(
      warning(
        'account-instance',
        ['identityCenter', 'instance'],
        'identityCenter.instance: an account instance cannot assign permission sets across the organization; `organization` is recommended',
      ),
    );
  }
  if (!ic.requireMfa) {
    problems.push(
      warning(
        'mfa-not-required',
        ['identityCenter', 'requireMfa'],
        'identityCenter.requireMfa: sign-ins without MFA are not recommended; the baseline requires MFA',
      ),
    );
  }
  if (typeof ic.encryption === 'object' && ic.region) {
    const keyRegion = KMS_KEY_ARN.exec(ic.encryption.customerManagedKey)?.[2];
    if (keyRegion && keyRegion !== ic.region) {
      const path = ['identityCenter', 'encryption', 'customerManagedKey'];
      problems.push(
        warning(
          'kms-key-region',
          path,
          `${formatPath(path)}: the key is in ${keyRegion} but Identity Center is in ${ic.region}; it must be in the instance's region (or a multi-Region replica there)`,
        ),
      );
    }
  }
  return problems;
};

export const RULES: readonly Rule[] = [
  assignmentReferences,
  groupMembers,
  uniqueUsers,
  uniqueGroups,
  usersWithoutEmail,
  duplicateAssignments,
  accountNameTypos,
  duplicateAccountIds,
  adminSessionLength,
  permissionSetPolicies,
  formerNames,
  attestations,
  auditSettings,
  identityCenterAdvice,
];

export function runRules(context: RuleContext, rules: readonly Rule[] = RULES): RuleProblem[] {
  return rules.flatMap((rule) => rule(context));
}
