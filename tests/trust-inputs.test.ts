/**
 * Issue 12's trust, principal and condition-key checks in host files (fixtures/trust): CloudFormation YAML
 * (pseudo-parameters, !Sub) and Terraform (policy documents, jsonencode, deploy-time accounts),
 * run through the CLI as users run it (findings of other rules left out). Positions are in the host file.
 */
import { describe } from 'vitest';
import { hostFileTests, type HostCases } from './helpers/host-files.ts';

const RULES = [
  'principal-wildcard',
  'principal-invalid',
  'trust-account-unconditioned',
  'trust-federation',
  'condition-key-unknown',
];

/** Each host file with the findings of these rules, in order. */
const CASES: HostCases = {
  'fixtures/trust/template.yaml': {
    what: 'CloudFormation YAML: !Sub account roots, GitHub sub wildcards, wildcard accounts and bare names',
    findings: [
      '12:25 trust-account-unconditioned/wholeAccount warn',
      '26:58 trust-federation/githubSubWildcard error',
      '40:19 principal-wildcard/wildcardAccount error',
      '41:19 principal-invalid/notAwsPrincipal error',
    ],
  },
  'fixtures/trust/main.tf': {
    what: 'Terraform: policy documents and jsonencode, an account known only at deploy time',
    findings: [
      '9:22 trust-federation/githubSubMissing error',
      '30:27 trust-account-unconditioned/wholeAccount warn',
      '42:33 trust-federation/samlAction error',
      '42:91 principal-invalid/unknownService error',
      '54:22 trust-federation/cognitoAmrMissing warn',
    ],
  },
  'fixtures/trust/condition-keys.yaml': {
    what: 'CloudFormation YAML: a service key no action supports, a Cognito trust without amr',
    findings: ['16:17 condition-key-unknown/notForActions error', '31:26 trust-federation/cognitoAmrMissing warn'],
  },
  'fixtures/trust/condition-keys.tf': {
    what: 'Terraform: service keys no action supports, in a policy document and in jsonencode',
    findings: ['8:18 condition-key-unknown/notForActions error', '21:47 condition-key-unknown/notForActions error'],
  },
};

describe('trust and principal checks in host files', () => hostFileTests(CASES, RULES));
