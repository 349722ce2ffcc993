/**
 * Policy sets: documents that belong together (an account snapshot, a role directory, a
 * template), with the principals they are attached to. Any input format (account authorization
 * details, a role manifest, CloudFormation, Terraform) produces a `PolicySet`; `lintSet` lints
 * it. Pure TypeScript.
 */
import type { Audience, DocumentSource } from '../types.js';
import type { PolicyType } from '../types.js';
import { normalize, type PolicyModel } from '../model/normalize.js';

/** One policy document of a set. */
export interface SetDocument {
  /** Unique within the set (e.g. `role/app/trust`, `policy/arn:aws:iam::1:policy/x@v2`). */
  id: string;
  kind: PolicyType;
  /** The document as IAM receives it (already decoded from URL-encoded or string form). */
  value: unknown;
  /** Human name for messages: the policy name, `trust policy`, a file name. */
  label: string;
  /** The file the document is in (for reports), when it comes from one. */
  file?: string;
  /** Where the document's nodes sit in that file; without it, positions refer to JSON.stringify(value, null, 2). */
  source?: DocumentSource;
  /** Who uses it, when the host file says so directly (a SAM function's policies: the function); else derived from its holders. */
  audience?: Audience;
  /** A VPC endpoint policy (LintOptions.endpointPolicy). */
  endpointPolicy?: boolean;
  /** An AWS managed policy (`arn:aws:iam::aws:policy/...`), not the account's own. */
  awsManaged?: boolean;
}

export type PrincipalKind = 'user' | 'group' | 'role';

/** A user, group or role, with the documents attached to it (inline or managed). */
export interface SetPrincipal {
  kind: PrincipalKind;
  name: string;
  arn?: string;
  /** Ids of the identity documents attached to it. */
  policies: string[];
  /** Users: the names of the groups they are in. */
  groups?: string[];
  /** Roles: the id of the trust policy document. */
  trustPolicy?: string;
  /** Roles: an instance profile holds it (EC2 instances assume it). */
  instanceProfile?: boolean;
}

export interface PolicySet {
  documents: SetDocument[];
  principals: SetPrincipal[];
  /** The account the set describes (ARNs of its principals), when known. */
  accountId?: string;
}

/** A document with its normalized model and the principals it applies to. */
export interface ResolvedDocument extends SetDocument {
  model: PolicyModel;
  /** Principals the document is attached to directly (groups included). */
  attachedTo: SetPrincipal[];
}

export interface ResolvedPrincipal extends SetPrincipal {
  /** Every identity document that applies: its own and, for users, its groups'. */
  effectivePolicies: ResolvedDocument[];
  /** Roles: the trust policy. */
  trust?: ResolvedDocument;
  /** Groups: their member users. */
  members?: ResolvedPrincipal[];
}

export interface ResolvedSet {
  documents: ResolvedDocument[];
  principals: ResolvedPrincipal[];
  accountId: string | undefined;
  document(id: string): ResolvedDocument | undefined;
}

/** Thrown for a set whose references do not resolve (an unknown document id, a duplicate id). */
export class PolicySetError extends Error {
  override name = 'PolicySetError';
}

export function principalLabel(p: SetPrincipal): string {
  return `${p.kind} "${p.name}"`;
}

/** Normalizes every document and links documents and principals both ways. */
export function resolveSet(set: PolicySet): ResolvedSet {
  const byId = new Map<string, ResolvedDocument>();
  for (const d of set.documents) {
    if (byId.has(d.id)) throw new PolicySetError(`duplicate document id "${d.id}"`);
    byId.set(d.id, { ...d, model: normalize(d.value), attachedTo: [] });
  }
  const get = (id: string, by: SetPrincipal): ResolvedDocument => {
    const d = byId.get(id);
    if (!d) throw new PolicySetError(`${principalLabel(by)} refers to unknown document "${id}"`);
    return d;
  };
  const principals: ResolvedPrincipal[] = set.principals.map((p) => ({ ...p, effectivePolicies: [] }));
  const groups = new Map(principals.filter((p) => p.kind === 'group').map((g) => [g.name, g]));
  for (const p of principals) {
    for (const id of p.policies) {
      const d = get(id, p);
      d.attachedTo.push(p);
      p.effectivePolicies.push(d);
    }
    if (p.kind === 'role' && p.trustPolicy !== undefined) p.trust = get(p.trustPolicy, p);
  }
  for (const u of principals.filter((p) => p.kind === 'user')) {
    for (const g of u.groups ?? []) {
      const group = groups.get(g);
      if (!group) continue;
      (group.members ??= []).push(u);
      for (const d of group.policies.map((id) => byId.get(id)!))
        if (!u.effectivePolicies.includes(d)) u.effectivePolicies.push(d);
    }
  }
  const documents = [...byId.values()];
  return { documents, principals, accountId: set.accountId, document: (id) => byId.get(id) };
}
