import { expect } from 'vitest';
import type { LintOptions } from '../../packages/core/src/index.ts';

/** One finding a docs example states it produces: `rule/messageId@line:column` (column optional). */
export interface ExpectedFinding {
  ruleId: string;
  messageId: string;
  line: number;
  column?: number;
}

export interface DocExample {
  kind: 'correct' | 'incorrect';
  /** The fence's language: `json`, `yaml`, `hcl`. */
  lang: string;
  code: string;
  /** 1-based line of the example's first line in the page. */
  line: number;
  options: LintOptions;
  /** The findings of the `<!-- expect: ... -->` comments just before the block (none: []). */
  expect: ExpectedFinding[];
  /** Whether the block has `<!-- expect: ... -->` comments at all. */
  annotated: boolean;
}

const FINDING_RE = /^([a-z0-9-]+)\/([A-Za-z0-9]+)@(\d+)(?::(\d+))?$/;

/** Parses the body of an expect comment: findings separated by commas or white space. */
export function parseExpect(body: string, where: string): ExpectedFinding[] {
  return body
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((item) => {
      const m = FINDING_RE.exec(item);
      if (!m) throw new Error(`${where}: "${item}" is not rule/messageId@line:column`);
      return { ruleId: m[1]!, messageId: m[2]!, line: Number(m[3]), ...(m[4] ? { column: Number(m[4]) } : {}) };
    });
}

/** A finding as reported (the fields an expectation can state). */
export interface ActualFinding {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
}

/**
 * Pairs expectations with findings (an expectation without a column matches any column) and
 * returns what is left on either side: both empty when the example produces exactly what it states.
 */
export function unmatchedFindings(
  expected: readonly ExpectedFinding[],
  actual: readonly ActualFinding[],
): { missing: string[]; unexpected: string[] } {
  const left = [...actual];
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.findIndex(
      (a) =>
        a.ruleId === e.ruleId &&
        a.messageId === e.messageId &&
        a.line === e.line &&
        (e.column === undefined || a.column === e.column),
    );
    if (i < 0) missing.push(formatFinding(e));
    else left.splice(i, 1);
  }
  return { missing, unexpected: left.map(formatFinding) };
}

/** A finding in the annotation's form, `rule/messageId@line:column`. */
export function formatFinding(f: ExpectedFinding): string {
  return `${f.ruleId}/${f.messageId}@${f.line}${f.column === undefined ? '' : `:${f.column}`}`;
}

/**
 * The fenced examples of a docs page: ```json correct / ```json incorrect blocks (also ```yaml
 * and ```hcl), or, with `variant: 'set-'`, ```json set-correct / set-incorrect for account
 * snapshots. HTML comments just before a block apply to it:
 * `<!-- lint-options: {...} -->` (the lint options) and `<!-- expect: rule/messageId@line:column ... -->`
 * (the exact findings of an incorrect block; lines and columns within the block). A comment
 * in a malformed form throws, naming the page line. Comments before any other fence are dropped.
 */
export function docExamples(markdown: string, variant: '' | 'set-' = '', page = 'page'): DocExample[] {
  const out: DocExample[] = [];
  const lines = markdown.split('\n');
  const fenceRe = new RegExp('^```(json|yaml|hcl)\\s+' + variant + '(correct|incorrect)\\s*$');
  let options: LintOptions = {};
  let expected: ExpectedFinding[] = [];
  let annotated = false;
  for (let i = 0; i < lines.length; i++) {
    const comment = /^<!--\s*(lint-options|expect):\s*(.*?)\s*-->$/.exec(lines[i]!);
    if (comment) {
      const where = `${page}:${i + 1}`;
      if (comment[1] === 'expect') {
        expected = [...expected, ...parseExpect(comment[2]!, where)];
        annotated = true;
      } else {
        try {
          options = JSON.parse(comment[2]!) as LintOptions;
        } catch (e) {
          throw new Error(`${where}: lint-options is not JSON: ${(e as Error).message}`);
        }
      }
      continue;
    }
    if (!lines[i]!.startsWith('```')) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    const fence = fenceRe.exec(lines[i]!);
    if (fence)
      out.push({
        kind: fence[2] as DocExample['kind'],
        lang: fence[1]!,
        code: lines.slice(i + 1, end).join('\n'),
        line: i + 2,
        options,
        expect: expected,
        annotated,
      });
    options = {};
    expected = [];
    annotated = false;
    i = end;
  }
  return out;
}

/** An incorrect example states at least one finding in an expect comment; a correct one has none. */
export function expectAnnotated(e: DocExample): void {
  if (e.kind === 'correct')
    expect(e.annotated, 'a correct example expects no finding: drop its expect comment').toBe(false);
  else {
    expect(e.annotated, 'an incorrect example states its findings in a <!-- expect: ... --> comment').toBe(true);
    expect(e.expect.length).toBeGreaterThan(0);
  }
}
