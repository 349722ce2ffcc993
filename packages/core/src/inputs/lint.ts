import { lintSet } from '../engine/set.js';
import { createMessage, resolveRuleConfig, toResult } from '../engine/levels.js';
import { getRule } from '../rules/index.js';
import type { PolicySet } from '../set/types.js';
import type { LintMessage, LintOptions, LintResult } from '../types.js';
import type { Extraction, HclParser } from './types.js';
import { lintDocument, lintParsed, lintText } from '../engine/lint.js';
import { detectParsed, type DetectedInput } from './detect.js';
import type { ParsedDocument } from '../model/parse.js';
import { policySetFromAccountDetails } from './account-details.js';
import { extractTerraformModule, type SourceFile } from './terraform.js';

export interface LintExtractionOptions extends LintOptions {}

/**
 * The buckets an extraction binds names to: the target buckets given, else the ones the file
 * declares with a literal name, for typos only (`inferred`: they do not make MFA required).
 */
export function targetBuckets(
  extraction: Extraction,
  given: readonly string[] | undefined,
): { buckets: string[]; inferredBuckets: string[] } {
  if (given && given.length > 0) return { buckets: [...given], inferredBuckets: [] };
  return { buckets: [], inferredBuckets: [...extraction.buckets] };
}

/**
 * Lints every document of an extraction with positions in the host file. Each message names its
 * document (`AppRole/S3Access: ...`); file-level problems (malformed YAML) come first. Throws
 * `ConfigError` for unknown rules, as lintText does.
 */
export function lintExtraction(extraction: Extraction, options: LintExtractionOptions = {}): LintResult {
  return lintExtractionFiles(extraction, [undefined], options)[0]!;
}

/**
 * Lints an extraction that read several files (a Terraform module) as one policy set, and returns
 * one result per name of `files`, in that order: each holds the findings in the documents and
 * problems of that file (`file`; those without one belong to the first). Cross-document findings
 * stay in the document they are about; a message about another file's document names that file.
 */
export function lintExtractionFiles(
  extraction: Extraction,
  files: ReadonlyArray<string | undefined>,
  options: LintExtractionOptions = {},
): LintResult[] {
  const index = new Map(files.map((f, i) => [f, i]));
  const slot = (file: string | undefined): number => (file === undefined ? 0 : (index.get(file) ?? 0));
  const messages: LintMessage[][] = files.map(() => []);
  const documents = files.map(() => 0);
  const config = resolveRuleConfig(options.rules);
  for (const p of extraction.problems) {
    const m = createMessage(getRule(p.ruleId)!, p.messageId, { message: p.message }, pick(p.range), '', config);
    if (m) messages[slot(p.file)]!.push(m);
  }
  const targets = targetBuckets(extraction, options.buckets);
  const several = files.length > 1;
  // The documents of one file (of one module) form a policy set: each role's trust policy with
  // its inline and attached policies, so the cross-document rules (mfa-unsatisfiable) run inside
  // templates.
  const set: PolicySet = {
    documents: extraction.documents.map((d, i) => ({
      id: `doc${i}`,
      kind: d.kind,
      value: d.value,
      label: d.label,
      source: d.source,
      ...(several && d.file !== undefined ? { file: baseName(d.file) } : {}),
      ...(d.audience ? { audience: d.audience } : {}),
      ...(d.endpointPolicy ? { endpointPolicy: true } : {}),
    })),
    principals: [
      ...extraction.roles.map((r) => ({
        kind: 'role' as const,
        name: r.id,
        policies: r.policies.map((i) => `doc${i}`),
        ...(r.trust !== undefined ? { trustPolicy: `doc${r.trust}` } : {}),
        instanceProfile: r.instanceProfile,
      })),
      ...extraction.people.map((h) => ({ kind: h.kind, name: h.id, policies: h.policies.map((i) => `doc${i}`) })),
    ],
  };
  const result = lintSet(set, { ...options, ...targets });
  result.documents.forEach((d, i) => {
    const label = d.document.label;
    const at = slot(extraction.documents[i]!.file);
    documents[at]!++;
    for (const m of d.result.messages) messages[at]!.push({ ...m, message: `${label}: ${m.message}` });
  });
  return messages.map((m, i) => ({ ...toResult(m), documents: documents[i]! }));
}

/** The last segment of a path (either separator): how a module's file is named in messages. */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/**
 * Lints the `.tf` files of one Terraform module (a directory) together, with `options.hcl`:
 * references, policy sets and bucket names resolve across files. One result per file, in order.
 */
export async function lintModule(files: readonly SourceFile[], options: FileLintOptions): Promise<LintResult[]> {
  if (!options.hcl) throw new Error('lintModule needs an HCL parser (options.hcl)');
  const extraction = await extractTerraformModule(files, options.hcl);
  return lintExtractionFiles(
    extraction,
    files.map((f) => f.name),
    options,
  );
}

function pick(r: { line: number; column: number; endLine: number; endColumn: number }) {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** Options for linting one file whatever it holds. */
export interface FileLintOptions extends LintOptions {
  /**
   * The user named the file (it was not found by a directory walk): a file that holds no policy
   * is still reported (as invalid-json or invalid-policy) rather than skipped.
   */
  explicit?: boolean;
  /** The HCL parser for Terraform source files; without one, a `.tf` file is skipped. */
  hcl?: HclParser;
  /** The file's name as the user sees it, for messages that name it (account snapshots). */
  shownName?: string;
}

/** `aws iam get-account-authorization-details` output always has one of these lists (a cheap screen). */
export function looksLikeAccountDetails(text: string): boolean {
  return /"(UserDetailList|RoleDetailList|GroupDetailList|Policies)"\s*:/.test(text);
}

/** Lints account snapshot text as a set, each finding named by its principal and policy; undefined for other text. */
function lintAccountDetails(text: string, options: FileLintOptions): LintResult | undefined {
  if (!looksLikeAccountDetails(text)) return undefined;
  const details = policySetFromAccountDetails(text, options.shownName);
  if (!details) return undefined;
  const result = lintSet(details.set, options);
  const config = resolveRuleConfig(options.rules);
  const messages: LintMessage[] = [];
  for (const d of result.documents) {
    const attached =
      d.attachedTo.length > 0 && d.document.kind === 'identity' && d.document.id.startsWith('policy/')
        ? ` (attached to ${d.attachedTo.join(', ')})`
        : '';
    for (const m of d.result.messages) messages.push({ ...m, message: `${d.document.label}${attached}: ${m.message}` });
  }
  for (const p of details.problems) {
    const m = createMessage(getRule(p.ruleId)!, p.messageId, { message: p.message }, pick(p.range), '', config);
    if (m) messages.push(m);
  }
  return { ...toResult(messages), documents: details.set.documents.length };
}

/**
 * Lints one file whatever it holds, the one entry point of every input format: a policy, a
 * CloudFormation/SAM/CDK template, a Terraform plan or source file (with `options.hcl`), AWS CLI
 * output, an account snapshot. Returns undefined for a walked file that holds no policies.
 */
export async function lintFile(
  text: string,
  fileName: string,
  options: FileLintOptions = {},
): Promise<LintResult | undefined> {
  const account = lintAccountDetails(text, options);
  if (account) return account;
  const { detected, doc } = detectParsed(text, fileName, { explicit: options.explicit ?? false });
  if (detected.format === 'terraform') {
    if (!options.hcl) return undefined;
    return (await lintModule([{ name: fileName, text }], options))[0];
  }
  return lintDetected(text, detected, doc, options);
}

/**
 * The same for every format read synchronously: all but Terraform source (undefined then, as
 * for a file with no policies). Used to lint a file again after fixes were applied to its text.
 */
export function lintFileSync(text: string, fileName: string, options: FileLintOptions = {}): LintResult | undefined {
  const account = lintAccountDetails(text, options);
  if (account) return account;
  const { detected, doc } = detectParsed(text, fileName, { explicit: options.explicit ?? false });
  return detected.format === 'terraform' ? undefined : lintDetected(text, detected, doc, options);
}

function lintDetected(
  text: string,
  detected: DetectedInput,
  doc: ParsedDocument | undefined,
  options: FileLintOptions,
): LintResult | undefined {
  if (detected.format === 'skip' || detected.format === 'terraform') return undefined;
  if (detected.format === 'policy' && !('documents' in detected)) {
    const yaml = detected.yaml;
    if (yaml) return { ...lintDocument(yaml.value, { ...options, source: yaml.source }), documents: 1 };
    return { ...(doc ? lintParsed(text, doc, options) : lintText(text, options)), documents: 1 };
  }
  return lintExtraction(detected, options);
}
