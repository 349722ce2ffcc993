import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Worker threads run only from the built CLI (dist/worker.cjs); `pnpm test` builds first.
const bin = path.join(__dirname, '..', 'bin', 'iam-mfa-lint.js');

describe('--concurrency', () => {
  it('gives byte-identical output in walk order with 1 and with 2 worker threads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-concurrency-'));
    for (let i = 0; i < 450; i++) {
      const doc = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: i % 3 ? 's3:GetObject' : '*',
            Resource: `arn:aws:s3:::bucket-${i % 7}/*`,
            ...(i % 2 ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': i % 5 ? 'true' : 'ture' } } } : {}),
          },
        ],
      };
      fs.writeFileSync(path.join(dir, `p${String(i).padStart(4, '0')}.json`), JSON.stringify(doc, null, 2));
    }
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"Statement": [');
    const run = (n: string) =>
      spawnSync(process.execPath, [bin, '--format', 'json', '--concurrency', n, '--bucket', 'bucket-1', dir], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
    const one = run('1');
    const two = run('2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    const files = (JSON.parse(two.stdout) as Array<{ filePath: string }>).map((f) => path.basename(f.filePath));
    expect(files).toEqual([...files].sort());
    expect(files).toHaveLength(451);
  });

  it('Terraform modules are one unit of work: the same output with 1 and 2 worker threads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-concurrency-tf-'));
    const scenarios = path.join(__dirname, '..', '..', '..', 'fixtures', 'scenarios');
    // Enough files for workers (MIN_FILES_FOR_WORKERS), with the modules spread over the batches.
    for (let i = 0; i < 240; i++) {
      const doc = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: i % 2 ? 's3:*' : '*', Resource: '*' }],
      };
      fs.writeFileSync(path.join(dir, `p${String(i).padStart(4, '0')}.json`), JSON.stringify(doc, null, 2));
      if (i % 60 === 0)
        for (const name of ['seed-terraform', 'seed-terraform-group'])
          fs.cpSync(path.join(scenarios, name), path.join(dir, `m${i}-${name}`), { recursive: true });
    }
    const run = (n: string) =>
      spawnSync(process.execPath, [bin, '--format', 'json', '--concurrency', n, dir], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
    const one = run('1');
    const two = run('2');
    expect([one.status, two.status, two.stderr]).toEqual([1, 1, '']);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const policyTf = report.filter((f) => f.filePath.endsWith(`seed-terraform${path.sep}policy.tf`));
    expect(policyTf).toHaveLength(4);
    for (const f of policyTf)
      expect(f.messages.map((m) => m.ruleId)).toEqual([
        'action-wildcard',
        'resource-bucket-mismatch',
        'mfa-unsatisfiable',
      ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a bad value with one line and exit 2', () => {
    const r = spawnSync(process.execPath, [bin, '--concurrency', '0', '.'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toBe(
      'iam-mfa-lint: invalid --concurrency value "0": expected a whole number from 1 to 256',
    );
  });
});
