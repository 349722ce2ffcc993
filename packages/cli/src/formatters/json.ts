import type { FileResult } from './types.js';

/** Options of the JSON formatter (none yet; accepted for a uniform formatter signature). */
export interface JsonFormatterOptions {
  cwd?: string;
  useColor?: boolean;
}

/**
 * ESLint's `json` format: one entry per linted file (with or without messages), in the order
 * given, on one line, followed by a newline. The core's `pointer` field is not part of it.
 */
export function formatJson(results: readonly FileResult[], _options: JsonFormatterOptions = {}): string {
  return [...formatJsonChunks(results)].join('');
}

/** The same text in pieces, one per file, so that a large report can be written as it is made. */
export function* formatJsonChunks(results: readonly FileResult[]): Generator<string> {
  yield '[';
  for (let i = 0; i < results.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(entry(results[i]!));
  yield ']\n';
}

function entry(result: FileResult) {
  return {
    filePath: result.filePath,
    messages: result.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      messageId: m.messageId,
    })),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
  };
}
