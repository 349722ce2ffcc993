/**
 * `iam-mfa-lint [paths..]`: walk the paths, lint every file through the per-file pipeline (on
 * worker threads for large runs), add the cross-document findings of role sets, let the session
 * apply configuration, fixes and baselines, and write the report.
 */
import path from 'node:path';
import { lintFileSync, rules, type LintMessage, type LintOptions, type LintResult } from '@iam-mfa-lint/core';
import { version as VERSION } from '../../package.json';
import { describeFsError, expandPaths, shownPath } from '../files.js';
import { cacheFilePath, LintCache, type CacheCheck } from '../cache.js';
import { defaultIamData, iamDataVersion } from '../iam-data.js';
import { formatJson, JsonReportWriter } from '../formatters/json.js';
import { formatStylish, StylishReportWriter } from '../formatters/stylish.js';
import type { ReportWriter } from '../formatters/pieces.js';
import { formatRuleList } from '../formatters/rules.js';
import { formatInputList } from '../formatters/inputs.js';
import { escapeControl } from '../formatters/text.js';
import type { FileResult } from '../formatters/types.js';
import type { CliIo } from '../io.js';
import type { LintArgs } from '../options.js';
import {
  addModuleContext,
  crashed,
  lintBytes,
  lintPath,
  lintUnit,
  workUnits,
  type FileOutcome,
  type UnitFile,
} from '../pipeline.js';
import {
  defaultConcurrency,
  lintInWorkers,
  MIN_FILES_FOR_WORKERS,
  workerScript,
  type WorkerJob,
  type WorkerOutcome,
} from '../pool.js';
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

function toFileResult(filePath: string, messages: LintMessage[], quiet: boolean, documents?: number): FileResult {
  const kept = quiet ? messages.filter((m) => m.severity === 2) : messages;
  return {
    filePath,
    messages: kept,
    errorCount: kept.filter((m) => m.severity === 2).length,
    warningCount: kept.filter((m) => m.severity === 1).length,
    ...(documents !== undefined ? { documents } : {}),
  };
}

/**
 * The results of a run as they come, in report order: counted, and either written at once (a
 * JSON or stylish report to standard output: a large run then holds no file's findings after it
 * is done) or kept for the report.
 */
class Results {
  errorCount = 0;
  warningCount = 0;
  /** The files that have a result. */
  readonly files = new Set<string>();
  /** The results not yet written (all of them unless the report is written as it goes). */
  readonly kept: FileResult[] = [];

  constructor(readonly writer?: ReportWriter) {}

  add(result: FileResult): void {
    this.errorCount += result.errorCount;
    this.warningCount += result.warningCount;
    this.files.add(result.filePath);
    if (this.writer) this.writer.add(result);
    else this.kept.push(result);
  }
}

export async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  // The buckets and rules given on the command line live in the session (with the config file's);
  // every file's options come from session.optionsFor.
  const base: LintOptions = { iamData: defaultIamData() };
  if (args.policyType) base.policyType = args.policyType;
  const session = new LintSession(args.session, io, {
    buckets: args.buckets,
    rules: args.rules,
    policyType: args.policyType,
  });
  if (args.session.printConfig !== undefined) {
    io.stdout(session.printConfig(args.session.printConfig));
    return 0;
  }
  if (args.listInputs) {
    io.stdout(formatInputList());
    return 0;
  }
  if (args.listRules) {
    io.stdout(formatRuleList(rules));
    return 0;
  }
  if (args.stdin) return lintStdin(args, args.stdin.filename, session, base, io);

  const {
    files: expanded,
    errors,
    directories,
  } = expandPaths(args.paths, {
    cwd: io.cwd,
    extensions: args.extensions,
    ignorePatterns: args.ignorePatterns,
  });
  const files = session.filterFiles(expanded);
  const explicitFiles = new Set(args.skipNonPolicyFiles ? [] : args.paths.map((p) => path.resolve(io.cwd, p)));
  const problems = [...errors];
  const results = new Results(streamedReport(args, session, io));
  let crashes = 0;
  // Role directories (iam-mfa-lint.role.json) are linted as sets: see sets.ts and docs/sets.md.
  const sets = lintRoleSets(files, (f) => session.optionsFor(f, base), io.cwd, args.paths);
  problems.push(...sets.problems);

  // Large runs lint on worker threads (--concurrency); results come back in walk order. A unit
  // of work is a file, or the .tf files of one directory (a Terraform module, read together).
  const pending = files.filter((f) => !sets.consumed.has(f));
  const units = workUnits(pending);
  // Files of a module that were not named (pre-commit passes the staged ones) are read as its
  // context: outcomes are computed for them but never reported (the loop below reports `files`).
  addModuleContext(units);
  const outcomes = new Map<string, WorkerOutcome>();
  const script = workerScript();
  // --cache: unchanged files (same bytes, same options) take their outcome from the cache; a
  // module's files are keyed together, by all of their contents. Runs that need each file's text
  // on the main thread (the same as for workers) do not use it.
  const cache =
    args.cache && session.parallelSafe
      ? LintCache.open(cacheFilePath(args.cacheLocation, io.cwd), `${VERSION}\0${iamDataVersion()}`)
      : undefined;
  const checks = new Map<string, CacheCheck>();
  if (cache) {
    for (const unit of units) {
      // A Terraform module's files are linted together: each file's outcome depends on the
      // content of all of them, so their hashes are part of every file's context.
      const module = unit.length > 1 ? ['module', unit.map((file) => [file, LintCache.contentHash(file)])] : undefined;
      const own = unit.map((file) => {
        const { iamData: _unused, ...options }: LintOptions = session.optionsFor(file, base);
        const context = [options, explicitFiles.has(file), shownPath(io.cwd, file)];
        const check = cache.check(file, module === undefined ? context : [...context, module]);
        checks.set(file, check);
        return check;
      });
      if (own.every((c) => c.outcome)) unit.forEach((file, i) => outcomes.set(file, own[i]!.outcome!));
    }
  }
  const toLint = cache ? units.filter((u) => !u.every((f) => outcomes.has(f))) : units;
  const toLintFiles = toLint.reduce((n, u) => n + u.length, 0);
  const unitFile = (file: string): UnitFile => ({
    file,
    options: session.optionsFor(file, base),
    explicit: explicitFiles.has(file),
    shownName: shownPath(io.cwd, file),
  });
  const concurrency = args.concurrency ?? defaultConcurrency(toLintFiles);
  // Outcomes of the modules of several files linted on the main thread (or the error that stopped one).
  const early = new Map<string, FileOutcome | Error>();
  // Worker threads: their outcomes come in walk order while the loop below reports the files
  // before them (it waits for the next one), so that a large run keeps no more than it must.
  const pool: { done: boolean; failure?: unknown; wake?: () => void; run?: Promise<void> } = { done: true };
  if (concurrency > 1 && toLintFiles >= MIN_FILES_FOR_WORKERS && session.parallelSafe && script) {
    const jobs: WorkerJob[] = toLint.map((unit) => ({
      files: unit.map((file) => {
        const f = unitFile(file);
        const { iamData: _ignored, ...options } = f.options;
        return { ...f, options };
      }),
    }));
    pool.done = false;
    const woken = (): void => pool.wake?.();
    pool.run = lintInWorkers(jobs, concurrency, script, (u, unitOutcomes) => {
      toLint[u]!.forEach((file, i) => {
        const outcome = unitOutcomes[i]!;
        outcomes.set(file, outcome);
        remember(file, outcome);
      });
      woken();
    }).then(
      () => {
        pool.done = true;
        woken();
      },
      (error: unknown) => {
        pool.failure = error;
        pool.done = true;
        woken();
      },
    );
  } else {
    for (const unit of toLint) {
      if (unit.length < 2) continue;
      try {
        const own = await lintUnit(unit.map(unitFile));
        unit.forEach((file, i) => early.set(file, own[i]!));
      } catch (error) {
        for (const file of unit) early.set(file, error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  function remember(file: string, outcome: WorkerOutcome | FileOutcome): void {
    const check = checks.get(file);
    if (!cache || check === undefined || check.outcome) return;
    if (outcome.kind === 'skip') cache.record(file, check, { kind: 'skip' });
    else if (outcome.kind === 'result') cache.record(file, check, { kind: 'result', result: outcome.result });
  }

  for (const file of files) {
    if (sets.consumed.has(file)) continue;
    // A report written as it goes waits for a slow reader (a pipe) rather than piling up in memory.
    if (results.writer) await drained(io);
    while (!pool.done && !outcomes.has(file)) await new Promise<void>((resolve) => (pool.wake = resolve));
    if (pool.failure !== undefined) throw pool.failure;
    const outcome = outcomes.get(file);
    outcomes.delete(file);
    if (outcome?.kind === 'skip') continue;
    if (outcome?.kind === 'fsError') {
      problems.push(
        describeFsError(Object.assign(new Error(outcome.message), { code: outcome.code }), shownPath(io.cwd, file)),
      );
      continue;
    }
    if (outcome?.kind === 'crash') {
      crashes++;
      results.add(
        toFileResult(file, crashed(new Error(outcome.message), session.optionsFor(file, base)).messages, args.quiet),
      );
      continue;
    }
    if (outcome?.kind === 'result') {
      const messages = session.afterLint(file, new Uint8Array(), '', outcome.result, () => outcome.result);
      results.add(toFileResult(file, withSetFindings(sets, file, messages), args.quiet, outcome.result.documents));
      continue;
    }
    const fileOptions = session.optionsFor(file, base);
    const explicit = explicitFiles.has(file);
    let own: FileOutcome;
    try {
      const before = early.get(file);
      if (before instanceof Error) throw before;
      own = before ?? (await lintPath(file, fileOptions, explicit, shownPath(io.cwd, file)));
    } catch (error) {
      // A bug in the tool on one file: a finding on that file, every other file still reported.
      crashes++;
      results.add(toFileResult(file, crashed(error, fileOptions).messages, args.quiet));
      continue;
    }
    remember(file, own);
    if (own.kind === 'skip') continue;
    if (own.kind === 'fsError') {
      problems.push(
        describeFsError(Object.assign(new Error(own.message), { code: own.code }), shownPath(io.cwd, file)),
      );
      continue;
    }
    // Fixes lint the fixed text again, synchronously (Terraform source is not fixed).
    const relint = (t: string): LintResult =>
      lintFileSync(t, file, { ...fileOptions, explicit, shownName: shownPath(io.cwd, file) }) ?? own.result;
    const messages =
      own.text === '' && own.bytes.length > 0
        ? own.result.messages
        : session.afterLint(file, own.bytes, own.text, own.result, relint);
    results.add(toFileResult(file, withSetFindings(sets, file, messages), args.quiet, own.result.documents));
  }
  await pool.run;
  if (pool.failure !== undefined) throw pool.failure;
  for (const [file, messages] of sets.outside) results.add(toFileResult(file, messages, args.quiet));
  for (const extra of session.extraResults()) results.add(extra);
  // A directory in which nothing was linted is a mistake (a wrong path, a wrong --ext), as ESLint
  // says for patterns that match no file; files named one by one may hold no policy (pre-commit).
  for (const d of directories) {
    if (d.files.some((f) => results.files.has(f) || sets.consumed.has(f))) continue;
    const what =
      d.files.length === 0
        ? `no ${args.extensions.join(', ')} files`
        : `${d.files.length} file${d.files.length === 1 ? '' : 's'}, none of them a policy, template or plan`;
    problems.push(`nothing to lint in ${d.given}: ${what}`);
  }

  const cacheProblem = cache?.save();
  if (cacheProblem) io.stderr(`${NAME}: cannot write the cache ${cache!.file}: ${cacheProblem}\n`);
  const acceptAll = await report(args, results, problems, session, io);
  return exitCode(args, results, io, acceptAll, problems.length > 0 || crashes > 0);
}

/**
 * The report written while files are linted, when the session allows it (streamsReport): JSON
 * and stylish go to standard output file by file; the other formats need every result first.
 */
function streamedReport(args: LintArgs, session: LintSession, io: CliIo): ReportWriter | undefined {
  if (!session.streamsReport) return undefined;
  if (args.format === 'json') return new JsonReportWriter(io.stdout);
  if (args.format === 'stylish') return new StylishReportWriter(io.stdout, { cwd: io.cwd, useColor: useColor(io) });
  return undefined;
}

/** Resolves when standard output has passed on what was written (at once unless a reader is slow). */
async function drained(io: CliIo): Promise<void> {
  const wait = io.stdoutDrained?.();
  if (wait) await wait;
}

/** ESLint's exit codes: 2 for problems and internal errors, 1 for errors or too many warnings, else 0. */
function exitCode(args: LintArgs, results: Results, io: CliIo, acceptAll: boolean, failed: boolean): number {
  const { errorCount, warningCount } = results;
  const tooManyWarnings = args.maxWarnings >= 0 && warningCount > args.maxWarnings;
  if (errorCount === 0 && tooManyWarnings) {
    io.stderr(`${NAME} found too many warnings (maximum: ${args.maxWarnings}).\n`);
  }
  if (failed) return 2;
  if (acceptAll) return 0;
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * Writes the report (the session's formats, JSON in pieces, or stylish) and the problems; true
 * when the run must exit 0 (--write-baseline). A report written as the run went is ended here.
 */
async function report(
  args: LintArgs,
  results: Results,
  problems: readonly string[],
  session: LintSession,
  io: CliIo,
): Promise<boolean> {
  const kept = results.kept;
  const sessionOutput = session.format(args.format, kept, VERSION);
  // Large JSON reports are written in pieces rather than built as one string.
  const writer =
    results.writer ??
    (sessionOutput === undefined && args.format === 'json' && !session.writesToFile
      ? new JsonReportWriter(io.stdout)
      : undefined);
  let acceptAll: boolean;
  if (writer) {
    acceptAll = session.emit('');
    for (const result of kept) {
      writer.add(result);
      await drained(io);
    }
    writer.end();
  } else {
    const output =
      sessionOutput ??
      (args.format === 'json'
        ? formatJson(kept)
        : formatStylish(kept, { cwd: io.cwd, useColor: useColor(io) && !session.writesToFile }));
    acceptAll = session.emit(output);
  }

  for (const problem of problems) io.stderr(`${NAME}: ${escapeControl(problem)}\n`);
  return acceptAll;
}

/** --stdin: lints standard input as the file --stdin-filename names (its kind, its config, its name in the report). */
async function lintStdin(
  args: LintArgs,
  filename: string,
  session: LintSession,
  base: LintOptions,
  io: CliIo,
): Promise<number> {
  const file = path.resolve(io.cwd, filename);
  const bytes = io.readStdin ? await io.readStdin() : new Uint8Array();
  const options = session.optionsFor(file, base);
  let crashesHere = 0;
  let result: LintResult;
  try {
    const own = await lintBytes(bytes, file, options, true, filename);
    result = own.kind === 'result' ? own.result : { messages: [], errorCount: 0, warningCount: 0 };
    if (own.kind === 'result' && (own.text !== '' || bytes.length === 0)) {
      const relint = (t: string): LintResult =>
        lintFileSync(t, file, { ...options, explicit: true, shownName: filename }) ?? result;
      result = { ...result, messages: session.afterLint(file, bytes, own.text, result, relint) };
    }
  } catch (error) {
    crashesHere++;
    result = crashed(error, options);
  }
  const results = new Results();
  results.add(toFileResult(file, result.messages, args.quiet, result.documents));
  const acceptAll = await report(args, results, [], session, io);
  return exitCode(args, results, io, acceptAll, crashesHere > 0);
}
