import type { LintOptions } from '../../packages/core/src/index.ts';

export interface DocExample {
  kind: 'correct' | 'incorrect';
  code: string;
  /** 1-based line of the example's first line in the page. */
  line: number;
  options: LintOptions;
}

/**
 * The fenced examples of a rule's docs page: ```json correct / ```json incorrect blocks (or, with
 * `variant: 'set-'`, ```json set-correct / set-incorrect for account snapshots), each with the
 * options of a `<!-- lint-options: {...} -->` comment just before it.
 */
export function docExamples(markdown: string, variant: '' | 'set-' = ''): DocExample[] {
  const out: DocExample[] = [];
  const lines = markdown.split('\n');
  const fenceRe = new RegExp('^```json\\s+' + variant + '(correct|incorrect)\\s*$');
  let pending: LintOptions = {};
  for (let i = 0; i < lines.length; i++) {
    const opt = /^<!--\s*lint-options:\s*(.*?)\s*-->$/.exec(lines[i]!);
    if (opt) {
      pending = JSON.parse(opt[1]!) as LintOptions;
      continue;
    }
    const fence = fenceRe.exec(lines[i]!);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    out.push({ kind: fence[1] as DocExample['kind'], code: lines.slice(i + 1, end).join('\n'), line: i + 2, options: pending });
    pending = {};
    i = end;
  }
  return out;
}
