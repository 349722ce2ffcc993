import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintText, ruleIds, type LintOptions } from '@iam-mfa-lint/core';
import { iamData } from './helpers/iam-data.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

// Regression tests for the defects of issue 13 (each reproduced before its fix).

/** Every rule on, with IAM data and a target bucket: the widest path through the rules. */
const ALL: LintOptions = {
  rules: Object.fromEntries(ruleIds.map((id) => [id, 'error' as const])),
  iamData,
  buckets: ['my-s3-bucket-09-01-2023'],
};

function policy(statement: Record<string, unknown> | Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statement }, null, 2);
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-attack-'));
}

describe('1: wildcards cost linear time', () => {
  it('"s3:*?*?*?*?*?*?*?*?*?*?!" with every rule and IAM data lints in well under a second', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:*?*?*?*?*?*?*?*?*?*?!', Resource: 's3:*?*?*?*?*?*?*?*?*?*?!' });
    lintText(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), ALL); // warm the S3 data
    const start = performance.now();
    const r = lintText(text, ALL);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.messages.some((m) => m.ruleId === 'unknown-action')).toBe(true);
  });
});

describe('1: no regular expression is built at run time from anything but a constant', () => {
  // Each allowed call names its file and the exact line, so a new call (or a changed one) fails.
  const ALLOWED: Record<string, string[]> = {
    // `type` is one of two string constants in the same file (aws_iam_policy, aws_iam_role), never input.
    'packages/cli/src/inputs/terraform.ts': ["const refName = (v: unknown, type: string): string | undefined => (typeof v === 'string' ? new RegExp(`^\\\\$\\\\{${type}\\\\.([A-Za-z0-9_-]+)\\\\.(?:id|name|arn)\\\\}$`).exec(v)?.[1] : undefined);"],
  };

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : /\.[cm]?[jt]s$/.test(e.name) ? [p] : [];
    });
  }

  it('packages/core/src and packages/cli/src call RegExp() only where allow-listed', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const found: string[] = [];
    for (const file of [...sources(path.join(root, 'packages/core/src')), ...sources(path.join(root, 'packages/cli/src'))]) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line) => {
          if (/\bRegExp\s*\(/.test(line)) found.push(`${rel}: ${line.trim()}`);
        });
    }
    const allowed = Object.entries(ALLOWED).flatMap(([file, lines]) => lines.map((l) => `${file}: ${l}`));
    expect(found).toEqual(allowed);
  });
});
