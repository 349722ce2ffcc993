/**
 * The playground page: an editor, a target bucket, the findings, the generator and a shareable
 * address. Linting runs in a Web Worker (worker.ts); this file only talks to it and draws.
 */
import type { GeneratePolicyOptions } from '@iam-mfa-lint/core';
import type { Finding, Request, Response } from './protocol.js';
import { formatHash, offsetAt, parseHash } from './share.js';

const DEBOUNCE_MS = 200;
/** Findings drawn at most; the summary counts them all. */
const MAX_SHOWN = 500;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const editor = $<HTMLTextAreaElement>('policy');
const gutter = $<HTMLPreElement>('gutter');
const bucketField = $<HTMLInputElement>('bucket');
const summary = $<HTMLParagraphElement>('summary');
const list = $<HTMLOListElement>('findings');
const formatHint = $<HTMLParagraphElement>('format');
const fixAll = $<HTMLButtonElement>('fix-all');
const form = $<HTMLFormElement>('generate');
const generateError = $<HTMLParagraphElement>('generate-error');
const shareHint = $<HTMLParagraphElement>('share-hint');

const worker = new Worker('worker.js');
let nextId = 1;
const waiting = new Map<number, (res: Response) => void>();
worker.onmessage = (event: MessageEvent<Response>) => {
  const done = waiting.get(event.data.id);
  waiting.delete(event.data.id);
  done?.(event.data);
};

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Ask = WithoutId<Request>;
function ask(req: Ask): Promise<Response> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ ...req, id } as Request);
  });
}

const buckets = (): string[] =>
  bucketField.value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');

// ---------------------------------------------------------------------------------------------
// Linting: at most one request in flight; edits made meanwhile are linted when it returns, so a
// large policy never queues up stale work.

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight = false;
let again = false;
/** Why the address could not be read (shown until the next edit). */
let linkProblem = '';

function schedule(): void {
  summary.dataset.state = 'pending';
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    writeHash();
    void lintNow();
  }, DEBOUNCE_MS);
}

async function lintNow(): Promise<void> {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  // 'linting': the worker has the text; the page stays responsive meanwhile.
  summary.dataset.state = 'linting';
  const text = editor.value;
  const res = await ask({ kind: 'lint', text, buckets: buckets() });
  inFlight = false;
  // Edited meanwhile (text or bucket): this result is stale. A pending debounce lints the latest
  // input; one that fired while this was in flight left `again`.
  if (timer !== undefined) return;
  if (again) {
    again = false;
    void lintNow();
    return;
  }
  if (res.kind === 'lint') show(res.findings, res.format, res.note);
  else if (res.kind === 'error') {
    show([], 'policy');
    summary.textContent = `The linter failed on this text: ${res.message}`;
  }
}

const FORMATS: Record<string, string> = {
  policy: 'Read as a policy document.',
  cloudformation: 'Read as a CloudFormation template: each policy in it is linted.',
  'terraform-plan': 'Read as a Terraform plan (terraform show -json).',
  'aws-cli': 'Read as AWS CLI output.',
  terraform: 'Terraform source.',
};

function show(findings: Finding[], format: string, note?: string): void {
  formatHint.textContent = [linkProblem, note ?? FORMATS[format] ?? ''].filter(Boolean).join(' ');
  // Drawing thousands of findings would freeze the page: the first MAX_SHOWN, then a count.
  const items = findings.slice(0, MAX_SHOWN).map(item);
  if (findings.length > MAX_SHOWN)
    items.push(el('li', 'more', `… and ${findings.length - MAX_SHOWN} more (the CLI lists them all)`));
  list.replaceChildren(...items);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  summary.textContent =
    findings.length === 0
      ? editor.value.trim() === ''
        ? 'Type or paste a policy.'
        : 'No problems found.'
      : `${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  summary.dataset.state = 'done';
  fixAll.disabled = !findings.some((f) => f.fixable);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function item(f: Finding, index: number): HTMLLIElement {
  const li = el('li', `finding ${f.severity}`);
  Object.assign(li.dataset, {
    ruleId: f.ruleId,
    messageId: f.messageId,
    line: String(f.line),
    column: String(f.column),
  });
  // Severity is a word and a symbol, not only a colour.
  const go = el('button', 'go');
  go.type = 'button';
  go.append(
    el('span', 'severity', f.severity === 'error' ? '✖ error' : '⚠ warning'),
    el('span', 'position', `${f.line}:${f.column}`),
    el('span', 'message', f.message),
    document.createTextNode(' '),
    el('code', 'rule', f.ruleId),
  );
  go.addEventListener('click', () => select(f));
  const actions = el('div', 'actions');
  if (f.docsUrl) {
    const docs = el('a', 'docs', `Explain ${f.ruleId}`);
    docs.href = f.docsUrl;
    docs.target = '_blank';
    docs.rel = 'noopener noreferrer';
    actions.append(docs);
  }
  if (f.fixable) {
    const fix = el('button', 'fix', 'Apply safe fix');
    fix.type = 'button';
    fix.setAttribute('aria-label', `Apply the safe fix for ${f.ruleId} at ${f.line}:${f.column}`);
    fix.addEventListener('click', () => void applyFix(index));
    actions.append(fix);
  }
  li.append(go, actions);
  return li;
}

/** Selects a finding's range in the editor and scrolls it into view. */
function select(f: Finding): void {
  const text = editor.value;
  const start = offsetAt(text, f.line, f.column);
  const end = Math.max(start, offsetAt(text, f.endLine, f.endColumn));
  editor.focus();
  editor.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 21;
  editor.scrollTop = Math.max(0, (f.line - 3) * lineHeight);
}

// ---------------------------------------------------------------------------------------------
// Editing, fixes and generation

function setText(text: string): void {
  editor.value = text;
  changed();
}

let gutterLines = 0;

function changed(): void {
  let lines = 1;
  for (let i = editor.value.indexOf('\n'); i >= 0; i = editor.value.indexOf('\n', i + 1)) lines++;
  if (lines !== gutterLines) {
    gutterLines = lines;
    gutter.textContent = Array.from({ length: lines }, (_, i) => String(i + 1)).join('\n');
  }
  gutter.scrollTop = editor.scrollTop;
  schedule();
}

/** Larger texts are not put in the address: a long URL is slow to write and too long to share. */
const MAX_LINK_TEXT = 64 * 1024;

/** Writes the address (debounced with linting: writing a long URL on every key would lag). */
function writeHash(): void {
  const bucket = bucketField.value.trim();
  const big = editor.value.length > MAX_LINK_TEXT;
  shareHint.textContent = big
    ? `This text is over ${MAX_LINK_TEXT / 1024} KB: the address holds only the bucket, not the policy.`
    : '';
  history.replaceState(null, '', formatHash(big ? { bucket } : { policy: editor.value, bucket }) || location.pathname);
}

async function applyFix(index?: number): Promise<void> {
  const text = editor.value;
  const res = await ask({ kind: 'fix', text, buckets: buckets(), ...(index === undefined ? {} : { index }) });
  // Ignore a fix computed for a text the user has changed since.
  if (res.kind === 'text' && editor.value === text && res.applied > 0) setText(res.text);
}

async function generate(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const data = new FormData(form);
  const bucket = String(data.get('bucket') ?? '').trim();
  const prefix = String(data.get('prefix') ?? '').trim();
  const age = String(data.get('maxMfaAgeSeconds') ?? '').trim();
  const options: GeneratePolicyOptions = {
    access: String(data.get('access')) as GeneratePolicyOptions['access'],
    denyWithoutMfa: data.get('denyWithoutMfa') !== null,
    ...(prefix ? { prefix } : {}),
    ...(age ? { maxMfaAgeSeconds: Number(age) } : {}),
  };
  const res = await ask({ kind: 'generate', bucket, options });
  if (res.kind === 'error') {
    generateError.textContent = res.message;
    return;
  }
  if (res.kind !== 'text') return;
  generateError.textContent = '';
  bucketField.value = bucket;
  setText(res.text);
}

function loadFromHash(): void {
  const state = parseHash(location.hash);
  if (state.bucket !== undefined) bucketField.value = state.bucket;
  if (state.policy !== undefined) editor.value = state.policy;
  const genBucket = $<HTMLInputElement>('gen-bucket');
  if (genBucket.value === '') genBucket.value = buckets()[0] ?? '';
  changed();
  linkProblem = state.error ? `Could not read the link: ${state.error}.` : '';
}

editor.addEventListener('input', () => {
  linkProblem = '';
  changed();
});
editor.addEventListener('scroll', () => {
  gutter.scrollTop = editor.scrollTop;
});
bucketField.addEventListener('input', changed);
fixAll.addEventListener('click', () => void applyFix());
form.addEventListener('submit', (e) => void generate(e));
window.addEventListener('hashchange', () => {
  // Only a link pasted into the address bar: the page's own writes use replaceState.
  loadFromHash();
});

loadFromHash();
