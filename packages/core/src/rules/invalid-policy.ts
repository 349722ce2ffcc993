import { defineRule } from './define.js';

/** Reported by the engine from schema validation; the rule carries the metadata. */
export default defineRule({
  id: 'invalid-policy',
  meta: {
    description:
      'The JSON is not a valid IAM policy document: grammar violations such as both Action and NotAction, an unknown element, or Effect other than Allow/Deny',
    severity: 'error',
    messages: {
      grammar: { text: '{{message}}' },
      unknownElement: { text: '{{message}}' },
      duplicateKey: {
        text: 'Duplicate key "{{key}}" (first on line {{line}}): IAM keeps only one of them, so the other is silently lost',
      },
    },
  },
  check() {},
});
