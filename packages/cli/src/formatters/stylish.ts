import path from 'node:path';
import type { FileResult } from './types.js';

export interface StylishFormatterOptions {
  /** Directory the file paths are shown relative to. Default: paths are shown as given. */
  cwd?: string;
  /** Emit ANSI colors. Default false. */
  useColor?: boolean;
}

type Paint = (s: string) => string;

const ansi = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Paint = (s) => s;

interface Palette {
  red: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
  underline: Paint;
}

const COLORS: Palette = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  underline: ansi(4, 24),
};
const NO_COLORS: Palette = { red: plain, yellow: plain, dim: plain, bold: plain, underline: plain };

function pluralize(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/** The path as shown: relative to `cwd` when given, always with forward slashes. */
function displayPath(filePath: string, cwd: string | undefined): string {
  const shown = cwd === undefined ? filePath : path.relative(cwd, filePath) || path.basename(filePath);
  return shown.split(path.sep).join('/').replace(/\\/g, '/');
}

/** One line per message: line breaks inside a message would break the table. ESLint drops a final period. */
function messageText(message: string): string {
  return message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').replace(/([^ ])\.$/u, '$1');
}

/**
 * ESLint's `stylish` format: per file with messages, the path (relative to `cwd`), one aligned
 * row per message and a blank line; then a summary. Empty when there are no problems.
 */
export function formatStylish(results: readonly FileResult[], options: StylishFormatterOptions = {}): string {
  const c = options.useColor ? COLORS : NO_COLORS;
  let output = '';
  let errorCount = 0;
  let warningCount = 0;

  for (const result of results) {
    const messages = result.messages;
    if (messages.length === 0) continue;

    const rows = messages.map((m) => {
      const isError = m.severity === 2;
      if (isError) errorCount++;
      else warningCount++;
      return {
        line: String(m.line),
        column: String(m.column),
        isError,
        severity: isError ? 'error' : 'warning',
        message: messageText(m.message),
        ruleId: m.ruleId ?? '',
      };
    });
    const lineWidth = Math.max(...rows.map((r) => r.line.length));
    const columnWidth = Math.max(...rows.map((r) => r.column.length));
    const severityWidth = Math.max(...rows.map((r) => r.severity.length));
    const messageWidth = Math.max(...rows.map((r) => r.message.length));

    output += `${c.underline(displayPath(result.filePath, options.cwd))}\n`;
    for (const r of rows) {
      const position = `${r.line.padStart(lineWidth)}:${r.column}`;
      const positionPad = ' '.repeat(lineWidth + 1 + columnWidth - position.length);
      const severity = (r.isError ? c.red : c.yellow)(r.severity);
      const severityPad = ' '.repeat(severityWidth - r.severity.length);
      const messagePad = ' '.repeat(messageWidth - r.message.length);
      output += `  ${c.dim(position)}${positionPad}  ${severity}${severityPad}  ${r.message}${messagePad}  ${c.dim(r.ruleId)}\n`;
    }
    output += '\n';
  }

  const total = errorCount + warningCount;
  if (total === 0) return '';
  const summary =
    `\u2716 ${total} ${pluralize('problem', total)} ` +
    `(${errorCount} ${pluralize('error', errorCount)}, ${warningCount} ${pluralize('warning', warningCount)})`;
  output += `${(errorCount > 0 ? c.red : c.yellow)(c.bold(summary))}\n`;
  return output;
}
