/**
 * Every linted example in the docs produces exactly the findings it states: ```json incorrect
 * (also yaml, hcl) blocks carry `<!-- expect: rule/messageId@line:column ... -->` just before
 * them, correct blocks expect none (DEVELOPERS.md, "Adding a rule"). Set examples
 * (```json set-incorrect) are checked in tests/set-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostRuleIds, lintFile, lintText, ruleIds, setRuleIds } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { iamData } from './helpers/iam-data.ts';
import { docExamples, expectAnnotated, unmatchedFindings } from './helpers/docs.ts';

const docsRoot = join(__dirname, '..', 'docs');
const docsDir = join(docsRoot, 'rules');

describe('rule docs examples', () => {
  // Cross-document rules show policy sets (```json set-incorrect blocks): tests/set-rules.test.ts.
  // Host-reported rules (unused-ignore) have no policy examples; their pages show a CLI run.
  for (const id of ruleIds.filter((r) => !setRuleIds.includes(r) && !hostRuleIds.includes(r))) {
    describe(id, () => {
      const md = readFileSync(join(docsDir, `${id}.md`), 'utf8');
      const ex = docExamples(md, '', `docs/rules/${id}.md`);
      it('has incorrect and correct examples', () => {
        expect(ex.filter((e) => e.kind === 'incorrect').length).toBeGreaterThanOrEqual(1);
        expect(ex.filter((e) => e.kind === 'correct').length).toBeGreaterThanOrEqual(1);
        expect(md.startsWith(`# ${id}\n`)).toBe(true);
      });
      for (const e of ex) {
        const what =
          e.kind === 'correct'
            ? 'no finding'
            : e.expect.map((f) => `${f.messageId}@${f.line}${f.column ? `:${f.column}` : ''}`).join(', ');
        it(`${e.kind} example at line ${e.line} yields exactly ${what}`, () => {
          expectAnnotated(e);
          // A rule's page shows that rule's findings only.
          expect(e.expect.map((f) => f.ruleId)).toEqual(e.expect.map(() => id));
          const r = lintText(e.code, { iamData, ...e.options });
          expect(unmatchedFindings(e.expect, r.messages)).toEqual({ missing: [], unexpected: [] });
        });
      }
    });
  }

  it('every page in docs/rules belongs to a rule', () => {
    const pages = readdirSync(docsDir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...ruleIds].sort());
  });
});

/** The lines of a stylish output block: `  22:25  error  ...  rule-id`. */
function shownFindings(block: string): string[] {
  return [...block.matchAll(/^\s+(\d+):(\d+)\s+(?:error|warning)\s.*\s([a-z0-9-]+)$/gm)].map(
    (m) => `${m[3]}@${m[1]}:${m[2]}`,
  );
}

/** The file name an example is linted as: the extension decides the input format. */
const FILE_FOR_LANG: Record<string, string> = { json: 'example.json', yaml: 'template.yaml', hcl: 'main.tf' };

describe('other docs pages with linted examples', () => {
  const pages = ['', 'inputs'].flatMap((dir) =>
    readdirSync(join(docsRoot, dir))
      .filter((f) => f.endsWith('.md'))
      .map((f) => (dir ? `${dir}/${f}` : f)),
  );
  const withExamples = pages.filter((p) => docExamples(readFileSync(join(docsRoot, p), 'utf8'), '', p).length > 0);

  it('are the input format pages with an example', () => {
    expect(withExamples.sort()).toEqual(['inputs/aws-cli.md', 'inputs/cloudformation.md', 'inputs/terraform.md']);
  });

  for (const page of withExamples) {
    const md = readFileSync(join(docsRoot, page), 'utf8');
    for (const e of docExamples(md, '', `docs/${page}`)) {
      it(`docs/${page}: ${e.lang} ${e.kind} example at line ${e.line} yields exactly its stated findings`, async () => {
        expectAnnotated(e);
        const r = await lintFile(e.code, FILE_FOR_LANG[e.lang]!, {
          iamData,
          ...e.options,
          explicit: true,
          hcl: nodeHclParser,
        });
        expect(r, 'the example is a policy or a format iam-mfa-lint reads').toBeDefined();
        expect(unmatchedFindings(e.expect, r!.messages)).toEqual({ missing: [], unexpected: [] });
      });
      if (e.kind === 'incorrect') {
        it(`docs/${page}: the output shown after the example at line ${e.line} lists the same findings`, () => {
          // The first plain ``` block after the example is the CLI output it shows.
          const after = md
            .split('\n')
            .slice(e.line - 1 + e.code.split('\n').length + 1)
            .join('\n');
          const output = /^```\n([\s\S]*?)^```$/m.exec(after)?.[1] ?? '';
          const shown = shownFindings(output);
          expect(shown.sort()).toEqual(e.expect.map((f) => `${f.ruleId}@${f.line}:${f.column}`).sort());
        });
      }
    }
  }
});

describe('docs example annotations', () => {
  const page = [
    '<!-- lint-options: {"buckets": ["b"]} -->',
    '<!-- expect: action-wildcard/everyAction@6:17 -->',
    '<!-- expect: invalid-arn/badAccount@7 -->',
    '```json incorrect',
    '{}',
    '```',
    '```json correct',
    '{}',
    '```',
  ].join('\n');

  it('reads lint options and expect comments, several of them, the column optional', () => {
    const [bad, good] = docExamples(page, '', 'p.md');
    expect(bad).toMatchObject({
      kind: 'incorrect',
      lang: 'json',
      line: 5,
      options: { buckets: ['b'] },
      annotated: true,
    });
    expect(bad!.expect).toEqual([
      { ruleId: 'action-wildcard', messageId: 'everyAction', line: 6, column: 17 },
      { ruleId: 'invalid-arn', messageId: 'badAccount', line: 7 },
    ]);
    expect(good).toMatchObject({ kind: 'correct', options: {}, expect: [], annotated: false });
  });

  it('names the page line of a malformed annotation', () => {
    expect(() => docExamples('x\n<!-- expect: action-wildcard@6:17 -->\n', '', 'p.md')).toThrow(
      'p.md:2: "action-wildcard@6:17" is not rule/messageId@line:column',
    );
    expect(() => docExamples('<!-- lint-options: {buckets} -->\n', '', 'p.md')).toThrow(
      /^p\.md:1: lint-options is not JSON/,
    );
  });

  it('reports what is missing and what is unexpected; a missing column matches any column', () => {
    const found = [
      { ruleId: 'invalid-arn', messageId: 'badAccount', line: 7, column: 20 },
      { ruleId: 'invalid-arn', messageId: 'unknownPartition', line: 7, column: 62 },
    ];
    expect(unmatchedFindings([{ ruleId: 'invalid-arn', messageId: 'badAccount', line: 7 }], found)).toEqual({
      missing: [],
      unexpected: ['invalid-arn/unknownPartition@7:62'],
    });
    expect(
      unmatchedFindings([{ ruleId: 'invalid-arn', messageId: 'badAccount', line: 7, column: 21 }], found.slice(0, 1)),
    ).toEqual({
      missing: ['invalid-arn/badAccount@7:21'],
      unexpected: ['invalid-arn/badAccount@7:20'],
    });
  });
});
