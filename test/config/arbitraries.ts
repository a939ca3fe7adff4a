/**
 * @module fast-check arbitraries of valid written configs: every section, names in several scripts,
 * strings YAML likes to misread (`null`, `0x1F`, `# x`, leading spaces, line breaks), account ids
 * with leading zeros, and references that always resolve.
 */

import fc from 'fast-check';
import type { WrittenConfig } from '../../src/config/index.js';

const chars = (alphabet: string) => fc.constantFrom(...Array.from(alphabet));
const word = (alphabet: string, min: number, max: number) =>
  fc.array(chars(alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßñ';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщэюяАБВГД';
const CJK = '開発運用管理者田中山本';
const DIGITS = '0123456789';

/** Strings YAML would turn into something else if written plainly. */
const TRICKY = [
  'null',
  'true',
  'no',
  '~',
  '123',
  '0x1F',
  '1e3',
  '.inf',
  '# not a comment',
  'a: b',
  '- item',
  '[x]',
  '{y}',
  '*alias',
  '&anchor',
  '!tag',
  '@at',
  '`tick`',
  "it's",
  '"quoted"',
  '%percent',
  '2026-11-20',
  '012345678901',
];

/** Free text: ASCII and Latin-1 (valid for permission set descriptions too), sometimes tricky, sometimes multi-line. */
const text = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: word(`${LATIN.slice(0, 52)}${DIGITS} .,/-_:#'"!?()&éü`, 1, max) },
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(word(LATIN.slice(0, 52), 1, 10), word(LATIN.slice(0, 52), 1, 10))
        .map(([a, b]) => `${a}\n${b}`),
    },
    { weight: 1, arbitrary: fc.tuple(word(LATIN.slice(0, 52), 1, 10)).map(([a]) => `  ${a}\twith tab `) },
  );

/** A name in one script (mixing look-alike scripts is refused by design), optionally of several words. */
const scriptName = (max: number, words = 1) =>
  fc
    .oneof(
      { weight: 4, arbitrary: fc.constant({ first: LATIN, rest: `${LATIN}${DIGITS}._-` }) },
      { weight: 1, arbitrary: fc.constant({ first: CYRILLIC, rest: CYRILLIC }) },
      { weight: 1, arbitrary: fc.constant({ first: CJK, rest: CJK }) },
    )
    .chain(({ first, rest }) =>
      fc
        .array(
          fc.tuple(chars(first), word(rest, 0, max - 1)).map(([a, b]) => a + b),
          { minLength: 1, maxLength: words },
        )
        .map((parts) => parts.join(' ')),
    );

const permissionSetName = fc
  .tuple(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), word('abcdefghijklmnopqrstuvwxyz0123456789_+=,.@-', 0, 20))
  .map(([a, b]) => a + b);

const groupName = scriptName(12, 2).filter((n) => !['administrator', 'awsadministrators'].includes(n.toLowerCase()));
const userKey = scriptName(16).filter((n) => !['administrator', 'awsadministrators'].includes(n.toLowerCase()));
const identityText = fc.oneof(scriptName(20), fc.constantFrom('O’Brien', 'van der Berg', 'Zoë', 'Null', 'True'));
const email = fc
  .tuple(word('abcdefghijklmnopqrstuvwxyz0123456789.+', 1, 10), word('abcdefghij', 1, 8))
  .map(([a, d]) => `${a}@${d}.example`);
const accountId = word(DIGITS, 12, 12);
const date = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const checkId = fc
  .tuple(word('abcdefghijklmnopqrstuvwxyz', 2, 8), word('abcdefghijklmnopqrstuvwxyz-', 1, 12))
  .map(([a, b]) => `${a}.${b.replace(/^-+/, 'x')}`);
const sessionDuration = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((h) => `PT${h}H`),
  fc.integer({ min: 60, max: 720 }).map((m) => `PT${m}M`),
  fc.tuple(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 59 })).map(([h, m]) => `PT${h}H${m}M`),
);
const managedPolicy = fc.constantFrom(
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/SecurityAudit',
  'arn:aws:iam::aws:policy/service-role/AWSConfigRole',
);
const customerPolicy = fc.record(
  { name: word('ABCDEFGHIJabcdefghij0123456789_-', 1, 20), path: fc.constantFrom('/', '/team/', '/a/b/') },
  { requiredKeys: ['name'] },
);
const action = fc.constantFrom('*', 's3:GetObject', 'ec2:Describe*', 'iam:*', 'sts:AssumeRole', 'kms:Decrypt');
const resource = fc.constantFrom('*', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::123456789012:role/x');
const statement = fc
  .record({
    Sid: fc.option(word('ABCDEFGHIJ0123456789', 1, 8), { nil: undefined }),
    Effect: fc.constantFrom('Allow', 'Deny'),
    actions: fc.oneof(action, fc.array(action, { minLength: 1, maxLength: 4 })),
    notAction: fc.boolean(),
    resources: fc.oneof(resource, fc.array(resource, { minLength: 1, maxLength: 3 })),
    notResource: fc.boolean(),
    condition: fc.option(
      fc.record({
        StringEquals: fc.dictionary(
          fc.constantFrom('aws:PrincipalTag/team', 'aws:RequestedRegion'),
          fc.oneof(text(10), fc.array(text(8), { minLength: 1, maxLength: 3 })),
        ),
        Bool: fc.constant({ 'aws:MultiFactorAuthPresent': true }),
      }),
      { nil: undefined },
    ),
  })
  .map((s) => {
    const result: Record<string, unknown> = { Effect: s.Effect };
    if (s.Sid !== undefined) result.Sid = s.Sid;
    result[s.notAction ? 'NotAction' : 'Action'] = s.actions;
    result[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
    if (s.condition) result.Condition = s.condition;
    return result;
  });
const policyDocument = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) => ({
  Version: '2012-10-17' as const,
  // Sids must be unique within a policy.
  Statement: statements.map((s, i) => (s.Sid === undefined ? s : { ...s, Sid: `${s.Sid}${i}` })),
}));

const permissionSet = fc.record(
  {
    description: text(60),
    sessionDuration,
    relayState: fc.constantFrom('https://console.aws.amazon.com/', 'https://example.com/start?x=1&y=2'),
    policies: fc.uniqueArray(managedPolicy, { maxLength: 4 }),
    customerPolicies: fc.uniqueArray(customerPolicy, { maxLength: 3, selector: (p) => `${p.path ?? '/'}${p.name}` }),
    inlinePolicy: policyDocument,
    permissionsBoundary: fc.oneof(
      managedPolicy.map((policy) => ({ policy })),
      customerPolicy.map((customerPolicy) => ({ customerPolicy })),
    ),
    tags: fc.dictionary(word('abcdefghij', 1, 8), fc.oneof(word('abcdef0123 ', 0, 10), fc.constant(''))),
    managed: fc.boolean(),
  },
  { requiredKeys: [] },
);

const contact = fc.record({
  name: word(LATIN.slice(0, 52), 1, 20),
  title: word(LATIN.slice(0, 52), 1, 20),
  email,
  phone: word('0123456789 +()-', 1, 20).filter((p) => /\d/.test(p)),
});

export const writtenConfig: fc.Arbitrary<WrittenConfig> = fc
  .record({
    permissionSetNames: fc.uniqueArray(permissionSetName, { maxLength: 4 }),
    permissionSetSpecs: fc.array(permissionSet, { minLength: 4, maxLength: 4 }),
    userKeys: fc.uniqueArray(userKey, { maxLength: 4, selector: (k) => k.toLowerCase() }),
    userSpecs: fc.array(
      fc.record({
        email,
        givenName: identityText,
        familyName: identityText,
        displayName: fc.option(identityText, { nil: undefined }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
    groupNames: fc.uniqueArray(groupName, { maxLength: 3 }),
    groupDescriptions: fc.array(fc.option(identityText, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    aliases: fc.uniqueArray(
      fc.tuple(
        word('abcdefghij', 1, 8).map((a) => `acct-${a}`),
        accountId,
      ),
      { maxLength: 3, selector: ([a]) => a },
    ),
    ouPaths: fc.array(
      fc.array(
        word('ABCDEFGHIJabcdefghij ', 1, 10).map((s) => s.trim() || 'OU'),
        { minLength: 1, maxLength: 3 },
      ),
      { maxLength: 2 },
    ),
    tagTargets: fc.array(fc.tuple(word('abcdef', 1, 5), word('abcdef0123', 0, 5)), { maxLength: 2 }),
    ruleSeeds: fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 2 }),
      ),
      { maxLength: 4 },
    ),
    attestations: fc.dictionary(
      checkId,
      fc.record(
        {
          by: identityText,
          on: date('2025-01-01', '2026-11-28'),
          note: text(40),
          expiresInDays: fc.integer({ min: 1, max: 400 }),
        },
        { requiredKeys: ['by', 'on'] },
      ),
      { maxKeys: 3 },
    ),
    root: fc.option(
      fc.record(
        {
          mfa: fc.constantFrom('required' as const, 'hardware' as const),
          accessKeys: fc.constant('forbidden' as const),
          maxDaysSinceLastUse: fc.integer({ min: 1, max: 3650 }),
          centralizedManagement: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    organization: fc.option(
      fc.record(
        {
          featureSet: fc.constant('ALL' as const),
          memberAccessRole: fc.constantFrom('OrganizationAccountAccessRole', 'Audit-Role'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    contacts: fc.option(fc.record({ security: contact, operations: contact, billing: contact }, { requiredKeys: [] }), {
      nil: undefined,
    }),
    identityCenter: fc.option(
      fc.record(
        {
          region: fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
          instance: fc.constantFrom('organization' as const, 'account' as const),
          encryption: fc.oneof(
            fc.constant('aws-owned-key' as const),
            fc.constant({ customerManagedKey: 'arn:aws:kms:eu-west-1:111111111111:key/abcd-1234' }),
          ),
          requireMfa: fc.boolean(),
          portalUrl: fc.constant('https://my-org.awsapps.com/start'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    audit: fc.option(
      fc.record(
        {
          severity: fc.dictionary(checkId, fc.constantFrom('critical', 'high', 'medium', 'low', 'info'), {
            maxKeys: 2,
          }),
          thresholds: fc.record(
            {
              adminSessionHours: fc.integer({ min: 1, max: 12 }),
              maxAdmins: fc.integer({ min: 1, max: 20 }),
              unusedCredentialDays: fc.integer({ min: 1, max: 365 }),
              accessKeyMaxAgeDays: fc.integer({ min: 1, max: 365 }),
              passwordMinLength: fc.integer({ min: 6, max: 128 }),
              passwordReusePrevention: fc.integer({ min: 1, max: 24 }),
            },
            { requiredKeys: [] },
          ),
          waivers: fc.array(
            fc.record(
              {
                check: checkId,
                account: accountId,
                resource: text(20),
                reason: text(40),
                expires: date('2026-01-01', '2028-12-31'),
              },
              { requiredKeys: ['check', 'reason', 'expires'] },
            ),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    profiles: fc.option(
      fc.record(
        {
          namePattern: fc.constantFrom('{account}-{permissionSet}', '{accountId}/{permissionSet}', 'static'),
          region: fc.constantFrom('eu-west-1', 'us-west-2'),
          sessionName: fc.constantFrom('gatehouse', 'corp.sso'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  })
  .map((g) => {
    const config: WrittenConfig = { version: 1 };
    const optional = {
      root: g.root,
      organization: g.organization,
      contacts: g.contacts,
      identityCenter: g.identityCenter,
      audit: g.audit,
      profiles: g.profiles,
    };
    for (const [key, value] of Object.entries(optional))
      if (value !== undefined) Object.assign(config, { [key]: value });
    if (g.permissionSetNames.length > 0) {
      config.permissionSets = Object.fromEntries(
        g.permissionSetNames.map((name, i) => [name, g.permissionSetSpecs[i]!]),
      ) as WrittenConfig['permissionSets'];
    }
    if (g.userKeys.length > 0) {
      config.users = Object.fromEntries(
        g.userKeys.map((key, i) => {
          const { displayName, ...user } = g.userSpecs[i]!;
          return [key, displayName === undefined ? user : { ...user, displayName }];
        }),
      );
    }
    if (g.groupNames.length > 0) {
      config.groups = Object.fromEntries(
        g.groupNames.map((name, i) => {
          const members = g.userKeys.filter((_, u) => (u + i) % 2 === 0);
          const description = g.groupDescriptions[i];
          return [name, description === undefined ? { members } : { description, members }];
        }),
      );
    }
    if (g.aliases.length > 0) config.accounts = Object.fromEntries(g.aliases);
    const principals = [...g.groupNames.map((n) => `group:${n}`), ...g.userKeys.map((k) => `user:${k}`)];
    const targets = [
      'management',
      'all',
      ...g.aliases.flat(),
      ...g.ouPaths.map((segments) => `ou:/${segments.join('/')}`),
      ...g.tagTargets.map(([k, v]) => `tag:${k}=${v}`),
    ];
    if (principals.length > 0 && g.permissionSetNames.length > 0 && g.ruleSeeds.length > 0) {
      config.assignments = g.ruleSeeds.map(([p, s, withExclude, include, exclude]) => {
        const rule = {
          principal: principals[p % principals.length]!,
          permissionSet: g.permissionSetNames[s % g.permissionSetNames.length]!,
          accounts: include.map((t) => targets[t % targets.length]!),
        };
        const excluded = exclude.map((t) => targets[t % targets.length]!).filter((t) => t !== 'all');
        return withExclude && excluded.length > 0 ? { ...rule, exclude: excluded } : rule;
      });
    }
    if (Object.keys(g.attestations).length > 0) {
      config.attestations = Object.fromEntries(
        Object.entries(g.attestations).map(([id, { expiresInDays, ...a }]) => {
          if (expiresInDays === undefined) return [id, a];
          const expires = new Date(Date.parse(`${a.on}T00:00:00Z`) + expiresInDays * 86_400_000)
            .toISOString()
            .slice(0, 10);
          return [id, { ...a, expires }];
        }),
      );
    }
    return config;
  });
