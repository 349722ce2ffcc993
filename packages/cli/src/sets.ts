/**
 * Documents that belong together, on the command line: a directory with a role manifest
 * (`iam-mfa-lint.role.json`) and a file of `aws iam get-account-authorization-details` output
 * are linted as policy sets, so that the cross-document rules see trust and permission policies
 * together. See docs/sets.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ROLE_MANIFEST,
  lintSet,
  parsePolicyText,
  policySetFromAccountDetails,
  policySetFromRoleManifest,
  readRoleManifest,
  setRuleIds,
  type LintMessage,
  type LintOptions,
  type ManifestFile,
  type SetLintResult,
} from '@iam-mfa-lint/core';
import { describeFsError, shownPath } from './files.js';

export interface SetsInFiles {
  /**
   * Cross-document findings of each file of a role set (absolute path -> messages). The files are
   * linted as usual (fixes, configuration and baselines apply); these findings are added to theirs.
   */
  messages: Map<string, LintMessage[]>;
  /** The manifests: not linted as policies. */
  consumed: Set<string>;
  /** One-line problems (a bad manifest, a missing file). */
  problems: string[];
  /** Set files that are not among the linted paths (a manifest may name ../shared.json): all their findings, reported after the others. */
  outside: Array<[string, LintMessage[]]>;
}

/** Adds a file's cross-document findings to its own, in position order. */
export function withSetFindings(sets: SetsInFiles, file: string, messages: LintMessage[]): LintMessage[] {
  const extra = sets.messages.get(file);
  if (!extra || extra.length === 0) return messages;
  return [...messages, ...extra].sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** Finds role manifests among the files and lints each role's documents as a set. */
export function lintRoleSets(files: readonly string[], optionsFor: (file: string) => LintOptions, cwd: string): SetsInFiles {
  const out: SetsInFiles = { messages: new Map(), consumed: new Set(), problems: [], outside: [] };
  for (const manifestPath of files.filter((f) => path.basename(f) === ROLE_MANIFEST)) {
    out.consumed.add(manifestPath);
    const shown = shownPath(cwd, manifestPath);
    let value: unknown;
    try {
      const parsed = parsePolicyText(fs.readFileSync(manifestPath, 'utf8'));
      if (!parsed.ok) {
        out.problems.push(`${shown}: not JSON: ${parsed.error.message}`);
        continue;
      }
      value = parsed.value;
    } catch (error) {
      out.problems.push(describeFsError(error, shown));
      continue;
    }
    const manifest = readRoleManifest(value);
    if ('error' in manifest) {
      out.problems.push(`${shown}: ${manifest.error}`);
      continue;
    }
    const dir = path.dirname(manifestPath);
    const read: ManifestFile[] = [];
    const absolute = new Map<string, string>();
    let failed = false;
    for (const rel of [...(manifest.trustPolicy !== undefined ? [manifest.trustPolicy] : []), ...manifest.policies]) {
      const file = path.resolve(dir, rel);
      try {
        read.push({ path: rel, file: shownPath(cwd, file), text: fs.readFileSync(file, 'utf8') });
        absolute.set(shownPath(cwd, file), file);
      } catch (error) {
        out.problems.push(`${shown}: ${describeFsError(error, rel)}`);
        failed = true;
      }
    }
    if (failed) continue;
    // Files that are not JSON stay out of the set; they are linted alone (their invalid-json finding).
    const { set } = policySetFromRoleManifest(manifest, read);
    const options = optionsFor(manifestPath);
    const walked = new Set(files);
    const full = lintSet(set, options);
    // Walked files get only the cross-document findings here: the main loop lints them as usual.
    for (const d of full.documents) {
      const file = absolute.get(d.document.file ?? '');
      if (file === undefined) continue;
      const messages = walked.has(file) ? d.result.messages.filter((m) => setRuleIds.includes(m.ruleId)) : d.result.messages;
      if (walked.has(file)) out.messages.set(file, [...(out.messages.get(file) ?? []), ...messages]);
      else out.outside.push([file, messages]);
    }
  }
  return out;
}

/** Names a finding inside an account snapshot by the principal and policy it is in. */
function labelled(result: SetLintResult): LintMessage[] {
  const out: LintMessage[] = [];
  for (const d of result.documents) {
    const attached = d.attachedTo.length > 0 && d.document.kind === 'identity' && d.document.id.startsWith('policy/') ? ` (attached to ${d.attachedTo.join(', ')})` : '';
    for (const m of d.result.messages) out.push({ ...m, message: `${d.document.label}${attached}: ${m.message}` });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/**
 * When `text` is get-account-authorization-details output, lints it as a set and returns its
 * findings (each named by principal and policy); undefined for any other file.
 */
/** Cheap screen: `get-account-authorization-details` output always has one of these lists. */
export function looksLikeAccountDetails(text: string): boolean {
  return /"(UserDetailList|RoleDetailList|GroupDetailList|Policies)"\s*:/.test(text);
}

export function lintAccountDetails(text: string, file: string, options: LintOptions, cwd: string): LintMessage[] | undefined {
  if (!looksLikeAccountDetails(text)) return undefined;
  const details = policySetFromAccountDetails(text, shownPath(cwd, file));
  if (!details) return undefined;
  const messages = labelled(lintSet(details.set, options));
  for (const p of details.problems) {
    messages.push({ ruleId: p.ruleId, messageId: p.messageId, severity: 2, message: p.message, ...p.range, pointer: '' });
  }
  return messages;
}
