import { allRules } from './index.js';
import { isSetRule } from './set-rule.js';

/** Ids of the cross-document rules (they report only when a policy set is linted). */
export const setRuleIds: readonly string[] = allRules.filter(isSetRule).map((r) => r.id);
