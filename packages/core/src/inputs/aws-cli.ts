import { addDocumentAt, isObject, joinPointer, type JsonHost } from './host-json.js';
import { emptyExtraction, type Extraction } from './types.js';

/**
 * Is this JSON the output of an AWS CLI (or API) call that returns a policy document?
 * `iam get-policy-version`, `iam get-role`, `iam get-role-policy` / `get-user-policy` /
 * `get-group-policy`, `s3api get-bucket-policy`.
 */
export function isAwsCliOutput(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isObject(value.PolicyVersion) && 'Document' in value.PolicyVersion) return true;
  if (isObject(value.Role) && 'AssumeRolePolicyDocument' in value.Role) return true;
  if (
    'PolicyDocument' in value &&
    ('RoleName' in value || 'UserName' in value || 'GroupName' in value || 'PolicyName' in value)
  )
    return true;
  return Object.keys(value).length === 1 && typeof value.Policy === 'string' && /^\s*\{/.test(value.Policy);
}

export function extractAwsCli(host: JsonHost): Extraction {
  const out = emptyExtraction('aws-cli');
  const v = host.value as Record<string, unknown>;
  if (isObject(v.PolicyVersion) && 'Document' in v.PolicyVersion) {
    const version = typeof v.PolicyVersion.VersionId === 'string' ? ` (${v.PolicyVersion.VersionId})` : '';
    addDocumentAt(
      host,
      out,
      '/PolicyVersion/Document',
      v.PolicyVersion.Document,
      `PolicyVersion.Document${version}`,
      'identity',
    );
  }
  if (isObject(v.Role) && 'AssumeRolePolicyDocument' in v.Role) {
    const name = typeof v.Role.RoleName === 'string' ? v.Role.RoleName : 'Role';
    addDocumentAt(
      host,
      out,
      '/Role/AssumeRolePolicyDocument',
      v.Role.AssumeRolePolicyDocument,
      `${name}/AssumeRolePolicyDocument`,
      'trust',
    );
    out.roles.push({ id: name, trust: out.documents.length - 1, policies: [], instanceProfile: false });
  }
  if ('PolicyDocument' in v) {
    const owner = [v.RoleName, v.UserName, v.GroupName].find((x) => typeof x === 'string');
    const label = [owner, v.PolicyName].filter((x) => typeof x === 'string').join('/') || 'PolicyDocument';
    addDocumentAt(host, out, joinPointer('', 'PolicyDocument'), v.PolicyDocument, label, 'identity');
  }
  if (typeof v.Policy === 'string' && Object.keys(v).length === 1)
    addDocumentAt(host, out, '/Policy', v.Policy, 'Policy', 'resource');
  out.roles = out.roles.filter((r) => r.trust !== undefined && out.documents[r.trust]);
  return out;
}
