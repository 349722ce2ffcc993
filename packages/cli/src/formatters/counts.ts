import type { FileResult } from './types.js';

/** Policy documents read and the files that were read for them ("12 policies of 7 files"), when known. */
export function documentsRead(
  results: readonly FileResult[],
): { documents: number; files: number; text: string } | undefined {
  const count = new DocumentCount();
  for (const r of results) count.add(r);
  return count.summary();
}

/** documentsRead, counted as the results come. */
export class DocumentCount {
  private documents = 0;
  private files = 0;

  add(result: FileResult): void {
    if (result.documents === undefined) return;
    this.documents += result.documents;
    this.files++;
  }

  summary(): { documents: number; files: number; text: string } | undefined {
    const { documents, files } = this;
    if (files === 0) return undefined;
    const policies = documents === 1 ? 'policy' : 'policies';
    return { documents, files, text: `${documents} ${policies} of ${files} ${files === 1 ? 'file' : 'files'}` };
  }
}
