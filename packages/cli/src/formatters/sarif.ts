/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules with their docs, one result
 * per finding with a repository-relative location and a fingerprint that survives line shifts.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules as coreRules, type LintMessage, type RuleInfo } from '@iam-mfa-lint/core';
import { documentsRead } from './counts.js';
import type { FileResult } from './types.js';

export interface SarifFormatterOptions {
  /** The repository root: URIs are relative to it (uriBaseId %SRCROOT%). */
  cwd: string;
  /** The tool's version. */
  version: string;
  /** A fingerprint per message (see baseline.ts). */
  fingerprint?: (message: LintMessage) => string | undefined;
  /** Markdown help of a rule (its docs page), when available. */
  ruleDoc?: (ruleId: string) => string | undefined;
  /** Rule metadata; default: the core's rules. */
  rules?: readonly RuleInfo[];
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/iam-mfa-lint/iam-mfa-lint';

/**
 * GitHub's security severity (0.0-10.0; 7.0 and up is "high"). Parse errors are not security
 * findings as such; every other error-level rule is about who gets access.
 */
function securitySeverity(rule: RuleInfo): string {
  if (rule.id === 'invalid-json' || rule.id === 'invalid-policy') return '5.0';
  return rule.meta.severity === 'error' ? '8.0' : '5.0';
}

/** Strip the page's title line: SARIF viewers show the rule id already. */
function helpText(markdown: string): string {
  return markdown.replace(/^# .*\r?\n+/, '');
}

function sarifLevel(severity: number): 'error' | 'warning' {
  return severity === 2 ? 'error' : 'warning';
}

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return m ? m[1]! : text;
}

export function formatSarif(results: readonly FileResult[], options: SarifFormatterOptions): string {
  const ruleInfos = options.rules ?? coreRules;
  const ruleIndex = new Map<string, number>();
  const driverRules = ruleInfos.map((r, i) => {
    ruleIndex.set(r.id, i);
    const doc = options.ruleDoc?.(r.id);
    const text = `${r.meta.description}. See ${r.meta.docs.url}`;
    return {
      id: r.id,
      name: r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: firstSentence(r.meta.description) },
      fullDescription: { text: r.meta.description },
      help: doc !== undefined ? { text, markdown: helpText(doc) } : { text },
      helpUri: r.meta.docs.url,
      defaultConfiguration: { level: r.meta.severity === 'error' ? 'error' : 'warning' },
      properties: { tags: ['security', 'aws', 'iam'], precision: 'high', 'security-severity': securitySeverity(r) },
    };
  });

  const root = path.resolve(options.cwd);
  const sarifResults: unknown[] = [];
  const artifacts: Array<{ location: { uri: string; uriBaseId?: string } }> = [];
  for (const file of results) {
    const rel = path.relative(root, file.filePath).split(path.sep).join('/');
    const inside = rel !== '' && !rel.startsWith('../') && !path.isAbsolute(rel);
    const artifactLocation = inside
      ? { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }
      : { uri: pathToFileURL(file.filePath).href };
    artifacts.push({ location: artifactLocation });
    file.messages.forEach((m) => {
      const result: Record<string, unknown> = {
        ruleId: m.ruleId,
        level: sarifLevel(m.severity),
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation, index: artifacts.length - 1 },
              region: {
                startLine: Math.max(1, m.line),
                startColumn: Math.max(1, m.column),
                endLine: Math.max(1, m.endLine),
                endColumn: Math.max(1, m.endColumn),
              },
            },
          },
        ],
      };
      const index = ruleIndex.get(m.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      const fp = options.fingerprint?.(m);
      if (fp !== undefined) result.partialFingerprints = { 'iamMfaLint/v1': fp };
      if (m.messageId) result.properties = { messageId: m.messageId };
      sarifResults.push(result);
    });
  }

  const read = documentsRead(results);
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iam-mfa-lint',
            semanticVersion: options.version,
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: driverRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        // How much was read, so that an empty result list is not mistaken for a clean repository.
        properties: { policiesRead: read?.documents ?? 0, filesRead: read?.files ?? 0 },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
