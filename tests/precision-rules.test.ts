/**
 * The false-positive classes of the other rules on the real-world corpus (issue 11, "every rule
 * at 95% precision"; docs/precision.md): each fixture in fixtures/precision-rules holds the shape
 * that misfired and, beside it, the neighbouring shape whose finding is right and stays. Linted
 * with every rule at its default level and AWS's service reference, as the CLI does, no --bucket.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { lintFile } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { iamData } from './helpers/iam-data.ts';

const DIR = path.join(__dirname, '..', 'fixtures', 'precision-rules');

/** file -> every finding, as `line:column rule/messageId`. */
const EXPECTED: Record<string, string[]> = {
  // [endpoint-policy]: a VPC endpoint policy grants nothing; "Action": "*" is AWS's default there.
  // The same statement in a queue policy (the template says so) is reported.
  'endpoint-policy.yaml': ['25:21 action-wildcard/everyAction'],
  // Standalone, "Principal": "*" + "Action": "*" + "Resource": "*" reads as an endpoint policy.
  'endpoint-policy.json': [],
  // [kms-default-key-policy]: kms:* for the account root is AWS's default key policy; for a role it is reported.
  'kms-default-key-policy.yaml': ['19:21 action-wildcard/serviceWildcard'],
  // [aws-default-policy]: SNS:Receive of SNS's default topic policy; a misspelt action still is reported.
  'sns-default-topic-policy.json': ['9:91 unknown-action/unknownAction'],
  // [cfn-scalar-coercion]: `Sid: 1` is the Sid "1" once CloudFormation passes it on; `Effect: true` is still no Effect.
  'cfn-scalar-sid.yaml': ['20:25 invalid-policy/grammar'],
  // [unresolved-as-literal]: a computed principal type is unknown; a literal wrong type is reported.
  'tf-principal-type/main.tf': ['16:5 invalid-policy/grammar'],
  // [yaml-flow-indent]: a flow list closed at its key's indentation (PyYAML and CloudFormation accept it)
  // is read, and findings inside it keep the columns of the file as written.
  'yaml-flow-indent.yaml': ['12:13 unknown-action/unknownAction'],
  'yaml-flow-indent-fixed.yaml': ['12:15 unknown-action/unknownAction'],
  // A flow list that is never closed is still invalid YAML.
  'yaml-flow-indent-broken.yaml': ['11:13 invalid-json/syntax'],
};

function files(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [prefix + e.name]));
}

describe('false-positive classes of the other rules (fixtures/precision-rules)', () => {
  it('every fixture has its expectation', () => {
    expect(files(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: ${want.length ? want.join(', ') : 'no finding'}`, async () => {
      const r = await lintFile(fs.readFileSync(path.join(DIR, file), 'utf8'), file, {
        iamData,
        explicit: true,
        hcl: nodeHclParser,
      });
      const got = (r?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`);
      expect(got).toEqual(want);
    });
  }

  it('a padded flow collection maps offsets back to the file as written', async () => {
    const file = 'yaml-flow-indent.yaml';
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const { parseYamlTree } = await import('../packages/core/src/inputs/tree.ts');
    const tree = parseYamlTree(text);
    expect(tree.ok).toBe(true);
    if (!tree.ok) return;
    const resources =
      tree.root.type === 'map' ? tree.root.entries.find((e) => e.key === 'Resources')!.value : tree.root;
    const json = JSON.stringify(resources, (_k, v) => v);
    // Every node's offset points at its own text in the original file.
    const nodes = [...json.matchAll(/"value":"(s3:GetObjekt|s3:GetObject)","range":\{[^}]*"offset":(\d+)/g)];
    expect(nodes.length).toBe(2);
    for (const [, value, offset] of nodes)
      expect(text.slice(Number(offset), Number(offset) + value!.length + 2)).toBe(`"${value}"`);
  });
});
