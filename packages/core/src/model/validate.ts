import { validate as compiledValidate } from './generated/iam-policy.validate.js';
import { closest } from '../util/distance.js';
import { joinPointer, splitPointer } from '../util/pointer.js';
import { isUnresolved } from '../util/unresolved.js';

/** A grammar violation, worded for people, at a node of the document. */
export interface GrammarIssue {
  messageId: string;
  message: string;
  pointer: string;
  /** Report at the member's key rather than its value. */
  atKey?: boolean;
}

/** The part of ajv's error object the messages use. */
interface ErrorObject {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Compiled ahead of time from schemas/iam-policy.schema.json (see scripts/gen-types.mjs). */
function getValidator(): ValidateFunction {
  return compiledValidate as ValidateFunction;
}

const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const TOP_KEYS = ['Version', 'Id', 'Statement'];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Validates a parsed document against schemas/iam-policy.schema.json. */
export function validatePolicy(doc: unknown): GrammarIssue[] {
  const validate = getValidator();
  if (validate(doc)) return [];
  const singleStatement =
    typeof doc === 'object' && doc !== null && !Array.isArray((doc as { Statement?: unknown }).Statement);
  const issues: GrammarIssue[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    // A value computed at deploy time (`Statement = concat(...)`, `[for ...]`, `!Transform`) is
    // unknown, not invalid: the known rest of the document is still checked.
    const value = valueAt(doc, err.instancePath);
    if (typeof value === 'string' && isUnresolved(value)) continue;
    const issue = toIssue(err, singleStatement);
    if (!issue) continue;
    const k = issue.pointer + '\u0000' + issue.message;
    if (seen.has(k)) continue;
    seen.add(k);
    issues.push(issue);
  }
  return issues;
}

/** The value at a JSON pointer of the document (undefined when there is none). */
function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const seg of splitPointer(pointer)) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

function toIssue(err: ErrorObject, singleStatement: boolean): GrammarIssue | undefined {
  if (err.keyword === 'if') return undefined;
  const where = describe(err.instancePath, singleStatement);
  if (err.keyword === 'additionalProperties') {
    const prop = String((err.params as { additionalProperty: string }).additionalProperty);
    const segs = splitPointer(err.instancePath);
    const allowed =
      segs.length === 0
        ? TOP_KEYS
        : segs[segs.length - 1] === 'Principal' || segs[segs.length - 1] === 'NotPrincipal'
          ? PRINCIPAL_KEYS
          : STATEMENT_KEYS;
    const guess = closest(prop, allowed, 3);
    const hint = guess ? `; did you mean "${guess}"?` : `; allowed are ${allowed.join(', ')}`;
    const subject = segs.length === 0 ? 'The policy' : where;
    return {
      messageId: 'unknownElement',
      message: `${subject} has an unknown element "${prop}"${hint}`,
      pointer: joinPointer(err.instancePath, prop),
      atKey: true,
    };
  }
  if (err.keyword === 'errorMessage') {
    const text = err.message ?? 'is not valid';
    // Messages that are whole sentences are used as they are.
    if (/^[A-Z]/.test(text)) return { messageId: 'grammar', message: text, pointer: err.instancePath };
    return { messageId: 'grammar', message: `${where} ${text}`, pointer: err.instancePath };
  }
  return { messageId: 'grammar', message: `${where} ${err.message ?? 'is not valid'}`, pointer: err.instancePath };
}

/** "Statement 2", "Statement 2: Action entry 3", "Statement 1: condition Bool > aws:X" ... */
export function describe(pointer: string, singleStatement: boolean): string {
  const segs = splitPointer(pointer);
  if (segs.length === 0) return 'The policy';
  if (segs[0] !== 'Statement') return `The policy's ${segs.join('.')}`;
  let head: string;
  let rest: string[];
  if (singleStatement) {
    head = 'The statement';
    rest = segs.slice(1);
  } else if (segs.length === 1) {
    return 'Statement';
  } else {
    head = `Statement ${Number(segs[1]) + 1}`;
    rest = segs.slice(2);
  }
  if (rest.length === 0) return head;
  const [field, ...more] = rest;
  if (field === 'Condition') {
    if (more.length === 0) return `${head}: Condition`;
    if (more.length === 1) return `${head}: condition operator "${more[0]}"`;
    const tail = more.length > 2 ? ` (value ${Number(more[2]) + 1})` : '';
    return `${head}: condition "${more[0]}" > "${more[1]}"${tail}`;
  }
  if (more.length === 0) return `${head}: ${field}`;
  if (/^\d+$/.test(more[0]!)) return `${head}: ${field} entry ${Number(more[0]) + 1}`;
  return `${head}: ${field}.${more.join('.')}`;
}
