/**
 * A lint worker for `--concurrency`: runs the same per-file pipeline as the main thread
 * (pipeline.ts) on the files it is sent, with the options the main thread resolved for each, and
 * sends back plain results. Everything that needs the whole run (sets, fixes, baselines,
 * formatting) stays on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { defaultIamData } from './iam-data.js';
import { lintPath } from './pipeline.js';
import type { WorkerJob, WorkerOutcome } from './pool.js';

const iamData = defaultIamData();

async function lintOne(job: WorkerJob): Promise<WorkerOutcome> {
  const outcome = await lintPath(job.file, { ...job.options, iamData }, job.explicit, job.shownName);
  return outcome.kind === 'result' ? { kind: 'result', result: outcome.result } : outcome;
}

parentPort!.on('message', async (batch: { id: number; jobs: WorkerJob[] }) => {
  const outcomes: WorkerOutcome[] = [];
  for (const job of batch.jobs) {
    try {
      outcomes.push(await lintOne(job));
    } catch (error) {
      outcomes.push({ kind: 'crash', message: (error as Error).message });
    }
  }
  parentPort!.postMessage({ id: batch.id, outcomes });
});
