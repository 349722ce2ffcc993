/**
 * The per-file pipeline, the same on the main thread and on worker threads: read the bytes,
 * decode them as UTF-8 (a file that is not gets an invalid-json finding under the user's levels),
 * and lint whatever the file holds with the core's `lintFile`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createFinding,
  extractTerraformModule,
  LineIndex,
  lintExtractionFiles,
  lintFile,
  toResult,
  type LintOptions,
  type LintResult,
} from '@iam-mfa-lint/core';
import { nodeHclParser } from './hcl.js';

export type FileOutcome =
  /** `text` is the decoded text ('' for a file that is not UTF-8), `bytes` what was read. */
  | { kind: 'result'; result: LintResult; text: string; bytes: Uint8Array }
  /** A walked file that holds no policies. */
  | { kind: 'skip' }
  | { kind: 'fsError'; code: string; message: string };

/** Offset of the first byte of the first ill-formed UTF-8 sequence, or -1 when the bytes are well-formed. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[k];
    return b !== undefined && b >= lo && b <= hi;
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8, or UTF-16 when the bytes start with its byte order mark (what PowerShell's `>` writes,
 * e.g. `terraform show -json > plan.json`); throws on ill-formed bytes.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  return decoder.decode(bytes);
}

/** The finding for bytes that are not UTF-8, at the first bad byte (none when invalid-json is off). */
function notUtf8(bytes: Uint8Array, options: LintOptions): LintResult {
  const offset = Math.max(0, firstInvalidUtf8Offset(bytes));
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const { line, column } = new LineIndex(before).position(before.length);
  const m = createFinding(
    'invalid-json',
    'invalidUtf8',
    { offset },
    { line, column, endLine: line, endColumn: column + 1 },
    options,
  );
  return toResult(m ? [m] : []);
}

/**
 * Reads, decodes and lints one file. A path the user named is read whatever its kind (a FIFO,
 * `/dev/stdin`, `<(...)`); a directory walk never yields such files.
 */
export async function lintPath(
  file: string,
  options: LintOptions,
  explicit: boolean,
  shownName: string,
): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { kind: 'fsError', code: (error as NodeJS.ErrnoException).code ?? '', message: (error as Error).message };
  }
  return lintBytes(bytes, file, options, explicit, shownName);
}

/** The result of a file that made the tool fail: an internal-error finding (exit 2 at the end). */
export function crashed(error: unknown, options: LintOptions): LintResult {
  const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
  const m = createFinding(
    'internal-error',
    'crashed',
    { message },
    { line: 1, column: 1, endLine: 1, endColumn: 1 },
    options,
  );
  return toResult(m ? [m] : []);
}

/** Decodes and lints bytes read from a file or standard input. */
export async function lintBytes(
  bytes: Uint8Array,
  file: string,
  options: LintOptions,
  explicit: boolean,
  shownName: string,
): Promise<FileOutcome> {
  let text: string;
  try {
    text = decodeText(bytes);
  } catch {
    return { kind: 'result', result: notUtf8(bytes, options), text: '', bytes };
  }
  const result = await lintFile(text, file, { ...options, explicit, hcl: nodeHclParser, shownName });
  return result ? { kind: 'result', result, text, bytes } : { kind: 'skip' };
}

/** Terraform source: its files are read per directory, as one module. */
export function isTerraformSource(file: string): boolean {
  return /\.tf$/i.test(file);
}

/**
 * The units of work of a run, in walk order: each file alone, except the `.tf` files of one
 * directory, which are one unit (a Terraform module, read together) at the place of its first file.
 */
export function workUnits(files: readonly string[]): string[][] {
  const units: string[][] = [];
  const modules = new Map<string, string[]>();
  for (const file of files) {
    if (!isTerraformSource(file)) {
      units.push([file]);
      continue;
    }
    const dir = path.dirname(file);
    const unit = modules.get(dir);
    if (unit) unit.push(file);
    else {
      const created = [file];
      modules.set(dir, created);
      units.push(created);
    }
  }
  return units;
}

/**
 * The other `.tf` files of each module's directory that the run does not lint itself (the
 * pre-commit hook names only the staged files; an ignore pattern may leave some out): Terraform
 * reads a directory's files together, so they are added to the unit as context, read for the
 * module's variables, buckets, roles and data sources but not reported. Only regular files.
 */
export function addModuleContext(units: string[][]): Set<string> {
  const context = new Set<string>();
  for (const unit of units) {
    if (!isTerraformSource(unit[0]!)) continue;
    const dir = path.dirname(unit[0]!);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // the pipeline reports the unit's own files
    }
    const own = new Set(unit);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = path.join(dir, e.name);
      if (!e.isFile() || !isTerraformSource(e.name) || own.has(file)) continue;
      unit.push(file);
      context.add(file);
    }
  }
  return context;
}

/** One file of a unit of work, with everything its outcome depends on. */
export interface UnitFile {
  file: string;
  options: LintOptions;
  explicit: boolean;
  shownName: string;
}

/**
 * Lints a unit of work (workUnits): a file alone through lintPath, or the files of a Terraform
 * module together, one outcome per file in order. In a module, a file that cannot be read or is
 * not UTF-8 gets its own outcome and is left out of the module; files linted with other options
 * (configuration overrides) get the findings of the module linted with theirs.
 */
export async function lintUnit(unit: readonly UnitFile[]): Promise<FileOutcome[]> {
  if (unit.length === 1) {
    const f = unit[0]!;
    return [await lintPath(f.file, f.options, f.explicit, f.shownName)];
  }
  const outcomes: FileOutcome[] = new Array(unit.length);
  const read: Array<{ at: number; text: string; bytes: Uint8Array }> = [];
  unit.forEach((f, at) => {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(f.file);
    } catch (error) {
      outcomes[at] = {
        kind: 'fsError',
        code: (error as NodeJS.ErrnoException).code ?? '',
        message: (error as Error).message,
      };
      return;
    }
    try {
      read.push({ at, text: decodeText(bytes), bytes });
    } catch {
      outcomes[at] = { kind: 'result', result: notUtf8(bytes, f.options), text: '', bytes };
    }
  });
  if (read.length === 0) return outcomes;
  const names = read.map((r) => unit[r.at]!.file);
  const extraction = await extractTerraformModule(
    read.map((r, i) => ({ name: names[i]!, text: r.text })),
    nodeHclParser,
  );
  const byOptions = new Map<string, number[]>();
  read.forEach((r, i) => {
    const { iamData: _data, ...options } = unit[r.at]!.options;
    const key = JSON.stringify(options);
    const group = byOptions.get(key);
    if (group) group.push(i);
    else byOptions.set(key, [i]);
  });
  for (const group of byOptions.values()) {
    const results = lintExtractionFiles(extraction, names, unit[read[group[0]!]!.at]!.options);
    for (const i of group) {
      const r = read[i]!;
      outcomes[r.at] = { kind: 'result', result: results[i]!, text: r.text, bytes: r.bytes };
    }
  }
  return outcomes;
}
