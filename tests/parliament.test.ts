/**
 * Parliament's own test policies (vendored in fixtures/vendor/parliament, BSD-3-Clause) against this
 * project's rules. Each parliament finding type maps to the rules that report the same mistake;
 * where we agree, the mapped rule fires and nothing else does (nothing at all for NONE). Every
 * deliberate difference is an explicit exception below, with its reason, and the test asserts what
 * we actually report there. The per-case table of docs/comparison.md is checked against this file.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../packages/core/src/index.ts';
import { iamData } from './helpers/iam-data.ts';

const PEER_DIR = join(__dirname, '..', 'fixtures', 'vendor', 'parliament');
const SETS = ['core', 'community'] as const;

/** Parliament's finding types and the rules that report the same mistake (empty: no counterpart). */
const MAPPING: Record<string, { rules: readonly string[]; note: string }> = {
  MALFORMED_JSON: { rules: ['invalid-json'], note: 'not JSON' },
  MALFORMED: { rules: ['invalid-policy'], note: 'breaks the policy grammar (schemas/iam-policy.schema.json)' },
  INVALID_SID: { rules: ['sid-invalid'], note: 'Sid outside [A-Za-z0-9] in an identity or trust policy' },
  DUPLICATE_SID: { rules: ['sid-duplicate'], note: 'two statements with one Sid' },
  UNKNOWN_ACTION: { rules: ['unknown-action'], note: 'an action its service does not have' },
  UNKNOWN_PREFIX: { rules: ['unknown-action'], note: 'an unknown service prefix' },
  UNKNOWN_OPERATOR: { rules: ['condition-operator-unknown'], note: 'not an IAM condition operator' },
  UNKNOWN_CONDITION_FOR_ACTION: {
    rules: ['condition-key-unknown'],
    note: 'a condition key none of the actions supports',
  },
  MISMATCHED_TYPE: { rules: ['condition-type-mismatch'], note: "operator or value of another type than the key's" },
  MISMATCHED_TYPE_BUT_USABLE: {
    rules: [],
    note: 'a String operator on an ARN key: AWS allows it, so we report nothing',
  },
  SINGLE_VALUE_CONDITION_TOO_PERMISSIVE: {
    rules: ['condition-type-mismatch'],
    note: 'ForAllValues/ForAnyValue on a single-valued key (messageId setOnSingleValued)',
  },
  RESOURCE_STAR: {
    rules: ['resource-wildcard', 'action-wildcard'],
    note: 'actions that support resource-level permissions allowed on "*" (a "service:*" there is reported once, by action-wildcard)',
  },
  RESOURCE_EFFECTIVELY_STAR: { rules: ['resource-wildcard'], note: 'an ARN of wildcards only (arn:*:svc:*:*:type/*)' },
  RESOURCE_MISMATCH: {
    rules: ['resource-type-mismatch', 'resource-bucket-mismatch'],
    note: 'an action none of whose resource types matches the resources',
  },
  INVALID_ARN: { rules: ['invalid-arn'], note: 'a malformed ARN' },
  BAD_PATTERN_FOR_MFA: {
    rules: ['mfa-condition-invalid', 'mfa-condition-weak'],
    note: 'an MFA condition that does not require MFA',
  },
  RESOURCE_POLICY_PRIVILEGE_ESCALATION: { rules: [], note: 'granting s3:PutBucketPolicy-like actions: not checked' },
  NOTRESOURCE_WITH_ALLOW: { rules: [], note: 'NotResource in an Allow: not checked' },
  NOTPRINCIPAL_WITH_ALLOW: { rules: [], note: 'NotPrincipal in an Allow: not checked' },
  PERMISSIONS_MANAGEMENT_ACTIONS: {
    rules: ['resource-wildcard'],
    note: 'Permissions management actions: reported when allowed on "*"',
  },
  CREDENTIALS_EXPOSURE: { rules: [], note: 'actions that return credentials: not checked' },
  PRIVILEGE_ESCALATION: { rules: [], note: 'known privilege-escalation action sets: not checked' },
};

/** Cases where our rule ids differ from the mapping of parliament's, on purpose: what we report, and why. */
const EXCEPTIONS: Record<string, { ours: readonly string[]; reason: string }> = {
  'core/MALFORMED_1.json': {
    ours: ['action-wildcard', 'invalid-policy'],
    reason:
      'we agree (invalid-policy: Action with NotAction) and also report the NotAction in an Allow (action-wildcard)',
  },
  'core/MISMATCHED_TYPE_3.json': {
    ours: ['condition-operator-unknown'],
    reason:
      'we agree on the unknown operator "bad" (condition-operator-unknown) and do not also call it a type mismatch (an unknown operator has no type)',
  },
  'core/MISMATCHED_TYPE_BUT_USABLE_1.json': {
    ours: ['resource-wildcard'],
    reason:
      'we agree on RESOURCE_STAR (resource-wildcard); StringEquals on the ARN key ec2:InstanceProfile works as AWS documents, so it is not a finding',
  },
  'core/DUPLICATE_SID_1.json': {
    ours: ['sid-duplicate', 'statement-redundant'],
    reason:
      'we agree (sid-duplicate) and also report that the second statement repeats the first (statement-redundant)',
  },
  'core/BAD_PATTERN_FOR_MFA_1.json': {
    ours: ['action-wildcard', 'mfa-condition-invalid'],
    reason:
      'we agree (mfa-condition-invalid: Bool "false" in an Allow grants only without MFA) and also report "Action": "*" (action-wildcard)',
  },
  'core/RESOURCE_POLICY_PRIVILEGE_ESCALATION_1.json': {
    ours: ['resource-wildcard'],
    reason: `we agree on RESOURCE_STAR (resource-wildcard); privilege escalation through s3:PutBucketPolicy is not checked`,
  },
  'core/RESOURCE_POLICY_PRIVILEGE_ESCALATION_2.json': {
    ours: ['resource-wildcard'],
    reason: `we agree on RESOURCE_STAR (resource-wildcard: "s3:Put*" and "s3:*MultipartUpload*" on "*"); privilege escalation is not checked`,
  },
  'core/RESOURCE_POLICY_PRIVILEGE_ESCALATION_3.json': {
    ours: [],
    reason: `privilege escalation through s3:PutBucketPolicy on a named bucket is not checked`,
  },
  'core/RESOURCE_MISMATCH_1.json': {
    ours: [],
    reason:
      'bucket1 and bucket2 with no target: two buckets named in one policy are no typo (near-miss pairs without a target were wrong 19 of 19 times on real infrastructure, issue 11), so resource-bucket-mismatch reports only against a target (--bucket bucket1 reports bucket2) or a bucket the template declares; resource-type-mismatch does not fire because each pattern ("s3:*Bucket*", "s3:*Object*") matches some action whose resource type fits',
  },
  'core/NONE_15.json': {
    ours: ['principal-wildcard'],
    reason: `"Principal": "*" with no narrowing condition makes the objects public: we report it (principal-wildcard), parliament does not`,
  },
  'core/NONE_21.json': {
    ours: ['principal-wildcard'],
    reason: `"Principal": "*" with no narrowing condition makes the objects public: we report it (principal-wildcard), parliament does not`,
  },
  'core/INVALID_ARN_2.json': {
    ours: ['invalid-policy', 'principal-wildcard'],
    reason:
      'the Resource is a CloudFormation {"Fn::Sub": ...} object, not a string: invalid-policy reports the grammar error (there is no ARN to check); and "Principal": "*" with no condition is public (principal-wildcard)',
  },
  'community/NOTRESOURCE_WITH_ALLOW_1.json': {
    ours: ['action-wildcard'],
    reason:
      'NotResource in an Allow is not checked; we report "s3:*" (action-wildcard); parliament\'s RESOURCE_MISMATCH and PERMISSIONS_MANAGEMENT_ACTIONS come from s3:* itself',
  },
  'community/NOTPRINCIPAL_WITH_ALLOW_1.json': {
    ours: ['invalid-json'],
    reason:
      'the file has a trailing comma in an array: it is not JSON, and AWS would reject it; we report invalid-json and nothing else',
  },
  'community/CREDENTIALS_EXPOSURE_1.json': {
    ours: ['resource-wildcard'],
    reason:
      'credential-returning actions are not checked as such; resource-wildcard reports redshift:GetClusterCredentials (Write, supports dbuser ARNs) on "*", which is parliament\'s RESOURCE_STAR',
  },
  'community/CREDENTIALS_EXPOSURE_2.json': {
    ours: ['action-wildcard'],
    reason: `credential exposure and permissions management are not checked as such; we agree on RESOURCE_STAR ("ecr:*", "s3:*" on "*": action-wildcard, which resource-wildcard leaves them to)`,
  },
  'community/PERMISSIONS_MANAGEMENT_ACTIONS_1.json': {
    ours: ['resource-wildcard'],
    reason: `we agree (resource-wildcard: Permissions management actions on "*"); privilege escalation is not checked`,
  },
  'community/PRIVILEGE_ESCALATION_1.json': {
    ours: ['resource-wildcard'],
    reason:
      'privilege escalation is not checked as such; we agree on RESOURCE_STAR (resource-wildcard: glue:UpdateDevEndpoint and lambda:UpdateFunctionCode on "*")',
  },
};

interface PeerCase {
  id: string;
  text: string;
  expected: string[];
}

function loadCases(): PeerCase[] {
  const out: PeerCase[] = [];
  for (const set of SETS) {
    const tsv = readFileSync(join(PEER_DIR, set, 'expected.tsv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(tsv[0]).toBe('file\texpected');
    for (const line of tsv.slice(1)) {
      const [file, expected] = line.split('\t');
      out.push({
        id: `${set}/${file}`,
        text: readFileSync(join(PEER_DIR, set, file!), 'utf8'),
        expected: expected!.split(','),
      });
    }
  }
  return out;
}

/** The rule ids we report for a case, sorted and unique. */
function ourRules(c: PeerCase): string[] {
  return [...new Set(lintText(c.text, { iamData }).messages.map((m) => m.ruleId))].sort();
}

/**
 * Agreement as the mapping alone defines it: nothing for NONE; else each parliament type has a
 * mapped rule that fires, and every rule that fires is mapped from one of the case's types.
 */
function mappingHolds(c: PeerCase, ours: readonly string[]): boolean {
  if (c.expected.length === 1 && c.expected[0] === 'NONE') return ours.length === 0;
  const mapped = c.expected.map((t) => MAPPING[t]?.rules ?? []);
  return (
    mapped.every((rules) => rules.some((r) => ours.includes(r))) &&
    ours.every((r) => mapped.some((rules) => rules.includes(r)))
  );
}

/** Per parliament finding type: does one of its mapped rules fire? */
function agreement(c: PeerCase, ours: readonly string[]): string {
  if (c.expected[0] === 'NONE') return ours.length === 0 ? 'yes' : 'no (we report more)';
  const hits = c.expected.filter((t) => (MAPPING[t]?.rules ?? []).some((r) => ours.includes(r)));
  if (hits.length === c.expected.length)
    return ours.every((r) => c.expected.some((t) => MAPPING[t]!.rules.includes(r))) ? 'yes' : 'yes, and we report more';
  if (hits.length === 0) return 'no';
  return `partly (${hits.join(', ')})`;
}

/** The per-case table of docs/comparison.md. */
function caseTable(cases: readonly PeerCase[]): string {
  const rows = cases.map((c) => {
    const ours = ourRules(c);
    const why = EXCEPTIONS[c.id]?.reason ?? (c.expected[0] === 'NONE' ? 'both report nothing' : 'same finding');
    return `| ${c.id} | ${c.expected.join(', ')} | ${ours.length ? ours.join(', ') : 'none'} | ${agreement(c, ours)} | ${why.replace(/\|/g, '\\|')} |`;
  });
  return ['| File | Parliament | iam-mfa-lint | Agree? | Why |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('parliament peer cases', () => {
  const cases = loadCases();

  it('covers every case parliament ships here (58 files), each finding type mapped', () => {
    const files = SETS.flatMap((set) =>
      readdirSync(join(PEER_DIR, set))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `${set}/${f}`),
    );
    expect(cases.map((c) => c.id).sort()).toEqual(files.sort());
    expect(cases.length).toBe(58);
    for (const c of cases)
      for (const t of c.expected) if (t !== 'NONE') expect(Object.keys(MAPPING), `${c.id}: ${t}`).toContain(t);
  });

  it('every exception names a case that exists and gives a reason', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const [id, e] of Object.entries(EXCEPTIONS)) {
      expect(ids.has(id), id).toBe(true);
      expect(e.reason.length, id).toBeGreaterThan(20);
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.expected.join(', ')}`, () => {
      const ours = ourRules(c);
      const exception = EXCEPTIONS[c.id];
      if (exception) {
        expect(ours).toEqual([...exception.ours].sort());
        // An exception must be needed: where the mapping alone accounts for our result, it would hide nothing.
        expect(mappingHolds(c, ours), `${c.id} needs no exception`).toBe(false);
      } else {
        expect(mappingHolds(c, ours), `${c.id}: we report ${JSON.stringify(ours)}`).toBe(true);
      }
    });
  }

  it('docs/comparison.md shows this table', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'comparison.md'), 'utf8');
    expect(doc).toContain(caseTable(cases));
  });
});
