/** `iam-mfa-lint generate --bucket B ...`: prints the least-privilege MFA policy for one bucket. */
import type { Argv } from 'yargs';
import { generatePolicy, type GeneratePolicyOptions } from '@iam-mfa-lint/core';
import type { CliIo } from '../io.js';
import { allValues, lastValue, oneLine, UsageError } from '../options.js';

const NAME = 'iam-mfa-lint';
const ACCESSES = ['read', 'write', 'read-write'] as const;
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

export function generateOptions(y: Argv): Argv {
  return y
    .option('bucket', { type: 'string', requiresArg: true, demandOption: true, describe: 'The S3 bucket' })
    .option('access', {
      type: 'string',
      choices: ACCESSES as unknown as string[],
      requiresArg: true,
      describe: 'Access granted to objects [default: read]',
    })
    .option('prefix', { type: 'string', requiresArg: true, describe: 'Restrict access to this key prefix' })
    .option('max-mfa-age', {
      type: 'number',
      requiresArg: true,
      describe: 'Also require the MFA authentication to be at most this many seconds old',
    })
    .option('partition', {
      type: 'string',
      choices: PARTITIONS as unknown as string[],
      requiresArg: true,
      describe: 'AWS partition of the ARNs [default: aws]',
    })
    .option('deny-without-mfa', {
      type: 'boolean',
      describe: 'Append an explicit Deny of all S3 actions on the bucket without MFA',
    }) as unknown as Argv;
}

export function runGenerate(argv: Record<string, unknown>, io: CliIo): number {
  const buckets = allValues(argv.bucket);
  if (buckets.length !== 1) throw new UsageError('--bucket must be given exactly once');
  const options: GeneratePolicyOptions = {};
  const access = lastValue(argv.access as string | string[] | undefined);
  if (access !== undefined) options.access = access as GeneratePolicyOptions['access'];
  const prefix = lastValue(argv.prefix as string | string[] | undefined);
  if (prefix !== undefined) options.prefix = String(prefix);
  const maxAge = lastValue(argv['max-mfa-age'] as number | number[] | undefined);
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !Number.isFinite(maxAge)) {
      throw new UsageError('invalid --max-mfa-age value: expected a number of seconds');
    }
    options.maxMfaAgeSeconds = maxAge;
  }
  const partition = lastValue(argv.partition as string | string[] | undefined);
  if (partition !== undefined) options.partition = partition as GeneratePolicyOptions['partition'];
  if (lastValue(argv['deny-without-mfa'] as boolean | boolean[] | undefined) === true) {
    options.denyWithoutMfa = true;
  }

  let policy: unknown;
  try {
    policy = generatePolicy(buckets[0]!, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${NAME}: ${oneLine(message)}\n`);
    return 2;
  }
  io.stdout(JSON.stringify(policy, null, 2) + '\n');
  return 0;
}
