/** How messages name statements and list values: shared by the rules and the evaluator's explanations. */
import type { NStatement, PolicyModel } from './normalize.js';

/** How messages name a statement: by Sid when it has one, else by position. */
export function label(s: NStatement, policy?: PolicyModel): string {
  if (s.sid && s.sid.value !== '') return `Statement "${s.sid.value}"`;
  if (policy?.singleStatement) return 'The statement';
  return `Statement ${s.index + 1}`;
}

export function quoteList(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map((x) => `"${x}"`);
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  return shown.join(', ') + more;
}
