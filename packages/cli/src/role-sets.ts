/**
 * The file-system half of the role-manifest input (core: inputs/role-manifest.ts): a directory
 * with `iam-mfa-lint.role.json` is linted as a policy set, so that the cross-document rules see
 * its trust and permission policies together. The manifest names files; only this side reads
 * them. (Account snapshots need no files beside them: the core's lintFile reads them.) See docs/sets.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ROLE_MANIFEST,
  lintSet,
  parsePolicyText,
  compareMessages,
  policySetFromRoleManifest,
  readRoleManifest,
  setRuleIds,
  type LintMessage,
  type LintOptions,
  type ManifestFile,
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
  return [...messages, ...extra].sort(compareMessages);
}

/** Finds role manifests among the files and lints each role's documents as a set. */
/**
 * Why a file a manifest names must not be read, or undefined: only regular files inside the
 * linted tree, the working directory and the paths named (a manifest can name any path; `/dev/zero`, a FIFO or `../../secret.json` must
 * neither hang the run nor be read and printed).
 */
function whyNotReadable(file: string, roots: readonly string[]): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
    if (!fs.statSync(real).isFile()) return 'is not a regular file: not read';
  } catch {
    return undefined; // missing or unreadable: the read below reports it as such
  }
  const inside = roots.some(
    (root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep),
  );
  return inside ? undefined : 'is outside the linted tree (the working directory and the paths named): not read';
}

export function lintRoleSets(
  files: readonly string[],
  optionsFor: (file: string) => LintOptions,
  cwd: string,
  paths: readonly string[] = ['.'],
): SetsInFiles {
  // The linted tree: the working directory (the project) and the paths named.
  const roots = [cwd, ...paths].flatMap((p) => {
    try {
      return [fs.realpathSync(path.resolve(cwd, p))];
    } catch {
      return [];
    }
  });
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
      const refusal = whyNotReadable(file, roots);
      if (refusal) {
        out.problems.push(`${shown}: ${JSON.stringify(rel)} ${refusal}`);
        failed = true;
        continue;
      }
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
      const messages = walked.has(file)
        ? d.result.messages.filter((m) => setRuleIds.includes(m.ruleId))
        : d.result.messages;
      if (walked.has(file)) out.messages.set(file, [...(out.messages.get(file) ?? []), ...messages]);
      else out.outside.push([file, messages]);
    }
  }
  return out;
}
