/**
 * Policy size as IAM counts it against its quotas: characters, white space excluded (AWS states its
 * quotas "in non-whitespace characters"). The document is measured in its compact JSON form, which
 * is what an SDK, the CLI or CloudFormation sends whatever the layout of the file it came from;
 * spaces inside strings are white space too and are not counted.
 */

/** Quotas (non-whitespace characters) from the IAM and AWS STS quotas page. */
export const POLICY_QUOTAS = {
  /** A customer managed policy. */
  managed: 6144,
  /** All inline policies of one user, together. */
  user: 2048,
  /** All inline policies of one group, together. */
  group: 5120,
  /** All inline policies of one role, together. */
  role: 10240,
  /** A role trust policy (default quota; AWS raises it on request). */
  trust: 2048,
} as const;

export type PolicyQuota = keyof typeof POLICY_QUOTAS;

export function isPolicyQuota(value: unknown): value is PolicyQuota {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(POLICY_QUOTAS, value);
}

export { countCharacters } from '../util/json-size.js';
