/**
 * Generate a least-privilege identity policy for one S3 bucket that requires MFA.
 *
 * Pure TypeScript, no Node.js APIs.
 */
import type { ConditionBlock, PolicyDocument, Statement } from '../model/generated/iam-policy.js';
import { assertValidBucketName } from './bucket-name.js';

export type Access = 'read' | 'write' | 'read-write';
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface GeneratePolicyOptions {
  /** What the policy grants on objects. Default 'read'. */
  access?: Access;
  /** Restrict listing and object access to this key prefix (leading and trailing slashes are ignored). */
  prefix?: string;
  /** Also require the MFA authentication to be younger than this many seconds (1..129600). */
  maxMfaAgeSeconds?: number;
  /** AWS partition of the ARNs. Default 'aws'. */
  partition?: Partition;
  /** Append an explicit Deny of all S3 actions on the bucket when MFA is absent. Default false. */
  denyWithoutMfa?: boolean;
}

const ACCESSES: readonly Access[] = ['read', 'write', 'read-write'];
const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** AWS's maximum role session duration (36 hours), the largest meaningful MFA age. */
export const MAX_MFA_AGE_SECONDS = 129_600;

const READ_ACTIONS = ['s3:GetObject'] as const;
const WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'] as const;

function actionsFor(access: Access): string[] {
  switch (access) {
    case 'read':
      return [...READ_ACTIONS];
    case 'write':
      return [...WRITE_ACTIONS];
    case 'read-write':
      return [...READ_ACTIONS, ...WRITE_ACTIONS];
  }
}

const OBJECT_SIDS: Record<Access, string> = {
  read: 'ReadObjectsWithMfa',
  write: 'WriteObjectsWithMfa',
  'read-write': 'ReadWriteObjectsWithMfa',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

function checkAccess(access: unknown): Access {
  if (access === undefined) return 'read';
  if (typeof access === 'string' && (ACCESSES as readonly string[]).includes(access)) return access as Access;
  throw new TypeError(`Invalid access ${describe(access)}: expected one of "read", "write", "read-write".`);
}

function checkPartition(partition: unknown): Partition {
  if (partition === undefined) return 'aws';
  if (typeof partition === 'string' && (PARTITIONS as readonly string[]).includes(partition)) {
    return partition as Partition;
  }
  throw new TypeError(`Invalid partition ${describe(partition)}: expected one of "aws", "aws-cn", "aws-us-gov".`);
}

function isControl(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
}

/** Normalise a key prefix (strip leading and trailing slashes) and reject what would change the policy's meaning. */
function checkPrefix(prefix: unknown): string | undefined {
  if (prefix === undefined) return undefined;
  if (typeof prefix !== 'string') {
    throw new TypeError(`Invalid prefix ${describe(prefix)}: expected a string.`);
  }
  const stripped = prefix.replace(/^\/+/, '').replace(/\/+$/, '');
  if (stripped === '') {
    throw new TypeError(
      `Invalid prefix ${JSON.stringify(prefix)}: it is empty once leading and trailing slashes are removed.`,
    );
  }
  for (const ch of stripped) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isControl(cp)) {
      const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new TypeError(
        `Invalid prefix ${JSON.stringify(prefix)}: it must not contain control characters; found ${code}.`,
      );
    }
    if ('*?'.includes(ch)) {
      throw new TypeError(
        `Invalid prefix ${JSON.stringify(prefix)}: it must not contain wildcard characters; found "${ch}".`,
      );
    }
    if ('${}'.includes(ch)) {
      throw new TypeError(
        `Invalid prefix ${JSON.stringify(prefix)}: it must not contain policy-variable characters; found "${ch}".`,
      );
    }
  }
  if (stripped.includes('//')) {
    throw new TypeError(`Invalid prefix ${JSON.stringify(prefix)}: it must not contain an empty segment; found "//".`);
  }
  return stripped;
}

function checkMaxMfaAge(age: unknown): number | undefined {
  if (age === undefined) return undefined;
  if (typeof age !== 'number' || !Number.isSafeInteger(age) || age < 1 || age > MAX_MFA_AGE_SECONDS) {
    throw new RangeError(
      `Invalid maxMfaAgeSeconds ${describe(age)}: expected a whole number of seconds from 1 to ${MAX_MFA_AGE_SECONDS} (36 hours).`,
    );
  }
  return age;
}

function mfaCondition(maxAge: number | undefined): ConditionBlock {
  const condition: ConditionBlock = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (maxAge !== undefined) {
    condition.NumericLessThan = { 'aws:MultiFactorAuthAge': String(maxAge) };
  }
  return condition;
}

/**
 * A least-privilege identity policy for `bucket`: list the bucket (optionally only under `prefix`) and
 * read and/or write its objects, every grant conditioned on MFA. Throws `BucketNameError` for a bad bucket
 * name, `TypeError` for a bad access, partition or prefix, and `RangeError` for a bad MFA age.
 * Returns a new plain object on every call.
 */
export function generatePolicy(bucket: string, options: GeneratePolicyOptions = {}): PolicyDocument {
  assertValidBucketName(bucket);
  const opts: GeneratePolicyOptions = options ?? {};
  const access = checkAccess(opts.access);
  const partition = checkPartition(opts.partition);
  const prefix = checkPrefix(opts.prefix);
  const maxAge = checkMaxMfaAge(opts.maxMfaAgeSeconds);
  const denyWithoutMfa = opts.denyWithoutMfa === true;

  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const objectArn = prefix === undefined ? `${bucketArn}/*` : `${bucketArn}/${prefix}/*`;

  const listCondition = mfaCondition(maxAge);
  if (prefix !== undefined) {
    listCondition.StringLike = { 's3:prefix': [`${prefix}/`, `${prefix}/*`] };
  }

  const actions = actionsFor(access);
  const statements: Statement[] = [
    {
      Sid: 'ListBucketWithMfa',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucketArn,
      Condition: listCondition,
    },
    {
      Sid: OBJECT_SIDS[access],
      Effect: 'Allow',
      Action: actions.length === 1 ? (actions[0] as string) : actions,
      Resource: objectArn,
      Condition: mfaCondition(maxAge),
    },
  ];

  if (denyWithoutMfa) {
    statements.push({
      Sid: 'DenyS3WithoutMfa',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
  }

  return { Version: '2012-10-17', Statement: statements };
}
