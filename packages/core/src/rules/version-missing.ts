import { defineRule } from './define.js';
import { CURRENT_VERSION, firstPolicyVariable } from '../iam/version.js';

export default defineRule({
  id: 'version-missing',
  meta: {
    description:
      'A policy without a Version element: IAM applies the 2008-10-17 language, which does not expand policy variables',
    severity: 'warn',
    messages: {
      missing: {
        text: `The policy has no Version: IAM then applies the outdated 2008-10-17 policy language; add "Version": "${CURRENT_VERSION}" as the first member`,
      },
      missingWithVariables: {
        text: `The policy has no Version, so the policy variable in "{{value}}" (line {{line}}) is not expanded: it only matches that literal text; add "Version": "${CURRENT_VERSION}"`,
        severity: 'error',
      },
    },
  },
  check(ctx) {
    // An empty or non-object document is invalid-policy's; a Version of the wrong type too.
    if (ctx.policy.hasVersion || ctx.policy.statements.length === 0) return;
    const variable = firstPolicyVariable(ctx.policy);
    if (variable)
      ctx.report({
        messageId: 'missingWithVariables',
        data: { value: variable.value, line: ctx.lineOf(variable.pointer) },
        pointer: '',
      });
    else ctx.report({ messageId: 'missing', pointer: '' });
  },
});
