/**
 * A lint worker for `--concurrency`: reads, decodes and lints the files it is sent, with the
 * options the main thread resolved for each, and sends back plain results. Everything that needs
 * the whole run (sets, fixes, baselines, formatting) stays on the main thread.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { lintText, type LintOptions } from '@iam-mfa-lint/core';
import { defaultIamData } from './iam-data.js';
import { lintAnyFile } from './inputs/index.js';
import { looksLikeAccountDetails } from './sets.js';
import type { WorkerJob, WorkerOutcome } from './pool.js';

const iamData = defaultIamData();
const decoder = new TextDecoder('utf-8', { fatal: true });

async function lintOne(job: WorkerJob): Promise<WorkerOutcome> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(job.file);
  } catch (error) {
    return { kind: 'fsError', code: (error as NodeJS.ErrnoException).code ?? '', message: (error as Error).message };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'main' };
  }
  // Account snapshots are linted as sets on the main thread.
  if (looksLikeAccountDetails(text)) return { kind: 'main' };
  const options: LintOptions = { ...job.options, iamData };
  const result = await lintAnyFile(text, job.file, options, job.explicit, lintText);
  return result ? { kind: 'result', result } : { kind: 'skip' };
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
