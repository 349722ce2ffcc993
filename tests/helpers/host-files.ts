/** Host files (CloudFormation, Terraform) run through the CLI as users run it, for the rule tests of issue 12. */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runMain } from '../../packages/cli/test/helpers/run-main.ts';

const root = join(__dirname, '..', '..');

/** Each host file with the findings of the given rules, as `line:column rule/messageId severity`, in order. */
export type HostCases = Record<string, { what: string; findings: string[] }>;

async function lint(file: string, rules: readonly string[]) {
  const run = await runMain([file, '--format', 'json'], root, { NO_COLOR: '1' });
  const report = JSON.parse(run.stdout) as Array<{
    messages: Array<{ ruleId: string; messageId: string; line: number; column: number; severity: number }>;
  }>;
  const found = report.flatMap((f) =>
    f.messages
      .filter((m) => rules.includes(m.ruleId))
      .map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId} ${m.severity === 2 ? 'error' : 'warn'}`),
  );
  return { code: run.code, stderr: run.stderr, found };
}

/** One test per host file: exit code 1, nothing on stderr, exactly the listed findings. */
export function hostFileTests(cases: HostCases, rules: readonly string[]): void {
  for (const [file, c] of Object.entries(cases)) {
    it(`${c.what} (exit code 1, nothing on stderr)`, async () => {
      const r = await lint(file, rules);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.found).toEqual(c.findings);
    });
  }
}
