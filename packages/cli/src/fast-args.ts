/**
 * The fast path of the command line: a plain lint command line (`iam-mfa-lint [options] paths..`,
 * the pre-commit hook's and CI's) is parsed with Node's built-in `util.parseArgs`, so that yargs
 * (a fifth of the bundle, with its terminal-width tables) is not even loaded. It reads the same
 * option table as yargs (LINT_OPTIONS) and yields the record yargs would give for that line.
 *
 * It accepts only lines whose meaning is plain; everything else returns undefined and goes to
 * yargs, which then answers as it always has: --help, --version, the other commands, every
 * mistake (an unknown option, a missing or empty value, a value outside the choices, a number
 * that is not a plain decimal), and the forms yargs reads its own way (`-fjson` is -f -j -s -o -n
 * there; `-` is not a path; `--no-quiet`). tests/fast-args.test.ts holds both parsers to one
 * answer.
 */
import { parseArgs } from 'node:util';
import { LINT_OPTIONS } from './options.js';

/** Words yargs reads as a command (or may): a line holding one anywhere is left to yargs. */
const COMMAND_WORDS = new Set(['generate', 'verify', 'explain', 'help', 'completion']);

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

let parseArgsOptions: ParseArgsOptions | undefined;
function options(): ParseArgsOptions {
  if (parseArgsOptions) return parseArgsOptions;
  const out: NonNullable<ParseArgsOptions> = {};
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) {
    out[name] = {
      type: spec.type === 'boolean' ? 'boolean' : 'string',
      multiple: true,
      ...(spec.alias ? { short: spec.alias } : {}),
    };
  }
  return (parseArgsOptions = out);
}

/** A plain decimal integer, as yargs reads a number option the same way. */
const PLAIN_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * The arguments of a plain lint command line, as yargs would give them to the lint command
 * (`paths`, `_`, each option under its long name, a scalar once and an array when repeated,
 * yargs' defaults), or undefined: let yargs parse this line.
 */
export function parseLintArgvFast(argv: readonly string[]): Record<string, unknown> | undefined {
  for (const arg of argv) if (COMMAND_WORDS.has(arg)) return undefined;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: options(), allowPositionals: true, strict: true, tokens: true });
  } catch {
    return undefined; // an unknown option, a missing value, a value that looks like an option...
  }
  const paths: string[] = [];
  const rest: string[] = [];
  let afterTerminator = false;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option-terminator') {
      afterTerminator = true;
    } else if (token.kind === 'positional') {
      if (afterTerminator) rest.push(token.value);
      else if (token.value.startsWith('-')) return undefined;
      else paths.push(token.value);
    } else {
      // `-fjson` is a cluster of short flags for yargs; `--format=` an empty value.
      if (!token.rawName.startsWith('--') && token.inlineValue) return undefined;
      if (token.value === '') return undefined;
    }
  }
  const out: Record<string, unknown> = { _: rest, paths };
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) {
    const given = (parsed.values as Record<string, (string | boolean)[] | undefined>)[name];
    if (given === undefined) {
      if (spec.default !== undefined) out[name] = spec.default;
      continue;
    }
    const values: unknown[] = [];
    for (const value of given) {
      if (spec.choices && !spec.choices.includes(value as string)) return undefined;
      if (spec.type === 'number') {
        if (typeof value !== 'string' || !PLAIN_INTEGER.test(value)) return undefined;
        values.push(Number(value));
      } else values.push(value);
    }
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}
