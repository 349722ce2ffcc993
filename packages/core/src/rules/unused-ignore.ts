import { defineRule } from './define.js';

/**
 * Reported by the CLI with `--report-unused-ignores`: an `ignore` entry of the configuration file
 * that matched no finding in the run. It lives here so that its level obeys `--rule` and the
 * configuration like every other rule's; it reports nothing on a policy.
 */
export default defineRule({
  id: 'unused-ignore',
  meta: {
    description: 'An ignore entry of the configuration file that matched no finding (with --report-unused-ignores)',
    severity: 'error',
    messages: {
      unusedIgnore: { text: 'ignore[{{index}}] (rule "{{rule}}"{{where}}) matched no finding: remove it' },
    },
  },
  check() {},
});
