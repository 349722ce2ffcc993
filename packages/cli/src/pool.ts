/**
 * `--concurrency N`: large runs lint in N worker threads. Files go out in batches and results
 * come back in the original order, so output stays deterministic.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LintOptions, LintResult } from '@iam-mfa-lint/core';

export interface WorkerJob {
  file: string;
  explicit: boolean;
  /** The file's name as the user typed it (for messages that name it). */
  shownName: string;
  /** The resolved options without iamData (each worker loads its own). */
  options: Omit<LintOptions, 'iamData'>;
}

export type WorkerOutcome =
  | { kind: 'result'; result: LintResult }
  | { kind: 'skip' }
  | { kind: 'fsError'; code: string; message: string }
  | { kind: 'crash'; message: string };

/** Runs with fewer files than this stay on one thread: starting workers costs more. */
export const MIN_FILES_FOR_WORKERS = 200;
const BATCH = 64;

/** The default: one worker per core. */
export function defaultConcurrency(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** The built worker script, next to the built bin; absent when running from the TypeScript sources. */
export function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  try {
    return fs.existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

export async function lintInWorkers(jobs: WorkerJob[], concurrency: number, script: URL): Promise<WorkerOutcome[]> {
  const outcomes: WorkerOutcome[] = new Array(jobs.length);
  const batches: Array<{ id: number; start: number; jobs: WorkerJob[] }> = [];
  for (let i = 0; i < jobs.length; i += BATCH)
    batches.push({ id: batches.length, start: i, jobs: jobs.slice(i, i + BATCH) });
  let next = 0;
  // A larger young generation: linting allocates many short-lived objects.
  const workers = Array.from(
    { length: Math.min(concurrency, batches.length) },
    () => new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 32 } }),
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
            worker.on('message', (msg: { id: number; outcomes: WorkerOutcome[] }) => {
              const batch = batches[msg.id]!;
              msg.outcomes.forEach((o, i) => (outcomes[batch.start + i] = o));
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
  return outcomes;
}
