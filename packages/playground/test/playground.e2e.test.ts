/**
 * The built playground in headless Chromium (Debian's `chromium`; .ci/run installs it): a shared
 * link with the tutorial policy shows its findings, typing changes them, a safe fix and the
 * generator give a clean policy, and nothing after the page's own files goes over the network.
 * UPDATE_SCREENSHOT=1 writes docs/playground.png (shown by docs/playground.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText } from '@iam-mfa-lint/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, startServer } from '../scripts/serve.mjs';
import { formatHash, parseHash } from '../src/share.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);
if (!available && !inCi) {
  console.warn(
    `packages/playground/test/playground.e2e.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium); CI installs it and runs this test`,
  );
}

const BUCKET = 'my-s3-bucket-09-01-2023';
const SEED = readFileSync(path.join(repo, 'fixtures/scenarios/seed/permission-policy.json'), 'utf8');

interface Shown {
  ruleId: string;
  line: number;
  column: number;
  text: string;
}

describe.skipIf(!available && !inCi)('playground in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let base: string;
  let close: () => Promise<void>;
  /** Every request the page made, and how many had been made when the page had loaded. */
  const requests: string[] = [];
  let afterLoad = 0;

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'index.html'))) {
      const built = spawnSync(process.execPath, [path.join(repo, 'node_modules/tsup/dist/cli-default.js')], {
        cwd: path.join(here, '..'),
        encoding: 'utf8',
      });
      if (built.status !== 0) throw new Error(`playground build failed: ${built.stderr}`);
    }
    const { server, url } = await startServer();
    base = url;
    close = () => new Promise((resolve) => server.close(() => resolve()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(base + formatHash({ policy: SEED, bucket: BUCKET }), { waitUntil: 'load' });
    await settled();
    afterLoad = requests.length;
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** Waits until the findings reflect the editor's current text. */
  async function settled(): Promise<void> {
    await page.waitForFunction(() => document.getElementById('summary')?.dataset.state === 'done');
  }

  /** Replaces the editor's text as a paste does (one input event; page.fill types line by line). */
  async function paste(text: string): Promise<void> {
    await page.$eval(
      '#policy',
      (t, value) => {
        (t as HTMLTextAreaElement).value = value;
        t.dispatchEvent(new Event('input', { bubbles: true }));
      },
      text,
    );
  }

  async function findings(): Promise<Shown[]> {
    return page.$$eval('#findings > li', (items) =>
      items.map((li) => ({
        ruleId: (li as HTMLElement).dataset.ruleId ?? '',
        line: Number((li as HTMLElement).dataset.line),
        column: Number((li as HTMLElement).dataset.column),
        text: li.textContent ?? '',
      })),
    );
  }

  it("shows the tutorial policy's findings from a shared link", async () => {
    expect(await page.inputValue('#policy')).toBe(SEED);
    expect(await page.inputValue('#bucket')).toBe(BUCKET);
    const shown = await findings();
    expect(shown.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['action-wildcard', 6, 17],
      ['resource-bucket-mismatch', 7, 19],
    ]);
    expect(shown[0]!.text).toContain('6:17');
    // Severity is a word too, not only a colour.
    expect(shown[0]!.text).toContain('error');
    expect(shown[1]!.text).toContain(`did you mean "${BUCKET}"?`);
    expect(await page.textContent('#summary')).toBe('2 problems (2 errors, 0 warnings)');
    // Each finding explains itself: a link to its rule's page.
    expect(await page.getAttribute('#findings > li[data-rule-id="action-wildcard"] a.docs', 'href')).toMatch(
      /docs\/rules\/action-wildcard\.md$/,
    );

    const shot = process.env.UPDATE_SCREENSHOT
      ? path.join(repo, 'docs', 'playground.png')
      : path.join(mkdtempSync(path.join(os.tmpdir(), 'playground-')), 'playground.png');
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    if (!process.env.UPDATE_SCREENSHOT) rmSync(path.dirname(shot), { recursive: true, force: true });
  });

  it("selects a finding's range from the keyboard, and typing a fix changes the list", async () => {
    // Keyboard only: from the editor, Tab passes "Apply all safe fixes" and reaches the first finding.
    await page.focus('#policy');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fix-all');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (document.activeElement?.closest('li') as HTMLElement | null)?.dataset.ruleId),
    ).toBe('action-wildcard');
    await page.keyboard.press('Enter');
    const selected = await page.$eval('#policy', (t) => {
      const ta = t as HTMLTextAreaElement;
      return { focused: document.activeElement === ta, text: ta.value.slice(ta.selectionStart, ta.selectionEnd) };
    });
    expect(selected).toEqual({ focused: true, text: '"*"' });
    await page.keyboard.type('"s3:GetObject"');
    await settled();
    expect((await findings()).map((f) => [f.ruleId, f.line, f.column])).toEqual([['resource-bucket-mismatch', 7, 19]]);
    // The address follows the editor: the link reproduces this text and bucket.
    const hash = parseHash(await page.evaluate(() => location.hash));
    expect(hash).toEqual({ policy: await page.inputValue('#policy'), bucket: BUCKET });
    expect(hash.policy).toContain('"Action": "s3:GetObject"');
  });

  it('applies the safe fix for the bucket typo with one click', async () => {
    await page.click('#findings > li[data-rule-id="resource-bucket-mismatch"] button.fix');
    await page.waitForFunction(() =>
      (document.getElementById('policy') as HTMLTextAreaElement).value.includes('my-s3-bucket-09-01-2023/*'),
    );
    await settled();
    expect(await findings()).toEqual([]);
    expect(await page.textContent('#summary')).toBe('No problems found.');
  });

  it('generates a policy that lints clean', async () => {
    await page.fill('#policy', '{ "Statement": "nope" }');
    await settled();
    expect((await findings()).map((f) => f.ruleId)).toContain('invalid-policy');
    await page.fill('#gen-bucket', BUCKET);
    await page.selectOption('#gen-access', 'read-write');
    await page.fill('#gen-prefix', 'reports/');
    await page.fill('#gen-age', '3600');
    await page.check('#gen-deny');
    await page.click('#generate button[type=submit]');
    await page.waitForFunction(() =>
      (document.getElementById('policy') as HTMLTextAreaElement).value.includes('s3:PutObject'),
    );
    await settled();
    const text = await page.inputValue('#policy');
    const policy = JSON.parse(text) as {
      Statement: Array<{ Effect: string; Condition?: Record<string, Record<string, unknown>> }>;
    };
    expect(policy.Statement.some((s) => s.Effect === 'Deny')).toBe(true);
    expect(text).toContain('arn:aws:s3:::my-s3-bucket-09-01-2023/reports/*');
    expect(text).toContain('"aws:MultiFactorAuthAge": "3600"');
    expect(await findings()).toEqual([]);
    expect(await page.textContent('#summary')).toBe('No problems found.');
  });

  it('says in one line why a bucket name cannot be generated', async () => {
    await page.fill('#gen-bucket', 'Bad_Bucket');
    await page.click('#generate button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('generate-error')?.textContent ?? '') !== '');
    const message = (await page.textContent('#generate-error')) ?? '';
    expect(message).toMatch(/Bad_Bucket/);
    expect(message).not.toMatch(/\n|at \w+ \(/);
  });

  it('reads a CloudFormation YAML template as the CLI does, and says Terraform source needs the CLI', async () => {
    const file = 'cloudformation/seed-ec2-role.yaml';
    const template = readFileSync(path.join(repo, 'fixtures/inputs', file), 'utf8');
    const expected = (
      JSON.parse(readFileSync(path.join(repo, 'fixtures/inputs/expected.json'), 'utf8')) as Record<
        string,
        Array<{ ruleId: string; line: number; column: number; document: string }>
      >
    )[file]!;
    await page.fill('#bucket', '');
    await page.fill('#policy', template);
    await settled();
    expect(await page.textContent('#format')).toBe('Read as a CloudFormation template: each policy in it is linted.');
    const shown = await findings();
    // expected.json holds the CLI's findings of the rules that need no IAM reference.
    const core = new Set(expected.map((m) => m.ruleId));
    expect(shown.filter((f) => core.has(f.ruleId)).map((f) => [f.ruleId, f.line, f.column])).toEqual(
      expected.map((m) => [m.ruleId, m.line, m.column]),
    );
    expect(shown[0]!.text).toContain(`${expected[0]!.document}: `);
    // The template's one bucket is the target, as on the command line.
    expect(shown.find((f) => f.ruleId === 'resource-bucket-mismatch')!.text).toContain(`did you mean "${BUCKET}"?`);

    await page.fill('#policy', 'resource "aws_iam_policy" "p" {\n  policy = "{}"\n}\n');
    await settled();
    expect(await findings()).toEqual([]);
    expect(await page.textContent('#format')).toMatch(/^Terraform source \(\.tf\) is read by the CLI only/);
  });

  it("lints a large policy in the worker: the page answers meanwhile and shows only the latest text's findings", async () => {
    const statements = Array.from({ length: 1500 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::other-bucket-${i}/*`,
    }));
    const large = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    await page.fill('#bucket', BUCKET);
    await paste(large);
    // This runs on the page's main thread while the worker has the text.
    await page.waitForFunction(() => document.getElementById('summary')?.dataset.state === 'linting');
    await paste(SEED);
    await settled();
    expect((await findings()).map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['action-wildcard', 6, 17],
      ['resource-bucket-mismatch', 7, 19],
    ]);
    // And the large one alone: one finding per statement at least, all listed.
    await paste(large);
    await settled();
    expect(await page.textContent('#share-hint')).toBe(
      'This text is over 64 KB: the address holds only the bucket, not the policy.',
    );
    expect(parseHash(await page.evaluate(() => location.hash))).toEqual({ bucket: BUCKET });
    // As the core lints it in Node: all counted, the first 500 drawn.
    const core = lintText(large, { buckets: [BUCKET] });
    expect(core.errorCount).toBeGreaterThan(1500);
    expect(await page.textContent('#summary')).toBe(
      `${core.errorCount} problems (${core.errorCount} errors, 0 warnings)`,
    );
    const shown = await findings();
    expect(shown).toHaveLength(501);
    expect(shown.slice(0, 500).map((f) => [f.ruleId, f.line, f.column])).toEqual(
      core.messages.slice(0, 500).map((m) => [m.ruleId, m.line, m.column]),
    );
    expect(shown[500]!.text).toBe(`… and ${core.errorCount - 500} more (the CLI lists them all)`);
  });

  it('makes no network request after loading, and only to its own files before', async () => {
    expect(requests.length).toBe(afterLoad);
    const paths = requests.map((u) => {
      expect(u.startsWith(base)).toBe(true);
      return new URL(u).pathname;
    });
    expect([...new Set(paths)].sort()).toEqual(['/', '/main.js', '/style.css', '/worker.js']);
  });
});
