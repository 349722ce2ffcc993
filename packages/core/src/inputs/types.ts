import type { Audience, DocumentSource } from '../types.js';
import type { PolicyType } from '../types.js';
import type { Range } from '../model/parse.js';

/** The kinds of file that hold policy documents. */
export type InputFormat = 'policy' | 'cloudformation' | 'terraform' | 'terraform-plan' | 'aws-cli';

/** One policy document found inside a host file. */
export interface ExtractedDocument {
  /** The document as IAM would receive it (intrinsics resolved where possible). */
  value: unknown;
  /** Where the document's nodes sit in the host file. */
  source: DocumentSource;
  /**
   * Names the document in the host file: a CloudFormation logical id and policy name
   * (`AppRole/S3Access`), a Terraform address (`aws_iam_policy.reader`), a CLI output path
   * (`PolicyVersion.Document`).
   */
  label: string;
  /** The kind of policy, from where it sits (a role's trust policy, a bucket policy...). */
  kind: PolicyType;
  /** Where the document starts in the host file. */
  range: Range;
  /** Who uses it, when the host file says so directly (a SAM function's inline policies: the function, a machine). */
  audience?: Audience;
  /** A VPC endpoint policy: it limits what passes through the endpoint and grants nothing itself. */
  endpointPolicy?: boolean;
  /** The file the document is written in, when the extraction read several (a Terraform module). */
  file?: string;
}

/**
 * A role defined in a template, with the documents that make up its permissions: its trust
 * policy and the inline and attached managed policies defined in the same file (in the same
 * module for Terraform source).
 */
export interface ExtractedRole {
  /** Logical id or address of the role. */
  id: string;
  /** Index into `documents` of the trust policy, when the file has it. */
  trust?: number;
  /** Indexes into `documents` of the permission policies attached to the role. */
  policies: number[];
  /** True when an instance profile in the same file holds the role (EC2 instances assume it). */
  instanceProfile: boolean;
}

/** A file-level problem: the host file cannot be read as its format. */
export interface InputProblem {
  ruleId: 'invalid-json' | 'invalid-policy';
  messageId: string;
  message: string;
  range: Range;
  /** The file the problem is in, when the extraction read several (a Terraform module). */
  file?: string;
}

/** An IAM user or group defined in the file, with the documents attached to it: people, who can present MFA. */
export interface ExtractedHolder {
  kind: 'user' | 'group';
  /** Logical id or address. */
  id: string;
  /** Indexes into `documents`. */
  policies: number[];
}

export interface Extraction {
  format: InputFormat;
  documents: ExtractedDocument[];
  roles: ExtractedRole[];
  /** Users and groups of the file that hold some of its documents. */
  people: ExtractedHolder[];
  /**
   * S3 bucket names defined with a literal name in the file (CloudFormation `AWS::S3::Bucket`
   * `BucketName`, Terraform `aws_s3_bucket` `bucket`).
   */
  buckets: string[];
  problems: InputProblem[];
}

export function emptyExtraction(format: InputFormat): Extraction {
  return { format, documents: [], roles: [], people: [], buckets: [], problems: [] };
}

/**
 * The HCL parser a host lends to the Terraform input: HCL to JSON as `terraform show -json`
 * would read it, and one expression's syntax tree. The core holds no parser of its own (the CLI's
 * is a WebAssembly module that it loads only when a .tf file is linted).
 */
export interface HclParser {
  parse(fileName: string, text: string): Promise<unknown>;
  getExpressionAst(fileName: string, text: string): Promise<unknown>;
}
