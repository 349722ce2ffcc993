import fs from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';

export interface ExpandOptions {
  /** Directory relative paths are resolved against and ignore patterns are matched from. */
  cwd: string;
  /** File name endings kept when walking directories, e.g. ['.json']. Explicit files are kept whatever their name. */
  extensions: readonly string[];
  /** minimatch patterns (`dot`, `matchBase`) matched against paths relative to `cwd`, with forward slashes. */
  ignorePatterns?: readonly string[];
}

export interface ExpandResult {
  /** Absolute paths of the files to lint, deduplicated, in walk order. */
  files: string[];
  /** One message per path that does not exist or cannot be read, e.g. `no such file or directory: x.json`. */
  errors: string[];
  /** Each directory given, as typed, with the files its walk found (to tell the user when none holds a policy). */
  directories: Array<{ given: string; files: string[] }>;
}

/**
 * File name endings searched in directories by default: policies, CloudFormation/SAM templates
 * (JSON, YAML, `.template`), Terraform source and plans. Each file's content decides what it is;
 * files of no known shape found by a walk are skipped (see packages/core/src/inputs/detect.ts).
 */
export const DEFAULT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.template', '.tf'];

/** Directories never entered while walking. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform']);

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

/** The problem a file system error names by its code, when it has a well-known one. */
export function errnoText(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && Object.hasOwn(ERRNO_TEXT, code) ? ERRNO_TEXT[code] : undefined;
}

/** `<problem>: <path>`, the problem named from the error's code when it has a well-known one. */
export function describeFsError(error: unknown, shownPath: string): string {
  const text = errnoText(error);
  if (text !== undefined) return `${text}: ${shownPath}`;
  const message = error instanceof Error ? error.message : String(error);
  return `cannot read ${shownPath}: ${message.split(/\r?\n/, 1)[0]}`;
}

/** Compare strings by their UTF-8 bytes, so the order does not depend on UTF-16 surrogates or locale. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Path relative to cwd with forward slashes ('' for cwd itself). */
function relativePath(cwd: string, absolute: string): string {
  return toPosix(path.relative(cwd, absolute));
}

/** Path as shown in error messages: relative to cwd (forward slashes) when inside it, absolute otherwise. */
export function shownPath(cwd: string, absolute: string): string {
  const rel = relativePath(cwd, absolute);
  return rel === '' ? '.' : rel.startsWith('../') || rel === '..' || path.isAbsolute(rel) ? absolute : rel;
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}

/**
 * Expand the command-line paths into the files to lint: files are kept as they are; directories
 * are walked recursively in byte order, keeping files whose name ends with one of the extensions,
 * never entering `node_modules` or `.git`, following symbolic links without looping, and never
 * touching anything that is neither a regular file nor a directory (FIFOs, sockets, devices).
 * A path given explicitly is kept whatever its kind (a FIFO, `/dev/stdin`, `<(...)`): the user
 * named it. Does not open any file.
 */
export function expandPaths(paths: readonly string[], options: ExpandOptions): ExpandResult {
  const cwd = path.resolve(options.cwd);
  const extensions = [...options.extensions];
  const matchers = (options.ignorePatterns ?? [])
    .filter((p) => p !== '')
    .map((p) => new Minimatch(p, { dot: true, matchBase: true }));
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const visitedDirectories = new Set<string>();
  const errors: string[] = [];
  const directories: ExpandResult['directories'] = [];

  const isIgnored = (absolute: string, isDirectory: boolean): boolean => {
    if (matchers.length === 0) return false;
    const rel = relativePath(cwd, absolute);
    if (rel === '') return false;
    const candidates = isDirectory ? [rel, `${rel}/`] : [rel];
    return matchers.some((m) => candidates.some((c) => m.match(c)));
  };

  const addFile = (absolute: string): void => {
    if (seenFiles.has(absolute)) return;
    seenFiles.add(absolute);
    files.push(absolute);
  };

  const walk = (directory: string): void => {
    let realPath: string;
    let names: string[];
    try {
      realPath = fs.realpathSync(directory);
    } catch (error) {
      errors.push(describeFsError(error, shownPath(cwd, directory)));
      return;
    }
    if (visitedDirectories.has(realPath)) return;
    visitedDirectories.add(realPath);
    try {
      names = fs.readdirSync(directory);
    } catch (error) {
      errors.push(describeFsError(error, shownPath(cwd, directory)));
      return;
    }
    names.sort(compareBytes);
    for (const name of names) {
      const entry = path.join(directory, name);
      let stats: fs.Stats;
      try {
        stats = fs.statSync(entry); // follows symbolic links
      } catch (error) {
        // A dangling or self-referencing symbolic link found while walking is not worth a failure.
        if (isNotFound(error)) continue;
        errors.push(describeFsError(error, shownPath(cwd, entry)));
        continue;
      }
      if (stats.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name) || isIgnored(entry, true)) continue;
        walk(entry);
      } else if (stats.isFile()) {
        if (!extensions.some((ext) => name.endsWith(ext)) || isIgnored(entry, false)) continue;
        addFile(entry);
      }
      // Anything else (FIFO, socket, device) is skipped without being opened.
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absolute);
    } catch (error) {
      errors.push(describeFsError(error, given));
      continue;
    }
    if (stats.isDirectory()) {
      if (isIgnored(absolute, true)) continue;
      const before = files.length;
      walk(absolute);
      directories.push({ given, files: files.slice(before) });
    } else {
      if (isIgnored(absolute, false)) continue;
      addFile(absolute);
    }
  }

  return { files, errors, directories };
}
