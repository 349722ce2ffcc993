import { Pieces, type ReportWriter } from './pieces.js';
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
  let out = '';
  const writer = new JsonReportWriter((s) => {
    out += s;
  });
  for (const result of results) writer.add(result);
  writer.end();
  return out;
}

/**
 * The same text written as the results come, in pieces of about 64 KiB (pieces.ts): a
 * large run neither keeps its results until the end nor builds the report as one string.
 */
export class JsonReportWriter implements ReportWriter {
  private readonly out: Pieces;
  private first = true;

  constructor(write: (s: string) => void) {
    this.out = new Pieces(write);
    this.out.push('[');
  }

  add(result: FileResult): void {
    this.out.push((this.first ? '' : ',') + JSON.stringify(entry(result)));
    this.first = false;
  }

  end(): void {
    this.out.end(']\n');
  }
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
