/**
 * What the playground's Web Worker does with each request from the page (no DOM, no worker API:
 * the tests call it in Node). Everything runs in the browser: no network.
 *
 * Without AWS's service reference (9.6 MB, not bundled) the rules that need it report nothing,
 * as the core documents for a missing `iamData`; the page says so.
 */
import {
  applyFixes,
  detectInput,
  fixUntilStable,
  generatePolicy,
  lintExtraction,
  lintText,
  rules,
  type LintMessage,
  type LintResult,
} from '@iam-mfa-lint/core';
import type { Finding, Request, Response } from './protocol.js';

const SAFE = new Set(['safe'] as const);
const docsUrls = new Map(rules.map((r) => [r.id, r.meta.docs.url]));

/** Terraform source (HCL) needs the CLI's HCL reader, which is not bundled for the browser. */
const HCL = /^\s*(resource|data|provider|module|variable|locals|terraform)\s+("|\{)/m;

interface Linted {
  format: string;
  result: LintResult;
  note?: string;
}

function lint(text: string, buckets: string[]): Linted {
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[' && HCL.test(text)) {
    return {
      format: 'terraform',
      result: { messages: [], errorCount: 0, warningCount: 0 },
      note: 'Terraform source (.tf) is read by the CLI only; paste the JSON of `terraform show -json plan.out` here instead.',
    };
  }
  // A YAML name: JSON is read as JSON (exact JSON errors), anything else as a YAML template.
  const detected = detectInput(text, 'playground.yaml', { explicit: true });
  if (!('documents' in detected)) return { format: 'policy', result: lintText(text, { buckets }) };
  return { format: detected.format, result: lintExtraction(detected, { buckets }) };
}

function finding(m: LintMessage): Finding {
  const docsUrl = docsUrls.get(m.ruleId);
  return {
    ruleId: m.ruleId,
    messageId: m.messageId,
    severity: m.severity === 2 ? 'error' : 'warning',
    message: m.message,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    ...(docsUrl ? { docsUrl } : {}),
    fixable: m.fix?.kind === 'safe',
  };
}

export function handle(req: Request): Response {
  switch (req.kind) {
    case 'lint': {
      const { format, result, note } = lint(req.text, req.buckets);
      return { id: req.id, kind: 'lint', format, findings: result.messages.map(finding), ...(note ? { note } : {}) };
    }
    case 'fix': {
      const relint = (text: string) => lint(text, req.buckets).result;
      const first = relint(req.text);
      if (req.index === undefined) {
        const outcome = fixUntilStable(req.text, first, relint, SAFE);
        return { id: req.id, kind: 'text', text: outcome.text, applied: outcome.applied };
      }
      const one = first.messages[req.index];
      const fixed = applyFixes(req.text, one ? [one] : [], SAFE);
      return { id: req.id, kind: 'text', text: fixed.text, applied: fixed.applied };
    }
    case 'generate': {
      const policy = generatePolicy(req.bucket, req.options);
      return { id: req.id, kind: 'text', text: `${JSON.stringify(policy, null, 2)}\n`, applied: 0 };
    }
  }
}

/** `handle`, with a thrown error (a bucket name S3 refuses, or a bug) as one line, never a stack. */
export function respond(req: Request): Response {
  try {
    return handle(req);
  } catch (error) {
    return {
      id: req.id,
      kind: 'error',
      message: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    };
  }
}
