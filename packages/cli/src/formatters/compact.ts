import { displayPath, escapeControl } from './text.js';
import type { FileResult } from './types.js';

export interface CompactFormatterOptions {
  /** Directory the file paths are shown relative to. Default: paths are shown as given. */
  cwd?: string;
}

/**
 * One line per finding, for grep and editors (the `file:line:col: message` shape compilers print):
 * `policies/a.json:6:17: error Action "*" allows every action [action-wildcard]`. No header, no
 * summary; empty when there are no problems. Control characters are escaped, so a line is a finding.
 */
export function formatCompact(results: readonly FileResult[], options: CompactFormatterOptions = {}): string {
  let out = '';
  for (const r of results) {
    if (r.messages.length === 0) continue;
    const file = escapeControl(displayPath(r.filePath, options.cwd));
    for (const m of r.messages) {
      const rule = m.ruleId ? ` [${escapeControl(m.ruleId)}]` : '';
      out += `${file}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'} ${escapeControl(m.message)}${rule}\n`;
    }
  }
  return out;
}
