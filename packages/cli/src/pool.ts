/**
 * `--concurrency N`: large runs lint in N worker threads. Units of work (a file, or the `.tf`
 * files of one Terraform module) go out in batches and results come back in the original order,
 * so output stays deterministic.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LintOptions, LintResult } from '@iam-mfa-lint/core';

/** One file of a unit of work. */
export interface WorkerFile {
  file: string;
  explicit: boolean;
  /** The file's name as the user typed it (for messages that name it). */
  shownName: string;
  /** The resolved options without iamData (each worker loads its own). */
  options: Omit<LintOptions, 'iamData'>;
}

/** A unit of work (pipeline.ts workUnits): one file, or the files of a Terraform module. */
export interface WorkerJob {
  files: WorkerFile[];
}

export type WorkerOutcome =
  | { kind: 'result'; result: LintResult }
  | { kind: 'skip' }
  | { kind: 'fsError'; code: string; message: string }
  | { kind: 'crash'; message: string };

/** Runs with fewer files than this stay on one thread: starting workers costs more. */
export const MIN_FILES_FOR_WORKERS = 200;
// Loaded when workers start: most runs (pre-commit's few files) never do.
const workerThreads = () => process.getBuiltinModule('node:worker_threads');

const BATCH = 64;

/**
 * A worker pays for its own start before it lints a file: V8 compiles the bundle again, it loads
 * the IAM data (432 of 456 services) and warms its caches, about 0.6 s of CPU, the time one thread
 * takes to lint some 200 managed policies. A worker is worth starting only for a share of work
 * well above that.
 */
export const FILES_PER_WORKER = 500;

/**
 * The default thread count, from the cores and the amount of work: one core is left to the main
 * thread and V8's compiler and collector threads (on 2 cores, 2 workers were 1.13x slower in wall
 * time and took 1.35x the CPU of one thread over the 1,594 managed policies: docs/performance.md),
 * and every worker gets at least FILES_PER_WORKER files. 1: lint on the main thread.
 */
export function defaultConcurrency(files: number, cores: number = availableCores()): number {
  return Math.max(1, Math.min(cores - 1, Math.floor(files / FILES_PER_WORKER)));
}

function availableCores(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** The built worker script, next to the built bin; absent when running from the TypeScript sources. */
export function workerScript(): URL | undefined {
  // dist/worker.cjs, beside this module or, from the executables' bundle (dist/chunks), above it.
  for (const relative of ['./worker.cjs', '../worker.cjs']) {
    const url = new URL(relative, import.meta.url);
    try {
      if (fs.existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a file URL: no worker script here
    }
  }
  return undefined;
}

/**
 * Lints the units in workers and hands each unit's outcomes (one per file) to `each` in the order
 * of `jobs`, as soon as the unit and all before it are done: a batch that comes back early waits
 * for the ones before it, and nothing is kept after it is handed on.
 */
export async function lintInWorkers(
  jobs: WorkerJob[],
  concurrency: number,
  script: URL,
  each: (unit: number, outcomes: WorkerOutcome[]) => void,
): Promise<void> {
  const early = new Map<number, WorkerOutcome[][]>();
  let due = 0;
  const batches: Array<{ id: number; start: number; jobs: WorkerJob[] }> = [];
  for (let i = 0; i < jobs.length; i += BATCH)
    batches.push({ id: batches.length, start: i, jobs: jobs.slice(i, i + BATCH) });
  let next = 0;
  // A larger young generation: linting allocates many short-lived objects.
  const workers = Array.from(
    { length: Math.min(concurrency, batches.length) },
    () => new (workerThreads().Worker)(script, { resourceLimits: { maxYoungGenerationSizeMb: 32 } }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const batch = batches[next++];
              if (!batch) {
                resolve();
                return;
              }
              worker.postMessage({ id: batch.id, jobs: batch.jobs });
            };
            worker.on('message', (msg: { id: number; outcomes: WorkerOutcome[][] }) => {
              early.set(msg.id, msg.outcomes);
              for (let ready = early.get(due); ready; ready = early.get(due)) {
                early.delete(due);
                const start = batches[due++]!.start;
                ready.forEach((o, i) => each(start + i, o));
              }
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a lint worker stopped with exit code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
