import type { PolicyType } from '../types.js';
import { detectPolicyType } from '../iam/policy-type.js';
import { normalize } from '../model/normalize.js';
import { addDocumentAt, isObject, joinPointer, type JsonHost } from './host-json.js';
import { emptyExtraction, type Extraction } from './types.js';
import { referencedAddress, terraformSets, type TfResource } from './terraform-sets.js';
import { table } from '../util/table.js';

/** Is this JSON `terraform show -json` output (a plan or a state)? */
export function isTerraformPlan(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.format_version === 'string' &&
    ('planned_values' in value || 'values' in value || 'resource_changes' in value || 'prior_state' in value)
  );
}

/**
 * Attributes that hold policy documents, by resource type (plans and .tf source alike).
 *
 * A reviewed hand table: no maintained npm package publishes the Terraform AWS provider's schema
 * (`terraform providers schema -json` needs the provider binary). Source: the argument references
 * of the hashicorp/aws provider 5.x/6.x on registry.terraform.io, every argument documented as "a
 * valid policy JSON document" (or an IAM policy document's JSON). Left out on purpose: IoT policies,
 * Organizations policies (`content` may be a tag or backup policy), and arguments of nested blocks
 * other than aws_iam_role's `inline_policy`.
 */
export const TERRAFORM_POLICY_ATTRIBUTES: Readonly<
  Record<string, ReadonlyArray<readonly [attribute: string, kind: PolicyType]>>
> = table({
  aws_iam_policy: [['policy', 'identity']],
  aws_iam_role: [['assume_role_policy', 'trust']],
  aws_iam_role_policy: [['policy', 'identity']],
  aws_iam_user_policy: [['policy', 'identity']],
  aws_iam_group_policy: [['policy', 'identity']],
  aws_ssoadmin_permission_set_inline_policy: [['inline_policy', 'identity']],
  aws_iam_policy_document: [['json', 'identity']],
  aws_acmpca_policy: [['policy', 'resource']],
  aws_api_gateway_rest_api: [['policy', 'resource']],
  aws_api_gateway_rest_api_policy: [['policy', 'resource']],
  aws_backup_vault_policy: [['policy', 'resource']],
  aws_cloudsearch_domain_service_access_policy: [['access_policy', 'resource']],
  aws_cloudwatch_event_bus_policy: [['policy', 'resource']],
  aws_cloudwatch_log_destination_policy: [['access_policy', 'resource']],
  aws_cloudwatch_log_resource_policy: [['policy_document', 'resource']],
  aws_codeartifact_domain_permissions_policy: [['policy_document', 'resource']],
  aws_codeartifact_repository_permissions_policy: [['policy_document', 'resource']],
  aws_codebuild_resource_policy: [['policy', 'resource']],
  aws_dynamodb_resource_policy: [['policy', 'resource']],
  aws_ecr_registry_policy: [['policy', 'resource']],
  aws_ecr_repository_policy: [['policy', 'resource']],
  aws_ecrpublic_repository_policy: [['policy', 'resource']],
  aws_efs_file_system_policy: [['policy', 'resource']],
  aws_elasticsearch_domain: [['access_policies', 'resource']],
  aws_elasticsearch_domain_policy: [['access_policies', 'resource']],
  aws_glacier_vault: [['access_policy', 'resource']],
  aws_glacier_vault_lock: [['policy', 'resource']],
  aws_glue_resource_policy: [['policy', 'resource']],
  aws_kinesis_resource_policy: [['policy', 'resource']],
  aws_kms_external_key: [['policy', 'resource']],
  aws_kms_key: [['policy', 'resource']],
  aws_kms_replica_external_key: [['policy', 'resource']],
  aws_kms_replica_key: [['policy', 'resource']],
  aws_media_store_container_policy: [['policy', 'resource']],
  aws_msk_cluster_policy: [['policy', 'resource']],
  aws_networkfirewall_resource_policy: [['policy', 'resource']],
  aws_oam_sink_policy: [['policy', 'resource']],
  aws_opensearch_domain: [['access_policies', 'resource']],
  aws_opensearch_domain_policy: [['access_policies', 'resource']],
  aws_redshift_resource_policy: [['policy', 'resource']],
  aws_s3_access_point: [['policy', 'resource']],
  aws_s3_bucket: [['policy', 'resource']],
  aws_s3_bucket_policy: [['policy', 'resource']],
  aws_s3control_access_point_policy: [['policy', 'resource']],
  aws_s3control_bucket_policy: [['policy', 'resource']],
  aws_s3control_object_lambda_access_point_policy: [['policy', 'resource']],
  aws_s3tables_table_bucket_policy: [['resource_policy', 'resource']],
  aws_s3tables_table_policy: [['resource_policy', 'resource']],
  aws_sagemaker_model_package_group_policy: [['resource_policy', 'resource']],
  aws_schemas_registry_policy: [['policy', 'resource']],
  aws_secretsmanager_secret: [['policy', 'resource']],
  aws_secretsmanager_secret_policy: [['policy', 'resource']],
  aws_ses_identity_policy: [['policy', 'resource']],
  aws_sns_topic: [['policy', 'resource']],
  aws_sns_topic_policy: [['policy', 'resource']],
  aws_sqs_queue: [['policy', 'resource']],
  aws_sqs_queue_policy: [['policy', 'resource']],
  aws_vpc_endpoint: [['policy', 'resource']],
  aws_vpc_endpoint_policy: [['policy', 'resource']],
  aws_vpclattice_auth_policy: [['policy', 'resource']],
  aws_vpclattice_resource_policy: [['policy', 'resource']],
  aws_xray_resource_policy: [['policy_document', 'resource']],
});

/** Resource types whose policy is a VPC endpoint policy (ExtractedDocument.endpointPolicy). */
export const TERRAFORM_ENDPOINT_POLICIES: ReadonlySet<string> = new Set([
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_policy',
]);

interface Found {
  address: string;
  type: string;
  mode: string;
  values: Record<string, unknown>;
  pointer: string;
}

function collectModule(module: unknown, pointer: string, found: Found[], depth: number): void {
  if (!isObject(module) || depth > 32) return;
  const resources = Array.isArray(module.resources) ? module.resources : [];
  resources.forEach((r, i) => {
    if (!isObject(r) || typeof r.type !== 'string' || !isObject(r.values)) return;
    found.push({
      address: typeof r.address === 'string' ? r.address : r.type,
      type: r.type,
      mode: typeof r.mode === 'string' ? r.mode : 'managed',
      values: r.values,
      pointer: joinPointer(pointer, 'resources', i, 'values'),
    });
  });
  const children = Array.isArray(module.child_modules) ? module.child_modules : [];
  children.forEach((c, i) => collectModule(c, joinPointer(pointer, 'child_modules', i), found, depth + 1));
}

/**
 * The references of every resource's arguments in a plan's `configuration` (values the plan does
 * not know yet, such as a new policy's ARN, are linked through them): configuration address ->
 * argument -> the addresses it refers to, with module calls' addresses prefixed (`module.m.`).
 */
function configurationReferences(configuration: unknown): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  const visit = (module: unknown, prefix: string, depth: number): void => {
    if (!isObject(module) || depth > 32) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string' || !isObject(r.expressions)) continue;
      const byArgument = new Map<string, string[]>();
      for (const [argument, e] of Object.entries(r.expressions)) {
        const refs = isObject(e) && Array.isArray(e.references) ? e.references : [];
        const addresses = refs.flatMap((x) => (typeof x === 'string' ? (referencedAddress(prefix + x) ?? []) : []));
        if (addresses.length > 0) byArgument.set(argument, [...new Set(addresses)]);
      }
      out.set(prefix + r.address, byArgument);
    }
    const calls = isObject(module.module_calls) ? module.module_calls : {};
    for (const [name, call] of Object.entries(calls))
      if (isObject(call)) visit(call.module, `${prefix}module.${name}.`, depth + 1);
  };
  if (isObject(configuration)) visit(configuration.root_module, '', 0);
  return out;
}

/**
 * Extracts the policy documents of a Terraform plan or state in JSON (`terraform show -json`):
 * the planned values (or the state's values), and the data sources of the prior state. Policies
 * are JSON-encoded strings there; each node is located at its exact column inside the string.
 */
export function extractTerraformPlan(host: JsonHost): Extraction {
  const out = emptyExtraction('terraform-plan');
  const plan = host.value as Record<string, unknown>;
  const found: Found[] = [];
  if (isObject(plan.planned_values))
    collectModule(plan.planned_values.root_module, '/planned_values/root_module', found, 0);
  else if (isObject(plan.values)) collectModule(plan.values.root_module, '/values/root_module', found, 0);
  if (isObject(plan.prior_state) && isObject(plan.prior_state.values)) {
    const prior: Found[] = [];
    collectModule(plan.prior_state.values.root_module, '/prior_state/values/root_module', prior, 0);
    for (const f of prior) if (f.mode === 'data' && !found.some((g) => g.address === f.address)) found.push(f);
  }

  const references = configurationReferences(plan.configuration);
  const linked: TfResource[] = [];
  for (const f of found) {
    if (f.type === 'aws_s3_bucket' && typeof f.values.bucket === 'string' && !out.buckets.includes(f.values.bucket))
      out.buckets.push(f.values.bucket);
    const documents = new Map<string, number>();
    for (const [attribute, kind] of TERRAFORM_POLICY_ATTRIBUTES[f.type] ?? []) {
      const value = f.values[attribute];
      if (typeof value !== 'string') continue;
      const before = out.documents.length;
      addDocumentAt(host, out, joinPointer(f.pointer, attribute), value, f.address, kind);
      if (out.documents.length === before) continue;
      const idx = before;
      documents.set(attribute, idx);
      if (TERRAFORM_ENDPOINT_POLICIES.has(f.type)) out.documents[idx]!.endpointPolicy = true;
      // A policy document data source is used elsewhere (a trust policy, a bucket or domain
      // policy, an identity policy): its kind comes from its content, as a standalone file's does.
      if (f.type === 'aws_iam_policy_document')
        out.documents[idx]!.kind = detectPolicyType(normalize(out.documents[idx]!.value));
    }
    const inline: number[] = [];
    if (f.type === 'aws_iam_role' && Array.isArray(f.values.inline_policy)) {
      f.values.inline_policy.forEach((p, i) => {
        if (!isObject(p) || typeof p.policy !== 'string') return;
        const before = out.documents.length;
        addDocumentAt(
          host,
          out,
          joinPointer(f.pointer, 'inline_policy', i, 'policy'),
          p.policy,
          `${f.address}/${typeof p.name === 'string' ? p.name : `inline_policy[${i}]`}`,
          'identity',
        );
        if (out.documents.length > before) inline.push(before);
      });
    }
    const address = f.address.replace(/\[[^\]]*\]/g, '');
    const expressions = references.get(address);
    linked.push({
      address,
      type: f.type,
      // Roles keep the name they have in the plan (as messages named them before sets were shared).
      id: typeof f.values.name === 'string' && f.values.name !== '' ? f.values.name : f.address,
      literal: (attribute) => f.values[attribute],
      refs: (attribute) => expressions?.get(attribute) ?? [],
      documents,
      inline,
    });
  }
  const sets = terraformSets(linked, (v) => v !== '');
  out.roles = sets.roles;
  out.people = sets.people;
  return out;
}
