import { defineRule } from './define.js';

/** Reported by the engine when the text is not JSON; the rule carries the metadata. */
export default defineRule({
  id: 'invalid-json',
  meta: {
    description: 'The file is not valid JSON (reported at the exact line and column of the error)',
    severity: 'error',
    messages: {
      syntax: { text: '{{message}}' },
      empty: { text: '{{message}}' },
      tooDeep: { text: '{{message}}' },
    },
  },
  check() {},
});
