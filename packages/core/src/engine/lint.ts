import { parseDocument, type ParsedDocument } from '../model/parse.js';
import { validatePolicy } from '../model/validate.js';
import { normalize } from '../model/normalize.js';
import { allRules, getRule } from '../rules/index.js';
import type { ReportDescriptor, Rule, RuleContext } from '../rules/define.js';
import { detectPolicyType } from '../iam/policy-type.js';
import { parentPointer } from '../util/pointer.js';
import { insertMemberEdit, valueAt } from './insert.js';
import type { DocumentSource, LintMessage, LintOptions, LintResult, NodeLookup, Range } from '../types.js';
import { createMessage, resolveRuleConfig, toResult, type RuleConfig } from './levels.js';

export { toResult } from './levels.js';

const START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The range of the node at `pointer`, or of its nearest ancestor the lookup knows. */
export function locate(lookup: NodeLookup, pointer: string, atKey: boolean): Range {
  let p: string | undefined = pointer;
  while (p !== undefined) {
    const loc = lookup(p);
    if (loc) return atKey && loc.key && p === pointer ? loc.key : loc.value;
    p = parentPointer(p);
  }
  return START;
}

class Collector {
  readonly messages: LintMessage[] = [];
  constructor(private readonly config: RuleConfig) {}

  enabled(rule: Rule): boolean {
    return this.config.levels.get(rule.id) !== 'off';
  }

  add(
    rule: Rule,
    messageId: string,
    data: Record<string, string | number> | undefined,
    range: Range,
    pointer: string,
    fix?: LintMessage['fix'],
  ): void {
    const message = createMessage(rule, messageId, data, range, pointer, this.config);
    if (!message) return;
    if (fix) message.fix = fix;
    this.messages.push(message);
  }

  result(): LintResult {
    return toResult(this.messages);
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
  const parsed = parseDocument(String(text));
  if (!parsed.ok) {
    const out = new Collector(resolveRuleConfig(options.rules));
    out.add(invalidJson, parsed.error.messageId, { message: parsed.error.message }, parsed.error.range, '');
    return out.result();
  }
  return lintParsed(String(text), parsed.doc, options);
}

/** lintText for text already parsed (by input detection): `doc` must be `parseDocument(text)`'s. */
export function lintParsed(text: string, doc: ParsedDocument, options: LintOptions = {}): LintResult {
  const resolved = resolveRuleConfig(options.rules);
  const out = new Collector(resolved);
  const lookup: NodeLookup = (p) => doc.lookup(p);
  if (out.enabled(invalidPolicy)) {
    for (const d of doc.duplicates()) {
      out.add(
        invalidPolicy,
        'duplicateKey',
        { key: d.key, line: d.firstLine },
        locate(lookup, d.pointer, true),
        d.pointer,
      );
    }
  }
  check(doc.value, lookup, text, options, resolved, out);
  return out.result();
}

/**
 * Lints a policy document given as a value that sits inside some host file: positions come from
 * `source.lookup`. Without a source, positions refer to `JSON.stringify(document, null, 2)`.
 */
export function lintDocument(document: unknown, options: LintOptions & { source?: DocumentSource } = {}): LintResult {
  if (!options.source) return lintPolicy(document, options);
  const resolved = resolveRuleConfig(options.rules);
  const out = new Collector(resolved);
  check(document, options.source.lookup, options.source.text, options, resolved, out);
  return out.result();
}

function check(
  value: unknown,
  lookup: NodeLookup,
  text: string | undefined,
  options: LintOptions,
  resolved: RuleConfig,
  out: Collector,
): void {
  if (out.enabled(invalidPolicy)) {
    for (const issue of validatePolicy(value)) {
      out.add(
        invalidPolicy,
        issue.messageId,
        { message: issue.message },
        locate(lookup, issue.pointer, issue.atKey ?? false),
        issue.pointer,
      );
    }
  }
  const buckets = [...(options.buckets ?? [])];
  const policy = normalize(value);
  const policyType = options.policyType ?? detectPolicyType(policy);
  // One context for all the rules of a document (the checks run one after another, synchronously):
  // only the rule reporting and its options change.
  let current = checkRules[0]!;
  const ctx: { -readonly [K in keyof RuleContext]: RuleContext[K] } = {
    policy,
    buckets,
    policyType,
    kindGiven: options.policyType !== undefined,
    audience: options.audience,
    endpointPolicy: options.endpointPolicy === true,
    awsManaged: options.awsManaged === true,
    inferredBuckets: options.inferredBuckets ?? [],
    ...(options.iamData ? { iamData: options.iamData } : {}),
    options: {},
    report: (d) =>
      out.add(
        current,
        d.messageId,
        d.data,
        locate(lookup, d.pointer, d.atKey ?? false),
        d.pointer,
        d.fix && text !== undefined ? toFix(text, lookup, d.fix, value) : undefined,
      ),
    lineOf: (pointer) => locate(lookup, pointer, false).line,
  };
  for (const rule of checkRules) {
    if (!out.enabled(rule)) continue;
    current = rule;
    ctx.options = resolved.options.get(rule.id) ?? {};
    rule.check(ctx);
  }
}

/** Turns node edits into one ESLint-style fix over the original text (edits must not overlap). */
function toFix(
  text: string,
  lookup: NodeLookup,
  fix: NonNullable<ReportDescriptor['fix']>,
  doc: unknown,
): LintMessage['fix'] {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const e of fix.edits) {
    const loc = lookup(e.pointer);
    if ('insert' in e) {
      const r = loc?.value;
      const edit =
        r?.offset !== undefined && r.endOffset !== undefined
          ? insertMemberEdit(text, r.offset, r.endOffset, valueAt(doc, e.pointer), e.insert.key, e.insert.value)
          : undefined;
      if (!edit) return undefined;
      edits.push(edit);
      continue;
    }
    const range = e.atKey ? loc?.key : loc?.value;
    if (range?.offset === undefined || range.endOffset === undefined) return undefined;
    edits.push({ start: range.offset, end: range.endOffset, text: e.text });
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.start < edits[i - 1]!.end) return undefined;
  const start = edits[0]!.start;
  const end = edits[edits.length - 1]!.end;
  let out = '';
  let pos = start;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return { range: [start, end], text: out, kind: fix.kind ?? 'safe' };
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
    const m = createMessage(
      invalidPolicy,
      'grammar',
      { message: 'The document cannot be serialized as JSON (undefined, a function, a BigInt or a cycle)' },
      { ...START, endColumn: 2 },
      '',
      resolveRuleConfig(options.rules),
    );
    return toResult(m ? [m] : []);
  }
  return lintText(text, options);
}
