import { defineRule } from './define.js';

/** Reported by the engine (and hosts) when the text is not JSON; the rule carries the metadata. */
export default defineRule({
  id: 'invalid-json',
  meta: {
    description: 'The file is not valid JSON (reported at the exact line and column of the error)',
    severity: 'error',
    messages: {
      syntax: { text: '{{message}}' },
      empty: { text: '{{message}}' },
      tooDeep: { text: '{{message}}' },
      invalidUtf8: { text: 'File is not valid UTF-8 text (invalid byte at offset {{offset}})' },
    },
  },
  check() {},
});
