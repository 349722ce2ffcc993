/**
 * lintSet: lints every document of a policy set with its kind known (identity, trust,
 * resource), then runs the cross-document rules over the whole set. Each finding is reported in
 * the document (and file) it is about, at its line and column there.
 */
import { lintDocument, locate, type DocumentSource, type NodeLookup } from './lint.js';
import { ConfigError, type LintMessage, type LintOptions, type LintResult, type RuleLevel, type Severity } from './types.js';
import { parsePolicyText } from '../model/parse.js';
import { allRules, getRule } from '../rules/index.js';
import { formatMessage } from '../rules/define.js';
import { isSetRule, type SetRule, type SetRuleContext } from '../rules/set-rule.js';
import { principalLabel, resolveSet, type PolicySet, type SetDocument } from '../set/types.js';

export interface SetDocumentResult {
  document: SetDocument;
  /** The principals the document is attached to, in words (`role "app"`); for a trust policy, its role. */
  attachedTo: string[];
  result: LintResult;
}

export interface SetLintResult {
  documents: SetDocumentResult[];
  errorCount: number;
  warningCount: number;
}


/** Where a set document's nodes are: its source, or JSON.stringify(value, null, 2) as lintPolicy shows it. */
function lookupOf(d: SetDocument): NodeLookup {
  if (d.source) return d.source.lookup;
  let text: string | undefined;
  try {
    text = JSON.stringify(d.value, null, 2);
  } catch {
    text = undefined;
  }
  const parsed = text === undefined ? undefined : parsePolicyText(text);
  return parsed?.ok ? (p) => parsed.locations.get(p) : () => undefined;
}

function levelOf(id: string, rules: LintOptions['rules']): { level: RuleLevel | undefined; options: Readonly<Record<string, unknown>> } {
  const setting = rules?.[id];
  if (setting === undefined) return { level: undefined, options: {} };
  if (Array.isArray(setting)) return { level: setting[0] as RuleLevel, options: (setting[1] as Record<string, unknown> | undefined) ?? {} };
  return { level: setting as RuleLevel, options: {} };
}

/**
 * Lints a policy set. Throws `ConfigError` for options naming unknown rules, and `PolicySetError`
 * for a set whose references do not resolve.
 */
export function lintSet(set: PolicySet, options: LintOptions = {}): SetLintResult {
  for (const id of Object.keys(options.rules ?? {})) if (!getRule(id)) throw new ConfigError(`unknown rule "${id}"`);
  const resolved = resolveSet(set);
  const lookups = new Map<string, NodeLookup>();
  const lookup = (id: string): NodeLookup => {
    let l = lookups.get(id);
    if (!l) lookups.set(id, (l = lookupOf(resolved.document(id)!)));
    return l;
  };
  const extra = new Map<string, LintMessage[]>();
  const buckets = [...(options.buckets ?? [])];
  for (const rule of allRules.filter(isSetRule) as SetRule[]) {
    const { level, options: ruleOptions } = levelOf(rule.id, options.rules);
    if (level === 'off') continue;
    const ctx: SetRuleContext = {
      set: resolved,
      buckets,
      options: ruleOptions,
      where: (documentId, pointer) => {
        const d = resolved.document(documentId);
        if (!d) return documentId;
        const at = `${d.file ?? d.label}:${locate(lookup(documentId), pointer, false).line}`;
        return d.file === undefined || d.label === d.file || d.file.endsWith(`/${d.label}`) ? at : `${d.label} (${at})`;
      },
      report: (r) => {
        const d = resolved.document(r.documentId);
        if (!d) throw new Error(`rule ${rule.id} reported in unknown document "${r.documentId}"`);
        const spec = rule.meta.messages[r.messageId];
        if (!spec) throw new Error(`rule ${rule.id} reported unknown messageId "${r.messageId}"`);
        const severity: Severity = level ? (level === 'error' ? 2 : 1) : (spec.severity ?? rule.meta.severity) === 'error' ? 2 : 1;
        const range = locate(lookup(d.id), r.pointer, r.atKey ?? false);
        const m: LintMessage = { ruleId: rule.id, messageId: r.messageId, severity, message: formatMessage(spec.text, r.data), ...range, pointer: r.pointer };
        const list = extra.get(d.id) ?? [];
        list.push(m);
        extra.set(d.id, list);
      },
    };
    rule.checkSet(ctx);
  }

  const documents: SetDocumentResult[] = resolved.documents.map((d) => {
    const source: DocumentSource | undefined = d.source;
    const r = lintDocument(d.value, { ...options, policyType: d.kind, ...(source ? { source } : {}) });
    const messages = [...r.messages, ...(extra.get(d.id) ?? [])].sort(
      (a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    const attachedTo = d.attachedTo.map(principalLabel);
    for (const p of resolved.principals) if (p.trust === d) attachedTo.push(`${principalLabel(p)} (trust policy)`);
    const { source: _s, model: _m, attachedTo: _a, ...plain } = d;
    const document: SetDocument = source ? { ...plain, source } : plain;
    return {
      document,
      attachedTo,
      result: { messages, errorCount: messages.filter((m) => m.severity === 2).length, warningCount: messages.filter((m) => m.severity === 1).length },
    };
  });
  return {
    documents,
    errorCount: documents.reduce((n, d) => n + d.result.errorCount, 0),
    warningCount: documents.reduce((n, d) => n + d.result.warningCount, 0),
  };
}
