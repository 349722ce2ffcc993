/**
 * `aws iam get-account-authorization-details` output (or the raw API response, whose policy
 * documents are URL-encoded strings) as a policy set: users with their groups, groups, roles with
 * their trust policies, inline policies, and every version of every managed policy (only the
 * default version is attached; the others are linted on their own).
 */
import { parseDocument } from '../model/parse.js';
import { LineIndex } from '../util/lines.js';
import { addDocumentAt, isObject, type JsonHost } from './host-json.js';
import { emptyExtraction, type InputProblem } from './types.js';
import type { PolicyType } from '../types.js';
import { joinPointer } from '../util/pointer.js';
import type { PolicySet, SetDocument, SetPrincipal } from '../set/types.js';

/** AWS managed policies: AWS writes them, in every partition (`arn:aws-cn:iam::aws:policy/...`). */
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Does this JSON value look like get-account-authorization-details output? */
export function isAccountAuthorizationDetails(value: unknown): boolean {
  return (
    isObject(value) &&
    LISTS.some((k) => Array.isArray(value[k])) &&
    Object.keys(value).every((k) => (LISTS as readonly string[]).includes(k) || k === 'IsTruncated' || k === 'Marker')
  );
}

export interface AccountDetailsResult {
  set: PolicySet;
  /** Documents that cannot be read (an encoded document that does not decode, JSON errors inside a string). */
  problems: InputProblem[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Reads the text of get-account-authorization-details output. Returns undefined when the text is not that shape. */
export function policySetFromAccountDetails(text: string, file?: string): AccountDetailsResult | undefined {
  // The value first (native JSON.parse); positions only for a snapshot.
  const parsed = parseDocument(text);
  if (!parsed.ok || !isAccountAuthorizationDetails(parsed.doc.value)) return undefined;
  const value = parsed.doc.value;
  const host: JsonHost = { text, value, locations: parsed.doc.sourceIndex().locations, lines: new LineIndex(text) };
  const root = value as Record<string, unknown>;
  const documents: SetDocument[] = [];
  const principals: SetPrincipal[] = [];
  const problems: InputProblem[] = [];
  let accountId: string | undefined;

  const add = (
    id: string,
    pointer: string,
    value: unknown,
    label: string,
    kind: PolicyType,
    awsManaged = false,
  ): string | undefined => {
    const out = emptyExtraction('aws-cli');
    addDocumentAt(host, out, pointer, value, label, kind);
    problems.push(...out.problems);
    const d = out.documents[0];
    if (!d) return undefined;
    const doc: SetDocument = { id, kind, value: d.value, label, source: d.source };
    if (file !== undefined) doc.file = file;
    if (awsManaged) doc.awsManaged = true;
    documents.push(doc);
    return id;
  };

  // Managed policies: every version; the default one is what attachments use.
  const defaultVersion = new Map<string, string>();
  arr(root.Policies).forEach((p, i) => {
    if (!isObject(p)) return;
    const arn = str(p.Arn);
    const name = str(p.PolicyName) ?? arn ?? `Policies[${i}]`;
    arr(p.PolicyVersionList).forEach((v, j) => {
      if (!isObject(v) || !('Document' in v)) return;
      const version = str(v.VersionId) ?? `#${j}`;
      const isDefault = v.IsDefaultVersion === true || version === str(p.DefaultVersionId);
      const id = `policy/${arn ?? name}@${version}`;
      const label = `managed policy "${name}" ${version}${isDefault ? '' : ' (not the default version)'}`;
      const added = add(
        id,
        joinPointer('/Policies', i, 'PolicyVersionList', j, 'Document'),
        v.Document,
        label,
        'identity',
        AWS_MANAGED.test(arn ?? ''),
      );
      if (added && isDefault && arn) defaultVersion.set(arn, added);
    });
  });

  const attach = (
    owner: Record<string, unknown>,
    ownerPointer: string,
    listKey: string,
    kindLabel: string,
    ownerLabel: string,
  ): string[] => {
    const ids: string[] = [];
    arr(owner[listKey]).forEach((p, i) => {
      if (!isObject(p)) return;
      const name = str(p.PolicyName) ?? `${listKey}[${i}]`;
      const id = add(
        `${kindLabel}/inline/${name}`,
        joinPointer(ownerPointer, listKey, i, 'PolicyDocument'),
        p.PolicyDocument,
        `${ownerLabel} inline policy "${name}"`,
        'identity',
      );
      if (id) ids.push(id);
    });
    for (const m of arr(owner.AttachedManagedPolicies)) {
      const id = isObject(m) ? defaultVersion.get(str(m.PolicyArn) ?? '') : undefined;
      if (id) ids.push(id);
    }
    return ids;
  };

  const account = (arn: string | undefined) => {
    const m = arn ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn) : null;
    if (m) accountId ??= m[1];
  };

  arr(root.GroupDetailList).forEach((g, i) => {
    if (!isObject(g)) return;
    const name = str(g.GroupName) ?? `GroupDetailList[${i}]`;
    account(str(g.Arn));
    const p: SetPrincipal = {
      kind: 'group',
      name,
      policies: attach(g, joinPointer('/GroupDetailList', i), 'GroupPolicyList', `group/${name}`, `group "${name}"`),
    };
    if (str(g.Arn)) p.arn = str(g.Arn)!;
    principals.push(p);
  });
  arr(root.UserDetailList).forEach((u, i) => {
    if (!isObject(u)) return;
    const name = str(u.UserName) ?? `UserDetailList[${i}]`;
    account(str(u.Arn));
    const p: SetPrincipal = {
      kind: 'user',
      name,
      policies: attach(u, joinPointer('/UserDetailList', i), 'UserPolicyList', `user/${name}`, `user "${name}"`),
      groups: arr(u.GroupList).filter((x): x is string => typeof x === 'string'),
    };
    if (str(u.Arn)) p.arn = str(u.Arn)!;
    principals.push(p);
  });
  arr(root.RoleDetailList).forEach((r, i) => {
    if (!isObject(r)) return;
    const name = str(r.RoleName) ?? `RoleDetailList[${i}]`;
    account(str(r.Arn));
    const base = joinPointer('/RoleDetailList', i);
    const p: SetPrincipal = {
      kind: 'role',
      name,
      policies: attach(r, base, 'RolePolicyList', `role/${name}`, `role "${name}"`),
    };
    if ('AssumeRolePolicyDocument' in r) {
      const trust = add(
        `role/${name}/trust`,
        joinPointer(base, 'AssumeRolePolicyDocument'),
        r.AssumeRolePolicyDocument,
        `role "${name}" trust policy`,
        'trust',
      );
      if (trust) p.trustPolicy = trust;
    }
    if (arr(r.InstanceProfileList).length > 0) p.instanceProfile = true;
    if (str(r.Arn)) p.arn = str(r.Arn)!;
    principals.push(p);
  });

  const set: PolicySet = { documents, principals };
  if (accountId) set.accountId = accountId;
  return { set, problems };
}
