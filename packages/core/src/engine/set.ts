/**
 * lintSet: lints every document of a policy set with its kind known (identity, trust,
 * resource), then runs the cross-document rules over the whole set. Each finding is reported in
 * the document (and file) it is about, at its line and column there.
 */
import { lintDocument, locate } from './lint.js';
import { createMessage, resolveRuleConfig, toResult } from './levels.js';
import type { DocumentSource, LintMessage, LintOptions, LintResult, NodeLookup } from '../types.js';
import { parsePolicyText } from '../model/parse.js';
import { allRules } from '../rules/index.js';
import { isSetRule, type SetRule, type SetRuleContext } from '../rules/set-rule.js';
import { principalLabel, resolveSet, type PolicySet, type ResolvedPrincipal, type SetDocument } from '../set/types.js';
import { audienceOf } from '../set/trust.js';

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

/**
 * Lints a policy set. Throws `ConfigError` for options naming unknown rules, and `PolicySetError`
 * for a set whose references do not resolve.
 */
export function lintSet(set: PolicySet, options: LintOptions = {}): SetLintResult {
  const config = resolveRuleConfig(options.rules);
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
    if (config.levels.get(rule.id) === 'off') continue;
    const ctx: SetRuleContext = {
      set: resolved,
      buckets,
      options: config.options.get(rule.id) ?? {},
      where: (documentId, pointer) => {
        const d = resolved.document(documentId);
        if (!d) return documentId;
        const at = `${d.file ?? d.label}:${locate(lookup(documentId), pointer, false).line}`;
        return d.file === undefined || d.label === d.file || d.file.endsWith(`/${d.label}`) ? at : `${d.label} (${at})`;
      },
      report: (r) => {
        const d = resolved.document(r.documentId);
        if (!d) throw new Error(`rule ${rule.id} reported in unknown document "${r.documentId}"`);
        const m = createMessage(
          rule,
          r.messageId,
          r.data,
          locate(lookup(d.id), r.pointer, r.atKey ?? false),
          r.pointer,
          config,
        );
        if (!m) return;
        const list = extra.get(d.id) ?? [];
        list.push(m);
        extra.set(d.id, list);
      },
    };
    rule.checkSet(ctx);
  }

  const documents: SetDocumentResult[] = resolved.documents.map((d) => {
    const source: DocumentSource | undefined = d.source;
    const audience =
      d.audience ?? (d.kind === 'identity' ? audienceOf(d.attachedTo as ResolvedPrincipal[]) : undefined);
    const r = lintDocument(d.value, {
      ...options,
      policyType: d.kind,
      ...(audience ? { audience } : {}),
      ...(d.endpointPolicy ? { endpointPolicy: true } : {}),
      ...(d.awsManaged ? { awsManaged: true } : {}),
      ...(source ? { source } : {}),
    });
    const result = toResult([...r.messages, ...(extra.get(d.id) ?? [])]);
    const attachedTo = d.attachedTo.map(principalLabel);
    for (const p of resolved.principals) if (p.trust === d) attachedTo.push(`${principalLabel(p)} (trust policy)`);
    const { source: _s, model: _m, attachedTo: _a, ...plain } = d;
    const document: SetDocument = source ? { ...plain, source } : plain;
    return {
      document,
      attachedTo,
      result,
    };
  });
  return {
    documents,
    errorCount: documents.reduce((n, d) => n + d.result.errorCount, 0),
    warningCount: documents.reduce((n, d) => n + d.result.warningCount, 0),
  };
}
