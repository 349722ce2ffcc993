/** Messages between the page and the linting Web Worker. */
import type { GeneratePolicyOptions } from '@iam-mfa-lint/core';

export type Request =
  | { id: number; kind: 'lint'; text: string; buckets: string[] }
  /** `index`: apply that finding's safe fix only; absent: every safe fix until the text is stable. */
  | { id: number; kind: 'fix'; text: string; buckets: string[]; index?: number }
  | { id: number; kind: 'generate'; bucket: string; options: GeneratePolicyOptions };

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The rule's documentation page (absent for an id the rule list does not know). */
  docsUrl?: string;
  /** The core offers a safe fix (one that keeps who gets access). */
  fixable: boolean;
}

export type Response =
  | { id: number; kind: 'lint'; format: string; findings: Finding[]; note?: string }
  | { id: number; kind: 'text'; text: string; applied: number }
  | { id: number; kind: 'error'; message: string };
