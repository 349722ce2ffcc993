/**
 * Cross-document rules: they read a whole policy set (documents and the principals they are
 * attached to) and report in any of its documents. They are ordinary rules for configuration
 * (ids, levels, docs URL); on a single document they report nothing. `lintSet` runs them.
 */
import { defineRule, type Rule, type RuleDefinition } from './define.js';
import type { ResolvedSet } from '../set/types.js';

export interface SetReportDescriptor<MessageIds extends string = string> {
  /** The set document the finding is in. */
  documentId: string;
  messageId: MessageIds;
  data?: Record<string, string | number>;
  pointer: string;
  atKey?: boolean;
}

export interface SetRuleContext<MessageIds extends string = string> {
  readonly set: ResolvedSet;
  /** Target buckets (possibly empty). */
  readonly buckets: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  report(descriptor: SetReportDescriptor<MessageIds>): void;
  /** `file:line` (or `label:line`) of a node of a set document, for messages that point elsewhere. */
  where(documentId: string, pointer: string): string;
}

export interface SetRule extends Rule {
  checkSet(ctx: SetRuleContext): void;
}

export function defineSetRule<const MessageIds extends string>(
  def: Omit<RuleDefinition<MessageIds>, 'check'> & { checkSet(ctx: SetRuleContext<MessageIds>): void },
): SetRule {
  const rule = defineRule<MessageIds>({ id: def.id, meta: def.meta, check: () => {} });
  return { ...rule, checkSet: def.checkSet as SetRule['checkSet'] };
}

export function isSetRule(rule: Rule): rule is SetRule {
  return typeof (rule as Partial<SetRule>).checkSet === 'function';
}
