import { CFN_POLICY_PROPERTIES, CFN_SPEC_SOURCE, TERRAFORM_POLICY_ATTRIBUTES } from '@iam-mfa-lint/core';

/** Properties read by hand besides the tables (cloudformation.ts, terraform.ts). */
const CFN_BY_HAND: ReadonlyArray<readonly [string, string, string]> = [
  ['AWS::IAM::Role', 'Policies[].PolicyDocument', 'identity'],
  ['AWS::IAM::User', 'Policies[].PolicyDocument', 'identity'],
  ['AWS::IAM::Group', 'Policies[].PolicyDocument', 'identity'],
  ['AWS::Serverless::Function', 'Policies (inline statements)', 'identity'],
  ['AWS::Serverless::StateMachine', 'Policies (inline statements)', 'identity'],
];
const TF_BY_HAND: ReadonlyArray<readonly [string, string, string]> = [
  ['aws_iam_role', 'inline_policy[].policy', 'identity'],
  ['module (any)', 'arguments named like `*polic*` that hold a Statement', 'from its content'],
  [
    'module (any)',
    '`policy_statements`, `*_policy_permissions`: maps of statement objects',
    'trust (`trust_policy_permissions`), identity',
  ],
];

function rows(
  table: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>,
  byHand: ReadonlyArray<readonly [string, string, string]>,
): Array<readonly [string, string, string]> {
  const out: Array<readonly [string, string, string]> = [];
  for (const type of Object.keys(table)) for (const [attr, kind] of table[type]!) out.push([type, attr, kind]);
  out.push(...byHand);
  return out.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
}

/**
 * `--list-inputs`: every resource type and attribute the readers take policy documents from, as
 * the Markdown tables that docs/inputs/README.md holds (tests/inputs-list.test.ts keeps them equal).
 */
export function formatInputList(): string {
  const cfn = rows(CFN_POLICY_PROPERTIES, CFN_BY_HAND);
  const tf = rows(TERRAFORM_POLICY_ATTRIBUTES, TF_BY_HAND);
  const table = (head: string, r: Array<readonly [string, string, string]>) => [
    `| ${head} | Property | Policy kind |`,
    '| --- | --- | --- |',
    ...r.map(([t, a, k]) => `| \`${t}\` | ${a.includes(' ') ? a : `\`${a}\``} | ${k} |`),
  ];
  return [
    `### CloudFormation (${cfn.length} properties; table generated from ${CFN_SPEC_SOURCE})`,
    '',
    ...table('Resource type', cfn),
    '',
    `### Terraform source and plans (${tf.length} attributes)`,
    '',
    ...table('Resource type', tf),
    '',
  ].join('\n');
}
