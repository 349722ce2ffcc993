export type { Extraction, ExtractedDocument, ExtractedRole, InputFormat, InputProblem, HclParser } from './types.js';
export { emptyExtraction } from './types.js';
export { detectInput, looksLikePolicy, isYamlName } from './detect.js';
export type { DetectedInput, DetectOptions } from './detect.js';
export { extractCloudFormation, isCloudFormationTemplate, ACCOUNT_PLACEHOLDER } from './cloudformation.js';
export { extractTerraformPlan, isTerraformPlan } from './terraform-plan.js';
export { extractAwsCli, isAwsCliOutput } from './aws-cli.js';
export { parseYamlTree, parseJsonTree } from './tree.js';
export { decodeJsonString } from './embedded.js';
export { LineIndex } from '../util/lines.js';
export {
  lintExtraction,
  lintExtractionFiles,
  lintModule,
  targetBuckets,
  lintFile,
  lintFileSync,
  looksLikeAccountDetails,
} from './lint.js';
export type { FileLintOptions } from './lint.js';
export { extractTerraform, extractTerraformModule, type SourceFile } from './terraform.js';
export { unresolvedMarker, hasUnresolved, showUnresolved, UNRESOLVED_PREFIX } from '../util/unresolved.js';
