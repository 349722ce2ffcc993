import { table } from '../util/table.js';

/** IAM condition operators (case-sensitive), by the type of value they compare. */
export const OPERATOR_FAMILIES: Readonly<
  Record<string, 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IP' | 'ARN' | 'Null'>
> = table({
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IP',
  NotIpAddress: 'IP',
  ArnEquals: 'ARN',
  ArnLike: 'ARN',
  ArnNotEquals: 'ARN',
  ArnNotLike: 'ARN',
  Null: 'Null',
});

export const BASE_OPERATORS = Object.keys(OPERATOR_FAMILIES);

export interface ParsedOperator {
  raw: string;
  /** `ForAllValues` / `ForAnyValue`, when present. */
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
  /** The base is an IAM operator (and IfExists is not used with Null). */
  known: boolean;
}

export function parseOperator(raw: string): ParsedOperator {
  let rest = raw;
  let set: ParsedOperator['set'];
  const m = /^(ForAllValues|ForAnyValue):(.*)$/.exec(rest);
  if (m) {
    set = m[1] as ParsedOperator['set'];
    rest = m[2]!;
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const known = Object.prototype.hasOwnProperty.call(OPERATOR_FAMILIES, rest) && !(rest === 'Null' && ifExists);
  const out: ParsedOperator = { raw, base: rest, ifExists, known };
  if (set) out.set = set;
  return out;
}
