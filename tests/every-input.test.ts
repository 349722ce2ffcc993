/**
 * Issue 12: every resource type and attribute the readers list (the generated CloudFormation
 * table and TERRAFORM_POLICY_ATTRIBUTES, which `--list-inputs` prints) is read. For each row a
 * fixture is built from the row itself: a template (YAML and JSON) or a Terraform resource whose
 * policy property holds one statement with a misspelt action, and the finding must come out at
 * the exact line and column of that action in the host file, with the document counted.
 */
import { describe, expect, it } from 'vitest';
import { CFN_POLICY_PROPERTIES, LineIndex, lintFile, TERRAFORM_POLICY_ATTRIBUTES } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { iamData } from './helpers/iam-data.ts';

const MISSPELT = 's3:GetObjectz';

async function unknownActions(text: string, name: string) {
  const r = await lintFile(text, name, { explicit: true, hcl: nodeHclParser, iamData });
  return {
    documents: r?.documents,
    found: (r?.messages ?? [])
      .filter((m) => m.ruleId === 'unknown-action')
      .map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`),
  };
}

function yamlTemplate(type: string, property: string): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Thing:',
    `    Type: ${type}`,
    '    Properties:',
    `      ${property}:`,
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Effect: Allow',
    '            Principal: { AWS: "arn:aws:iam::111122223333:root" }',
    `            Action: ${MISSPELT}`,
    '            Resource: "*"',
    '',
  ].join('\n');
}

function jsonTemplate(type: string, property: string): string {
  const statement = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: MISSPELT,
    Resource: '*',
  };
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { Thing: { Type: type, Properties: { [property]: { Version: '2012-10-17', Statement: [statement] } } } },
  };
  return JSON.stringify(template, null, 2);
}

/** Line and column (1-based) of the misspelt action's value in a text. */
function at(text: string, needle: string): string {
  const { line, column } = new LineIndex(text).position(text.indexOf(needle));
  return `${line}:${column}`;
}

describe('every CloudFormation resource property of the generated table is read', () => {
  const rows = Object.entries(CFN_POLICY_PROPERTIES).flatMap(([type, props]) => props.map(([p]) => [type, p] as const));
  it('the table is not empty', () => expect(rows.length).toBeGreaterThan(60));
  for (const [type, property] of rows) {
    it(`${type} ${property} (YAML and JSON)`, async () => {
      const yaml = yamlTemplate(type, property);
      expect(await unknownActions(yaml, 'template.yaml')).toEqual({
        documents: 1,
        found: [`11:21 unknown-action/unknownAction`],
      });
      const json = jsonTemplate(type, property);
      expect(await unknownActions(json, 'template.json')).toEqual({
        documents: 1,
        found: [`${at(json, `"${MISSPELT}"`)} unknown-action/unknownAction`],
      });
    });
  }
});

describe('every Terraform resource attribute of TERRAFORM_POLICY_ATTRIBUTES is read', () => {
  const rows = Object.entries(TERRAFORM_POLICY_ATTRIBUTES).flatMap(([type, attrs]) =>
    attrs.map(([a]) => [type, a] as const),
  );
  it('the table is not empty', () => expect(rows.length).toBeGreaterThan(60));
  for (const [type, attribute] of rows) {
    it(`${type}.${attribute} (jsonencode)`, async () => {
      const tf = [
        `resource "${type}" "thing" {`,
        `  ${attribute} = jsonencode({`,
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect    = "Allow"',
        '      Principal = { AWS = "arn:aws:iam::111122223333:root" }',
        `      Action    = "${MISSPELT}"`,
        '      Resource  = "*"',
        '    }]',
        '  })',
        '}',
        '',
      ].join('\n');
      expect(await unknownActions(tf, 'main.tf')).toEqual({
        documents: 1,
        found: ['7:19 unknown-action/unknownAction'],
      });
    });
  }
});
