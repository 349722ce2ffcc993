/**
 * `iam-mfa-lint [paths..]`: walk the paths, lint every file through the per-file pipeline (on
 * worker threads for large runs), add the cross-document findings of role sets, let the session
 * apply configuration, fixes and baselines, and write the report.
 */
import path from 'node:path';
import { lintFileSync, type LintMessage, type LintOptions, type LintResult } from '@iam-mfa-lint/core';
import { version as VERSION } from '../../package.json';
import { describeFsError, expandPaths, shownPath } from '../files.js';
import { defaultIamData } from '../iam-data.js';
import { formatJson, formatJsonChunks } from '../formatters/json.js';
import { formatStylish } from '../formatters/stylish.js';
import type { FileResult } from '../formatters/types.js';
import type { CliIo } from '../io.js';
import type { LintArgs } from '../options.js';
import { lintPath } from '../pipeline.js';
import { lintInWorkers, MIN_FILES_FOR_WORKERS, workerScript, type WorkerJob, type WorkerOutcome } from '../pool.js';
import { LintSession } from '../session.js';
import { lintRoleSets, withSetFindings } from '../role-sets.js';

const NAME = 'iam-mfa-lint';

function useColor(io: CliIo): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return io.stdoutIsTTY;
}

function toFileResult(filePath: string, messages: LintMessage[], quiet: boolean): FileResult {
  const kept = quiet ? messages.filter((m) => m.severity === 2) : messages;
  return {
    filePath,
    messages: kept,
    errorCount: kept.filter((m) => m.severity === 2).length,
    warningCount: kept.filter((m) => m.severity === 1).length,
  };
}

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  // The buckets and rules given on the command line live in the session (with the config file's);
  // every file's options come from session.optionsFor.
  const base: LintOptions = { iamData: defaultIamData() };
  if (args.policyType) base.policyType = args.policyType;
  const session = new LintSession(args.session, io, { buckets: args.buckets, rules: args.rules, policyType: args.policyType });
  if (args.session.printConfig !== undefined) {
    io.stdout(session.printConfig(args.session.printConfig));
    return 0;
  }

  const { files: expanded, errors } = expandPaths(args.paths, {
    cwd: io.cwd,
    extensions: args.extensions,
    ignorePatterns: args.ignorePatterns,
  });
  const files = session.filterFiles(expanded);
  const explicitFiles = new Set(args.paths.map((p) => path.resolve(io.cwd, p)));
  const problems = [...errors];
  const results: FileResult[] = [];
  // Role directories (iam-mfa-lint.role.json) are linted as sets: see sets.ts and docs/sets.md.
  const sets = lintRoleSets(files, (f) => session.optionsFor(f, base), io.cwd);
  problems.push(...sets.problems);

  // Large runs lint on worker threads (--concurrency); results come back in walk order.
  const pending = files.filter((f) => !sets.consumed.has(f));
  const outcomes = new Map<string, WorkerOutcome>();
  const script = workerScript();
  if (args.concurrency > 1 && pending.length >= MIN_FILES_FOR_WORKERS && session.parallelSafe && script) {
    const jobs: WorkerJob[] = pending.map((file) => {
      const { iamData: _ignored, ...options }: LintOptions = session.optionsFor(file, base);
      return { file, explicit: explicitFiles.has(file), shownName: shownPath(io.cwd, file), options };
    });
    const done = await lintInWorkers(jobs, args.concurrency, script);
    pending.forEach((file, i) => outcomes.set(file, done[i]!));
  }

  for (const file of files) {
    if (sets.consumed.has(file)) continue;
    const outcome = outcomes.get(file);
    if (outcome?.kind === 'skip') continue;
    if (outcome?.kind === 'fsError') {
      problems.push(describeFsError(Object.assign(new Error(outcome.message), { code: outcome.code }), shownPath(io.cwd, file)));
      continue;
    }
    if (outcome?.kind === 'crash') throw new Error(outcome.message);
    if (outcome?.kind === 'result') {
      const messages = session.afterLint(file, new Uint8Array(), '', outcome.result, () => outcome.result);
      results.push(toFileResult(file, withSetFindings(sets, file, messages), args.quiet));
      continue;
    }
    const fileOptions = session.optionsFor(file, base);
    const explicit = explicitFiles.has(file);
    const own = await lintPath(file, fileOptions, explicit, shownPath(io.cwd, file));
    if (own.kind === 'skip') continue;
    if (own.kind === 'fsError') {
      problems.push(describeFsError(Object.assign(new Error(own.message), { code: own.code }), shownPath(io.cwd, file)));
      continue;
    }
    // Fixes lint the fixed text again, synchronously (Terraform source is not fixed).
    const relint = (t: string): LintResult => lintFileSync(t, file, { ...fileOptions, explicit, shownName: shownPath(io.cwd, file) }) ?? own.result;
    const messages = own.text === '' && own.bytes.length > 0 ? own.result.messages : session.afterLint(file, own.bytes, own.text, own.result, relint);
    results.push(toFileResult(file, withSetFindings(sets, file, messages), args.quiet));
  }
  for (const [file, messages] of sets.outside) results.push(toFileResult(file, messages, args.quiet));
  results.push(...session.extraResults());

  const sessionOutput = session.format(args.format, results, VERSION);
  let acceptAll: boolean;
  if (sessionOutput === undefined && args.format === 'json' && !session.writesToFile) {
    // Large JSON reports are written in pieces of about 1 MB rather than built as one string.
    acceptAll = session.emit('');
    let buffer = '';
    for (const chunk of formatJsonChunks(results)) {
      buffer += chunk;
      if (buffer.length >= 1 << 20) {
        io.stdout(buffer);
        buffer = '';
      }
    }
    if (buffer !== '') io.stdout(buffer);
  } else {
    const output =
      sessionOutput ??
      (args.format === 'json' ? formatJson(results) : formatStylish(results, { cwd: io.cwd, useColor: useColor(io) && !session.writesToFile }));
    acceptAll = session.emit(output);
  }

  for (const problem of problems) io.stderr(`${NAME}: ${problem}\n`);

  const errorCount = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warningCount = results.reduce((sum, r) => sum + r.warningCount, 0);
  const tooManyWarnings = args.maxWarnings >= 0 && warningCount > args.maxWarnings;
  if (errorCount === 0 && tooManyWarnings) {
    io.stderr(`${NAME} found too many warnings (maximum: ${args.maxWarnings}).\n`);
  }

  if (problems.length > 0) return 2;
  if (acceptAll) return 0;
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

