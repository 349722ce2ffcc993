import type { NCondition, NStatement } from '../model/normalize.js';
import { closest, editDistance } from '../util/distance.js';
import { BoundedCache } from '../util/cache.js';
import { BASE_OPERATORS, OPERATOR_FAMILIES, parseOperator } from './operators.js';

export const MFA_PRESENT = 'aws:MultiFactorAuthPresent';
export const MFA_AGE = 'aws:MultiFactorAuthAge';

export type MfaKey = 'present' | 'age';

/** What an inverted MFA condition does instead of what was meant. */
export type InvertedOutcome =
  /** Allow, Bool "false": only requests without MFA. */
  | 'allowsWithoutMfa'
  /** Deny, Bool(IfExists) "true": denies the requests made with MFA. */
  | 'deniesWithMfa'
  /** Allow, Null MultiFactorAuthAge "true": only requests without MFA. */
  | 'allowsWithoutMfaAge'
  /** Deny, Null MultiFactorAuthAge "false": denies the requests made with MFA. */
  | 'deniesWithMfaAge'
  /** Allow, Null MultiFactorAuthPresent "true": only long-term access keys. */
  | 'allowsOnlyLongTermKeys'
  /** Deny, Null MultiFactorAuthPresent "false": every temporary credential. */
  | 'deniesAllTemporary';

type Shown = string | number | boolean;

/**
 * One fact about an MFA condition that does not work as meant: which problem, and the parts of
 * the statement it is about. The rules (mfa-condition-invalid, mfa-condition-weak) own the words.
 */
export type MfaProblem = {
  pointer: string;
  atKey?: boolean;
  /** A safe fix: node edits (see ReportDescriptor.fix); absent when the fix could break the document. */
  fix?: { edits: Array<{ pointer: string; atKey?: boolean; text: string }> };
} & (
  | { kind: 'invalid'; problem: 'swapped'; operator: string }
  | { kind: 'invalid'; problem: 'keyMisspelled' | 'keyPrefix'; key: string; canonical: string }
  /** `suggestion` undefined: the operator is Null with IfExists, which has no correct spelling. */
  | { kind: 'invalid'; problem: 'unknownOperator'; operator: string; suggestion: string | undefined }
  | { kind: 'invalid'; problem: 'setOperator'; operator: string; key: string; plain: string }
  | {
      kind: 'invalid';
      problem: 'operatorType';
      operator: string;
      family: string;
      key: string;
      keyType: 'Boolean' | 'Numeric';
      expected: string;
    }
  | { kind: 'invalid'; problem: 'badBoolean'; operator: string; value: Shown; guess: string | undefined }
  | { kind: 'invalid'; problem: 'badNumber'; key: string; value: Shown }
  | { kind: 'invalid'; problem: 'bothValues'; operator: string; key: string }
  | {
      kind: 'invalid';
      problem: 'inverted';
      operator: string;
      key: string;
      value: 'true' | 'false';
      effect: 'Allow' | 'Deny';
      outcome: InvertedOutcome;
    }
  | { kind: 'invalid'; problem: 'ageInverted'; operator: string; effect: 'Allow' | 'Deny' }
  | { kind: 'weak'; problem: 'ifExistsInAllow'; operator: string; key: string; plain: string }
  | { kind: 'weak'; problem: 'boolFalseInDeny'; operator: string; key: string }
  | { kind: 'weak'; problem: 'nullPresentInAllow' | 'nullPresentInDeny'; key: string }
);

export interface StatementMfa {
  /** The statement has at least one condition about MFA (well-formed or not). */
  related: boolean;
  /** Allow: grants only to MFA-authenticated requests. Deny: denies every request without MFA. */
  effective: boolean;
  /** Every condition of the statement is about MFA (a Deny guard must not be narrowed by others). */
  onlyMfa: boolean;
  findings: MfaProblem[];
}

/** Recognizes the MFA keys, misspelled or wrongly prefixed ones included. */
export function recognizeMfaKey(key: string): Readonly<MfaKeyMatch> | undefined {
  return recognized.get(key, recognize);
}

type MfaKeyMatch = { key: MfaKey; exact: boolean; problem?: 'prefix' | 'spelling' };

/**
 * Answers by key: every condition key and operator of every statement is screened, and a corpus
 * repeats the same few hundred (the screen's edit distances were 1.6% of a full lint's CPU).
 */
const recognized = new BoundedCache<string, MfaKeyMatch | undefined>();

function recognize(key: string): MfaKeyMatch | undefined {
  const lower = key.toLowerCase();
  if (lower === 'aws:multifactorauthpresent') return { key: 'present', exact: true };
  if (lower === 'aws:multifactorauthage') return { key: 'age', exact: true };
  const colon = lower.indexOf(':');
  const prefix = colon < 0 ? '' : lower.slice(0, colon);
  const name = colon < 0 ? lower : lower.slice(colon + 1);
  if (name === 'multifactorauthpresent') return { key: 'present', exact: false, problem: 'prefix' };
  if (name === 'multifactorauthage') return { key: 'age', exact: false, problem: 'prefix' };
  // Cheap screen before edit distances: a near-miss is 14 to 26 characters long or names MFA.
  if ((name.length < 14 || name.length > 26) && !name.startsWith('mfa') && !name.startsWith('multi')) return undefined;
  const dPresent = editDistance(name, 'multifactorauthpresent', 4);
  const dAge = editDistance(name, 'multifactorauthage', 4);
  const looksMfa = /^multi.?factor/.test(name) || /^mfa(auth)?(present|age|enabled|authenticated)?$/.test(name);
  if (dPresent <= 4 || dAge <= 3 || looksMfa) {
    const isAge = dAge < dPresent || /age$/.test(name);
    return {
      key: isAge ? 'age' : 'present',
      exact: false,
      problem: prefix === 'aws' || prefix === '' ? 'spelling' : 'prefix',
    };
  }
  return undefined;
}

function boolValue(v: string | number | boolean): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return undefined;
}

function numberValue(v: string | number | boolean): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

const cache = new WeakMap<NStatement, StatementMfa>();

/** Analyzes the MFA conditions of one statement, for its Effect (memoized per statement). */
export function analyzeStatementMfa(s: NStatement): StatementMfa {
  let r = cache.get(s);
  if (!r) {
    r = analyze(s);
    cache.set(s, r);
  }
  return r;
}

function analyze(s: NStatement): StatementMfa {
  const effect = s.effect?.value;
  const out: StatementMfa = { related: false, effective: false, onlyMfa: s.conditions.length > 0, findings: [] };
  const isAllow = effect === 'Allow';
  const isDeny = effect === 'Deny';
  const seenOperators = new Set<string>();
  for (const c of s.conditions) {
    // Operator and key swapped: {"aws:MultiFactorAuthPresent": {"Bool": "true"}}.
    const swapped = recognizeMfaKey(c.operator);
    if (swapped && !seenOperators.has(c.operatorPointer)) {
      seenOperators.add(c.operatorPointer);
      out.related = true;
      out.findings.push({
        kind: 'invalid',
        problem: 'swapped',
        operator: c.operator,
        pointer: c.operatorPointer,
        atKey: true,
      });
      continue;
    }
    if (swapped) continue;
    const rec = recognizeMfaKey(c.key);
    if (!rec) {
      out.onlyMfa = false;
      continue;
    }
    out.related = true;
    const canonical = rec.key === 'present' ? MFA_PRESENT : MFA_AGE;
    if (!rec.exact) {
      const finding: MfaProblem = {
        kind: 'invalid',
        problem: rec.problem === 'prefix' ? 'keyPrefix' : 'keyMisspelled',
        key: c.key,
        canonical,
        pointer: c.keyPointer,
        atKey: true,
      };
      // Renaming the key must not repeat a key of the same operator block.
      const taken = s.conditions.some(
        (o) => o !== c && o.operatorPointer === c.operatorPointer && o.key.toLowerCase() === canonical.toLowerCase(),
      );
      if (!taken) finding.fix = { edits: [{ pointer: c.keyPointer, atKey: true, text: JSON.stringify(canonical) }] };
      out.findings.push(finding);
      continue;
    }
    analyzeCondition(s, c, rec.key, canonical, isAllow, isDeny, out);
  }
  return out;
}

/**
 * Renames the operator of condition `c` to `to`, when that is safe: every key under the operator
 * is an MFA key (so no other condition changes meaning) and the statement has no `to` block yet.
 */
function renameOperator(s: NStatement, c: NCondition, to: string): MfaProblem['fix'] {
  const block = s.conditions.filter((o) => o.operatorPointer === c.operatorPointer);
  if (!block.every((o) => recognizeMfaKey(o.key)?.exact === true)) return undefined;
  if (s.conditions.some((o) => o.operatorPointer !== c.operatorPointer && o.operator === to)) return undefined;
  return { edits: [{ pointer: c.operatorPointer, atKey: true, text: JSON.stringify(to) }] };
}

function withFix(finding: MfaProblem, fix: MfaProblem['fix']): MfaProblem {
  if (fix) finding.fix = fix;
  return finding;
}

function analyzeCondition(
  s: NStatement,
  c: NCondition,
  key: MfaKey,
  _canonical: string,
  isAllow: boolean,
  isDeny: boolean,
  out: StatementMfa,
): void {
  const op = parseOperator(c.operator);
  const expected = key === 'present' ? 'Bool' : 'NumericLessThan';
  if (!op.known) {
    let fix = closest(op.base, BASE_OPERATORS, 3) ?? expected;
    if (/^bool/i.test(op.base)) fix = 'Bool';
    const suggestion = op.base === 'Null' && op.ifExists ? undefined : fix;
    out.findings.push({
      kind: 'invalid',
      problem: 'unknownOperator',
      operator: c.operator,
      suggestion,
      pointer: c.operatorPointer,
      atKey: true,
    });
    return;
  }
  if (op.set) {
    out.findings.push({
      kind: 'invalid',
      problem: 'setOperator',
      operator: c.operator,
      key: c.key,
      plain: c.operator.slice(op.set.length + 1),
      pointer: c.operatorPointer,
      atKey: true,
    });
    return;
  }
  const family = OPERATOR_FAMILIES[op.base]!;
  const keyType: 'Boolean' | 'Numeric' = key === 'present' ? 'Boolean' : 'Numeric';
  const fits = family === 'Null' || (key === 'present' ? family === 'Bool' : family === 'Numeric');
  if (!fits) {
    out.findings.push({
      kind: 'invalid',
      problem: 'operatorType',
      operator: c.operator,
      family,
      key: c.key,
      keyType,
      expected,
      pointer: c.operatorPointer,
      atKey: true,
    });
    return;
  }
  if (family === 'Null' || family === 'Bool') {
    const seen = new Set<boolean>();
    let bad = false;
    for (const v of c.values) {
      const b = boolValue(v.value);
      if (b === undefined) {
        bad = true;
        const guess = typeof v.value === 'string' ? closest(v.value, ['true', 'false'], 2) : undefined;
        const finding: MfaProblem = {
          kind: 'invalid',
          problem: 'badBoolean',
          operator: c.operator,
          value: v.value,
          guess,
          pointer: v.pointer,
        };
        if (guess) finding.fix = { edits: [{ pointer: v.pointer, text: JSON.stringify(guess) }] };
        out.findings.push(finding);
      } else seen.add(b);
    }
    if (bad) return;
    if (seen.size === 2) {
      out.findings.push({
        kind: 'invalid',
        problem: 'bothValues',
        operator: c.operator,
        key: c.key,
        pointer: c.keyPointer,
        atKey: true,
      });
      return;
    }
    if (seen.size === 0) return;
    const value = [...seen][0]!;
    const first = c.values[0]!;
    if (family === 'Bool') boolSemantics(s, c, value, op.ifExists, isAllow, isDeny, out, first.pointer);
    else nullSemantics(c, key, value, isAllow, isDeny, out, first.pointer);
    return;
  }
  // Numeric operator on aws:MultiFactorAuthAge.
  for (const v of c.values) {
    const n = numberValue(v.value);
    if (n === undefined || n < 0) {
      out.findings.push({ kind: 'invalid', problem: 'badNumber', key: c.key, value: v.value, pointer: v.pointer });
      return;
    }
  }
  const less = op.base === 'NumericLessThan' || op.base === 'NumericLessThanEquals';
  const greater = op.base === 'NumericGreaterThan' || op.base === 'NumericGreaterThanEquals';
  if (isAllow) {
    if (less && !op.ifExists) out.effective = true;
    else if (less && op.ifExists)
      out.findings.push(
        withFix(
          {
            kind: 'weak',
            problem: 'ifExistsInAllow',
            operator: c.operator,
            key: c.key,
            plain: op.base,
            pointer: c.operatorPointer,
            atKey: true,
          },
          renameOperator(s, c, op.base),
        ),
      );
    else if (greater)
      out.findings.push({
        kind: 'invalid',
        problem: 'ageInverted',
        operator: c.operator,
        effect: 'Allow',
        pointer: c.operatorPointer,
        atKey: true,
      });
  } else if (isDeny) {
    if (greater && op.ifExists) out.effective = true;
    else if (less)
      out.findings.push({
        kind: 'invalid',
        problem: 'ageInverted',
        operator: c.operator,
        effect: 'Deny',
        pointer: c.operatorPointer,
        atKey: true,
      });
    // NumericGreaterThan without IfExists only limits the age of MFA sessions: not a guard, not wrong.
  }
}

function boolSemantics(
  s: NStatement,
  c: NCondition,
  value: boolean,
  ifExists: boolean,
  isAllow: boolean,
  isDeny: boolean,
  out: StatementMfa,
  valuePointer: string,
): void {
  if (isAllow) {
    if (value && !ifExists) out.effective = true;
    else if (value && ifExists)
      out.findings.push(
        withFix(
          {
            kind: 'weak',
            problem: 'ifExistsInAllow',
            operator: c.operator,
            key: c.key,
            plain: 'Bool',
            pointer: c.operatorPointer,
            atKey: true,
          },
          renameOperator(s, c, 'Bool'),
        ),
      );
    else
      out.findings.push({
        kind: 'invalid',
        problem: 'inverted',
        operator: c.operator,
        key: c.key,
        value: 'false',
        effect: 'Allow',
        outcome: 'allowsWithoutMfa',
        pointer: valuePointer,
      });
  } else if (isDeny) {
    if (!value && ifExists) out.effective = true;
    else if (!value && !ifExists)
      out.findings.push(
        withFix(
          {
            kind: 'weak',
            problem: 'boolFalseInDeny',
            operator: c.operator,
            key: c.key,
            pointer: c.operatorPointer,
            atKey: true,
          },
          renameOperator(s, c, 'BoolIfExists'),
        ),
      );
    else
      out.findings.push({
        kind: 'invalid',
        problem: 'inverted',
        operator: c.operator,
        key: c.key,
        value: 'true',
        effect: 'Deny',
        outcome: 'deniesWithMfa',
        pointer: valuePointer,
      });
  }
}

function nullSemantics(
  c: NCondition,
  key: MfaKey,
  value: boolean,
  isAllow: boolean,
  isDeny: boolean,
  out: StatementMfa,
  valuePointer: string,
): void {
  // Null "true": the key is absent. Null "false": the key is present.
  if (key === 'age') {
    // aws:MultiFactorAuthAge is present exactly when the request was authenticated with MFA.
    if (isAllow && !value) out.effective = true;
    else if (isDeny && value) out.effective = true;
    else if (isAllow)
      out.findings.push({
        kind: 'invalid',
        problem: 'inverted',
        operator: c.operator,
        key: c.key,
        value: 'true',
        effect: 'Allow',
        outcome: 'allowsWithoutMfaAge',
        pointer: valuePointer,
      });
    else if (isDeny)
      out.findings.push({
        kind: 'invalid',
        problem: 'inverted',
        operator: c.operator,
        key: c.key,
        value: 'false',
        effect: 'Deny',
        outcome: 'deniesWithMfaAge',
        pointer: valuePointer,
      });
    return;
  }
  // aws:MultiFactorAuthPresent is present for every temporary credential, MFA or not.
  if (isAllow && !value)
    out.findings.push({
      kind: 'weak',
      problem: 'nullPresentInAllow',
      key: c.key,
      pointer: c.operatorPointer,
      atKey: true,
    });
  else if (isDeny && value)
    out.findings.push({
      kind: 'weak',
      problem: 'nullPresentInDeny',
      key: c.key,
      pointer: c.operatorPointer,
      atKey: true,
    });
  else if (isAllow)
    out.findings.push({
      kind: 'invalid',
      problem: 'inverted',
      operator: c.operator,
      key: c.key,
      value: 'true',
      effect: 'Allow',
      outcome: 'allowsOnlyLongTermKeys',
      pointer: valuePointer,
    });
  else if (isDeny)
    out.findings.push({
      kind: 'invalid',
      problem: 'inverted',
      operator: c.operator,
      key: c.key,
      value: 'false',
      effect: 'Deny',
      outcome: 'deniesAllTemporary',
      pointer: valuePointer,
    });
}
