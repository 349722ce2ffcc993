import type { PolicyModel } from '../model/normalize.js';
import type { Audience, FixKind, IamData, PolicyType } from '../types.js';

/** Where the rules' documentation lives; a rule's page is `<base><id>.md`. */
export const DOCS_BASE_URL = 'https://github.com/iam-mfa-lint/iam-mfa-lint/blob/main/docs/rules/';

export type DefaultSeverity = 'warn' | 'error';

export interface MessageSpec {
  /** Template with `{{name}}` placeholders filled from the report's data. */
  text: string;
  /** Severity of this message when the user has not configured the rule (defaults to the rule's). */
  severity?: DefaultSeverity;
}

/** One rule option: its type and, for strings, the values allowed. */
export type OptionSpec =
  | { type: 'string'; enum?: readonly string[]; description: string }
  | { type: 'integer'; minimum?: number; description: string }
  | { type: 'boolean'; description: string };

/** A rule's options: names to specs (no other keys allowed). */
export type OptionsSchema = Readonly<Record<string, OptionSpec>>;

export interface RuleMeta<MessageIds extends string = string> {
  description: string;
  /** The rule's default severity. */
  severity: DefaultSeverity;
  docs: { url: string };
  messages: Readonly<Record<MessageIds, MessageSpec>>;
  /** The options the rule accepts (`[level, options]`); none when absent. */
  schema?: OptionsSchema;
}

export interface FixEdits {
  kind?: FixKind;
  edits: ReadonlyArray<
    { pointer: string; atKey?: boolean; text: string } | { pointer: string; insert: { key: string; value: unknown } }
  >;
}

export interface ReportDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** JSON pointer of the node the finding is about. */
  pointer: string;
  /** Point at the member's key (e.g. the operator `Bool`) instead of its value. */
  atKey?: boolean;
  /**
   * Automatic fix: replace each node's text (its key with atKey) by `text`, or `insert` a member
   * at the end of the object at `pointer` (rendered in the file's style by the engine).
   */
  fix?: FixEdits;
}

export interface RuleContext<MessageIds extends string = string> {
  readonly policy: PolicyModel;
  /** Target buckets (possibly empty). */
  readonly buckets: readonly string[];
  /** Buckets the host file declares (LintOptions.inferredBuckets): for typos only. */
  readonly inferredBuckets: readonly string[];
  /** The kind of document: given in the options, else detected. */
  readonly policyType: PolicyType;
  /**
   * The host said what the document is (LintOptions.policyType: a template property, a set, the
   * configuration); false when the kind was only detected from the content of a standalone file.
   */
  readonly kindGiven: boolean;
  /** Who uses the document, when its set or host file tells (LintOptions.audience). */
  readonly audience: Audience | undefined;
  /** A VPC endpoint policy (LintOptions.endpointPolicy): it grants nothing by itself. */
  readonly endpointPolicy: boolean;
  /** The document is an AWS managed policy (LintOptions.awsManaged). */
  readonly awsManaged: boolean;
  /** This rule's options from the configuration (`[level, options]`, checked against `meta.schema`), or `{}`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** AWS's service reference, when the host provides one (LintOptions.iamData). */
  readonly iamData?: IamData;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** The 1-based line a node starts on (for messages that refer to another place). */
  lineOf(pointer: string): number;
}

export interface RuleDefinition<MessageIds extends string> {
  id: string;
  meta: Omit<RuleMeta<MessageIds>, 'docs'>;
  check(ctx: RuleContext<MessageIds>): void;
}

/** A rule as the engine holds it (message ids erased). */
export interface Rule {
  id: string;
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Public view of a rule: id and metadata. */
export interface RuleInfo {
  id: string;
  meta: RuleMeta;
}

export function checkRuleId(id: string): void {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) throw new Error(`rule id "${id}" is not kebab-case`);
}

/**
 * Declares a rule. The message ids are inferred from `meta.messages`, so reporting an id the
 * rule does not declare is a compile error.
 */
export function defineRule<const MessageIds extends string>(def: RuleDefinition<MessageIds>): Rule {
  checkRuleId(def.id);
  return {
    id: def.id,
    meta: { ...def.meta, docs: { url: DOCS_BASE_URL + def.id + '.md' } },
    check: def.check as Rule['check'],
  };
}

/** Why `options` do not fit the rule's schema, or undefined when they do. */
export function validateRuleOptions(
  rule: { meta: Pick<RuleMeta, 'schema'> },
  options: Readonly<Record<string, unknown>>,
): string | undefined {
  const schema = rule.meta.schema ?? {};
  for (const [name, value] of Object.entries(options)) {
    if (!Object.prototype.hasOwnProperty.call(schema, name)) {
      const known = Object.keys(schema);
      return `unknown option "${name}"${known.length ? ` (options: ${known.join(', ')})` : ' (the rule takes no options)'}`;
    }
    const spec = schema[name]!;
    if (spec.type === 'string') {
      if (typeof value !== 'string') return `option "${name}" must be a string`;
      if (spec.enum && !spec.enum.includes(value))
        return `option "${name}" must be one of ${spec.enum.join(', ')}, not ${JSON.stringify(value)}`;
    } else if (spec.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `option "${name}" must be an integer`;
      if (spec.minimum !== undefined && value < spec.minimum)
        return `option "${name}" must be at least ${spec.minimum}`;
    } else if (typeof value !== 'boolean') {
      return `option "${name}" must be true or false`;
    }
  }
  return undefined;
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : m,
  );
}
