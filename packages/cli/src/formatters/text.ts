/**
 * Text shared by the human-readable formatters (stylish, compact, github): how a path is shown
 * and how text taken from a policy or a file name is made safe to print on a terminal.
 */
import path from 'node:path';

/**
 * Characters a terminal acts on or that change how a line reads: C0 controls (ESC, BEL,
 * backspace, line breaks, tab), DEL, C1 controls (a lone U+009B is a CSI on some terminals),
 * and the bidirectional formatting marks that reorder what follows them ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a policy or a file name as it may reach a terminal: every character of `UNSAFE`
 * becomes a visible escape (`\n`, `\r`, `\t`, else `\u001b`-style), so that a finding can
 * neither hide others (ESC [2J clears the screen) nor break the one-line-per-row layout.
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The path as shown: relative to `cwd` when given, always with forward slashes (not yet escaped). */
export function displayPath(filePath: string, cwd: string | undefined): string {
  const shown = cwd === undefined ? filePath : path.relative(cwd, filePath) || path.basename(filePath);
  return shown.split(path.sep).join('/').replace(/\\/g, '/');
}
