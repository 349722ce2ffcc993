/**
 * S3 general-purpose bucket naming rules, as documented by AWS
 * ("General purpose bucket naming rules", Amazon S3 User Guide).
 *
 * Pure TypeScript, no Node.js APIs.
 */

/** A broken naming rule: a short stable id and one sentence a person can act on. */
export interface BucketNameProblem {
  /**
   * Stable id of the rule broken: 'type', 'length', 'characters', 'start-end',
   * 'consecutive-dots', 'ip-address', 'dot-hyphen', 'reserved-prefix' or 'reserved-suffix'.
   */
  rule: string;
  message: string;
}

/** Thrown by {@link assertValidBucketName} (and so by `generatePolicy`) for a bad bucket name. */
export class BucketNameError extends Error {
  override name = 'BucketNameError';
  readonly rule: string;

  constructor(rule: string, message: string) {
    super(message);
    this.rule = rule;
  }
}

const MIN_LENGTH = 3;
const MAX_LENGTH = 63;

/** Prefixes AWS reserves; a bucket name must not start with any of them. */
export const RESERVED_BUCKET_PREFIXES: readonly string[] = Object.freeze(['xn--', 'sthree-', 'amzn-s3-demo-']);

/** Suffixes AWS reserves (access point aliases, Object Lambda, MRAP, directory and table buckets). */
export const RESERVED_BUCKET_SUFFIXES: readonly string[] = Object.freeze([
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
]);

const ALLOWED_CHAR = /^[a-z0-9.-]$/;
const LETTER_OR_DIGIT = /^[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Quote a value for a message: JSON string syntax, so control characters stay visible. */
function q(value: string): string {
  return JSON.stringify(value);
}

/** Describe one character for a message, e.g. `"M"` or `"\u0007" (U+0007)`. */
function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const printable = cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f);
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return printable ? q(ch) : `${q(ch)} (${code})`;
}

function problem(rule: string, name: string, detail: string): BucketNameProblem {
  return { rule, message: `Bucket name ${q(name)} is invalid: ${detail}` };
}

/**
 * Check a bucket name against the S3 general-purpose bucket naming rules.
 * Returns the first rule broken (in the order the rules are listed by AWS), or null when the name is valid.
 * Never throws.
 */
export function validateBucketName(name: string): BucketNameProblem | null {
  if (typeof name !== 'string') {
    return {
      rule: 'type',
      message: `Bucket name must be a string; got ${name === null ? 'null' : typeof name}.`,
    };
  }

  if (name.length < MIN_LENGTH || name.length > MAX_LENGTH) {
    return problem(
      'length',
      name,
      `it must be between ${MIN_LENGTH} and ${MAX_LENGTH} characters long; it has ${name.length}.`,
    );
  }

  for (const ch of name) {
    if (!ALLOWED_CHAR.test(ch)) {
      return problem(
        'characters',
        name,
        `only lowercase letters, digits, dots (.) and hyphens (-) are allowed; found ${describeChar(ch)}.`,
      );
    }
  }

  const first = name[0] ?? '';
  const last = name[name.length - 1] ?? '';
  if (!LETTER_OR_DIGIT.test(first)) {
    return problem('start-end', name, `it must begin with a lowercase letter or digit; it begins with ${q(first)}.`);
  }
  if (!LETTER_OR_DIGIT.test(last)) {
    return problem('start-end', name, `it must end with a lowercase letter or digit; it ends with ${q(last)}.`);
  }

  const dots = name.indexOf('..');
  if (dots !== -1) {
    return problem(
      'consecutive-dots',
      name,
      `it must not contain two adjacent periods; found ".." at position ${dots + 1}.`,
    );
  }

  if (IP_ADDRESS.test(name)) {
    return problem('ip-address', name, 'it must not be formatted as an IP address (like 192.168.5.4).');
  }

  const dotHyphen = /\.-|-\./.exec(name);
  if (dotHyphen) {
    return problem(
      'dot-hyphen',
      name,
      `a period must not be next to a hyphen; found ${q(dotHyphen[0])} at position ${dotHyphen.index + 1}.`,
    );
  }

  for (const prefix of RESERVED_BUCKET_PREFIXES) {
    if (name.startsWith(prefix)) {
      return problem('reserved-prefix', name, `it must not start with the reserved prefix ${q(prefix)}.`);
    }
  }

  for (const suffix of RESERVED_BUCKET_SUFFIXES) {
    if (name.endsWith(suffix)) {
      return problem('reserved-suffix', name, `it must not end with the reserved suffix ${q(suffix)}.`);
    }
  }

  return null;
}

/** Throw a {@link BucketNameError} when `name` breaks an S3 bucket naming rule. */
export function assertValidBucketName(name: string): void {
  const found = validateBucketName(name);
  if (found) throw new BucketNameError(found.rule, found.message);
}
