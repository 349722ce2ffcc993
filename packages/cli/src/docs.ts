/**
 * The rules' documentation pages (docs/rules/<id>.md). The package ships them in
 * dist/docs/rules (copied by tsup's onSuccess, see tsup.config.ts); from the sources (tests, a
 * checkout) they are read from the repository's docs/rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function moduleDir(): string {
  // CommonJS builds have __dirname; ES modules have import.meta.url.
  if (typeof __dirname !== 'undefined') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

/** Folders that may hold the rule docs, nearest first. */
export function docsDirCandidates(from = moduleDir()): string[] {
  return [
    path.join(from, 'docs', 'rules'), // packages/cli/dist/docs/rules (the published package)
    path.join(from, '..', 'docs', 'rules'), // the same from the executables' chunks (dist/chunks)
    path.join(from, '..', 'dist', 'docs', 'rules'), // packages/cli/src -> the build next to it
    path.join(from, '..', '..', '..', 'docs', 'rules'), // packages/cli/{src,dist} -> repository root
  ];
}

/** The markdown of a rule's page, or undefined when the docs are not installed. */
export function readRuleDoc(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  for (const dir of docsDirCandidates()) {
    try {
      return fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
    } catch {
      /* try the next place */
    }
  }
  return undefined;
}
