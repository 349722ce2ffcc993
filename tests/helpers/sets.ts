import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROLE_MANIFEST,
  policySetFromAccountDetails,
  policySetFromRoleManifest,
  readRoleManifest,
  type PolicySet,
} from '../../packages/core/src/index.ts';

/**
 * A set fixture: a directory with a role manifest (files reported by their name in the
 * directory), or a file of get-account-authorization-details output (reported by its name).
 */
export function loadSetFixture(dir: string, entry: string): PolicySet {
  const path = join(dir, entry);
  if (statSync(path).isDirectory()) {
    const manifest = readRoleManifest(JSON.parse(readFileSync(join(path, ROLE_MANIFEST), 'utf8')));
    if ('error' in manifest) throw new Error(`${entry}: ${manifest.error}`);
    const names = [...(manifest.trustPolicy ? [manifest.trustPolicy] : []), ...manifest.policies];
    const { set, unreadable } = policySetFromRoleManifest(
      manifest,
      names.map((n) => ({ path: n, file: n, text: readFileSync(join(path, n), 'utf8') })),
    );
    if (unreadable.length) throw new Error(`${entry}: unreadable ${unreadable.join(', ')}`);
    return set;
  }
  const details = policySetFromAccountDetails(readFileSync(path, 'utf8'), entry);
  if (!details) throw new Error(`${entry}: not get-account-authorization-details output`);
  if (details.problems.length) throw new Error(`${entry}: ${details.problems[0]!.message}`);
  return details.set;
}
