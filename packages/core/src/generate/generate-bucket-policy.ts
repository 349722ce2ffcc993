/**
 * Bucket policy that denies every request without MFA (the guard that holds whatever identity
 * policies say), optionally granting principals MFA-conditioned access. Pure TypeScript.
 */
import type { PolicyDocument, Statement } from '../model/generated/iam-policy.js';
import { generatePolicy, type Access, type Partition } from './generate-policy.js';

export interface GenerateBucketPolicyOptions {
  /** Grant these principals (IAM user or role ARNs, account ARNs) access with MFA. Default: none (the guard only). */
  principals?: readonly string[];
  /** What the grant allows on objects. Default 'read'. */
  access?: Access;
  /** Restrict the grant to this key prefix. */
  prefix?: string;
  /** Also deny requests whose MFA sign-in is older than this many seconds, and require it in the grant. */
  maxMfaAgeSeconds?: number;
  partition?: Partition;
}

const PRINCIPAL = /^(\d{12}|arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+))$/;

/**
 * Throws as generatePolicy does for a bad bucket name, access, prefix, partition or MFA age, and
 * `TypeError` for a principal that is not an IAM user, role or account (wildcards included).
 */
export function generateBucketPolicy(bucket: string, options: GenerateBucketPolicyOptions = {}): PolicyDocument {
  const opts = options ?? {};
  const partition = opts.partition ?? 'aws';
  // generatePolicy validates the bucket, access, prefix, partition and age, and builds the grants.
  const grant = generatePolicy(bucket, {
    partition,
    ...(opts.access !== undefined ? { access: opts.access } : {}),
    ...(opts.prefix !== undefined ? { prefix: opts.prefix } : {}),
    ...(opts.maxMfaAgeSeconds !== undefined ? { maxMfaAgeSeconds: opts.maxMfaAgeSeconds } : {}),
  });
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const statements: Statement[] = [
    {
      Sid: 'DenyWithoutMfa',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ];
  if (opts.maxMfaAgeSeconds !== undefined) {
    statements.push({
      Sid: 'DenyStaleMfa',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': String(opts.maxMfaAgeSeconds) } },
    });
  }
  if (opts.principals !== undefined) {
    if (!Array.isArray(opts.principals) || opts.principals.length === 0)
      throw new TypeError('principals must be a non-empty array.');
    for (const p of opts.principals) {
      if (typeof p !== 'string' || !PRINCIPAL.test(p))
        throw new TypeError(
          `Invalid principal ${JSON.stringify(p)}: expected an IAM user or role ARN, an account ARN (:root) or a 12-digit account id, without wildcards.`,
        );
    }
    const aws = [...new Set(opts.principals)];
    for (const s of grant.Statement as Statement[])
      statements.push({ ...s, Principal: { AWS: aws.length === 1 ? aws[0]! : aws } });
  }
  return { Version: '2012-10-17', Statement: statements };
}
