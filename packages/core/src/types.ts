/**
 * The core's shared vocabulary: findings, levels, options, source positions, the IAM reference
 * interface. Every layer imports from here; this file imports nothing, so no layer needs to
 * reach up to another for a type (tests/layers.test.ts keeps it so).
 */

/** A source range: 1-based line and column; the end is exclusive, as in ESLint. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets into the text as given (a BOM counts), end exclusive; absent for synthetic ranges. */
  offset?: number;
  endOffset?: number;
}

/** Where a node sits in the text: its value, and its key when it is an object member. */
export interface NodeLocation {
  value: Range;
  key?: Range;
}

/** Where the nodes of a document sit in the text they came from (a policy file or a host file). */
export type NodeLookup = (pointer: string) => NodeLocation | undefined;

export interface DocumentSource {
  /**
   * Where each node of the document sits in its host file (a template, a plan, CLI output),
   * by JSON pointer relative to the document. Nodes it does not know fall back to their parent.
   */
  lookup: NodeLookup;
  /** The host file's text: fixes are computed when offsets in the lookup index into it. */
  text?: string;
}

/** Severity as configured by a user: a rule is off, reports warnings, or reports errors. */
export type RuleLevel = 'off' | 'warn' | 'error';

/** ESLint's numeric severities: 1 warning, 2 error. */
export type Severity = 1 | 2;

/** One finding, shaped as ESLint's `LintMessage` (1-based lines and columns; end is exclusive). */
export interface LintMessage {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer of the node the finding is about (empty string: the whole document). */
  pointer: string;
  /** A safe automatic fix, as ESLint shapes it: replace text[range[0]..range[1]) with `text`. */
  fix?: { range: [number, number]; text: string; kind: FixKind };
}

/**
 * `safe`: keeps who gets access, or only removes access that was not meant (a typo fixed).
 * `mfa`: adds an MFA requirement, which changes who gets access (applied only on request).
 */
export type FixKind = 'safe' | 'mfa';

/** A rule's level, or [level, rule options] as in ESLint configs. */
export type RuleSetting = RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>?];

/** Which kind of policy a document is; detected when not given. */
export type PolicyType = 'identity' | 'resource' | 'trust';

/**
 * Who uses a document, as far as its set or host file tells: `people` (IAM users, groups, roles
 * that people assume: they can present MFA) or `machines` (services, SAML/OIDC federation: their
 * sessions never carry MFA). Unknown when absent.
 */
export type Audience = 'people' | 'machines';

export interface LintResult {
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  /** How many policy documents were read (set by lintFile and lintExtraction); absent when unknown. */
  documents?: number;
}

export interface LintOptions {
  /**
   * Target buckets. When set, S3 grants must stay inside them (resource-bucket-mismatch) and
   * mfa-condition-missing looks only at statements that can reach them.
   */
  buckets?: readonly string[];
  /**
   * Buckets the linted file itself declares (a template's `AWS::S3::Bucket` `BucketName`, a
   * Terraform `aws_s3_bucket`): a policy there naming a near-miss of one is reported as a typo
   * (resource-bucket-mismatch). Unlike `buckets`, they do not make MFA required.
   */
  inferredBuckets?: readonly string[];
  /** Per-rule levels (or [level, options]), by rule id. Unknown ids throw a `ConfigError`. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** The kind of document; detected from its content when absent (see detectPolicyType). */
  policyType?: PolicyType;
  /**
   * Who uses the document (an identity policy's holders): MFA advice is given only where people
   * can present MFA. Set by lintSet and the template readers; unknown when absent.
   */
  audience?: Audience;
  /** The document is an AWS managed policy (`arn:aws:iam::aws:policy/...`): AWS wrote it and its quotas are not the user's. */
  awsManaged?: boolean;
  /**
   * The document is a VPC endpoint policy: it only limits what passes through the endpoint and
   * grants nothing by itself, so `"Principal": "*"` there is AWS's default, not public access.
   */
  endpointPolicy?: boolean;
  /**
   * AWS's service reference (actions, resource types, condition keys). Without it the rules that
   * need it (unknown-action, resource-type-mismatch, condition-key-unknown, ...) report nothing;
   * the `iam-mfa-lint` package passes one by default.
   */
  iamData?: IamData;
}

/** Thrown for options that cannot be honoured (an unknown rule id, a bad level). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

// AWS's service reference, as the rules read it (implementations: the CLI's Node provider).

/** Access levels as AWS names them (an action may have two, e.g. "Permissions management, Write"). */
export type AccessLevel = string;

export interface IamAction {
  /** The action name as AWS spells it (`GetObject`). */
  name: string;
  accessLevel: AccessLevel;
  /**
   * Resource types the action applies to (lowercase `name` keys into `IamService.resourceTypes`); empty: only `*`.
   * `conditionKeys`: the keys the reference lists on that row of the action (on this resource type only).
   */
  resourceTypes: ReadonlyArray<{ name: string; required: boolean; conditionKeys?: readonly string[] }>;
  /** Condition keys the action supports, as AWS spells them (may be other services' keys). */
  conditionKeys: readonly string[];
}

export interface IamResourceType {
  /** ARN template, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  arn: string;
  conditionKeys: readonly string[];
}

/** Condition key types as the reference names them: String, ArrayOfString, ARN, Bool, Numeric, Date, IPAddress, ... */
export interface IamConditionKey {
  /** The key as AWS spells it; may hold a placeholder (`aws:ResourceTag/${TagKey}`). */
  key: string;
  type: string;
}

export interface IamService {
  /** By lowercase action name. */
  actions: ReadonlyMap<string, IamAction>;
  /** By lowercase resource type name. */
  resourceTypes: ReadonlyMap<string, IamResourceType>;
  /** By lowercase key (placeholders included, e.g. `s3:existingobjecttag/<key>`). */
  conditionKeys: ReadonlyMap<string, IamConditionKey>;
}

/** Synchronous access to the reference; implementations load a service only when asked for it. */
export interface IamData {
  /** Is this (case-insensitive) service prefix known? Must not load the service's data. */
  hasService(prefix: string): boolean;
  /** One service's data (case-insensitive prefix), or undefined for an unknown prefix. */
  service(prefix: string): IamService | undefined;
  /**
   * A global condition key (case-insensitive), including keys with a suffix such as
   * `aws:ResourceTag/Team` or `aws:PrincipalTag/dept`.
   */
  globalConditionKey(name: string): IamConditionKey | undefined;
  /** Every global condition key (for "did you mean" suggestions). */
  globalConditionKeys(): readonly IamConditionKey[];
  /** Every known service prefix (lowercase, sorted). */
  servicePrefixes(): readonly string[];
}
