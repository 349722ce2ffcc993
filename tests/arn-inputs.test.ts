/**
 * Issue 12's ARN segment checks (invalid-arn) and every-resource ARNs (resource-wildcard) in host
 * files (fixtures/arns): CloudFormation YAML (pseudo-parameters, !Sub, !GetAtt) and Terraform
 * (policy documents, jsonencode, references), run through the CLI as users run it (findings of
 * other rules left out). Positions are in the host file; values known only at deploy time are
 * never called malformed.
 */
import { describe } from 'vitest';
import { hostFileTests, type HostCases } from './helpers/host-files.ts';

/** Each host file with its invalid-arn findings, in order. */
const CASES: HostCases = {
  'fixtures/arns/template.yaml': {
    what: 'CloudFormation YAML: a lost colon, an empty account and region under !Sub, every trail of every account; !GetAtt left alone',
    findings: [
      '18:17 invalid-arn/tooFewParts error',
      '19:22 invalid-arn/accountMissing error',
      '20:22 invalid-arn/regionMissing error',
      '31:21 resource-wildcard/actionEveryArn warn',
    ],
  },
  'fixtures/arns/main.tf': {
    what: 'Terraform: a lost partition, an empty account, a region * standing for the account, every role of every account; references left alone',
    findings: [
      '6:7 invalid-arn/partitionMissing error',
      '7:7 invalid-arn/accountMissing error',
      '21:18 invalid-arn/wildcardSpansSegments warn',
      '28:18 resource-wildcard/actionEveryArn warn',
    ],
  },
};

describe('ARN segment checks in host files', () => hostFileTests(CASES, ['invalid-arn', 'resource-wildcard']));
