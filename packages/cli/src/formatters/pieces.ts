import type { FileResult } from './types.js';

/** A report made as the results come, in report order: `add` each, then `end` once. */
export interface ReportWriter {
  add(result: FileResult): void;
  end(): void;
}

/** Pieces of at least this many characters are handed on (the last may be shorter). */
const PIECE = 1 << 16;

/**
 * The text of a report handed to `write` in pieces of about 64 KiB as it is made: a large run
 * neither keeps its results until the end nor builds its report as one string, and a piece is
 * written before V8 would move it to the old generation.
 */
export class Pieces {
  private buffer = '';

  constructor(private readonly write: (s: string) => void) {}

  push(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= PIECE) {
      this.write(this.buffer);
      this.buffer = '';
    }
  }

  /** Writes what is left, with `last` after it (nothing when both are empty). */
  end(last: string): void {
    const rest = this.buffer + last;
    this.buffer = '';
    if (rest !== '') this.write(rest);
  }
}
