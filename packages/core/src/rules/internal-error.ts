import { defineRule } from './define.js';

/**
 * Reported by the CLI when linting one file failed inside the tool (a bug): the file gets this
 * finding, every other file is still reported, and the run exits 2. It lives here so that the
 * finding has an id, docs and a level like any other.
 */
export default defineRule({
  id: 'internal-error',
  meta: {
    description:
      'Linting this file failed inside iam-mfa-lint (a bug to report); the other files are reported as usual and the run exits 2',
    severity: 'error',
    messages: {
      crashed: { text: 'iam-mfa-lint failed on this file: {{message}} (a bug; please report it with the file)' },
    },
  },
  check() {},
});
