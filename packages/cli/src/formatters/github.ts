import { displayPath, escapeControl } from './text.js';
import type { FileResult } from './types.js';

export interface GithubFormatterOptions {
  /** The repository root (GitHub's working directory): file paths are relative to it. */
  cwd?: string;
}

/**
 * Escaping of a workflow command's message, as GitHub's toolkit does it (`%`, CR, LF), then
 * every other control character visibly (`\u001b`): the log shows workflow commands raw and
 * renders ANSI sequences, so an ESC from a policy would reach it.
 */
export function escapeData(s: string): string {
  return escapeControl(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a workflow command's property value (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
 */
export function formatGithub(results: readonly FileResult[], options: GithubFormatterOptions = {}): string {
  let out = '';
  for (const r of results) {
    const file = displayPath(r.filePath, options.cwd);
    for (const m of r.messages) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.ruleId)}`,
      ].join(',');
      out += `::${m.severity === 2 ? 'error' : 'warning'} ${props}::${escapeData(m.message)}\n`;
    }
  }
  return out;
}
