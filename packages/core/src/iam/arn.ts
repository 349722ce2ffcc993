import { arnPatternMatchesTemplate, type IamData } from './data.js';
import { hasUnresolved } from '../util/unresolved.js';
import { PARTITIONS, splitArn } from './s3.js';
import { closest } from '../util/distance.js';
import { BoundedCache } from '../util/cache.js';

export interface ArnProblem {
  messageId:
    | 'notArn'
    | 'tooFewParts'
    | 'unknownPartition'
    | 'badAccount'
    | 'badRegion'
    | 'regionNotAllowed'
    | 'accountNotAllowed';
  data: Record<string, string>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;

/** Does the text hold a wildcard or a policy variable (so that it stands for text we cannot know)? */
function open(s: string): boolean {
  return s.includes('*') || s.includes('?') || s.includes('${');
}

interface TemplateFields {
  arn: string;
  region: string;
  account: string;
  resource: string;
}

const fieldsCache = new BoundedCache<string, TemplateFields | undefined>();

function templateFields(arn: string): TemplateFields | undefined {
  return fieldsCache.get(arn, () => {
    const parts = splitArn(arn);
    return parts.length === 6 ? { arn, region: parts[3]!, account: parts[4]!, resource: parts[5]! } : undefined;
  });
}

/**
 * Checks one Resource/NotResource entry. `*`, wildcards and policy variables are valid anywhere;
 * an account is 12 digits or `aws` (AWS-owned resources: arn:aws:iam::aws:policy/...). With the
 * service reference, a region or account is checked against the ARN formats of the service's
 * resource types that the resource part can match (S3 bucket and object ARNs have neither).
 */
export function checkArn(raw: string, data: IamData | undefined): ArnProblem | undefined {
  if (!data) return check(raw, undefined);
  let cache = checked.get(data);
  if (!cache) {
    cache = new BoundedCache();
    checked.set(data, cache);
  }
  return cache.get(raw, (r) => check(r, data));
}

/** Per reference: the answer depends on the data too. */
const checked = new WeakMap<IamData, BoundedCache<string, ArnProblem | undefined>>();

function check(raw: string, data: IamData | undefined): ArnProblem | undefined {
  if (raw === '*' || /^[*?]+$/.test(raw)) return undefined;
  // A value a template computes at deploy time (util/unresolved.ts): its text is not known here.
  if (hasUnresolved(raw)) return undefined;
  const parts = splitArn(raw);
  if (parts[0] !== 'arn' && !(open(parts[0]!) && parts.length > 1)) return { messageId: 'notArn', data: {} };
  if (parts.length < 6) {
    // A wildcard may stand for the missing colons (arn:aws:s3:::* is fine, so is arn:aws:*).
    if (raw.includes('*')) return undefined;
    return { messageId: 'tooFewParts', data: { count: String(parts.length) } };
  }
  const [, partition, service, region, account, resource] = parts as [string, string, string, string, string, string];
  if (!open(partition) && !(PARTITIONS as readonly string[]).includes(partition)) {
    const fix = closest(partition, PARTITIONS, 2, false);
    return { messageId: 'unknownPartition', data: { partition, hint: fix ? `; did you mean "${fix}"?` : '' } };
  }
  if (account !== '' && !open(account) && !ACCOUNT.test(account) && account !== 'aws') {
    return { messageId: 'badAccount', data: { account } };
  }
  if (region !== '' && !open(region) && !REGION.test(region)) return { messageId: 'badRegion', data: { region } };
  if (!data || open(service) || !data.hasService(service)) return undefined;
  const svc = data.service(service);
  if (!svc) return undefined;
  // The resource types of this service whose resource part the entry can match.
  const candidates: Array<{ name: string; f: TemplateFields }> = [];
  for (const [name, rt] of svc.resourceTypes) {
    const f = templateFields(rt.arn);
    if (!f || splitArn(rt.arn)[2] !== service) continue;
    if (arnPatternMatchesTemplate(resource, f.resource)) candidates.push({ name, f });
  }
  if (candidates.length === 0) return undefined;
  const example = candidates[0]!;
  const types = candidates
    .map((c) => c.name)
    .slice(0, 3)
    .join(', ');
  if (region !== '' && !open(region) && candidates.every((c) => c.f.region === '')) {
    return { messageId: 'regionNotAllowed', data: { region, service, types, template: example.f.arn } };
  }
  if (account !== '' && !open(account) && candidates.every((c) => c.f.account === '')) {
    return { messageId: 'accountNotAllowed', data: { account, service, types, template: example.f.arn } };
  }
  // No check of an empty region or account: AWS-owned resources leave them out where customers'
  // have them (arn:aws:ssm:*::parameter/aws/service/..., public SSM documents).
  return undefined;
}
