import { detectInput, lintExtraction, type LintOptions, type LintResult } from '@iam-mfa-lint/core';
import { extractTerraform } from './terraform.js';

/**
 * Lints one file whatever it holds: a policy, a CloudFormation/SAM/CDK template, a Terraform
 * plan or source file, AWS CLI output. Returns undefined for a file found by a directory walk
 * that holds no policies (a package.json, a workflow): it is not reported at all.
 */
export async function lintAnyFile(
  text: string,
  fileName: string,
  options: LintOptions,
  explicit: boolean,
  lintPolicyText: (text: string, options: LintOptions) => LintResult,
): Promise<LintResult | undefined> {
  const detected = detectInput(text, fileName, { explicit });
  if (detected.format === 'policy') return lintPolicyText(text, options);
  if (detected.format === 'skip') return undefined;
  const extraction = detected.format === 'terraform' ? await extractTerraform(text, fileName) : detected;
  return lintExtraction(extraction, options);
}

/**
 * The same for formats read synchronously (all but Terraform source, which is returned as
 * linted by `fallback`): used to lint a file again after fixes were applied to its text.
 */
export function lintAnyFileSync(
  text: string,
  fileName: string,
  options: LintOptions,
  explicit: boolean,
  lintPolicyText: (text: string, options: LintOptions) => LintResult,
): LintResult | undefined {
  const detected = detectInput(text, fileName, { explicit });
  if (detected.format === 'policy') return lintPolicyText(text, options);
  if (detected.format === 'skip' || detected.format === 'terraform') return undefined;
  return lintExtraction(detected, options);
}
