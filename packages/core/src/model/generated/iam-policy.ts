/* eslint-disable */
/**
 * Generated from schemas/iam-policy.schema.json by scripts/gen-types.mjs (json-schema-to-typescript).
 * Do not edit by hand: change the schema and run `pnpm gen:types`.
 */

/**
 * The policy language version. 2012-10-17 is current; 2008-10-17 does not expand policy variables.
 */
export type PolicyVersion = '2012-10-17' | '2008-10-17';
/**
 * Allow or Deny (case-sensitive).
 */
export type Effect = 'Allow' | 'Deny';
/**
 * "*" or a map of principal type to one or more principals.
 *
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Principal".
 */
export type Principal =
  | '*'
  | {
      AWS?: StringOrStringArray;
      Service?: StringOrStringArray;
      Federated?: StringOrStringArray;
      CanonicalUser?: StringOrStringArray;
    };
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "StringOrStringArray".
 */
export type StringOrStringArray = string | string[];
/**
 * Action or NotAction: one action or a non-empty array of them; IAM rejects "" and [].
 *
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "ActionList".
 */
export type ActionList = string | string[];
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "ConditionValues".
 */
export type ConditionValues = ConditionValue | ConditionValue[];
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "ConditionValue".
 */
export type ConditionValue = string | number | boolean;

/**
 * An AWS IAM policy document (identity, resource or trust policy), as the IAM JSON policy grammar defines it.
 */
export interface PolicyDocument {
  Version?: PolicyVersion;
  /**
   * An optional identifier for the policy.
   */
  Id?: string;
  /**
   * One statement, or an array of statements.
   */
  Statement: Statement | Statement[];
}
/**
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "Statement".
 */
export interface Statement {
  /**
   * An optional statement identifier.
   */
  Sid?: string;
  Effect: Effect;
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: ActionList;
  NotAction?: ActionList;
  Resource?: StringOrStringArray;
  NotResource?: StringOrStringArray;
  Condition?: ConditionBlock;
}
/**
 * Condition operator -> condition key -> value or values.
 *
 * This interface was referenced by `PolicyDocument`'s JSON-Schema
 * via the `definition` "ConditionBlock".
 */
export interface ConditionBlock {
  [k: string]: {
    [k: string]: ConditionValues;
  };
}
