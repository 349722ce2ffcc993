/**
 * A lint worker for `--concurrency`: runs the same pipeline as the main thread (pipeline.ts
 * lintUnit) on the units of work it is sent (a file, or the files of a Terraform module), with
 * the options the main thread resolved for each, and sends back plain results. Everything that needs the whole run (sets, fixes, baselines,
 * formatting) stays on the main thread.
 */
import type { IamData } from '@iam-mfa-lint/core';
import { defaultIamData } from './iam-data.js';
import { lintUnit } from './pipeline.js';
import type { WorkerJob, WorkerOutcome } from './pool.js';

async function lintJob(job: WorkerJob, iamData: IamData): Promise<WorkerOutcome[]> {
  const outcomes = await lintUnit(job.files.map((f) => ({ ...f, options: { ...f.options, iamData } })));
  return outcomes.map((o) => (o.kind === 'result' ? { kind: 'result', result: o.result } : o));
}

/** Serves the main thread's batches (worker.ts calls it in the thread). */
export function startWorker(): void {
  const { parentPort } = process.getBuiltinModule('node:worker_threads');
  const iamData = defaultIamData();
  parentPort!.on('message', async (batch: { id: number; jobs: WorkerJob[] }) => {
    const outcomes: WorkerOutcome[][] = [];
    for (const job of batch.jobs) {
      try {
        outcomes.push(await lintJob(job, iamData));
      } catch (error) {
        // A bug in the tool on one unit: every file of it gets the crash.
        outcomes.push(job.files.map(() => ({ kind: 'crash', message: (error as Error).message })));
      }
    }
    parentPort!.postMessage({ id: batch.id, outcomes });
  });
}
