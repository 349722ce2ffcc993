import type { FileResult } from './types.js';

/** Policy documents read and the files that were read for them ("12 policies of 7 files"), when known. */
export function documentsRead(
  results: readonly FileResult[],
): { documents: number; files: number; text: string } | undefined {
  let documents = 0;
  let files = 0;
  for (const r of results) {
    if (r.documents === undefined) continue;
    documents += r.documents;
    files++;
  }
  if (files === 0) return undefined;
  const policies = documents === 1 ? 'policy' : 'policies';
  return { documents, files, text: `${documents} ${policies} of ${files} ${files === 1 ? 'file' : 'files'}` };
}
