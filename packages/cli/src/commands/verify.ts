/**
 * `iam-mfa-lint verify --bucket B FILES...`: proves (or refutes) that no request to bucket B or
 * its objects is allowed without MFA, by evaluating every S3 action x resource x MFA context
 * against the given identity, bucket and trust policies. Exit 0: MFA enforced; 1: a counterexample
 * (printed); 2: usage or input error.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import {
  MFA_CONTEXTS,
  MFA_CONTEXT_LABELS,
  ROLE_MANIFEST,
  detectPolicyType,
  isAccountAuthorizationDetails,
  normalize,
  parsePolicyText,
  policySetFromAccountDetails,
  validateBucketName,
  verifyBucket,
  verifySets,
  type DecidingStatement,
  type EvalPolicy,
  type NodeLookup,
  type PolicySet,
  type VerifyResult,
} from '@iam-mfa-lint/core';
import { describeFsError, expandPaths, shownPath } from '../files.js';
import { escapeControl } from '../formatters/text.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const NAME = 'iam-mfa-lint';

export function verifyBuilder(y: Argv): Argv {
  return y
    .positional('paths', {
      type: 'string',
      array: true,
      describe: 'Identity, bucket and trust policy files (or directories) that apply to the bucket',
    })
    .option('bucket', { type: 'string', requiresArg: true, demandOption: true, describe: 'The S3 bucket to verify' })
    .option('account-id', {
      type: 'string',
      requiresArg: true,
      describe: 'The account that owns the bucket and the principals [default: 111122223333]',
    })
    .option('format', {
      alias: 'f',
      type: 'string',
      choices: ['stylish', 'json'],
      default: 'stylish',
      requiresArg: true,
      describe: 'Output format',
    }) as unknown as Argv;
}

function values(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function fail(io: Io, message: string): number {
  io.stderr(`${NAME}: ${message}\n`);
  return 2;
}

interface Loaded {
  policy: EvalPolicy;
  shown: string;
  lookup: NodeLookup;
}

/** One verifyBucket run per principal of an account snapshot, merged into one table. */
interface Place {
  shown: string;
  lookup: NodeLookup;
  /** For a document inside a snapshot: its principal and policy. */
  label?: string;
}

/** Verifies the snapshots (core: verifySets) and records where each of their documents is, for messages. */
function verifySnapshots(
  bucket: string,
  sets: PolicySet[],
  resources: EvalPolicy[],
  accountId: string | undefined,
  where: Map<string, Place>,
): { result: VerifyResult; principals: string[] } {
  const r = verifySets(bucket, sets, resources, accountId === undefined ? {} : { accountId });
  for (const d of r.documents)
    where.set(d.id, { shown: d.file ?? '', label: d.label, lookup: d.source?.lookup ?? (() => undefined) });
  return { result: r.result, principals: r.principals };
}

export function runVerify(argv: Record<string, unknown>, io: Io): number {
  const buckets = values(argv.bucket);
  if (buckets.length !== 1) return fail(io, '--bucket must be given exactly once');
  const bucket = buckets[0]!;
  const bad = validateBucketName(bucket);
  if (bad) return fail(io, `invalid --bucket ${JSON.stringify(bucket)}: ${bad.message}`);
  const accountId = values(argv['account-id']).pop();
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    return fail(io, `invalid --account-id ${JSON.stringify(accountId)}: expected 12 digits`);
  const format = values(argv.format).pop() ?? 'stylish';
  const paths = [...values(argv.paths), ...values(argv._).filter((p) => p !== 'verify')];
  if (paths.length === 0) return fail(io, 'no files given: pass the policies that apply to the bucket');

  const { files, errors } = expandPaths(paths, { cwd: io.cwd, extensions: ['.json'] });
  if (errors.length > 0) return fail(io, errors[0]!);
  const loaded: Loaded[] = [];
  const snapshots: PolicySet[] = [];
  for (const file of files) {
    if (path.basename(file) === ROLE_MANIFEST) continue;
    const shown = shownPath(io.cwd, file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return fail(io, describeFsError(error, shown));
    }
    const parsed = parsePolicyText(text);
    if (!parsed.ok)
      return fail(
        io,
        `${shown}: not a JSON policy document: ${parsed.error.message} (line ${parsed.error.range.line})`,
      );
    if (isAccountAuthorizationDetails(parsed.value)) {
      // An account snapshot: every user and role in it is a principal to verify.
      const details = policySetFromAccountDetails(text, shown)!;
      if (details.problems.length > 0)
        return fail(io, `${shown}:${details.problems[0]!.range.line}: ${details.problems[0]!.message}`);
      snapshots.push(details.set);
      continue;
    }
    const model = normalize(parsed.value);
    if (model.statements.length === 0) return fail(io, `${shown}: not an IAM policy document (no Statement)`);
    const locations = parsed.locations;
    loaded.push({
      policy: { id: shown, kind: detectPolicyType(model), model },
      shown,
      lookup: (p) => locations.get(p),
    });
  }
  if (loaded.length === 0 && snapshots.length === 0) return fail(io, 'no policy files found');
  const places = new Map<string, Place>(loaded.map((l) => [l.policy.id, { shown: l.shown, lookup: l.lookup }]));
  const where = (d: DecidingStatement): string => {
    const p = places.get(d.policyId);
    const at = `${p?.shown ?? d.policyId}:${p?.lookup(d.pointer)?.value.line ?? 1}`;
    // A document of a snapshot: "file:line (role "x" inline policy "y")".
    return p?.label ? `${at} (${p.label})` : at;
  };

  let result: VerifyResult;
  let header: string;
  if (snapshots.length > 0) {
    const loose = loaded.filter((l) => l.policy.kind !== 'resource');
    if (loose.length > 0)
      return fail(
        io,
        `${loose[0]!.shown}: with an account snapshot, the other files must be bucket policies (this one is a ${loose[0]!.policy.kind} policy)`,
      );
    const v = verifySnapshots(
      bucket,
      snapshots,
      loaded.map((l) => l.policy),
      accountId,
      places,
    );
    result = v.result;
    const count = snapshots.reduce((n, s) => n + s.principals.filter((p) => p.kind !== 'group').length, 0);
    header = `Bucket ${bucket}: ${count} users and roles of the account snapshot${loaded.length ? `, bucket policies ${loaded.map((l) => l.shown).join(', ')}` : ''}${v.principals.length ? `; without MFA through ${v.principals.join(', ')}` : ''}`;
  } else {
    result = verifyBucket(
      bucket,
      loaded.map((l) => l.policy),
      accountId ? { accountId } : {},
    );
    header = `Bucket ${bucket}: ${loaded.map((l) => `${l.shown} (${l.policy.kind})`).join(', ')}`;
  }
  if (result.invalid) {
    // The statement as read is not the statement as written: nothing may be proven from it.
    const bad = result.invalid;
    const p = places.get(bad.policyId);
    const line = p?.lookup(bad.problemPointer)?.value.line ?? p?.lookup(bad.pointer)?.value.line ?? 1;
    return fail(
      io,
      `${p?.shown ?? bad.policyId}:${line}: ${p?.label ? `${p.label}: ` : ''}${bad.statement}: ${bad.message}; verify proves nothing from an invalid policy`,
    );
  }
  if (format === 'json') io.stdout(JSON.stringify(toJson(result, where, loaded), null, 2) + '\n');
  // File names reach the terminal: control characters in them are shown as escapes.
  else io.stdout(render(result, (d) => escapeControl(where(d)), escapeControl(header)));
  return result.enforced ? 0 : 1;
}

/**
 * True when no request in any context, MFA included, is allowed: "MFA enforced" then holds
 * vacuously (the tutorial's policy names another bucket) and is reported as such.
 */
function grantsNothing(r: VerifyResult): boolean {
  return r.cells.every((c) => c.allowedActions.length === 0);
}

function toJson(r: VerifyResult, where: (d: DecidingStatement) => string, loaded: Loaded[]) {
  return {
    bucket: r.bucket,
    enforced: r.enforced,
    /** Nothing is allowed on the bucket even with MFA: `enforced` holds vacuously. */
    grantsNothing: grantsNothing(r),
    requests: r.requests,
    policies: loaded.map((l) => ({ file: l.shown, kind: l.policy.kind })),
    cells: r.cells.map((c) => ({
      actionClass: c.actionClass,
      context: c.context,
      possible: c.possible,
      allowedActions: c.allowedActions,
      totalActions: c.totalActions,
      ...(c.example
        ? { example: { request: c.example.request, allowedBy: c.example.result.statements.map(where) } }
        : {}),
    })),
    ...(r.counterexample
      ? {
          counterexample: {
            context: r.counterexample.context,
            request: r.counterexample.request,
            allowedBy: r.counterexample.result.statements.map(where),
            ...(r.counterexample.via ? { assumedVia: r.counterexample.via.map(where) } : {}),
          },
        }
      : {}),
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function render(r: VerifyResult, where: (d: DecidingStatement) => string, header0: string): string {
  const contexts = MFA_CONTEXTS.filter(
    (c) => c !== 'anonymous' || r.cells.some((x) => x.context === 'anonymous' && x.possible),
  );
  const cellText = (cls: string, ctx: (typeof MFA_CONTEXTS)[number]): string => {
    const c = r.cells.find((x) => x.actionClass === cls && x.context === ctx)!;
    if (!c.possible) return 'n/a';
    if (c.allowedActions.length === 0) return 'deny';
    return `ALLOW ${c.allowedActions.length}/${c.totalActions} ${where(c.example!.result.statements[0]!)}`;
  };
  const header = ['action class', ...contexts.map((c) => MFA_CONTEXT_LABELS[c])];
  const rows = r.actionClasses.map((cls) => [cls, ...contexts.map((ctx) => cellText(cls, ctx))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  let out = `${header0}\n\n`;
  out += line(header) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n';
  for (const row of rows) out += line(row) + '\n';
  out += '\n';
  if (r.enforced && grantsNothing(r)) {
    out += `Nothing is granted on bucket ${r.bucket} or its objects, with MFA or without (${r.requests} requests evaluated): no request gets in without MFA only because none gets in at all. Check the bucket name in the policies' Resource ARNs.\n`;
  } else if (r.enforced) {
    out += `MFA enforced: no request to bucket ${r.bucket} or its objects is allowed without MFA (${r.requests} requests evaluated).\n`;
  } else {
    const cx = r.counterexample!;
    out += `Access WITHOUT MFA is possible (${MFA_CONTEXT_LABELS[cx.context]}). Counterexample:\n`;
    out += JSON.stringify(cx.request, null, 2).replace(/^/gm, '  ') + '\n';
    out += `allowed by ${cx.result.statements.map(where).join(', ')}`;
    if (cx.via) out += `; the role session exists through ${cx.via.map(where).join(', ')}`;
    out += '\n';
  }
  return out;
}
