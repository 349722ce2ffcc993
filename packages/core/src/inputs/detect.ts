import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parseDocument, type ParsedDocument } from '../model/parse.js';
import { editDistance } from '../util/distance.js';
import { extractAwsCli, isAwsCliOutput } from './aws-cli.js';
import { extractCloudFormation, isCloudFormationTemplate } from './cloudformation.js';
import { LineIndex } from '../util/lines.js';
import { isObject, type JsonHost } from './host-json.js';
import { extractTerraformPlan, isTerraformPlan } from './terraform-plan.js';
import { entry, parseYamlTree, plainValue, treeFromJson, treeLocations } from './tree.js';
import type { DocumentSource } from '../types.js';
import { emptyExtraction, type Extraction } from './types.js';

/**
 * What a file is, read from its content (the extension only breaks ties):
 * - `policy`: a plain policy document (or broken JSON): lint the text as it is (`lintText`); a
 *   policy written as YAML comes with its value and positions (`yaml`).
 * - `terraform`: Terraform source (`.tf`): HCL, read by the CLI (see the CLI's terraform input).
 * - `skip`: neither a policy nor a file that holds policies (a package.json, a workflow): found by a
 *   directory walk, it is not linted at all.
 * - an `Extraction`: the documents found in a template, a plan or CLI output.
 */
export type DetectedInput =
  | { format: 'policy'; yaml?: { value: unknown; source: DocumentSource } }
  | { format: 'terraform' }
  | { format: 'skip'; reason: string }
  | Extraction;

export interface DetectOptions {
  /**
   * The file was named by the user (not found by a walk): a file of an unknown shape is then
   * linted as a policy (and reported as not being one) instead of being skipped.
   */
  explicit?: boolean;
}

/** Helm/Go (`{{ ... }}`, `{{- if }}`) and Jinja (`{% ... %}`) template syntax. */
const TEMPLATE_SYNTAX = /\{\{-?\s|\{%-?\s/;
const YAML_EXTENSIONS = /\.(ya?ml|template)$/i;

export function isYamlName(fileName: string): boolean {
  return YAML_EXTENSIONS.test(fileName);
}

/** A quick look at a parsed JSON value: could it be a CloudFormation template? */
function mayBeTemplate(value: Record<string, unknown>): boolean {
  return 'AWSTemplateFormatVersion' in value || isObject(value.Resources);
}

/** Could this JSON value be meant as a policy document (even a broken one)? */
export function looksLikePolicy(value: unknown): boolean {
  if (!isObject(value)) return false;
  // A Statement (even misspelled), or the policy language's dated Version: a package.json's
  // "version": "1.0.0" is not one.
  return Object.entries(value).some(
    ([k, v]) =>
      editDistance(k.toLowerCase(), 'statement', 2) <= 2 ||
      (/^version$/i.test(k) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())),
  );
}

/** Does the text parse as JSON with comments and trailing commas, to a value that is no policy? */
function isJsoncNonPolicy(text: string): boolean {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 && !looksLikePolicy(value);
}

/**
 * Detects the format of a file by its content and extracts the policy documents it holds.
 * Synchronous and browser-safe; Terraform source is left to the caller (`format: 'terraform'`).
 */
export function detectInput(text: string, fileName: string, options: DetectOptions = {}): DetectedInput {
  return detectParsed(text, fileName, options).detected;
}

/**
 * detectInput, and for a policy the parsed document it read on the way (`doc`), so that linting
 * it does not parse the text a second time.
 */
export function detectParsed(
  text: string,
  fileName: string,
  options: DetectOptions = {},
): { detected: DetectedInput; doc?: ParsedDocument } {
  const found = (detected: DetectedInput) => ({ detected });
  const explicit = options.explicit ?? false;
  if (/\.tf$/i.test(fileName)) return found({ format: 'terraform' });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  const yamlName = isYamlName(fileName);
  if (first === '{' || first === '[' || (!yamlName && first !== undefined)) {
    // Cheap first: the value alone (native JSON.parse). Positions are built only for containers.
    const parsed = parseDocument(text);
    if (!parsed.ok) {
      // JSON with comments (tsconfig.json, VS Code settings) found by a walk: skipped unless it
      // looks like a policy (IAM accepts no comments, so such a policy is reported).
      if (!explicit && isJsoncNonPolicy(text))
        return found({ format: 'skip', reason: 'JSON with comments that is not a policy document' });
      // A template for another tool (Helm's `{{- toJson .Values }}`, Jinja's `{% if %}`) found by a
      // walk: not JSON until that tool renders it, and not a policy.
      if (!explicit && TEMPLATE_SYNTAX.test(body)) return found({ format: 'skip', reason: 'a Helm or Jinja template' });
      // Broken JSON: a .json file (or a JSON-looking one) gets the exact JSON error, as always.
      if (!yamlName || first === '{' || first === '[') return found({ format: 'policy' });
    } else {
      const value = parsed.doc.value;
      if (isObject(value) && (mayBeTemplate(value) || isTerraformPlan(value) || isAwsCliOutput(value))) {
        const { locations } = parsed.doc.sourceIndex();
        const root = treeFromJson(value, locations);
        if (isCloudFormationTemplate(root)) return found(extractCloudFormation(root, { text }));
        const host: JsonHost = { text, value, locations, lines: new LineIndex(text) };
        if (isTerraformPlan(value)) return found(extractTerraformPlan(host));
        if (isAwsCliOutput(value)) return found(extractAwsCli(host));
      }
      if (explicit || looksLikePolicy(value)) return { detected: { format: 'policy' }, doc: parsed.doc };
      return found({ format: 'skip', reason: 'neither a policy document nor a template, plan or CLI output' });
    }
  }
  // An empty .json file is a broken policy wherever it is found; an empty YAML file is nothing.
  if (first === undefined)
    return found(explicit || !yamlName ? { format: 'policy' } : { format: 'skip', reason: 'empty file' });
  // YAML: CloudFormation and SAM templates.
  const tree = parseYamlTree(text);
  const templateLike = /^(AWSTemplateFormatVersion|Resources|Transform)\s*:/m.test(body);
  if (!tree.ok) {
    if (!explicit && !templateLike) return found({ format: 'skip', reason: 'not YAML (and not a template)' });
    const out = emptyExtraction('cloudformation');
    out.problems.push({
      ruleId: 'invalid-json',
      messageId: tree.messageId ?? 'syntax',
      message: tree.message,
      range: tree.range,
    });
    return found(out);
  }
  if (isCloudFormationTemplate(tree.root)) return found(extractCloudFormation(tree.root));
  // A plain policy written as YAML: a Version and a Statement (named by the user: anything that
  // looks like a policy, so that its mistakes are reported).
  const policy = entry(tree.root, 'Statement') !== undefined && entry(tree.root, 'Version') !== undefined;
  const value = policy || explicit ? plainValue(tree.root) : undefined;
  if (policy || (explicit && looksLikePolicy(value))) {
    const locations = treeLocations(tree.root);
    return found({ format: 'policy', yaml: { value, source: { lookup: (p) => locations.get(p) } } });
  }
  if (!explicit)
    return found({ format: 'skip', reason: 'YAML that is neither a policy nor a CloudFormation template' });
  const out = emptyExtraction('cloudformation');
  out.problems.push({
    ruleId: 'invalid-policy',
    messageId: 'grammar',
    message:
      'This YAML file is not a policy (Version and Statement) and not a CloudFormation template (AWSTemplateFormatVersion, or Resources with a Type)',
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  });
  return found(out);
}
