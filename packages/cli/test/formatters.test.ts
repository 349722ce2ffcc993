import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { LintMessage } from '@iam-mfa-lint/core';
import { formatJson } from '../src/formatters/json.js';
import { formatStylish } from '../src/formatters/stylish.js';
import type { FileResult } from '../src/formatters/types.js';

const cwd = path.resolve('/project');
const abs = (...parts: string[]) => path.join(cwd, ...parts);

function msg(partial: Partial<LintMessage> & Pick<LintMessage, 'line' | 'column' | 'severity'>): LintMessage {
  return {
    ruleId: 'action-wildcard',
    messageId: 'wildcard',
    message: 'Action "*" grants every action',
    endLine: partial.line,
    endColumn: partial.column + 3,
    pointer: '/Statement/0/Action',
    ...partial,
  };
}

function result(filePath: string, messages: LintMessage[]): FileResult {
  return {
    filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

describe('formatJson', () => {
  it('prints ESLint-shaped results on one line, without the pointer, including clean files', () => {
    const results = [
      result(abs('a.json'), [
        msg({ line: 6, column: 17, severity: 2 }),
        msg({ ruleId: 'mfa-condition-weak', messageId: 'weak', message: 'weak', line: 9, column: 1, severity: 1, endLine: 9, endColumn: 5 }),
      ]),
      result(abs('b.json'), []),
    ];
    expect(formatJson(results)).toBe(
      '[{"filePath":' +
        JSON.stringify(abs('a.json')) +
        ',"messages":[' +
        '{"ruleId":"action-wildcard","severity":2,"message":"Action \\"*\\" grants every action","line":6,"column":17,"endLine":6,"endColumn":20,"messageId":"wildcard"},' +
        '{"ruleId":"mfa-condition-weak","severity":1,"message":"weak","line":9,"column":1,"endLine":9,"endColumn":5,"messageId":"weak"}' +
        '],"errorCount":1,"warningCount":1},' +
        '{"filePath":' +
        JSON.stringify(abs('b.json')) +
        ',"messages":[],"errorCount":0,"warningCount":0}]\n',
    );
  });

  it('prints an empty array for no files', () => {
    expect(formatJson([])).toBe('[]\n');
  });

  it('round-trips through JSON.parse with exactly the ESLint keys', () => {
    const parsed = JSON.parse(formatJson([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2 })])]));
    expect(Object.keys(parsed[0])).toEqual(['filePath', 'messages', 'errorCount', 'warningCount']);
    expect(Object.keys(parsed[0].messages[0])).toEqual([
      'ruleId',
      'severity',
      'message',
      'line',
      'column',
      'endLine',
      'endColumn',
      'messageId',
    ]);
  });
});

describe('formatStylish', () => {
  it('prints nothing when there are no problems', () => {
    expect(formatStylish([], { cwd })).toBe('');
    expect(formatStylish([result(abs('a.json'), [])], { cwd })).toBe('');
  });

  it('aligns the columns of each file and skips clean files', () => {
    const results = [
      result(abs('policies', 'admin.json'), [
        msg({ line: 6, column: 17, severity: 2 }),
        msg({ ruleId: 'mfa-condition-missing', message: 'No MFA condition.', line: 12, column: 5, severity: 1 }),
      ]),
      result(abs('clean.json'), []),
      result(abs('z.json'), [msg({ line: 1, column: 1, severity: 1, message: 'ec2:*' })]),
    ];
    expect(formatStylish(results, { cwd })).toBe(
      [
        'policies/admin.json',
        '   6:17  error    Action "*" grants every action  action-wildcard',
        '  12:5   warning  No MFA condition                mfa-condition-missing',
        '',
        'z.json',
        '  1:1  warning  ec2:*  action-wildcard',
        '',
        '\u2716 3 problems (1 error, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('uses singular words for one problem', () => {
    const out = formatStylish([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: 'm' })])], { cwd });
    expect(out).toBe('a.json\n  1:2  error  m  action-wildcard\n\n\u2716 1 problem (1 error, 0 warnings)\n');
  });

  it('shows paths outside cwd relative to it', () => {
    const out = formatStylish([result(path.resolve('/elsewhere/p.json'), [msg({ line: 1, column: 2, severity: 1, message: 'm' })])], {
      cwd,
    });
    expect(out.split('\n')[0]).toBe('../elsewhere/p.json');
  });

  it('colors only when asked', () => {
    const results = [
      result(abs('a.json'), [
        msg({ line: 1, column: 2, severity: 2, message: 'e' }),
        msg({ line: 3, column: 4, severity: 1, message: 'w', ruleId: 'x' }),
      ]),
    ];
    expect(formatStylish(results, { cwd, useColor: false })).not.toContain('\u001b');
    expect(formatStylish(results, { cwd, useColor: true })).toBe(
      '\u001b[4ma.json\u001b[24m\n' +
        '  \u001b[2m1:2\u001b[22m  \u001b[31merror\u001b[39m    e  \u001b[2maction-wildcard\u001b[22m\n' +
        '  \u001b[2m3:4\u001b[22m  \u001b[33mwarning\u001b[39m  w  \u001b[2mx\u001b[22m\n' +
        '\n' +
        '\u001b[31m\u001b[1m\u2716 2 problems (1 error, 1 warning)\u001b[22m\u001b[39m\n',
    );
  });

  it('colors a warnings-only summary yellow', () => {
    const out = formatStylish([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 1, message: 'w' })])], {
      cwd,
      useColor: true,
    });
    expect(out.endsWith('\u001b[33m\u001b[1m\u2716 1 problem (0 errors, 1 warning)\u001b[22m\u001b[39m\n')).toBe(true);
  });

  it('keeps each message on one line', () => {
    const out = formatStylish([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: 'two\nlines' })])], { cwd });
    expect(out).toBe('a.json\n  1:2  error  two lines  action-wildcard\n\n\u2716 1 problem (1 error, 0 warnings)\n');
  });
});
