import { defineRule } from './define.js';
import { CURRENT_VERSION, OUTDATED_VERSION, firstPolicyVariable, mentionsVariableSyntax } from '../iam/version.js';

export default defineRule({
  id: 'version-outdated',
  meta: {
    description: `A policy with "Version": "${OUTDATED_VERSION}", the outdated policy language that does not expand policy variables`,
    severity: 'warn',
    messages: {
      outdated: {
        text: `The policy uses the outdated policy language version "${OUTDATED_VERSION}"; use "${CURRENT_VERSION}", the current version (required for policy variables and newer features)`,
      },
      outdatedWithVariables: {
        text: `The policy uses version "${OUTDATED_VERSION}", so the policy variable in "{{value}}" (line {{line}}) is not expanded: it only matches that literal text; use "${CURRENT_VERSION}"`,
        severity: 'error',
      },
    },
  },
  check(ctx) {
    const version = ctx.policy.version;
    if (version?.value !== OUTDATED_VERSION) return;
    const variable = firstPolicyVariable(ctx.policy);
    if (variable) {
      // Upgrading would start expanding the variable: a change of meaning, so no automatic fix.
      ctx.report({
        messageId: 'outdatedWithVariables',
        data: { value: variable.value, line: ctx.lineOf(variable.pointer) },
        pointer: version.pointer,
      });
    } else if (mentionsVariableSyntax(ctx.policy)) {
      ctx.report({ messageId: 'outdated', pointer: version.pointer });
    } else {
      // Without any `${` the two versions read the document the same way: upgrading is safe.
      ctx.report({
        messageId: 'outdated',
        pointer: version.pointer,
        fix: { kind: 'safe', edits: [{ pointer: version.pointer, text: JSON.stringify(CURRENT_VERSION) }] },
      });
    }
  },
});
