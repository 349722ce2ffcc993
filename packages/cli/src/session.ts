/**
 * What a lint run does besides linting: the config file, --fix and --fix-dry-run, ignores,
 * baselines, the sarif and github formats and --output-file. main.ts calls it at a few points
 * of its loop (filterFiles, optionsFor, afterLint, finish).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createFinding,
  parsePolicyText,
  type LintMessage,
  type LintOptions,
  type LintResult,
  type PolicyType,
  type RuleSetting,
} from '@iam-mfa-lint/core';
import { ConfigFileError, ConfigSession, relativeTo, resolveConfig, type FileConfig } from './config.js';
import { applyFixes, fixUntilStable, unifiedDiff, writeFileAtomic } from './fix.js';
import {
  BaselineError,
  baselineMatcher,
  buildBaseline,
  fingerprint,
  parseForFingerprints,
  readBaseline,
  sidOf,
  writeBaselineFile,
  type Fingerprinted,
} from './baseline.js';
import { readRuleDoc } from './docs.js';
import { formatCompact } from './formatters/compact.js';
import { formatGithub } from './formatters/github.js';
import { formatSarif } from './formatters/sarif.js';
import type { FileResult } from './formatters/types.js';

import { SessionError, type SessionArgs } from './options.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

function shownPath(cwd: string, abs: string): string {
  return relativeTo(cwd, abs) ?? abs;
}

export class LintSession {
  private readonly config: ConfigSession;
  /** Fingerprints are computed on demand (baselines, SARIF): hashing every finding costs time. */
  private readonly fingerprints = new WeakMap<LintMessage, () => string>();
  private readonly fingerprinted: Fingerprinted[] = [];
  private readonly usedIgnores = new Set<number>();
  private readonly diffs: string[] = [];
  private readonly accepted?: (f: Fingerprinted) => boolean;
  private fixedFiles = 0;
  /** --policy-type: overrides the config file's policyType. */
  private readonly policyType: PolicyType | undefined;
  private readonly notFixed: string[] = [];

  constructor(
    readonly args: SessionArgs,
    private readonly io: Io,
    cli: {
      buckets: readonly string[];
      rules: Readonly<Record<string, RuleSetting>>;
      policyType?: PolicyType | undefined;
    },
  ) {
    this.policyType = cli.policyType;
    try {
      this.config = new ConfigSession(
        resolveConfig(io.cwd, args.config, (abs) => shownPath(io.cwd, abs)),
        cli,
      );
      if (args.baseline !== undefined) {
        const file = path.resolve(io.cwd, args.baseline);
        this.accepted = baselineMatcher(readBaseline(file, args.baseline), file);
      }
    } catch (error) {
      if (error instanceof ConfigFileError || error instanceof BaselineError) throw new SessionError(error.message);
      throw error;
    }
  }

  /** The config file in use, if any. */
  get configFile(): string | undefined {
    return this.config.loaded.file;
  }

  /**
   * Can files be linted on worker threads? Only when nothing per file needs the text back on
   * the main thread: no fixes, no baselines, no SARIF fingerprints, no ignore entries.
   */
  get parallelSafe(): boolean {
    const a = this.args;
    return (
      !a.fix &&
      !a.fixDryRun &&
      a.baseline === undefined &&
      a.writeBaseline === undefined &&
      !a.sarif &&
      (this.config.loaded.config.ignore ?? []).length === 0
    );
  }

  /** True when the report goes to a file (no colors then). */
  get writesToFile(): boolean {
    return this.args.outputFile !== undefined;
  }

  /**
   * Can the report go to standard output while files are still being linted? Only when nothing
   * the session does must come before it or can stop the run after it began: no fixes (files
   * written), no dry-run diffs (printed first), no baseline to write, no --output-file.
   */
  get streamsReport(): boolean {
    const a = this.args;
    return !a.fix && !a.fixDryRun && a.writeBaseline === undefined && a.outputFile === undefined;
  }

  /** Drops the files the config's ignorePatterns skip. */
  filterFiles(files: readonly string[]): string[] {
    return files.filter((f) => !this.config.isIgnored(f));
  }

  fileConfig(file: string): FileConfig {
    return this.config.forFile(file);
  }

  /** The lint options for one file: the base options with the config's settings for it. */
  optionsFor<T extends LintOptions>(file: string, base: T): T {
    const fc = this.config.forFile(file);
    const out: T = { ...base, buckets: fc.buckets, rules: fc.rules };
    const policyType = this.policyType ?? fc.policyType;
    if (policyType) out.policyType = policyType;
    else delete out.policyType;
    return out;
  }

  /** `--print-config FILE`: the effective settings for that file, as JSON. */
  printConfig(file: string): string {
    const abs = path.resolve(this.io.cwd, file);
    const fc = this.config.forFile(abs);
    const out = {
      configFile: this.config.loaded.file === undefined ? null : shownPath(this.io.cwd, this.config.loaded.file),
      file: shownPath(this.io.cwd, abs),
      ignored: this.config.isIgnored(abs),
      buckets: fc.buckets,
      policyType: fc.policyType ?? 'detected from each document',
      rules: fc.rules,
      ignore: fc.ignores.map((g) => g.entry),
    };
    return JSON.stringify(out, null, 2) + '\n';
  }

  /**
   * After a file is linted: apply fixes (writing the file, or keeping a diff), drop ignored and
   * baselined findings, and remember fingerprints. Returns the messages to report.
   */
  afterLint(
    file: string,
    bytes: Uint8Array,
    text: string,
    result: LintResult,
    relint: (text: string) => LintResult,
  ): LintMessage[] {
    let current = text;
    let final = result;
    if (this.args.fix || this.args.fixDryRun) {
      const kinds = new Set(this.args.fixTypes);
      const outcome = fixUntilStable(text, result, relint, kinds);
      final = outcome.result;
      if (outcome.unstable)
        this.io.stderr(
          `iam-mfa-lint: ${shownPath(this.io.cwd, file)}: fixes did not settle after 10 passes; left as they are\n`,
        );
      if (outcome.applied > 0 && !outcome.unstable) {
        current = outcome.text;
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
        if (this.args.fixDryRun) {
          this.diffs.push(unifiedDiff(shownPath(this.io.cwd, file), bom + text, bom + current));
        } else {
          const roots =
            this.args.paths.length > 0 ? this.args.paths.map((p) => path.resolve(this.io.cwd, p)) : [this.io.cwd];
          const skipped = writeFileAtomic(file, Buffer.from(bom + current, 'utf8'), { roots, expected: bytes });
          if (skipped === undefined) this.fixedFiles++;
          else {
            // Left as it was: report the findings of the text on disk, and say why after the report.
            this.notFixed.push(`${shownPath(this.io.cwd, file)}: not fixed: ${skipped}`);
            current = text;
            final = result;
          }
        }
      } else if (outcome.unstable) {
        final = result;
      }
    }

    const ignores = this.config.forFile(file).ignores;
    let parsedDoc: ReturnType<typeof parseForFingerprints> | undefined;
    const doc = (): ReturnType<typeof parseForFingerprints> => (parsedDoc ??= parseForFingerprints(current));
    const needsNow = this.args.writeBaseline !== undefined || this.accepted !== undefined;
    const kept: LintMessage[] = [];
    for (const m of final.messages) {
      if (ignores.length > 0) {
        const d = doc();
        const sid = d.ok ? sidOf(d.value, m.pointer) : undefined;
        const hit = ignores.find(
          ({ entry }) => entry.rule === m.ruleId && (entry.sid === undefined || entry.sid === sid),
        );
        if (hit) {
          this.usedIgnores.add(hit.index);
          continue;
        }
      }
      let cached: string | undefined;
      const lazy = (): string => (cached ??= fingerprint(m, doc()));
      // Only SARIF reads fingerprints later; keeping the closure (and with it the file's text)
      // for other formats would hold every file in memory on large runs.
      if (this.args.sarif) this.fingerprints.set(m, lazy);
      if (!needsNow) {
        kept.push(m);
        continue;
      }
      const f: Fingerprinted = { file, message: m, fingerprint: lazy() };
      if (this.args.writeBaseline !== undefined) {
        this.fingerprinted.push(f);
        continue;
      }
      if (this.accepted?.(f)) {
        continue;
      }
      kept.push(m);
    }
    return kept;
  }

  /** Extra results: unused ignore entries, reported in the config file. */
  extraResults(): FileResult[] {
    const file = this.config.loaded.file;
    const entries = this.config.loaded.config.ignore ?? [];
    if (!this.args.reportUnusedIgnores || file === undefined || entries.length === 0) return [];
    let locations: (p: string) => { line: number; column: number; endLine: number; endColumn: number } | undefined =
      () => undefined;
    try {
      const parsed = parsePolicyText(fs.readFileSync(file, 'utf8'));
      if (parsed.ok) locations = (p) => parsed.locations.get(p)?.value;
    } catch {
      /* positions fall back to the start */
    }
    const messages: LintMessage[] = [];
    entries.forEach((entry, i) => {
      if (this.usedIgnores.has(i)) return;
      const at = locations(`/ignore/${i}`) ?? { line: 1, column: 1, endLine: 1, endColumn: 2 };
      const where = [
        entry.files !== undefined ? `files ${JSON.stringify(entry.files)}` : '',
        entry.sid !== undefined ? `Sid ${JSON.stringify(entry.sid)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const m = createFinding(
        'unused-ignore',
        'unusedIgnore',
        { index: i, rule: entry.rule, where: where ? `, ${where}` : '' },
        at,
        { rules: this.config.forFile(file).rules },
        `/ignore/${i}`,
      );
      if (m) messages.push(m);
    });
    return messages.length
      ? [
          {
            filePath: file,
            messages,
            errorCount: messages.filter((m) => m.severity === 2).length,
            warningCount: messages.filter((m) => m.severity === 1).length,
          },
        ]
      : [];
  }

  /** Renders the formats this module owns; undefined for stylish and json. */
  format(format: string, results: readonly FileResult[], version: string): string | undefined {
    if (format === 'sarif') {
      return formatSarif(results, {
        cwd: this.io.cwd,
        version,
        fingerprint: (m) => this.fingerprints.get(m)?.(),
        ruleDoc: readRuleDoc,
      });
    }
    if (format === 'github') return formatGithub(results, { cwd: this.io.cwd });
    if (format === 'compact') return formatCompact(results, { cwd: this.io.cwd });
    return undefined;
  }

  /**
   * Writes the report (to --output-file or stdout), the dry-run diff and the baseline. Returns
   * true when the run must exit 0 regardless of findings (--write-baseline).
   */
  emit(report: string): boolean {
    const diff = this.diffs.join('');
    if (diff !== '') this.io.stdout(diff);
    if (this.args.writeBaseline !== undefined) {
      const file = path.resolve(this.io.cwd, this.args.writeBaseline);
      try {
        writeBaselineFile(file, buildBaseline(this.fingerprinted, file));
      } catch (error) {
        throw new SessionError(
          `cannot write baseline ${this.args.writeBaseline}: ${(error as Error).message.split('\n', 1)[0]}`,
        );
      }
      this.io.stderr(
        `iam-mfa-lint: wrote ${this.fingerprinted.length} finding${this.fingerprinted.length === 1 ? '' : 's'} to ${this.args.writeBaseline}\n`,
      );
    }
    if (this.args.outputFile !== undefined) {
      const file = path.resolve(this.io.cwd, this.args.outputFile);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, report);
      } catch (error) {
        throw new SessionError(`cannot write ${this.args.outputFile}: ${(error as Error).message.split('\n', 1)[0]}`);
      }
    } else if (report !== '') {
      this.io.stdout(report);
    }
    if (this.args.fix && this.fixedFiles > 0)
      this.io.stderr(`iam-mfa-lint: fixed ${this.fixedFiles} file${this.fixedFiles === 1 ? '' : 's'}\n`);
    for (const line of this.notFixed) this.io.stderr(`iam-mfa-lint: ${line}\n`);
    return this.args.writeBaseline !== undefined;
  }
}

export { applyFixes };
