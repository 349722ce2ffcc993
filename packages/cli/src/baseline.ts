/**
 * Fingerprints of findings that survive unrelated edits, and baselines built from them: a
 * baseline lists the findings a repository accepts today, and `--baseline` reports only new ones.
 *
 * A fingerprint hashes the rule, the message id, the statement (its Sid, or else a hash of its
 * content with keys sorted), the path of the node inside the statement (array indexes dropped)
 * and the node's value. Line numbers, statement order, key order and formatting do not enter.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parsePolicyText, type LintMessage } from '@iam-mfa-lint/core';

// Loaded on first use (a baseline): crypto costs every start-up about 10 M instructions.
const crypto = () => process.getBuiltinModule('node:crypto');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted, so that key order does not change a hash. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function sha256(s: string): string {
  return crypto().createHash('sha256').update(s).digest('hex');
}

function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A parsed document, for locating findings in their statements. */
export interface FingerprintDocument {
  value: unknown;
  ok: boolean;
}

export function parseForFingerprints(text: string): FingerprintDocument {
  const parsed = parsePolicyText(text);
  return parsed.ok ? { value: parsed.value, ok: true } : { value: undefined, ok: false };
}

/** The statement a pointer is in: its value and the pointer's remaining segments. */
export function statementOf(
  doc: unknown,
  pointer: string,
): { statement: Record<string, unknown>; rest: string[] } | undefined {
  const segs = segments(pointer);
  if (!isObject(doc) || segs[0] !== 'Statement') return undefined;
  const st = doc.Statement;
  if (Array.isArray(st)) {
    const i = segs[1];
    if (i === undefined || !/^\d+$/.test(i)) return undefined;
    const s = st[Number(i)];
    return isObject(s) ? { statement: s, rest: segs.slice(2) } : undefined;
  }
  return isObject(st) ? { statement: st, rest: segs.slice(1) } : undefined;
}

/** The Sid of the statement a finding is in, if it has one. */
export function sidOf(doc: unknown, pointer: string): string | undefined {
  const s = statementOf(doc, pointer)?.statement.Sid;
  return typeof s === 'string' ? s : undefined;
}

function valueAtSegments(v: unknown, segs: readonly string[]): unknown {
  for (const seg of segs) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isObject(v)) v = Object.prototype.hasOwnProperty.call(v, seg) ? v[seg] : undefined;
    else return undefined;
  }
  return v;
}

/** A fingerprint of one finding (32 hex digits). */
export function fingerprint(message: LintMessage, doc: FingerprintDocument): string {
  const parts = [message.ruleId, message.messageId];
  if (!doc.ok) {
    parts.push('<unparsed>');
  } else {
    const found = statementOf(doc.value, message.pointer);
    if (found) {
      const sid = found.statement.Sid;
      parts.push(
        typeof sid === 'string' && sid !== '' ? `sid:${sid}` : `statement:${sha256(stableJson(found.statement))}`,
      );
      parts.push(found.rest.filter((s) => !/^\d+$/.test(s)).join('/'));
      parts.push(stableJson(valueAtSegments(found.statement, found.rest)));
    } else {
      const segs = segments(message.pointer);
      parts.push('document', segs.join('/'), stableJson(valueAtSegments(doc.value, segs)));
    }
  }
  return sha256(parts.join('\u0000')).slice(0, 32);
}

// ---------------------------------------------------------------------------------------------
// Baseline files

export interface BaselineEntry {
  /** Path relative to the baseline file's folder, with forward slashes. */
  file: string;
  ruleId: string;
  messageId: string;
  fingerprint: string;
  /** How many findings share this fingerprint (the same mistake repeated in one statement). */
  count: number;
}

export interface BaselineFile {
  version: 1;
  tool: 'iam-mfa-lint';
  findings: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export interface Fingerprinted {
  file: string;
  message: LintMessage;
  fingerprint: string;
}

function relPath(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** The baseline for the given findings, sorted for stable diffs in review. */
export function buildBaseline(findings: readonly Fingerprinted[], baselineFile: string): BaselineFile {
  const dir = path.dirname(path.resolve(baselineFile));
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const file = relPath(dir, f.file);
    const key = `${file}\u0000${f.fingerprint}`;
    const e = byKey.get(key);
    if (e) e.count++;
    else
      byKey.set(key, {
        file,
        ruleId: f.message.ruleId,
        messageId: f.message.messageId,
        fingerprint: f.fingerprint,
        count: 1,
      });
  }
  const entries = [...byKey.values()].sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.ruleId < b.ruleId
          ? -1
          : a.ruleId > b.ruleId
            ? 1
            : a.fingerprint < b.fingerprint
              ? -1
              : a.fingerprint > b.fingerprint
                ? 1
                : 0,
  );
  return { version: 1, tool: 'iam-mfa-lint', findings: entries };
}

export function readBaseline(file: string, shown: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`baseline ${shown}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline ${shown}: not valid JSON (${(error as Error).message.split('\n', 1)[0]})`);
  }
  if (!isObject(value) || value.version !== 1 || !Array.isArray(value.findings)) {
    throw new BaselineError(
      `baseline ${shown}: not an iam-mfa-lint baseline (expected {"version": 1, "findings": [...]}; write one with --write-baseline)`,
    );
  }
  value.findings.forEach((e, i) => {
    const ok =
      isObject(e) &&
      typeof e.file === 'string' &&
      typeof e.ruleId === 'string' &&
      typeof e.fingerprint === 'string' &&
      Number.isInteger(e.count) &&
      (e.count as number) > 0;
    if (!ok)
      throw new BaselineError(`baseline ${shown}: findings[${i}] needs file, ruleId, fingerprint and a positive count`);
  });
  return value as unknown as BaselineFile;
}

/**
 * Matches findings against a baseline: returns a predicate that says whether a finding is
 * accepted. Each entry accepts at most `count` findings with its file and fingerprint.
 */
export function baselineMatcher(baseline: BaselineFile, baselineFile: string): (f: Fingerprinted) => boolean {
  const dir = path.dirname(path.resolve(baselineFile));
  const left = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = `${e.file}\u0000${e.fingerprint}`;
    left.set(key, (left.get(key) ?? 0) + e.count);
  }
  return (f) => {
    const key = `${relPath(dir, f.file)}\u0000${f.fingerprint}`;
    const n = left.get(key) ?? 0;
    if (n <= 0) return false;
    left.set(key, n - 1);
    return true;
  };
}

export function writeBaselineFile(file: string, baseline: BaselineFile): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
}
