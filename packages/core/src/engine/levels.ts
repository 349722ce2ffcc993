/**
 * Levels, severities and order, in one place. Every finding the tool emits goes through
 * `createMessage`: the configured level (`off` | `warn` | `error`) wins, else the message's own
 * default severity, else the rule's. Hosts that find problems themselves (a file that is not
 * UTF-8, an unused ignore entry) use `createFinding` so that `--rule` and configuration apply.
 */
import { getRule } from '../rules/index.js';
import { showUnresolved } from '../util/unresolved.js';
import { formatMessage, validateRuleOptions, type Rule } from '../rules/define.js';
import {
  ConfigError,
  type LintMessage,
  type LintOptions,
  type LintResult,
  type Range,
  type RuleLevel,
  type Severity,
} from '../types.js';

const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];

/** The user's rule settings, checked: levels by rule id, and each rule's options. */
export interface RuleConfig {
  levels: ReadonlyMap<string, RuleLevel>;
  options: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/**
 * Checks and splits `LintOptions.rules`. Throws `ConfigError` for an unknown rule id, a bad
 * level or options that do not fit the rule's schema.
 */
export function resolveRuleConfig(config: LintOptions['rules']): RuleConfig {
  const levels = new Map<string, RuleLevel>();
  const options = new Map<string, Readonly<Record<string, unknown>>>();
  for (const [id, setting] of Object.entries(config ?? {})) {
    const rule = getRule(id);
    if (!rule) throw new ConfigError(`unknown rule "${id}"`);
    const level = Array.isArray(setting) ? setting[0] : setting;
    if (!LEVELS.includes(level as RuleLevel))
      throw new ConfigError(`rule "${id}": level must be off, warn or error, not ${JSON.stringify(level)}`);
    levels.set(id, level as RuleLevel);
    if (Array.isArray(setting) && setting[1] !== undefined) {
      const opts: unknown = setting[1];
      if (typeof opts !== 'object' || opts === null || Array.isArray(opts))
        throw new ConfigError(`rule "${id}": options must be an object`);
      const problem = validateRuleOptions(rule, opts as Record<string, unknown>);
      if (problem) throw new ConfigError(`rule "${id}": ${problem}`);
      options.set(id, opts as Record<string, unknown>);
    }
  }
  return { levels, options };
}

/** The severity of one message of a rule under a configured level; undefined when the rule is off. */
export function severityOf(rule: Rule, messageId: string, level: RuleLevel | undefined): Severity | undefined {
  if (level === 'off') return undefined;
  if (level) return level === 'error' ? 2 : 1;
  const spec = rule.meta.messages[messageId];
  return (spec?.severity ?? rule.meta.severity) === 'error' ? 2 : 1;
}

/** Builds one finding, or undefined when its rule is off. Throws for an undeclared messageId. */
export function createMessage(
  rule: Rule,
  messageId: string,
  data: Readonly<Record<string, string | number>> | undefined,
  range: Range,
  pointer: string,
  config: RuleConfig,
): LintMessage | undefined {
  const spec = rule.meta.messages[messageId];
  if (!spec) throw new Error(`rule ${rule.id} reported unknown messageId "${messageId}"`);
  const severity = severityOf(rule, messageId, config.levels.get(rule.id));
  if (severity === undefined) return undefined;
  const { line, column, endLine, endColumn } = range;
  return {
    ruleId: rule.id,
    messageId,
    severity,
    message: showUnresolved(formatMessage(spec.text, data)),
    line,
    column,
    endLine,
    endColumn,
    pointer,
  };
}

/**
 * A finding that a host found itself (an unreadable file, an unused ignore entry), under the
 * user's levels: undefined when the rule is off. Throws `ConfigError` for unknown rules.
 */
export function createFinding(
  ruleId: string,
  messageId: string,
  data: Readonly<Record<string, string | number>>,
  range: Range,
  options: Pick<LintOptions, 'rules'> = {},
  pointer = '',
): LintMessage | undefined {
  const rule = getRule(ruleId);
  if (!rule) throw new ConfigError(`unknown rule "${ruleId}"`);
  return createMessage(rule, messageId, data, range, pointer, resolveRuleConfig(options.rules));
}

/** Position order (then rule id): the one order of findings everywhere. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Sorts messages into position order and counts errors and warnings. */
export function toResult(messages: LintMessage[]): LintResult {
  messages.sort(compareMessages);
  let errorCount = 0;
  let warningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
  }
  return { messages, errorCount, warningCount };
}
