/**
 * @module What `gatehouse init` writes besides the config: the GitHub workflow (PR: validate + plan
 * comment; default branch: apply the reviewed plan; schedule: drift) and a CloudFormation template
 * for GitHub OIDC with a read-only plan role and a branch-bound apply role. Pure text builders.
 */

import { stringify } from 'yaml';

export interface InitChoices {
  /** owner/name of the GitHub repository the roles trust. */
  repository: string;
  defaultBranch: string;
  /** A GitHub environment the apply job runs in (its protection rules gate apply); optional. */
  environment?: string;
  config: string;
  /** The gatehouse-aws version the workflow pins. */
  version: string;
  /** The Identity Center region (where the roles are used from; IAM itself is global). */
  region: string;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The template's logical ids, named in the workflow and the docs. */
export const PLAN_ROLE = 'GatehousePlanRole';
export const APPLY_ROLE = 'GatehouseApplyRole';
export const OIDC_PROVIDER = 'GitHubOidcProvider';

type Policy = { Version: string; Statement: unknown[] };

function trust(subjects: { StringLike?: string[]; StringEquals?: string[] }) {
  const audience = { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' };
  const subject = subjects.StringEquals
    ? { StringEquals: { ...audience, [`${GITHUB_OIDC_HOST}:sub`]: subjects.StringEquals } }
    : { StringEquals: audience, StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subjects.StringLike } };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: { Ref: OIDC_PROVIDER } },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: subject,
      },
    ],
  };
}

/**
 * CloudFormation in long form (`Ref:`, `Fn::GetAtt:`), so any YAML parser reads it. The apply role
 * trusts only the default branch, or only the named environment when there is one (GitHub then
 * puts `environment:NAME` in the token's subject instead of the ref).
 */
export function rolesTemplate(choices: InitChoices, policies: { audit: Policy; apply: Policy }): string {
  const repo = `repo:${choices.repository}`;
  const applySubject = choices.environment
    ? `${repo}:environment:${choices.environment}`
    : `${repo}:ref:refs/heads/${choices.defaultBranch}`;
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `gatehouse CI roles for ${choices.repository}: GitHub OIDC, a read-only plan role for any branch, an apply role for ${choices.environment ? `the ${choices.environment} environment` : `${choices.defaultBranch} only`}.`,
    Resources: {
      [OIDC_PROVIDER]: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { Url: `https://${GITHUB_OIDC_HOST}`, ClientIdList: ['sts.amazonaws.com'] },
      },
      [PLAN_ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description:
            'gatehouse plan, audit and drift from any branch or pull request: read-only (gatehouse permissions --for audit).',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trust({ StringLike: [`${repo}:*`] }),
          Policies: [{ PolicyName: 'gatehouse-audit', PolicyDocument: policies.audit }],
        },
      },
      [APPLY_ROLE]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Description: `gatehouse apply, only from ${applySubject} (gatehouse permissions --for apply).`,
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trust({ StringEquals: [applySubject] }),
          Policies: [{ PolicyName: 'gatehouse-apply', PolicyDocument: policies.apply }],
        },
      },
    },
    Outputs: {
      PlanRoleArn: { Value: { 'Fn::GetAtt': [PLAN_ROLE, 'Arn'] } },
      ApplyRoleArn: { Value: { 'Fn::GetAtt': [APPLY_ROLE, 'Arn'] } },
    },
  };
  return `# Deploy: aws cloudformation deploy --template-file ci/gatehouse-roles.cfn.yaml --stack-name gatehouse-ci --capabilities CAPABILITY_IAM
# Then set the repository variables GATEHOUSE_PLAN_ROLE_ARN and GATEHOUSE_APPLY_ROLE_ARN from the stack outputs.
# An account can have one OIDC provider per URL: remove ${OIDC_PROVIDER} and use the existing one's ARN if you have it already.
${stringify(template, { lineWidth: 0 })}`;
}

/** A GitHub expression (`${{ … }}`), written so that it is plainly not a JavaScript template. */
function expression(inner: string): string {
  return ['$', '{{ ', inner, ' }}'].join('');
}

/** The workflow: PR plan with one comment, apply of the reviewed plan on the default branch, a daily drift check. */
export function workflow(choices: InitChoices): string {
  const action = `gatehouse-aws@${choices.version}`;
  const credentials = (role: string) => ({
    uses: 'aws-actions/configure-aws-credentials@v4',
    with: { 'role-to-assume': expression(`vars.${role}`), 'aws-region': choices.region },
  });
  const setup = [{ uses: 'actions/checkout@v4' }, { uses: 'actions/setup-node@v4', with: { 'node-version': 20 } }];
  const gatehouse = (args: string) => ({
    run: `npx -y ${action} ci github ${args} -c ${choices.config}`,
    env: { GITHUB_TOKEN: expression('github.token'), GATEHOUSE_PLAN_KEY: expression('secrets.GATEHOUSE_PLAN_KEY') },
  });
  const doc = {
    name: 'gatehouse',
    on: {
      pull_request: { paths: [choices.config] },
      push: { branches: [choices.defaultBranch], paths: [choices.config] },
      schedule: [{ cron: '17 6 * * *' }],
      workflow_dispatch: {},
    },
    permissions: { contents: 'read', 'id-token': 'write', 'pull-requests': 'write', issues: 'write', actions: 'read' },
    concurrency: { group: `gatehouse-${expression('github.ref')}`, 'cancel-in-progress': false },
    jobs: {
      plan: {
        if: "github.event_name == 'pull_request'",
        'runs-on': 'ubuntu-latest',
        steps: [
          ...setup,
          { name: 'Validate (problems show inline on the diff)', ...gatehouse('validate') },
          credentials('GATEHOUSE_PLAN_ROLE_ARN'),
          { name: 'Plan (summary + one PR comment)', ...gatehouse('plan --plan-file gatehouse-plan.json') },
          {
            uses: 'actions/upload-artifact@v4',
            with: { name: 'gatehouse-plan', path: 'gatehouse-plan.json', 'retention-days': 30 },
          },
        ],
      },
      apply: {
        if: `github.event_name == 'push'`,
        'runs-on': 'ubuntu-latest',
        ...(choices.environment ? { environment: choices.environment } : {}),
        steps: [
          ...setup,
          // gatehouse finds the merged PR of this commit and the plan its comment recorded (exit 4
          // when there is none); the download only fetches that run's artifact: apply then refuses
          // any file whose checksum is not the reviewed one.
          { id: 'reviewed', name: 'Find the plan reviewed on the merged pull request', ...gatehouse('reviewed-plan') },
          {
            name: 'Download that plan',
            uses: 'actions/download-artifact@v4',
            with: {
              name: 'gatehouse-plan',
              'run-id': expression('steps.reviewed.outputs.run-id'),
              'github-token': expression('github.token'),
            },
          },
          credentials('GATEHOUSE_APPLY_ROLE_ARN'),
          { name: 'Apply exactly the reviewed plan', ...gatehouse('apply --plan-file gatehouse-plan.json') },
        ],
      },
      drift: {
        if: "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
        'runs-on': 'ubuntu-latest',
        steps: [
          ...setup,
          credentials('GATEHOUSE_PLAN_ROLE_ARN'),
          { name: 'Drift and audit (one issue, closed when clean)', ...gatehouse('drift') },
        ],
      },
    },
  };
  return `# Written by gatehouse init. Docs: https://www.npmjs.com/package/gatehouse-aws (docs/ci.md)\n${stringify(doc, { lineWidth: 0 })}`;
}
