import { parsePolicyText, type NodeLocation, type Range } from '../model/parse.js';
import { validatePolicy } from '../model/validate.js';
import { normalize } from '../model/normalize.js';
import { allRules, getRule } from '../rules/index.js';
import { formatMessage, type Rule, type RuleContext } from '../rules/define.js';
import { parentPointer } from '../util/pointer.js';
import { ConfigError, type LintMessage, type LintOptions, type LintResult, type RuleLevel, type Severity } from './types.js';

const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];
const START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function resolveLevels(config: LintOptions['rules']): Map<string, RuleLevel> {
  const out = new Map<string, RuleLevel>();
  for (const [id, level] of Object.entries(config ?? {})) {
    if (!getRule(id)) throw new ConfigError(`unknown rule "${id}"`);
    if (!LEVELS.includes(level)) throw new ConfigError(`rule "${id}": level must be off, warn or error, not "${String(level)}"`);
    out.set(id, level);
  }
  return out;
}

function locate(locations: Map<string, NodeLocation>, pointer: string, atKey: boolean): Range {
  let p: string | undefined = pointer;
  while (p !== undefined) {
    const loc = locations.get(p);
    if (loc) return atKey && loc.key && p === pointer ? loc.key : loc.value;
    p = parentPointer(p);
  }
  return START;
}

class Collector {
  readonly messages: LintMessage[] = [];
  constructor(private readonly levels: Map<string, RuleLevel>) {}

  enabled(rule: Rule): boolean {
    return this.levels.get(rule.id) !== 'off';
  }

  add(rule: Rule, messageId: string, data: Record<string, string | number> | undefined, range: Range, pointer: string): void {
    const level = this.levels.get(rule.id);
    if (level === 'off') return;
    const spec = rule.meta.messages[messageId];
    if (!spec) throw new Error(`rule ${rule.id} reported unknown messageId "${messageId}"`);
    const severity: Severity = level ? (level === 'error' ? 2 : 1) : (spec.severity ?? rule.meta.severity) === 'error' ? 2 : 1;
    this.messages.push({ ruleId: rule.id, messageId, severity, message: formatMessage(spec.text, data), ...range, pointer });
  }

  result(): LintResult {
    const messages = this.messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    let errorCount = 0;
    let warningCount = 0;
    for (const m of messages) {
      if (m.severity === 2) errorCount++;
      else warningCount++;
    }
    return { messages, errorCount, warningCount };
  }
}

const invalidJson = getRule('invalid-json')!;
const invalidPolicy = getRule('invalid-policy')!;
const checkRules = allRules.filter((r) => r !== invalidJson && r !== invalidPolicy);

/**
 * Lints the text of one policy document. Never throws for any text; throws `ConfigError` for
 * options that name unknown rules or levels.
 */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const out = new Collector(resolveLevels(options.rules));
  const buckets = [...(options.buckets ?? [])];
  const parsed = parsePolicyText(String(text));
  if (!parsed.ok) {
    out.add(invalidJson, parsed.error.messageId, { message: parsed.error.message }, parsed.error.range, '');
    return out.result();
  }
  const { locations } = parsed;
  for (const d of parsed.duplicates) {
    out.add(invalidPolicy, 'duplicateKey', { key: d.key, line: d.firstLine }, locate(locations, d.pointer, true), d.pointer);
  }
  if (out.enabled(invalidPolicy)) {
    for (const issue of validatePolicy(parsed.value)) {
      out.add(invalidPolicy, issue.messageId, { message: issue.message }, locate(locations, issue.pointer, issue.atKey ?? false), issue.pointer);
    }
  }
  const policy = normalize(parsed.value);
  for (const rule of checkRules) {
    if (!out.enabled(rule)) continue;
    const ctx: RuleContext = {
      policy,
      buckets,
      report: (d) => out.add(rule, d.messageId, d.data, locate(locations, d.pointer, d.atKey ?? false), d.pointer),
      lineOf: (pointer) => locate(locations, pointer, false).line,
    };
    rule.check(ctx);
  }
  return out.result();
}

/**
 * Lints a policy given as a value. Positions refer to `JSON.stringify(document, null, 2)`.
 */
export function lintPolicy(document: unknown, options: LintOptions = {}): LintResult {
  let text: string | undefined;
  try {
    text = JSON.stringify(document, null, 2);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    return {
      messages: [{ ruleId: 'invalid-policy', messageId: 'grammar', severity: 2, message: 'The document cannot be serialized as JSON (undefined, a function, a BigInt or a cycle)', ...START, endColumn: 2, pointer: '' }],
      errorCount: 1,
      warningCount: 0,
    };
  }
  return lintText(text, options);
}
