/**
 * Policy sets of a Terraform configuration, the same for source (`.tf` files of one module read
 * together) and for plans (`terraform show -json`): which documents are a role's trust policy,
 * which identity documents are attached to which roles, users and groups, and which roles an
 * instance profile holds. Each reader describes its resources here as addresses, literal values
 * and the addresses an attribute refers to; the links are the same for both.
 */
import type { ExtractedHolder, ExtractedRole } from './types.js';

/** One resource (or data source) of the configuration, as far as the links need it. */
export interface TfResource {
  /** `aws_iam_role.app`, `data.aws_iam_policy_document.x`, `module.m.aws_iam_role.app` (no instance key). */
  address: string;
  type: string;
  /** The name shown for a role, user or group built from it. */
  id: string;
  /** A known literal value of an attribute (a string or a list), undefined when not known. */
  literal(attribute: string): unknown;
  /** The addresses of the resources and data sources an attribute refers to. */
  refs(attribute: string): string[];
  /** Indexes of the documents read from the resource's own attributes (`policy`, `assume_role_policy`). */
  documents: ReadonlyMap<string, number>;
  /** Documents of `inline_policy` blocks (aws_iam_role). */
  inline?: readonly number[];
  /** Addresses the `inline_policy` blocks refer to for their policy (`data.aws_iam_policy_document.x`). */
  inlineRefs?: readonly string[];
}

/**
 * The address a reference names: `aws_iam_role.app.arn` -> `aws_iam_role.app`,
 * `data.aws_iam_policy_document.x.json` -> `data.aws_iam_policy_document.x`,
 * `module.m.aws_iam_role.app[0].name` -> `module.m.aws_iam_role.app`; undefined for `var.x`, `local.y`.
 */
export function referencedAddress(reference: string): string | undefined {
  const parts = reference
    .trim()
    .replace(/\[[^\]]*\]/g, '')
    .split('.');
  const prefix: string[] = [];
  let i = 0;
  while (parts[i] === 'module' && parts[i + 1] !== undefined) {
    prefix.push('module', parts[i + 1]!);
    i += 2;
  }
  const head = parts[i];
  if (head === undefined || ['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(head))
    return undefined;
  const take = head === 'data' ? 3 : 2;
  if (parts.length < i + take || !/^[a-z][a-z0-9_]*$/.test(parts[head === 'data' ? i + 1 : i]!)) return undefined;
  return [...prefix, ...parts.slice(i, i + take)].join('.');
}

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Attachments of managed policies: resource type -> the attributes naming roles, users, groups (a Map: types come from input). */
const ATTACHMENTS = new Map<string, ReadonlyArray<readonly ['role' | 'user' | 'group', string]>>([
  ['aws_iam_role_policy_attachment', [['role', 'role']]],
  ['aws_iam_user_policy_attachment', [['user', 'user']]],
  ['aws_iam_group_policy_attachment', [['group', 'group']]],
  [
    'aws_iam_policy_attachment',
    [
      ['role', 'roles'],
      ['user', 'users'],
      ['group', 'groups'],
    ],
  ],
]);

/** Inline policies: resource type -> the kind of holder and the attribute naming it. */
const INLINE = new Map<string, readonly ['role' | 'user' | 'group', string]>([
  ['aws_iam_role_policy', ['role', 'role']],
  ['aws_iam_user_policy', ['user', 'user']],
  ['aws_iam_group_policy', ['group', 'group']],
]);

/**
 * Builds the roles, users and groups of a configuration. A holder named by a literal that no
 * resource of the configuration declares is kept under that name (a role whose trust is then
 * unknown: rules about who assumes it stay silent); unresolved values name nothing.
 */
export function terraformSets(
  resources: readonly TfResource[],
  isKnown: (literal: string) => boolean,
): { roles: ExtractedRole[]; people: ExtractedHolder[] } {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const roles = new Map<string, ExtractedRole>();
  const people = new Map<string, ExtractedHolder>();
  const declared = {
    role: new Map<string, string>(),
    user: new Map<string, string>(),
    group: new Map<string, string>(),
  };
  const TYPES = { role: 'aws_iam_role', user: 'aws_iam_user', group: 'aws_iam_group' } as const;
  for (const r of resources)
    for (const kind of ['role', 'user', 'group'] as const) {
      if (r.type !== TYPES[kind]) continue;
      for (const name of strings(r.literal('name'))) declared[kind].set(name, r.address);
    }

  const roleOf = (id: string): ExtractedRole => {
    let role = roles.get(id);
    if (!role) roles.set(id, (role = { id, policies: [], instanceProfile: false }));
    return role;
  };
  const holderOf = (kind: 'user' | 'group', id: string): ExtractedHolder => {
    let h = people.get(`${kind}:${id}`);
    if (!h) people.set(`${kind}:${id}`, (h = { kind, id, policies: [] }));
    return h;
  };
  /** The roles, users or groups an attribute names: by reference, or by a literal name. */
  const holders = (r: TfResource, attribute: string, kind: 'role' | 'user' | 'group'): string[] => {
    const out: string[] = [];
    for (const a of r.refs(attribute)) {
      const target = byAddress.get(a);
      if (target?.type === TYPES[kind]) out.push(target.id);
    }
    if (out.length > 0) return out;
    for (const name of strings(r.literal(attribute))) {
      if (!isKnown(name)) continue;
      const address = declared[kind].get(name);
      out.push(address !== undefined ? byAddress.get(address)!.id : name);
    }
    return out;
  };
  /** The document an attribute holds: its own, or the data source or resource it refers to. */
  const documentOf = (r: TfResource, attribute: string): number | undefined => {
    const own = r.documents.get(attribute);
    if (own !== undefined) return own;
    for (const a of r.refs(attribute)) {
      const target = byAddress.get(a);
      const d = target?.documents.get(target.type === 'aws_iam_policy_document' ? 'json' : 'policy');
      if (d !== undefined) return d;
    }
    return undefined;
  };
  const arns = new Map<string, number>();
  for (const r of resources) {
    if (r.type !== 'aws_iam_policy') continue;
    const d = documentOf(r, 'policy');
    const arn = r.literal('arn');
    if (d !== undefined && typeof arn === 'string') arns.set(arn, d);
  }
  /** The managed policy documents an attribute names (`policy_arn`, `managed_policy_arns`). */
  const managed = (r: TfResource, attribute: string): number[] => {
    const out: number[] = [];
    for (const a of r.refs(attribute)) {
      const target = byAddress.get(a);
      const d = target?.type === 'aws_iam_policy' ? documentOf(target, 'policy') : undefined;
      if (d !== undefined) out.push(d);
    }
    if (out.length > 0) return out;
    for (const arn of strings(r.literal(attribute))) {
      const d = arns.get(arn);
      if (d !== undefined) out.push(d);
    }
    return out;
  };
  const attach = (kind: 'role' | 'user' | 'group', id: string, documents: readonly number[]): void => {
    const list = kind === 'role' ? roleOf(id).policies : holderOf(kind, id).policies;
    for (const d of documents) if (!list.includes(d)) list.push(d);
  };

  for (const r of resources) {
    if (r.type === 'aws_iam_role') {
      const trust = documentOf(r, 'assume_role_policy');
      if (trust !== undefined) roleOf(r.id).trust = trust;
      const referenced = (r.inlineRefs ?? []).flatMap((a) => byAddress.get(a)?.documents.get('json') ?? []);
      attach('role', r.id, [...(r.inline ?? []), ...referenced, ...managed(r, 'managed_policy_arns')]);
    } else if (r.type === 'aws_iam_instance_profile') {
      for (const id of holders(r, 'role', 'role')) roleOf(id).instanceProfile = true;
    } else if (INLINE.has(r.type)) {
      const [kind, attribute] = INLINE.get(r.type)!;
      const d = documentOf(r, 'policy');
      if (d !== undefined) for (const id of holders(r, attribute, kind)) attach(kind, id, [d]);
    } else if (ATTACHMENTS.has(r.type)) {
      const documents = managed(r, 'policy_arn');
      if (documents.length === 0) continue;
      for (const [kind, attribute] of ATTACHMENTS.get(r.type)!)
        for (const id of holders(r, attribute, kind)) attach(kind, id, documents);
    }
  }
  return {
    roles: [...roles.values()].filter((r) => r.trust !== undefined || r.policies.length > 0),
    people: [...people.values()].filter((h) => h.policies.length > 0),
  };
}
