import { displayPath, escapeControl } from './text.js';
import { DocumentCount } from './counts.js';
import { Pieces, type ReportWriter } from './pieces.js';
import type { FileResult } from './types.js';

export interface StylishFormatterOptions {
  /** Directory the file paths are shown relative to. Default: paths are shown as given. */
  cwd?: string;
  /** Emit ANSI colors. Default false. */
  useColor?: boolean;
  /** Columns a row may take before its message wraps (a longer word is not broken). Default 80. */
  width?: number;
}

type Paint = (s: string) => string;

const ansi =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;
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

/**
 * One line per message, safe for a terminal: control characters from the policy or the file name
 * are escaped visibly (never printed raw); ESLint drops a final period.
 */
function messageText(message: string): string {
  return escapeControl(message).replace(/([^ ])\.$/u, '$1');
}

/** Greedy word wrap to lines of at most `width` characters; a longer word (an ARN) stays whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** Widest string of `values` (a loop: a spread of a large array overflows the call stack). */
function widest(values: Iterable<string>): number {
  let width = 0;
  for (const v of values) if (v.length > width) width = v.length;
  return width;
}

/** Narrowest room a message gets before it wraps, however deep the position and severity columns. */
const MIN_MESSAGE_WIDTH = 30;

/**
 * ESLint's `stylish` layout, kept readable for long messages: per file with messages, the path
 * (relative to `cwd`), one row per message and a blank line; then a summary. Empty when there
 * are no problems. Position and severity are aligned; messages are padded (so that rule ids line
 * up) only as far as the rows that fit in `width`. A message that does not fit wraps at spaces
 * under its first line, and its rule id follows the last line, or goes below it when there is no
 * room (as Biome puts the rule beside the location rather than padding every row to the longest).
 */
export function formatStylish(results: readonly FileResult[], options: StylishFormatterOptions = {}): string {
  let out = '';
  const writer = new StylishReportWriter((s) => {
    out += s;
  }, options);
  for (const result of results) writer.add(result);
  writer.end();
  return out;
}

/** The same text written as the results come, in pieces of about 64 KiB (pieces.ts). */
export class StylishReportWriter implements ReportWriter {
  private readonly out: Pieces;
  private readonly c: Palette;
  private readonly width: number;
  private errorCount = 0;
  private warningCount = 0;
  private readonly read = new DocumentCount();

  constructor(
    write: (s: string) => void,
    private readonly options: StylishFormatterOptions = {},
  ) {
    this.out = new Pieces(write);
    this.c = options.useColor ? COLORS : NO_COLORS;
    this.width = options.width ?? 80;
  }

  add(result: FileResult): void {
    const { c, width } = this;
    this.read.add(result);
    const messages = result.messages;
    if (messages.length === 0) return;

    const rows = messages.map((m) => {
      const isError = m.severity === 2;
      if (isError) this.errorCount++;
      else this.warningCount++;
      return {
        line: String(m.line),
        column: String(m.column),
        isError,
        severity: isError ? 'error' : 'warning',
        message: messageText(m.message),
        ruleId: escapeControl(m.ruleId ?? ''),
      };
    });
    const lineWidth = widest(rows.map((r) => r.line));
    const columnWidth = widest(rows.map((r) => r.column));
    const severityWidth = widest(rows.map((r) => r.severity));
    const ruleWidth = widest(rows.map((r) => r.ruleId));
    const indent = 2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2;
    // Room for a message with its rule id on the same line.
    const room = Math.max(MIN_MESSAGE_WIDTH, width - indent - 2 - ruleWidth);
    const messageWidth = widest(rows.map((r) => r.message).filter((m) => m.length <= room));
    const wrapWidth = Math.max(MIN_MESSAGE_WIDTH, width - indent);
    const continuation = ' '.repeat(indent);

    let output = `${c.underline(escapeControl(displayPath(result.filePath, this.options.cwd)))}\n`;
    for (const r of rows) {
      const position = `${r.line.padStart(lineWidth)}:${r.column}`;
      const positionPad = ' '.repeat(lineWidth + 1 + columnWidth - position.length);
      const severity = (r.isError ? c.red : c.yellow)(r.severity);
      const severityPad = ' '.repeat(severityWidth - r.severity.length);
      output += `  ${c.dim(position)}${positionPad}  ${severity}${severityPad}  `;
      if (r.message.length <= room) {
        output += `${r.message}${' '.repeat(messageWidth - r.message.length)}  ${c.dim(r.ruleId)}\n`;
        continue;
      }
      const lines = wrap(r.message, wrapWidth);
      const last = lines.length - 1;
      output += lines.map((l, i) => (i === 0 ? l : continuation + l)).join('\n');
      output +=
        lines[last]!.length + 2 + r.ruleId.length <= wrapWidth
          ? `  ${c.dim(r.ruleId)}\n`
          : `\n${continuation}${c.dim(r.ruleId)}\n`;
    }
    this.out.push(output + '\n');
  }

  end(): void {
    const { c, errorCount, warningCount } = this;
    const total = errorCount + warningCount;
    const read = this.read.summary();
    // A clean run says nothing, as ESLint's; unless nothing was read, which is no clean repository.
    if (total === 0) {
      this.out.end(read && read.documents === 0 ? `0 problems in ${read.text}\n` : '');
      return;
    }
    const summary =
      `\u2716 ${total} ${pluralize('problem', total)} ` +
      `(${errorCount} ${pluralize('error', errorCount)}, ${warningCount} ${pluralize('warning', warningCount)})` +
      (read ? ` in ${read.text}` : '');
    this.out.end(`${(errorCount > 0 ? c.red : c.yellow)(c.bold(summary))}\n`);
  }
}
