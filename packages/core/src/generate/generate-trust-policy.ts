/**
 * Trust policy for a role that people assume with MFA: sts:AssumeRole only with
 * aws:MultiFactorAuthPresent "true" (and, optionally, a recent MFA sign-in). Pure TypeScript.
 */
import type { ConditionBlock, PolicyDocument } from '../model/generated/iam-policy.js';
import { MAX_MFA_AGE_SECONDS, type Partition } from './generate-policy.js';

export interface GenerateTrustPolicyOptions {
  /** Every IAM user of this account that is allowed to (by its own policies) may assume the role. */
  accountId?: string;
  /** Or exactly these principals: IAM user or role ARNs, account ARNs (`:root`) or 12-digit account ids. */
  principals?: readonly string[];
  /** Also require the MFA sign-in to be at most this many seconds old (1..129600). */
  maxMfaAgeSeconds?: number;
  /** Partition of the account ARN built from `accountId`. Default 'aws'. */
  partition?: Partition;
}

const PRINCIPAL = /^(\d{12}|arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+))$/;

export function mfaConditionBlock(maxAge: number | undefined): ConditionBlock {
  if (maxAge !== undefined && (!Number.isSafeInteger(maxAge) || maxAge < 1 || maxAge > MAX_MFA_AGE_SECONDS)) {
    throw new RangeError(
      `Invalid maxMfaAgeSeconds ${String(maxAge)}: expected a whole number of seconds from 1 to ${MAX_MFA_AGE_SECONDS} (36 hours).`,
    );
  }
  const c: ConditionBlock = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (maxAge !== undefined) c.NumericLessThan = { 'aws:MultiFactorAuthAge': String(maxAge) };
  return c;
}

/**
 * Throws `TypeError` unless exactly one of `accountId` (12 digits) and `principals` (non-empty,
 * no wildcards) is given, and `RangeError` for a bad MFA age.
 */
export function generateTrustPolicy(options: GenerateTrustPolicyOptions): PolicyDocument {
  const { accountId, principals, maxMfaAgeSeconds } = options ?? {};
  const partition = options?.partition ?? 'aws';
  if (!['aws', 'aws-cn', 'aws-us-gov'].includes(partition))
    throw new TypeError(`Invalid partition ${JSON.stringify(partition)}: expected "aws", "aws-cn" or "aws-us-gov".`);
  if ((accountId === undefined) === (principals === undefined))
    throw new TypeError('Give exactly one of accountId and principals.');
  let aws: string[];
  if (accountId !== undefined) {
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))
      throw new TypeError(`Invalid accountId ${JSON.stringify(accountId)}: expected 12 digits.`);
    aws = [`arn:${partition}:iam::${accountId}:root`];
  } else {
    if (!Array.isArray(principals) || principals.length === 0)
      throw new TypeError('principals must be a non-empty array.');
    for (const p of principals) {
      if (typeof p !== 'string' || !PRINCIPAL.test(p))
        throw new TypeError(
          `Invalid principal ${JSON.stringify(p)}: expected an IAM user or role ARN, an account ARN (:root) or a 12-digit account id, without wildcards.`,
        );
    }
    aws = [...new Set(principals)];
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AssumeRoleWithMfa',
        Effect: 'Allow',
        Principal: { AWS: aws.length === 1 ? aws[0]! : aws },
        Action: 'sts:AssumeRole',
        Condition: mfaConditionBlock(maxMfaAgeSeconds),
      },
    ],
  };
}
