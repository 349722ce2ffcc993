import type { PolicyModel } from '../model/normalize.js';
import type { FixKind, PolicyType } from '../engine/types.js';
import type { IamData } from '../iam/data.js';

/** Where the rules' documentation lives; a rule's page is `<base><id>.md`. */
export const DOCS_BASE_URL = 'https://github.com/iam-mfa-lint/iam-mfa-lint/blob/main/docs/rules/';

export type DefaultSeverity = 'warn' | 'error';

export interface MessageSpec {
  /** Template with `{{name}}` placeholders filled from the report's data. */
  text: string;
  /** Severity of this message when the user has not configured the rule (defaults to the rule's). */
  severity?: DefaultSeverity;
}

export interface RuleMeta {
  description: string;
  /** The rule's default severity. */
  severity: DefaultSeverity;
  docs: { url: string };
  messages: Record<string, MessageSpec>;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** JSON pointer of the node the finding is about. */
  pointer: string;
  /** Point at the member's key (e.g. the operator `Bool`) instead of its value. */
  atKey?: boolean;
  /**
   * Automatic fix: replace each node's text (its key with atKey) by `text`, or `insert` a member
   * at the end of the object at `pointer` (rendered in the file's style by the engine).
   */
  fix?: { kind?: FixKind; edits: ReadonlyArray<{ pointer: string; atKey?: boolean; text: string } | { pointer: string; insert: { key: string; value: unknown } }> };
}

export interface RuleContext {
  readonly policy: PolicyModel;
  /** Target buckets (possibly empty). */
  readonly buckets: readonly string[];
  /** The kind of document: given in the options, else detected. */
  readonly policyType: PolicyType;
  /** This rule's options from the configuration (`[level, options]`), or `{}`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** AWS's service reference, when the host provides one (LintOptions.iamData). */
  readonly iamData?: IamData;
  report(descriptor: ReportDescriptor): void;
  /** The 1-based line a node starts on (for messages that refer to another place). */
  lineOf(pointer: string): number;
}

export interface RuleDefinition {
  id: string;
  meta: Omit<RuleMeta, 'docs'>;
  check(ctx: RuleContext): void;
}

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

export function defineRule(def: RuleDefinition): Rule {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(def.id)) throw new Error(`rule id "${def.id}" is not kebab-case`);
  return { id: def.id, meta: { ...def.meta, docs: { url: DOCS_BASE_URL + def.id + '.md' } }, check: def.check };
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in data ? String(data[name]) : m));
}
