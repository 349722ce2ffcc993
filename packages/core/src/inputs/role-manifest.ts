/**
 * A directory that describes one role: a manifest file `iam-mfa-lint.role.json` next to the
 * policy files, naming the role, its trust policy and the policies attached to it:
 *
 *   { "role": "tutorial-ec2-role", "trustPolicy": "trust-policy.json", "policies": ["permission-policy.json"] }
 *
 * Paths are relative to the manifest's directory. See docs/sets.md.
 */
import { parsePolicyText } from '../model/parse.js';
import type { PolicySet, SetDocument, SetPrincipal } from '../set/types.js';

export const ROLE_MANIFEST = 'iam-mfa-lint.role.json';

export interface RoleManifest {
  role: string;
  trustPolicy?: string;
  policies: string[];
  accountId?: string;
}

const KEYS = ['role', 'trustPolicy', 'policies', 'accountId', '$schema'];

/** Validates a parsed manifest; returns the manifest or a one-line problem. */
export function readRoleManifest(value: unknown): RoleManifest | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'a role manifest must be a JSON object' };
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).filter((k) => !KEYS.includes(k));
  if (unknown.length)
    return { error: `unknown member "${unknown[0]}" (expected role, trustPolicy, policies, accountId)` };
  if (typeof v.role !== 'string' || v.role === '')
    return { error: '"role" must be the role name (a non-empty string)' };
  if (v.trustPolicy !== undefined && typeof v.trustPolicy !== 'string')
    return { error: '"trustPolicy" must be a file path' };
  if (!Array.isArray(v.policies) || !v.policies.every((p) => typeof p === 'string'))
    return { error: '"policies" must be an array of file paths' };
  if (v.accountId !== undefined && (typeof v.accountId !== 'string' || !/^\d{12}$/.test(v.accountId)))
    return { error: '"accountId" must be a 12-digit account id' };
  const m: RoleManifest = { role: v.role, policies: v.policies as string[] };
  if (typeof v.trustPolicy === 'string') m.trustPolicy = v.trustPolicy;
  if (typeof v.accountId === 'string') m.accountId = v.accountId;
  return m;
}

/** A file named by a manifest, as the host read it. */
export interface ManifestFile {
  /** The path as the manifest names it. */
  path: string;
  /** The path to report (relative to the working directory, or absolute). */
  file: string;
  text: string;
}

/**
 * The set a manifest describes. Files that are not JSON are left out (returned in `unreadable`)
 * so that the caller lints them alone and reports their syntax error.
 */
export function policySetFromRoleManifest(
  m: RoleManifest,
  files: readonly ManifestFile[],
): { set: PolicySet; unreadable: string[] } {
  const documents: SetDocument[] = [];
  const unreadable: string[] = [];
  const role: SetPrincipal = { kind: 'role', name: m.role, policies: [] };
  const add = (f: ManifestFile, kind: SetDocument['kind']): string | undefined => {
    const parsed = parsePolicyText(f.text);
    if (!parsed.ok) {
      unreadable.push(f.path);
      return undefined;
    }
    const id = `${kind}:${f.path}`;
    // Messages name the file as the user sees it (relative to the working directory), not as the manifest names it.
    documents.push({
      id,
      kind,
      value: parsed.value,
      label: f.file,
      file: f.file,
      source: { lookup: (p) => parsed.locations.get(p), text: f.text },
    });
    return id;
  };
  for (const f of files) {
    if (f.path === m.trustPolicy) {
      const id = add(f, 'trust');
      if (id) role.trustPolicy = id;
    } else if (m.policies.includes(f.path)) {
      const id = add(f, 'identity');
      if (id) role.policies.push(id);
    }
  }
  const set: PolicySet = { documents, principals: [role] };
  if (m.accountId) set.accountId = m.accountId;
  return { set, unreadable };
}
