/**
 * iam-mfa-lint.config.json: discovery (walking up from the current directory), validation
 * against schemas/config.schema.json with ajv, and the effective settings for one file
 * (top level, then matching overrides in order, then the command line).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type AjvImport from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Minimatch } from 'minimatch';
import { BoundedCache, ruleIds, type PolicyType, type RuleSetting } from '@iam-mfa-lint/core';
import schema from './generated/config.schema.js';
import type { IamMfaLintConfig, Ignore } from './generated/config.js';

export type { IamMfaLintConfig, Ignore } from './generated/config.js';

export const CONFIG_FILE_NAME = 'iam-mfa-lint.config.json';

/** A configuration file that cannot be used: one line naming the file and the key; exit code 2. */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

export interface LoadedConfig {
  /** Absolute path of the config file, or undefined when none was found. */
  file: string | undefined;
  /** Its folder: globs in the config are relative to it. */
  dir: string;
  config: IamMfaLintConfig;
}

/** The nearest iam-mfa-lint.config.json in `cwd` or one of its ancestors. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

type AjvCtor = typeof AjvImport;

/** ajv is loaded only when a config file exists: most runs (pre-commit, CI) have none. */
function loadAjv(): AjvCtor {
  const m = createRequire(import.meta.url)('ajv') as AjvCtor & { default?: AjvCtor };
  // ajv is CommonJS; its default export sits on `.default`.
  return m.default ?? m;
}

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const Ajv = loadAjv();
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(schema as unknown as object);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** `/overrides/0/rules/action-wildcard` -> `overrides[0].rules["action-wildcard"]`. */
export function keyPath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(top level)' : out;
}

function describe(error: ErrorObject): string {
  const at = keyPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return `${keyPath(
        `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)
          .replace(/~/g, '~0')
          .replace(/\//g, '~1')}`,
      )}: unknown key`;
    case 'required':
      return `${at}: missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${at}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}: ${error.message ?? 'is invalid'}`;
  }
}

/** The most telling error: the deepest one, and of those not the summary of an anyOf. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
  const sorted = [...errors].sort(
    (a, b) => depth(b) - depth(a) || Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf'),
  );
  // A rule setting that is neither a level nor [level, options] is best described as such.
  const setting = sorted.find((e) => e.keyword === 'anyOf' && /\/rules\/[^/]+$/.test(e.instancePath));
  if (setting && sorted.every((e) => e.instancePath.startsWith(setting.instancePath))) {
    return {
      ...setting,
      keyword: 'ruleSetting',
      message: 'must be "off", "warn", "error" or ["off"|"warn"|"error", {options}]',
    };
  }
  return sorted[0]!;
}

function checkRuleIds(rules: Record<string, unknown> | undefined, at: string, known: ReadonlySet<string>): void {
  for (const id of Object.keys(rules ?? {})) {
    if (!known.has(id)) throw new ConfigFileError(`${at}[${JSON.stringify(id)}]: unknown rule "${id}"`);
  }
}

/** Validates a parsed config; throws ConfigFileError with `<shown file>: <key>: <problem>`. */
export function checkConfig(value: unknown, shown: string): IamMfaLintConfig {
  const errors = validate(value);
  if (errors.length > 0) throw new ConfigFileError(`${shown}: ${describe(pickError(errors))}`);
  const config = value as IamMfaLintConfig;
  const known = new Set(ruleIds);
  try {
    checkRuleIds(config.rules, 'rules', known);
    config.overrides?.forEach((o, i) => checkRuleIds(o.rules, `overrides[${i}].rules`, known));
    config.ignore?.forEach((g, i) => {
      if (!known.has(g.rule)) throw new ConfigFileError(`ignore[${i}].rule: unknown rule "${g.rule}"`);
    });
  } catch (error) {
    if (error instanceof ConfigFileError) throw new ConfigFileError(`${shown}: ${error.message}`);
    throw error;
  }
  return config;
}

/** Reads and validates a config file. */
export function loadConfigFile(file: string, shown: string): IamMfaLintConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : 'cannot be read';
    throw new ConfigFileError(`${shown}: ${why}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigFileError(`${shown}: not valid JSON (${(error as Error).message.split('\n', 1)[0]})`);
  }
  return checkConfig(value, shown);
}

/** The config given with --config, else the nearest one; an empty config when there is none. */
export function resolveConfig(cwd: string, explicit: string | undefined, shown: (abs: string) => string): LoadedConfig {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (file === undefined) return { file: undefined, dir: path.resolve(cwd), config: {} };
  return { file, dir: path.dirname(file), config: loadConfigFile(file, explicit ?? shown(file)) };
}

// ---------------------------------------------------------------------------------------------
// Matching files

const matcherCache = new BoundedCache<string, Minimatch>();

function matcher(pattern: string): Minimatch {
  return matcherCache.get(pattern, (p) => new Minimatch(p.replace(/^\.\//, ''), { dot: true, matchBase: true }));
}

function globs(g: string | string[] | undefined): string[] {
  return g === undefined ? [] : Array.isArray(g) ? g : [g];
}

/** The file's path relative to `dir` with forward slashes, or undefined when outside it. */
export function relativeTo(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
  return rel;
}

/** Does the file, or one of its folders, match one of the globs? */
export function matchesAny(patterns: readonly string[], rel: string | undefined, folders = false): boolean {
  if (rel === undefined || patterns.length === 0) return false;
  const candidates = [rel];
  if (folders) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      candidates.push(dir, `${dir}/`);
    }
  }
  return patterns.some((p) => candidates.some((c) => matcher(p).match(c)));
}

/** The settings the command line gives, which win over the config file. */
export interface CliSettings {
  buckets: readonly string[];
  rules: Readonly<Record<string, RuleSetting>>;
}

export interface FileConfig {
  buckets: string[];
  policyType?: PolicyType;
  rules: Record<string, RuleSetting>;
  /** The config's ignore entries that apply to this file, with their index in `ignore`. */
  ignores: Array<{ index: number; entry: Ignore }>;
}

export class ConfigSession {
  constructor(
    readonly loaded: LoadedConfig,
    readonly cli: CliSettings,
  ) {}

  private rel(file: string): string | undefined {
    return relativeTo(this.loaded.dir, file);
  }

  /** Is the file skipped by the config's ignorePatterns? */
  isIgnored(file: string): boolean {
    return matchesAny(this.loaded.config.ignorePatterns ?? [], this.rel(file), true);
  }

  forFile(file: string): FileConfig {
    const c = this.loaded.config;
    const rel = this.rel(file);
    let buckets = [...(c.buckets ?? [])];
    let policyType = c.policyType;
    const rules: Record<string, RuleSetting> = { ...(c.rules as Record<string, RuleSetting> | undefined) };
    for (const o of c.overrides ?? []) {
      if (!matchesAny(globs(o.files), rel)) continue;
      if (o.buckets) buckets = [...o.buckets];
      if (o.policyType) policyType = o.policyType;
      Object.assign(rules, o.rules as Record<string, RuleSetting> | undefined);
    }
    if (this.cli.buckets.length > 0) buckets = [...this.cli.buckets];
    Object.assign(rules, this.cli.rules);
    const ignores = (c.ignore ?? [])
      .map((entry, index) => ({ index, entry }))
      .filter(({ entry }) => entry.files === undefined || matchesAny(globs(entry.files), rel));
    const out: FileConfig = { buckets, rules, ignores };
    if (policyType) out.policyType = policyType;
    return out;
  }
}
