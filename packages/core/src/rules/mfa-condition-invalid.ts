import { defineRule } from './define.js';
import { analyzeStatementMfa, type InvertedOutcome, type MfaProblem } from '../iam/mfa.js';

/** What an inverted condition does instead, and what to write. */
const CONSEQUENCES: Record<InvertedOutcome, string> = {
  allowsWithoutMfa: 'grants access only to requests made WITHOUT MFA; require "true"',
  deniesWithMfa: 'denies requests made WITH MFA instead of those without it; deny on BoolIfExists "false"',
  allowsWithoutMfaAge: 'grants access only to requests made WITHOUT MFA; require "false" (the key is present)',
  deniesWithMfaAge: 'denies requests made WITH MFA; deny on "true" (the key is absent)',
  allowsOnlyLongTermKeys: 'grants access only to long-term access keys, which never carry MFA',
  deniesAllTemporary: 'denies every temporary credential, with MFA or without, and lets long-term access keys through',
};

const AGE_CONSEQUENCES = {
  Allow: 'grants access only to sessions whose MFA sign-in is OLDER than the limit',
  Deny: 'denies the most recent MFA sign-ins, not the stale ones',
} as const;

const show = (v: string | number | boolean): string => (typeof v === 'string' ? `"${v}"` : String(v));
const article = (effect: 'Allow' | 'Deny'): string => (effect === 'Allow' ? 'n' : '');

type Invalid = Extract<MfaProblem, { kind: 'invalid' }>;

/** The words of one problem: the message data its text needs. */
function wording(p: Invalid): Record<string, string | number> {
  switch (p.problem) {
    case 'swapped':
      return { operator: p.operator };
    case 'keyMisspelled':
    case 'keyPrefix':
      return { key: p.key, fix: p.canonical };
    case 'unknownOperator':
      return {
        operator: p.operator,
        hint: p.suggestion === undefined ? 'Null cannot take IfExists' : `did you mean "${p.suggestion}"?`,
      };
    case 'setOperator':
      return { operator: p.operator, key: p.key, fix: p.plain };
    case 'operatorType':
      return { operator: p.operator, family: p.family, key: p.key, keyType: p.keyType, fix: p.expected };
    case 'badBoolean':
      return { value: show(p.value), operator: p.operator, hint: p.guess ? `; did you mean "${p.guess}"?` : '' };
    case 'badNumber':
      return { value: show(p.value), key: p.key };
    case 'bothValues':
      return { operator: p.operator, key: p.key };
    case 'inverted':
      return {
        operator: p.operator,
        key: p.key,
        value: p.value,
        effect: p.effect,
        article: article(p.effect),
        consequence: CONSEQUENCES[p.outcome],
      };
    case 'ageInverted':
      return {
        operator: p.operator,
        effect: p.effect,
        article: article(p.effect),
        consequence: AGE_CONSEQUENCES[p.effect],
      };
  }
}

export default defineRule({
  id: 'mfa-condition-invalid',
  meta: {
    description:
      'MFA conditions that cannot work as meant: unknown operator, wrong operator type, a value that is not true/false, a misspelled key, an inverted or contradictory value',
    severity: 'error',
    messages: {
      swapped: {
        text: '"{{operator}}" is a condition key used as an operator: Condition maps an operator to keys, as in {"Bool": {"aws:MultiFactorAuthPresent": "true"}}',
      },
      keyMisspelled: {
        text: 'Condition key "{{key}}" does not exist, so this MFA condition never matches a request; did you mean "{{fix}}"?',
      },
      keyPrefix: {
        text: 'Condition key "{{key}}" does not exist: the MFA keys are global keys with the "aws:" prefix; use "{{fix}}"',
      },
      unknownOperator: {
        text: '"{{operator}}" is not an IAM condition operator (operators are case-sensitive); {{hint}}',
      },
      setOperator: {
        text: '{{operator}} treats {{key}} as multi-valued, but it holds a single value: ForAllValues matches requests without the key at all; use {{fix}}',
      },
      operatorType: {
        text: '{{operator}} is a {{family}} operator but {{key}} is a {{keyType}} key; use {{fix}}',
      },
      badBoolean: {
        text: '{{value}} is not a Boolean: {{operator}} compares against "true" or "false"{{hint}}',
      },
      badNumber: {
        text: '{{value}} is not a number of seconds for {{key}}',
      },
      bothValues: {
        text: '{{operator}} gives {{key}} both "true" and "false", so the condition matches every request that has the key',
      },
      inverted: {
        text: 'In a{{article}} {{effect}}, {{operator}} {{key}} "{{value}}" {{consequence}}',
      },
      ageInverted: {
        text: 'In a{{article}} {{effect}}, {{operator}} on the MFA age {{consequence}}',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      for (const f of analyzeStatementMfa(s).findings) {
        if (f.kind !== 'invalid') continue;
        ctx.report({
          messageId: f.problem,
          data: wording(f),
          pointer: f.pointer,
          atKey: f.atKey ?? false,
          ...(f.fix ? { fix: { kind: 'safe' as const, edits: f.fix.edits } } : {}),
        });
      }
    }
  },
});
