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

/** Pieces of about this many characters are handed to `write`. */
const PIECE = 1 << 16;

/**
 * The same text written as the results come, in pieces of about 1 MB: a large run neither keeps
 * its results until the end nor builds the report as one string.
 */
export class JsonReportWriter {
  private buffer = '[';
  private first = true;

  constructor(private readonly write: (s: string) => void) {}

  add(result: FileResult): void {
    this.buffer += (this.first ? '' : ',') + JSON.stringify(entry(result));
    this.first = false;
    if (this.buffer.length >= PIECE) {
      this.write(this.buffer);
      this.buffer = '';
    }
  }

  end(): void {
    this.write(this.buffer + ']\n');
    this.buffer = '';
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
