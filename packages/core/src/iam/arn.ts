import { arnPatternMatchesTemplate, type IamData, type IamService } from './data.js';
import {
  classToken,
  formatsOf,
  intersects,
  litToken,
  scanTemplate,
  type Cls,
  type PTok,
  type TTok,
} from './arn-match.js';
import { hasUnresolved, isUnresolved } from '../util/unresolved.js';
import { PARTITIONS, splitArn } from './s3.js';
import { closest } from '../util/distance.js';
import { BoundedCache, BoundedPairCache } from '../util/cache.js';

export interface ArnProblem {
  messageId:
    | 'notArn'
    | 'tooFewParts'
    | 'tooManyParts'
    | 'partitionMissing'
    | 'unknownPartition'
    | 'serviceMissing'
    | 'badAccount'
    | 'badRegion'
    | 'regionNotAllowed'
    | 'regionMissing'
    | 'accountNotAllowed'
    | 'accountMissing'
    | 'resourceUnknown'
    | 'wildcardSpansSegments';
  data: Record<string, string>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
const SERVICE = /^[a-z0-9-]+$/;

/** Does the text hold a wildcard or a policy variable (so that it stands for text we cannot know)? */
function open(s: string): boolean {
  return s.includes('*') || s.includes('?') || s.includes('${');
}

/**
 * Resource types whose AWS-owned resources have no account where customers' resources have one
 * (the service reference writes only the customer form): public SSM parameters
 * (arn:aws:ssm:REGION::parameter/aws/service/...), AWS-owned SSM documents and automation runbooks
 * (AWS-RunShellScript, arn:aws:ssm:*::automation-definition/AWS-*:*),
 * public AMIs and snapshots, AWS managed Resource Explorer views and Control Tower baselines.
 * Their ARNs may leave the account empty.
 */
const NO_ACCOUNT_OWNED: ReadonlySet<string> = new Set([
  'ssm/parameter',
  'ssm/document',
  'ec2/image',
  'ec2/snapshot',
  'ec2/fpga-image',
  'ssm/automation-definition',
  'resource-explorer-2/view',
  'controltower/baseline',
]);

// ---------------------------------------------------------------------------------------------
// Matching a policy's ARN pattern against the service reference's ARN templates, segment-aware.
//
// Pattern side (IAM's rules, reference_policies_elements_resource): `*` matches any run of
// characters and `?` one, within a segment; "if the * wildcard is the last character of a
// resource ARN segment, it can expand to match beyond the colon boundaries". Policy variables and
// unknown template values (util/unresolved.ts) may stand for any text, colons included, except
// that one filling a whole segment before the resource part stands for that segment
// (`${AWS::Region}`, `${aws:PrincipalAccount}`). In the resource part (after the fifth colon)
// colons are ordinary characters.
//
// Template side: a placeholder is one or more characters of its kind: ${Partition} and ${Region}
// [a-z0-9-], an account (any placeholder in the account segment) 12 digits or `aws` (or nothing, for
// the AWS-owned kinds above), ${BucketName} no `:` or `/`, other resource placeholders anything.

/** An internal character standing for "any text within one segment" (segment repairs). */
const SEGMENT_ANY = '\u0001';

function patternTokens(p: string): PTok[] {
  const out: PTok[] = [];
  let segment = 0;
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '$' && p[i + 1] === '{') {
      // A policy variable or an unknown value: any text. Nested braces (${a${b}}) end together.
      let j = i;
      depth = 0;
      for (; j < p.length; j++) {
        if (p[j] === '$' && p[j + 1] === '{') depth++;
        else if (p[j] === '}' && --depth === 0) break;
      }
      // One that fills a whole segment before the resource part (`arn:aws:sqs:${AWS::Region}:...`)
      // stands for that segment; one inside a segment may stand for more.
      const whole = (i === 0 || p[i - 1] === ':') && (p[j + 1] === undefined || p[j + 1] === ':');
      out.push({ kind: 'star', colon: segment >= 5 || !whole });
      i = j;
      continue;
    }
    const inResource = segment >= 5;
    if (c === '*') {
      const last = p[i + 1] === undefined || p[i + 1] === ':';
      out.push({ kind: 'star', colon: inResource || last });
    } else if (c === SEGMENT_ANY) out.push({ kind: 'star', colon: inResource });
    else if (c === '?') out.push({ kind: 'one', colon: inResource });
    else {
      if (c === ':' && segment < 5) segment++;
      out.push(litToken(c));
    }
  }
  return out;
}

interface Template {
  /** The resource type's name in the reference (`bucket`). */
  type: string;
  /** As the reference writes it. */
  arn: string;
  region: string;
  account: string;
  /** Token sequences: the customer form, `aws` as the account, and (AWS-owned kinds) no account. */
  variants: TTok[][];
  /** The literal text the resource part starts with, up to its first placeholder or `*`. */
  resourceHead: string;
}

/**
 * The literal text that starts the pattern's resource part, when the pattern's first five colons
 * are its own (no wildcard before them may stand for a colon); otherwise undefined. A template's
 * placeholders before the resource part never produce a colon, so such a pattern's resource part
 * meets the template's resource part, and their literal heads must agree as far as both go.
 */
function resourceHeadOf(p: readonly PTok[]): string | undefined {
  let colons = 0;
  let i = 0;
  for (; i < p.length && colons < 5; i++) {
    const t = p[i]!;
    if (t.kind !== 'lit') {
      if (t.colon) return undefined;
    } else if (t.c === ':') colons++;
  }
  if (colons < 5) return undefined;
  let head = '';
  for (; i < p.length; i++) {
    const t = p[i]!;
    if (t.kind !== 'lit') break;
    head += t.c;
  }
  return head;
}

/** Do two literal heads agree as far as both go? */
function headsAgree(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function templateTokens(t: string, account: 'digits' | 'aws' | 'none'): TTok[] {
  const out: TTok[] = [];
  scanTemplate(
    t,
    (name, segment) => {
      if (segment === 4) {
        if (account === 'aws') for (const a of 'aws') out.push(litToken(a));
        else if (account === 'digits') for (let d = 0; d < 12; d++) out.push(classToken('one', 'digit'));
        return;
      }
      const cls: Cls =
        segment < 4
          ? name === 'Partition' || name === 'Region'
            ? 'partition'
            : 'noColon'
          : name === 'BucketName'
            ? 'bucket'
            : 'any';
      out.push(classToken('one', cls), classToken('star', cls));
    },
    (c, segment) => out.push(c === '*' ? classToken('star', segment < 5 ? 'noColon' : 'any') : litToken(c)),
  );
  return out;
}

/**
 * Resource types that AWS documents but the service reference does not list, by service prefix.
 * CloudFormation: a change set of a template with a transform needs CreateChangeSet on the
 * transform, arn:aws:cloudformation:REGION:aws:transform/Serverless-2016-10-31
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-serverless.html).
 */
export const DOCUMENTED_RESOURCE_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cloudformation: { transform: 'arn:${Partition}:cloudformation:${Region}:aws:transform/${TransformName}' },
};

const serviceTemplates = new WeakMap<IamService, Template[]>();

/** The ARN templates of a service's resource types whose service segment is the prefix itself. */
function templatesOf(prefix: string, svc: IamService): Template[] {
  let list = serviceTemplates.get(svc);
  if (list) return list;
  list = [];
  const documented = Object.entries(DOCUMENTED_RESOURCE_TYPES[prefix] ?? {}).map(
    ([type, arn]) => [type, { arn }] as const,
  );
  for (const [type, rt] of [...svc.resourceTypes, ...documented]) {
    // Some types list several formats ("arn:...:/apis/${ApiId}/stages/..., arn:...:/restapis/...").
    for (const arn of formatsOf(rt.arn)) {
      const parts = splitArn(arn);
      if (parts.length !== 6 || parts[2] !== prefix) continue;
      const account = parts[4]!;
      const placeholder = account.startsWith('${');
      const variants = [templateTokens(arn, 'digits')];
      if (placeholder) variants.push(templateTokens(arn, 'aws'));
      if (placeholder && NO_ACCOUNT_OWNED.has(`${prefix}/${type}`)) variants.push(templateTokens(arn, 'none'));
      const resource = parts[5]!;
      const end = resource.search(/\$\{|\*/);
      list.push({
        type,
        arn,
        region: parts[3]!,
        account,
        variants,
        resourceHead: end < 0 ? resource : resource.slice(0, end),
      });
    }
  }
  serviceTemplates.set(svc, list);
  return list;
}

/** The templates the pattern can match. */
function matching(pattern: string, templates: readonly Template[]): Template[] {
  return templates.filter(matcher(pattern));
}

/**
 * Can the pattern match one of the templates (stops at the first)? `parts` and `from`, when the
 * caller has them already: splitArn(pattern) and spanningFrom of those parts.
 */
function matchesAny(
  pattern: string,
  templates: readonly Template[],
  parts?: readonly string[],
  from?: number,
): boolean {
  return templates.some(matcher(pattern, parts, from));
}

/** Can the pattern match a template? */
function matcher(
  pattern: string,
  parts: readonly string[] = splitArn(pattern),
  from?: number,
): (t: Template) => boolean {
  // Without a wildcard that may cross segments, an empty region or account meets only an empty
  // one: a cheap first cut before the automaton (a 9-million-character bucket name meets 2 formats, not 15).
  const aligned = parts.length === 6 && (from ?? spanningFrom(parts)) === 6;
  const fixed = (s: string) => !open(s) && !s.includes(SEGMENT_ANY);
  const [, , , region = '', account = ''] = parts;
  const p = patternTokens(pattern);
  const head = resourceHeadOf(p);
  return (t) => {
    if (head !== undefined && !headsAgree(head, t.resourceHead)) return false;
    if (aligned && fixed(region) && (region === '' ? t.region.startsWith('${') : t.region === '')) return false;
    if (aligned && fixed(account) && account !== '' && t.account === '') return false;
    return t.variants.some((v) => intersects(p, v));
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks one Resource/NotResource entry. `*`, wildcards and policy variables are valid where they
 * can match; an account is 12 digits or `aws` (AWS-owned resources: arn:aws:iam::aws:policy/...).
 * With the service reference, the whole ARN is matched against the ARN formats of the service's
 * resource types, and an ARN that matches none is diagnosed by the smallest repair that makes it
 * match: a segment added or removed, or one segment (region, account, resource) replaced.
 */
export function checkArn(raw: string, data: IamData | undefined): ArnProblem | undefined {
  if (!data) return noData.get(raw, (r) => check(r, undefined));
  let cache = checked.get(data);
  if (!cache) {
    cache = new BoundedCache();
    checked.set(data, cache);
  }
  return cache.get(raw, (r) => check(r, data));
}

const noData = new BoundedCache<string, ArnProblem | undefined>();
/** Per reference: the answer depends on the data too. */
const checked = new WeakMap<IamData, BoundedCache<string, ArnProblem | undefined>>();

/**
 * The first of the first five segments (1 partition .. 4 account) holding a wildcard or variable
 * that may stand for text with colons (a `*` ending its segment), or 6 when none does.
 */
function spanningFrom(parts: readonly string[]): number {
  for (let i = 1; i < Math.min(parts.length, 5); i++) {
    const part = parts[i]!;
    // Only a `*` or a variable makes a star that may stand for a colon (most segments are literal).
    if (!part.includes('*') && !part.includes('${')) continue;
    const toks = patternTokens(part + (i < parts.length - 1 ? ':' : ''));
    if (toks.some((t) => t.kind === 'star' && t.colon)) return i;
  }
  return 6;
}

/**
 * API Gateway's resource policies name the API they are attached to as `execute-api:/stage/VERB/path`,
 * which API Gateway expands to that API's ARN (AWS documents it for API Gateway resource policies):
 * an ARN of the execute-api service whose API id, region and account are not known here.
 */
export function isApiGatewayShorthand(raw: string): boolean {
  return raw.startsWith('execute-api:/');
}

/**
 * A whole entry `${name}` without a colon is no IAM policy variable (those are `${aws:username}`,
 * `${s3:prefix}`, ... or `${*}`, `${?}`, `${$}`): it is a placeholder of the tool that renders the
 * file (Terraform's templatefile(), envsubst), whose value is not known here.
 */
function isTemplatePlaceholder(raw: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_.-]*\}$/.test(raw);
}

function check(raw: string, data: IamData | undefined): ArnProblem | undefined {
  if (raw === '*' || /^[*?]+$/.test(raw)) return undefined;
  // A value a template computes at deploy time (util/unresolved.ts): its text is not known here.
  if (isUnresolved(raw)) return undefined;
  const parts = splitArn(raw);
  // One that starts the text (`${aws_sqs_queue.q.arn}/*`, `!GetAtt T.Arn` joined with a suffix) may
  // hold the whole ARN.
  if (hasUnresolved(parts[0]!)) return undefined;
  if (isApiGatewayShorthand(raw) || isTemplatePlaceholder(raw)) return undefined;
  if (parts[0] !== 'arn' && !(open(parts[0]!) && parts.length > 1)) return { messageId: 'notArn', data: {} };
  const partition = parts[1] ?? '';
  const isPartition = (s: string) => (PARTITIONS as readonly string[]).includes(s);
  // The partition left out: a service prefix stands in its place (arn:s3:::b, arn:sqs:us-east-1:...).
  if (parts[0] === 'arn' && partition !== '' && !open(partition) && !isPartition(partition)) {
    const shifted = ['arn', 'aws', ...parts.slice(1)].join(':');
    if (
      (data?.hasService(partition) || (!data && parts.length === 5 && SERVICE.test(partition))) &&
      (!data || fitsService(shifted, data) !== false)
    )
      return { messageId: 'partitionMissing', data: { service: partition } };
  }
  const from = spanningFrom(parts);
  // No wildcard to stand for the missing colons (arn:aws:s3:::* is fine, so is arn:aws:*).
  if (parts.length < 6 && from === 6) return short(raw, parts, data);
  if (partition === '' && parts.length > 2) return { messageId: 'partitionMissing', data: { service: parts[2]! } };
  if (!open(partition) && !isPartition(partition)) {
    const fix = closest(partition, PARTITIONS, 2, false);
    return { messageId: 'unknownPartition', data: { partition, hint: fix ? `; did you mean "${fix}"?` : '' } };
  }
  const [, , service = '', region = '', account = ''] = parts;
  if (service === '' && from > 2) return { messageId: 'serviceMissing', data: {} };
  // A segment after a `*` that may stand for several segments may hold the text of a later one
  // (arn:aws:logs:*:log-group:* matches log groups), if it is a word such as a resource type.
  if (
    parts.length >= 6 &&
    account !== '' &&
    !open(account) &&
    !ACCOUNT.test(account) &&
    account !== 'aws' &&
    (from > 4 || !/^[A-Za-z][A-Za-z0-9-]*$/.test(account))
  ) {
    // A word where the account goes, and the ARN fits once an account is put before it: left out.
    const left = data && /^[A-Za-z][A-Za-z0-9-]*$/.test(account) ? insertAt(parts, 4, data) : [];
    if (left.length) return { messageId: 'accountMissing', data: { service, ...describeTypes(left), how: LEFT_OUT } };
    return { messageId: 'badAccount', data: { account } };
  }
  if (
    parts.length >= 5 &&
    region !== '' &&
    !open(region) &&
    !REGION.test(region) &&
    (from > 3 || /^[a-z]{2}-/.test(region))
  )
    return { messageId: 'badRegion', data: { region } };
  if (!data) return undefined;
  const templates = serviceData(service, data);
  if (!templates) return undefined;
  if (!matchesAny(raw, templates, parts, from))
    return parts.length < 6 ? short(raw, parts, data) : diagnose(parts, service, templates);
  // A short ARN matches only through a `*` that stands for whole segments. A final `*` means
  // "everything from here on" (arn:aws:rds:*, arn:aws:sqs:us-east-1:*); one with literal text after
  // it most likely lost a segment (arn:aws:ec2:*:instance/*: the account left out).
  if (from === 6) return undefined;
  if (parts.length >= 6) return spanned6(parts, service, templates);
  const strict = raw.replace(/\*(?=:)/g, SEGMENT_ANY);
  if (matchesAny(strict, templates)) return undefined;
  const hits = matching(raw, templates);
  const last = parts[parts.length - 1]!;
  const like = hits.filter((t) => arnPatternMatchesTemplate(last, splitArn(t.arn)[5]!));
  return {
    messageId: 'wildcardSpansSegments',
    data: { service, ...describeTypes(like.length ? like : hits) },
  };
}

function serviceData(service: string, data: IamData): Template[] | undefined {
  if (open(service) || !SERVICE.test(service) || !data.hasService(service)) return undefined;
  const svc = data.service(service);
  if (!svc) return undefined;
  const templates = templatesOf(service, svc);
  return templates.length > 0 ? templates : undefined;
}

/** Does the ARN match one of its service's formats (undefined: the service's formats are unknown)? */
function fitsService(raw: string, data: IamData): boolean | undefined {
  const parts = splitArn(raw);
  if (parts.length < 6) return undefined;
  const templates = serviceData(parts[2]!, data);
  return templates ? matchesAny(raw, templates) : undefined;
}

function describeTypes(ts: readonly Template[]): { types: string; template: string } {
  const names = [...new Set(ts.map((t) => t.type))];
  const shortest = ts.reduce((a, b) => (b.arn.length < a.arn.length ? b : a));
  return { types: names.slice(0, 3).join(', ') + (names.length > 3 ? ', ...' : ''), template: shortest.arn };
}

const LEFT_OUT = ' (the segment is left out)';

/** The formats the ARN matches once a segment is put in at `at` (3 region, 4 account). */
function insertAt(parts: readonly string[], at: number, data: IamData): Template[] {
  const templates = parts.length > 2 ? serviceData(parts[2]!, data) : undefined;
  if (!templates) return [];
  return matching([...parts.slice(0, at), SEGMENT_ANY, ...parts.slice(at)].join(':'), templates);
}

/** An ARN of fewer than six parts and no wildcard to stand for the rest: which segment is missing? */
function short(raw: string, parts: readonly string[], data: IamData | undefined): ArnProblem {
  const count = String(parts.length);
  if (data && parts.length === 5) {
    const region = insertAt(parts, 3, data);
    const account = insertAt(parts, 4, data);
    // The resource left out fits too when the last part could be an account (arn:aws:sqs:us-east-1:123456789012).
    const resource = ACCOUNT.test(parts[4]!) || parts[4] === 'aws' ? insertAt(parts, 5, data) : [];
    if (resource.length === 0 && region.length > 0 !== account.length > 0) {
      const d = { service: parts[2]!, ...describeTypes(region.length ? region : account), how: LEFT_OUT };
      return { messageId: region.length ? 'regionMissing' : 'accountMissing', data: d };
    }
  }
  const templates = data && parts.length > 2 ? serviceData(parts[2]!, data) : undefined;
  return { messageId: 'tooFewParts', data: { count, hint: templates ? formatHint(parts[2]!, raw, templates) : '' } };
}

/** "; s3 ARNs of this kind look like arn:${Partition}:s3:::${BucketName}/${ObjectName}", by the resource part. */
function formatHint(service: string, raw: string, templates: readonly Template[]): string {
  const resource = raw.slice(raw.lastIndexOf(':') + 1);
  const best = templates.find((t) => arnPatternMatchesTemplate(resource, splitArn(t.arn)[5]!)) ?? templates[0]!;
  return `; ${service} ARNs of this kind look like ${best.arn}`;
}

/** The literal head of a resource part: its resource type word (`role` of role/x, `log-group` of log-group:x). */
function typeWord(resource: string): string {
  return resource.slice(0, resource.search(/[/:*?]|\$\{|$/));
}

/** "; did you mean role/... (arn:...)" for a resource part whose type word is near a known one. */
function typeHint(resource: string, templates: readonly Template[]): string {
  const byWord = new Map<string, Template>();
  for (const t of templates) {
    const w = typeWord(splitArn(t.arn)[5]!);
    if (w && !byWord.has(w)) byWord.set(w, t);
  }
  const word = typeWord(resource);
  const fix = word ? closest(word, [...byWord.keys()], 2, false) : undefined;
  return fix && fix !== word ? `; did you mean "${fix}" (${byWord.get(fix)!.arn})?` : '';
}

/**
 * Six parts that match only through a partition or region `*` standing for several segments. Two shapes are
 * lost segments, not intent: a resource-type word where the account goes (arn:aws:lambda:*:function:f,
 * the account left out) and an empty account that the formats need (arn:aws:sns:*::topic: the
 * `*` would have to match "us-east-1:123456789012" and then find "::" inside a topic name). The
 * reference's formats are too loose to tell other shapes apart.
 */
function spanned6(parts: readonly string[], service: string, templates: readonly Template[]): ArnProblem | undefined {
  const account = parts[4]!;
  if (
    !parts.slice(1, 4).includes('*') ||
    (account !== '' && !/^[a-zA-Z][a-zA-Z-]*$/.test(account)) ||
    account === 'aws'
  )
    return undefined;
  const noSpan = parts.slice(0, 3).map((p) => (p === '*' ? SEGMENT_ANY : p));
  const strict = [...noSpan, parts[3] === '*' ? SEGMENT_ANY : parts[3], ...parts.slice(4)].join(':');
  if (matchesAny(strict, templates)) return undefined;
  if (account === '') {
    const hits = matching([...noSpan, SEGMENT_ANY, SEGMENT_ANY, ...parts.slice(5)].join(':'), templates);
    return hits.length
      ? { messageId: 'accountMissing', data: { service, ...describeTypes(hits), how: '' } }
      : undefined;
  }
  const hits = matching([...noSpan, SEGMENT_ANY, SEGMENT_ANY, ...parts.slice(4)].join(':'), templates);
  if (!hits.length) return undefined;
  const like = hits.filter((t) => arnPatternMatchesTemplate(parts.slice(4).join(':'), splitArn(t.arn)[5]!));
  return {
    messageId: 'wildcardSpansSegments',
    data: { service, ...describeTypes(like.length ? like : hits) },
  };
}

/** Six parts, a known service, and no format matches: the smallest repair names the wrong segment. */
function diagnose(parts: readonly string[], service: string, templates: readonly Template[]): ArnProblem {
  const [, , , region, account, resource] = parts as [string, string, string, string, string, string];
  const withParts = (over: Record<number, string>) => parts.map((p, i) => over[i] ?? p).join(':');
  const tryFix = (over: Record<number, string>) => matching(withParts(over), templates);
  const base = { service };
  const segmentProblem = (which: 'region' | 'account', hits: Template[]): ArnProblem => {
    const d = { ...base, ...describeTypes(hits), how: '' };
    if (which === 'region') {
      if (region === '') return { messageId: 'regionMissing', data: d };
      if (hits.every((t) => t.region === '')) return { messageId: 'regionNotAllowed', data: { ...d, region } };
      return { messageId: 'badRegion', data: { region } };
    }
    if (account === '') return { messageId: 'accountMissing', data: d };
    if (hits.every((t) => t.account === '')) return { messageId: 'accountNotAllowed', data: { ...d, account } };
    return { messageId: 'badAccount', data: { account } };
  };
  // One segment replaced.
  let hits = tryFix({ 3: SEGMENT_ANY });
  if (hits.length) return segmentProblem('region', hits);
  hits = tryFix({ 4: SEGMENT_ANY });
  if (hits.length) return segmentProblem('account', hits);
  // Region and account both wrong (an S3 object ARN with both): name the region first.
  hits = tryFix({ 3: SEGMENT_ANY, 4: SEGMENT_ANY });
  if (hits.length) {
    const regionWrong = region === '' ? hits.every((t) => t.region !== '') : hits.every((t) => t.region === '');
    return segmentProblem(regionWrong ? 'region' : 'account', hits);
  }
  // A colon too many (arn:aws:s3::::bucket, arn:aws:iam:::123456789012:role/x).
  for (let at = 1; at <= 5; at++) {
    const removed = [...parts.slice(0, at - 1), parts[at - 1]! + parts[at]!, ...parts.slice(at + 1)].join(':');
    const h = matching(removed, templates);
    if (h.length) return { messageId: 'tooManyParts', data: { ...base, ...describeTypes(h) } };
  }
  // The resource part names no resource type of the service.
  hits = tryFix({ 5: SEGMENT_ANY });
  return {
    messageId: 'resourceUnknown',
    data: {
      ...base,
      part: resource,
      ...describeTypes(hits.length ? hits : templates),
      hint: typeHint(resource, templates),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Effectively-wildcard ARNs

/** By format, then pattern. */
const everyCache = new BoundedPairCache<string, string, boolean>();

/**
 * Does the pattern name every resource of the template's type in every account, as `*` does
 * (arn:aws:s3:::*, arn:aws:iam::*:role/*, arn:*:cloudtrail:*:*:trail/*)? Every segment that varies
 * between such resources must be a bare `*`: the region and the account `*` (or empty where the
 * format has none), the resource part the format's fixed prefix (`role/`, `trail/`, `log-group:`)
 * followed only by `*` and separators. The partition may be written out (aws). A short ARN ending
 * in a bare `*` (arn:aws:sqs:*) stands for every segment after it. Formats with a region but no
 * account (arn:aws:ec2:REGION::image/ID) are left out: they name public and AWS-owned resources.
 */
export function coversEveryResource(pattern: string, template: string): boolean {
  return everyCache.get(template, pattern, (t, p) => covers(p, t));
}

function covers(pattern: string, template: string): boolean {
  if (isUnresolved(pattern) || hasUnresolved(pattern)) return false;
  const p = splitArn(pattern);
  const t = splitArn(template);
  if (t.length !== 6 || p[0] !== 'arn' || p.length < 3) return false;
  if (p[2] !== t[2]) return false;
  const partition = p[1]!;
  if (partition !== '*' && !(PARTITIONS as readonly string[]).includes(partition)) return false;
  if (p.length < 6) return p[p.length - 1] === '*' && p.slice(3).every((s) => s === '*');
  const every = (seg: string, format: string) => seg === '*' || (seg === '' && format === '');
  if (!every(p[3]!, t[3]!) || !every(p[4]!, t[4]!)) return false;
  if (t[4] !== '' && !t[4]!.startsWith('${')) return false;
  // A format with a region but no account (AMIs, snapshots, foundation models, API Gateway paths)
  // also names public and AWS-owned resources, which a policy may mean to allow as a whole.
  if (t[3] !== '' && t[4] === '') return false;
  const resource = p[5]!;
  const format = t[5]!;
  const head = format.slice(0, format.search(/\$\{|\*|$/));
  if (!resource.startsWith(head)) return false;
  const rest = resource.slice(head.length);
  return /^[*/:]+$/.test(rest) && rest.includes('*') && arnPatternMatchesTemplate(resource, format);
}
