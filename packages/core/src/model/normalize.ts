import { joinPointer } from '../util/pointer.js';
import { isUnresolved } from '../util/unresolved.js';
import { countCharacters } from '../util/json-size.js';
import type { ConditionValue } from './generated/iam-policy.js';

/** A value together with the JSON pointer of the node it came from. */
export interface Located<T> {
  value: T;
  pointer: string;
}

/** A string-or-array field, always as a list. `pointer` is the field itself. */
export interface NList {
  pointer: string;
  items: Located<string>[];
}

export interface NPrincipalEntry {
  /** `*` for the bare wildcard principal, otherwise AWS, Service, Federated or CanonicalUser. */
  type: string;
  value: string;
  pointer: string;
}

export interface NPrincipal {
  pointer: string;
  /** `"Principal": "*"` */
  wildcard: boolean;
  entries: NPrincipalEntry[];
}

/** One operator/key pair of a Condition block. */
export interface NCondition {
  operator: string;
  /** Pointer of the operator member (`/Statement/0/Condition/Bool`). */
  operatorPointer: string;
  key: string;
  /** Pointer of the key member (`.../Bool/aws:MultiFactorAuthPresent`). */
  keyPointer: string;
  values: Located<ConditionValue>[];
}

export interface NStatement {
  /** 0-based position in the document. */
  index: number;
  pointer: string;
  sid?: Located<string>;
  effect?: Located<string>;
  action?: NList;
  notAction?: NList;
  resource?: NList;
  notResource?: NList;
  principal?: NPrincipal;
  notPrincipal?: NPrincipal;
  conditionPointer?: string;
  conditions: NCondition[];
  /**
   * Parts of the Condition block left out of `conditions` because they break the grammar (a null
   * or object value, an empty list, a block that is not an object): the statement's conditions
   * are then not what IAM would see, and nothing may be proven from them.
   */
  conditionProblems?: Array<{ pointer: string; message: string }>;
}

/**
 * The normalized policy every rule reads: string-or-array fields are lists, every node carries
 * its pointer. Built tolerantly from any JSON value: parts that break the grammar are left out
 * (the invalid-policy rule reports them), so rules see only well-typed data.
 */
export interface PolicyModel {
  version?: Located<string>;
  /** True when the document has a `Version` member, whatever its value (a bad one is invalid-policy's). */
  hasVersion: boolean;
  /** Characters of the document's compact JSON, whitespace excluded: the size AWS checks against its quotas. */
  characterCount: number;
  /** True when `Statement` is a single object rather than an array. */
  singleStatement: boolean;
  statements: NStatement[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function list(v: unknown, pointer: string): NList | undefined {
  if (typeof v === 'string') return { pointer, items: [{ value: v, pointer }] };
  if (!Array.isArray(v)) return undefined;
  const items: Located<string>[] = [];
  v.forEach((item, i) => {
    if (typeof item === 'string') items.push({ value: item, pointer: joinPointer(pointer, i) });
  });
  return { pointer, items };
}

function principal(v: unknown, pointer: string): NPrincipal | undefined {
  if (v === '*') return { pointer, wildcard: true, entries: [{ type: '*', value: '*', pointer }] };
  // A principal computed at deploy time (`Principal = var.principal`): present, its entries unknown.
  if (typeof v === 'string' && isUnresolved(v)) return { pointer, wildcard: false, entries: [] };
  if (!isObject(v)) return undefined;
  const entries: NPrincipalEntry[] = [];
  for (const type of Object.keys(v)) {
    const l = list(v[type], joinPointer(pointer, type));
    for (const item of l?.items ?? []) entries.push({ type, value: item.value, pointer: item.pointer });
  }
  return { pointer, wildcard: false, entries };
}

function isConditionValue(v: unknown): v is ConditionValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

type ConditionProblems = NonNullable<NStatement['conditionProblems']>;

function conditions(v: unknown, pointer: string, problems: ConditionProblems): NCondition[] {
  if (!isObject(v)) {
    problems.push({ pointer, message: `Condition is ${kindOf(v)}, not an object of operators` });
    return [];
  }
  const out: NCondition[] = [];
  for (const operator of Object.keys(v)) {
    const block = v[operator];
    const operatorPointer = joinPointer(pointer, operator);
    if (!isObject(block)) {
      problems.push({
        pointer: operatorPointer,
        message: `${operator} is ${kindOf(block)}, not an object of condition keys`,
      });
      continue;
    }
    for (const key of Object.keys(block)) {
      const keyPointer = joinPointer(operatorPointer, key);
      const raw = block[key];
      const values: Located<ConditionValue>[] = [];
      const bad = (what: string) =>
        problems.push({ pointer: keyPointer, message: `the value of ${operator} ${key} is ${what}` });
      if (isConditionValue(raw)) values.push({ value: raw, pointer: keyPointer });
      else if (Array.isArray(raw)) {
        raw.forEach((x, i) =>
          isConditionValue(x)
            ? values.push({ value: x, pointer: joinPointer(keyPointer, i) })
            : bad(`a list holding ${kindOf(x)}, not only strings, numbers and booleans`),
        );
        if (raw.length === 0) bad('an empty list');
      } else {
        bad(`${kindOf(raw)}, not a string, number or boolean`);
        continue;
      }
      out.push({ operator, operatorPointer, key, keyPointer, values });
    }
  }
  return out;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function statement(v: unknown, index: number, pointer: string): NStatement | undefined {
  if (!isObject(v)) return undefined;
  const str = (key: string): Located<string> | undefined => {
    const x = own(v, key);
    return typeof x === 'string' ? { value: x, pointer: joinPointer(pointer, key) } : undefined;
  };
  const field = (key: string) => list(own(v, key), joinPointer(pointer, key));
  // Every field is present (undefined when absent) in one order, so that all statements share
  // one hidden class: rules then run on monomorphic code instead of deoptimizing each time a
  // statement of a new shape arrives (a large part of a full run's CPU went to recompiling).
  const conditionPointer = own(v, 'Condition') !== undefined ? joinPointer(pointer, 'Condition') : undefined;
  const problems: ConditionProblems = [];
  const s: NStatement = {
    index,
    pointer,
    sid: str('Sid'),
    effect: str('Effect'),
    action: field('Action'),
    notAction: field('NotAction'),
    resource: field('Resource'),
    notResource: field('NotResource'),
    principal: principal(own(v, 'Principal'), joinPointer(pointer, 'Principal')),
    notPrincipal: principal(own(v, 'NotPrincipal'), joinPointer(pointer, 'NotPrincipal')),
    conditionPointer,
    conditions: conditionPointer !== undefined ? conditions(own(v, 'Condition'), conditionPointer, problems) : [],
    conditionProblems: undefined,
  };
  if (problems.length > 0) s.conditionProblems = problems;
  return s;
}

export function normalize(doc: unknown): PolicyModel {
  const model: PolicyModel = {
    version: undefined,
    singleStatement: false,
    statements: [],
    hasVersion: false,
    characterCount: countCharacters(doc),
  };
  if (!isObject(doc)) return model;
  model.hasVersion = own(doc, 'Version') !== undefined;
  const version = own(doc, 'Version');
  if (typeof version === 'string') model.version = { value: version, pointer: '/Version' };
  const st = own(doc, 'Statement');
  if (Array.isArray(st)) {
    st.forEach((x, i) => {
      const s = statement(x, i, joinPointer('/Statement', i));
      if (s) model.statements.push(s);
    });
  } else if (st !== undefined) {
    model.singleStatement = true;
    const s = statement(st, 0, '/Statement');
    if (s) model.statements.push(s);
  }
  return model;
}
