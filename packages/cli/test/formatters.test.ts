import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { LintMessage } from '@iam-mfa-lint/core';
import { formatCompact } from '../src/formatters/compact.js';
import { formatGithub } from '../src/formatters/github.js';
import { formatJson, JsonReportWriter } from '../src/formatters/json.js';
import { formatStylish } from '../src/formatters/stylish.js';
import { escapeControl } from '../src/formatters/text.js';
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
        msg({
          ruleId: 'mfa-condition-weak',
          messageId: 'weak',
          message: 'weak',
          line: 9,
          column: 1,
          severity: 1,
          endLine: 9,
          endColumn: 5,
        }),
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

  it('writes the same text in pieces of at least 64 KiB as results come, not at the end', () => {
    const results = Array.from({ length: 2000 }, (_, i) =>
      result(abs(`p${i}.json`), [msg({ line: i + 1, column: 1, severity: 2 })]),
    );
    const pieces: string[] = [];
    const writer = new JsonReportWriter((s) => pieces.push(s));
    results.forEach((r) => writer.add(r));
    const beforeEnd = pieces.length;
    writer.end();
    const text = pieces.join('');
    expect(beforeEnd).toBeGreaterThanOrEqual(Math.floor(text.length / (1 << 16)) - 1);
    expect(beforeEnd).toBeGreaterThan(0);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(1 << 16);
    expect(text).toBe(formatJson(results));
    expect(JSON.parse(text)).toHaveLength(2000);
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
    const out = formatStylish([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: 'm' })])], {
      cwd,
    });
    expect(out).toBe('a.json\n  1:2  error  m  action-wildcard\n\n\u2716 1 problem (1 error, 0 warnings)\n');
  });

  it('shows paths outside cwd relative to it', () => {
    const out = formatStylish(
      [result(path.resolve('/elsewhere/p.json'), [msg({ line: 1, column: 2, severity: 1, message: 'm' })])],
      {
        cwd,
      },
    );
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

  it('keeps each message on one line: a line break in it is shown escaped', () => {
    const out = formatStylish(
      [result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: 'two\nlines' })])],
      { cwd },
    );
    expect(out).toBe('a.json\n  1:2  error  two\\nlines  action-wildcard\n\n\u2716 1 problem (1 error, 0 warnings)\n');
  });

  const LONG =
    'Statement 1 grants S3 access on bucket "my-s3-bucket-08-01-2023", which is not the target bucket; did you mean "my-s3-bucket-09-01-2023"?';

  it('pads messages only as far as the rows that fit, and wraps a long one under itself with its rule id after it', () => {
    const results = [
      result(abs('a.json'), [
        msg({ line: 6, column: 17, severity: 2, message: 'Action "*" grants every action' }),
        msg({ ruleId: 'resource-bucket-mismatch', line: 10, column: 19, severity: 2, message: LONG }),
        msg({ ruleId: 'sid-invalid', line: 12, column: 5, severity: 1, message: 'Sid "a b" has a space' }),
      ]),
    ];
    const out = formatStylish(results, { cwd });
    expect(out).toBe(
      [
        'a.json',
        '   6:17  error    Action "*" grants every action  action-wildcard',
        '  10:19  error    Statement 1 grants S3 access on bucket',
        '                  "my-s3-bucket-08-01-2023", which is not the target bucket; did',
        '                  you mean "my-s3-bucket-09-01-2023"?  resource-bucket-mismatch',
        '  12:5   warning  Sid "a b" has a space           sid-invalid',
        '',
        '\u2716 3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    );
    // No line is padded to the longest message: every line fits in the 80 columns.
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('puts the rule id on a line of its own when the last line has no room, and keeps a long word whole', () => {
    const arn = `arn:aws:s3:::${'x'.repeat(70)}/*`;
    const out = formatStylish(
      [
        result(abs('a.json'), [
          msg({ line: 1, column: 2, severity: 2, message: `Resource ${arn} is too wide. And so on.` }),
        ]),
      ],
      {
        cwd,
      },
    );
    expect(out.split('\n').slice(1, 5)).toEqual([
      '  1:2  error  Resource',
      `              ${arn}`,
      '              is too wide. And so on  action-wildcard',
      '',
    ]);
    const tight = formatStylish(
      [result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: `Resource ${arn}` })])],
      { cwd },
    );
    expect(tight.split('\n').slice(1, 5)).toEqual([
      '  1:2  error  Resource',
      `              ${arn}`,
      '              action-wildcard',
      '',
    ]);
  });

  it('wraps at the width it is given', () => {
    const out = formatStylish([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: LONG })])], {
      cwd,
      width: 170,
    });
    expect(out.split('\n')[1]).toBe(`  1:2  error  ${LONG}  action-wildcard`);
  });

  it('prints 200,000 findings in one file (a spread of that many rows overflows the stack)', () => {
    const messages = Array.from({ length: 200_000 }, (_, i) =>
      msg({ line: i + 1, column: 1, severity: 2, message: 'm' }),
    );
    const out = formatStylish([result(abs('big.json'), messages)], { cwd });
    const lines = out.split('\n');
    expect(lines).toHaveLength(1 + 200_000 + 3);
    expect(lines[1]).toBe('       1:1  error  m  action-wildcard');
    expect(lines[200_000]).toBe('  200000:1  error  m  action-wildcard');
    expect(lines[200_002]).toBe('\u2716 200000 problems (200000 errors, 0 warnings)');
  });
});

// What a policy or a file name can carry to a terminal: ESC [2J clears the screen (and can hide
// the findings above it), a line break in a file name breaks the layout.
const EVIL_ACTION = 's3:\u001b[2JGetObject\u0007\u009b31m\u007f\u202e';
const EVIL_MESSAGE = `Action "${EVIL_ACTION}" is not an action of S3`;
const EVIL_SHOWN = 'Action "s3:\\u001b[2JGetObject\\u0007\\u009b31m\\u007f\\u202e" is not an action of S3';
/** Any character a terminal acts on, bar the line feeds that end the formatter's own lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters never reach the terminal raw', () => {
  const evil = () => [
    result(abs('new\nline\u001b.json'), [
      msg({ ruleId: 'unknown-action', line: 3, column: 15, severity: 2, message: EVIL_MESSAGE }),
    ]),
  ];

  it('escapeControl shows C0, DEL, C1 and bidirectional controls as escapes, and leaves other text alone', () => {
    expect(escapeControl('a\u0000b\tc\rd\ne\u001bf\u007fg\u0085h\u009bi\u2066j\u2028k')).toBe(
      'a\\u0000b\\tc\\rd\\ne\\u001bf\\u007fg\\u0085h\\u009bi\\u2066j\\u2028k',
    );
    expect(escapeControl('s3:GetObject "é" ✓ 日本 ')).toBe('s3:GetObject "é" ✓ 日本 ');
  });

  it('stylish', () => {
    const out = formatStylish(evil(), { cwd });
    expect(out).toBe(
      'new\\nline\\u001b.json\n' +
        '  3:15  error  Action "s3:\\u001b[2JGetObject\\u0007\\u009b31m\\u007f\\u202e" is not\n' +
        '               an action of S3  unknown-action\n' +
        '\n\u2716 1 problem (1 error, 0 warnings)\n',
    );
    expect(out).not.toMatch(RAW_CONTROL);
    // With colors, the only ESC characters are the formatter's own SGR sequences.
    const colored = formatStylish(evil(), { cwd, useColor: true });
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(out);
  });

  it('compact', () => {
    const out = formatCompact(evil(), { cwd });
    expect(out).toBe(`new\\nline\\u001b.json:3:15: error ${EVIL_SHOWN} [unknown-action]\n`);
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it('github: CR and LF in the workflow command encoding, every other control as an escape', () => {
    const out = formatGithub(evil(), { cwd });
    expect(out).toBe(
      `::error file=new%0Aline\\u001b.json,line=3,col=15,endLine=3,endColumn=18,title=unknown-action::${EVIL_SHOWN}\n`,
    );
    expect(out).not.toMatch(RAW_CONTROL);
  });
});

describe('formatCompact', () => {
  it('prints one line per finding, file:line:col: severity message [rule], relative to cwd', () => {
    const results = [
      result(abs('policies', 'admin.json'), [
        msg({ line: 6, column: 17, severity: 2 }),
        msg({ ruleId: 'mfa-condition-missing', message: 'No MFA condition.', line: 12, column: 5, severity: 1 }),
      ]),
      result(abs('clean.json'), []),
      result(path.resolve('/elsewhere/p.json'), [msg({ line: 1, column: 1, severity: 1, message: 'ec2:*' })]),
    ];
    expect(formatCompact(results, { cwd })).toBe(
      [
        'policies/admin.json:6:17: error Action "*" grants every action [action-wildcard]',
        'policies/admin.json:12:5: warning No MFA condition. [mfa-condition-missing]',
        '../elsewhere/p.json:1:1: warning ec2:* [action-wildcard]',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there are no problems, and absolute paths without cwd', () => {
    expect(formatCompact([], { cwd })).toBe('');
    expect(formatCompact([result(abs('a.json'), [])], { cwd })).toBe('');
    expect(formatCompact([result(abs('a.json'), [msg({ line: 1, column: 2, severity: 2, message: 'm' })])])).toBe(
      `${abs('a.json').split(path.sep).join('/')}:1:2: error m [action-wildcard]\n`,
    );
  });
});
