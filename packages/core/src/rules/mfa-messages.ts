import type { MessageSpec } from './define.js';

/** Messages of mfa-condition-invalid, keyed by the messageId iam/mfa.ts produces. */
export const INVALID_MESSAGES: Record<string, MessageSpec> = {
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
};

/** Messages of mfa-condition-weak. */
export const WEAK_MESSAGES: Record<string, MessageSpec> = {
  ifExistsInAllow: {
    text: '{{operator}} in an Allow lets requests without {{key}} through: long-term access keys carry no MFA key, so they get in without MFA; use {{fix}}',
  },
  boolFalseInDeny: {
    text: 'Bool "false" in a Deny does not deny requests that lack {{key}}: long-term access keys carry no MFA key and are not denied; use BoolIfExists',
  },
  nullPresentInAllow: {
    text: 'Null {{key}} "false" in an Allow only checks that the key exists: sessions without MFA carry it as "false" and get in; use Bool {{key}} "true"',
  },
  nullPresentInDeny: {
    text: 'Null {{key}} "true" in a Deny denies only long-term access keys: sessions without MFA carry the key as "false" and are not denied; use BoolIfExists {{key}} "false"',
  },
};
