/**
 * A lint worker for `--concurrency`: runs the same pipeline as the main thread (pipeline.ts
 * lintUnit) on the units of work it is sent (a file, or the files of a Terraform module), with
 * the options the main thread resolved for each, and sends back plain results. Everything that needs the whole run (sets, fixes, baselines,
 * formatting) stays on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { defaultIamData } from './iam-data.js';
import { lintUnit } from './pipeline.js';
import type { WorkerJob, WorkerOutcome } from './pool.js';

const iamData = defaultIamData();

async function lintJob(job: WorkerJob): Promise<WorkerOutcome[]> {
  const outcomes = await lintUnit(job.files.map((f) => ({ ...f, options: { ...f.options, iamData } })));
  return outcomes.map((o) => (o.kind === 'result' ? { kind: 'result', result: o.result } : o));
}

parentPort!.on('message', async (batch: { id: number; jobs: WorkerJob[] }) => {
  const outcomes: WorkerOutcome[][] = [];
  for (const job of batch.jobs) {
    try {
      outcomes.push(await lintJob(job));
    } catch (error) {
      // A bug in the tool on one unit: every file of it gets the crash.
      outcomes.push(job.files.map(() => ({ kind: 'crash', message: (error as Error).message })));
    }
  }
  parentPort!.postMessage({ id: batch.id, outcomes });
});
