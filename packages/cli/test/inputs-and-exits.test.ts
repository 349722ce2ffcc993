/**
 * Inputs the user names and how a run ends (issues 13 and 14): standard input, FIFOs and
 * `/dev/stdin`-like paths, directories with nothing to lint, --bucket values that are no bucket
 * name, --list-rules, and a file the tool fails on (internal-error) while the others are reported.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rules } from '@iam-mfa-lint/core';
import { main, type CliIo } from '../src/main.js';

const STAR = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-inputs-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function write(rel: string, content: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

async function run(argv: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: root,
    env: {},
    stdoutIsTTY: false,
    ...(stdin !== undefined ? { readStdin: async () => new TextEncoder().encode(stdin) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

type Json = Array<{
  filePath: string;
  messages: Array<{ ruleId: string; messageId: string; line: number; column: number }>;
}>;

describe('--stdin', () => {
  it('lints standard input under the name --stdin-filename gives', async () => {
    const r = await run(['--stdin', '--stdin-filename', 'policies/p.json', '--format', 'json'], STAR);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.map((f) => f.filePath)).toEqual([path.join(root, 'policies/p.json')]);
    expect(out[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toContainEqual(['action-wildcard', 1, 65]);
  });

  it('reads a template from standard input by its content', async () => {
    const template =
      'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n';
    const r = await run(
      ['--stdin', '--stdin-filename', 'stack.yaml', '--format', 'json', '--rule', 'mfa-condition-missing:off'],
      template,
    );
    const out = JSON.parse(r.stdout) as Json;
    expect(out[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['action-wildcard', 9, 21]]);
    expect(r.code).toBe(1);
  });

  it('refuses paths beside --stdin, --fix with it, and --stdin-filename alone', async () => {
    expect((await run(['--stdin', 'a.json'], '{}')).stderr).toContain(
      '--stdin lints standard input: give no paths with it',
    );
    expect((await run(['--stdin', '--fix'], '{}')).stderr).toContain('use --fix-dry-run with --stdin');
    const alone = await run(['--stdin-filename', 'x.json', 'a.json']);
    expect([alone.code, alone.stderr.split('\n')[0]]).toEqual([2, 'iam-mfa-lint: --stdin-filename needs --stdin']);
  });
});

describe('paths the user names are read whatever their kind', () => {
  it('a FIFO given explicitly is read and linted (it was skipped in silence)', async () => {
    const fifo = path.join(root, 'pipe.json');
    execSync(`mkfifo ${JSON.stringify(fifo)}`);
    // The writer is another process: the CLI's read blocks until it opens the FIFO.
    const writer = spawn('sh', ['-c', `printf '%s' '${STAR}' > "$0"`, fifo], { stdio: 'ignore' });
    const r = await run(['pipe.json', '--format', 'json']);
    await new Promise((resolve) => (writer.exitCode !== null ? resolve(null) : writer.on('exit', resolve)));
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Json)[0]!.messages.map((m) => m.ruleId)).toContain('action-wildcard');
  });
});

describe('a directory with nothing to lint', () => {
  it('exits 2 with one line: empty, or no file that holds a policy', async () => {
    fs.mkdirSync(path.join(root, 'empty'));
    write('other/package.json', '{"name": "x"}');
    const empty = await run(['empty']);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      'iam-mfa-lint: nothing to lint in empty: no .json, .yaml, .yml, .template, .tf files\n',
    ]);
    const other = await run(['other']);
    expect([other.code, other.stderr]).toEqual([
      2,
      'iam-mfa-lint: nothing to lint in other: 1 file, none of them a policy, template or plan\n',
    ]);
  });
});

describe('--bucket', () => {
  it('an ARN or s3:// URL is a usage error naming the bucket meant; an empty name too', async () => {
    write('p.json', STAR);
    const arn = await run(['--bucket', 'arn:aws:s3:::my-bucket/*', 'p.json']);
    expect([arn.code, arn.stderr.split('\n')[0]]).toEqual([
      2,
      'iam-mfa-lint: --bucket "arn:aws:s3:::my-bucket/*" is not a bucket name; did you mean the bucket name "my-bucket"?',
    ]);
    const url = await run(['--bucket', 's3://my-bucket/prefix', 'p.json']);
    expect(url.stderr.split('\n')[0]).toBe(
      'iam-mfa-lint: --bucket "s3://my-bucket/prefix" is not a bucket name; did you mean the bucket name "my-bucket"?',
    );
    const empty = await run(['--bucket', '', 'p.json']);
    expect(empty.code).toBe(2);
  });
});

describe('--list-rules', () => {
  it('prints every rule with its default severity and description, from the metadata', async () => {
    const r = await run(['--list-rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(rules.length);
    const wildcard = lines.find((l) => l.startsWith('action-wildcard '))!;
    expect(wildcard).toMatch(/^action-wildcard +error \(some: warning\) +\S/);
    expect(lines.find((l) => l.startsWith('statement-redundant '))).toMatch(/^statement-redundant +warning +/);
  });
});

describe('internal errors', () => {
  it('a file the tool fails on gets an internal-error finding, the others are reported, exit 2', async () => {
    write('a.json', STAR);
    write('b.json', STAR);
    const core = await import('@iam-mfa-lint/core');
    const real = core.lintFile;
    const spy = vi.spyOn(core, 'lintFile').mockImplementation(async (text, file, options) => {
      if (file.endsWith('a.json')) throw new Error('boom');
      return real(text, file, options);
    });
    const r = await run(['a.json', 'b.json', '--format', 'json']);
    spy.mockRestore();
    const out = JSON.parse(r.stdout) as Json;
    expect(out.map((f) => [path.basename(f.filePath), f.messages.map((m) => m.ruleId)])).toEqual([
      ['a.json', ['internal-error']],
      ['b.json', expect.arrayContaining(['action-wildcard'])],
    ]);
    expect(r.code).toBe(2);
  });
});
