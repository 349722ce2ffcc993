import { parsePolicyText } from '../model/parse.js';
import { normalize } from '../model/normalize.js';
import { detectPolicyType } from '../iam/policy-type.js';
import { hasUnresolved, unresolvedMarker } from '../util/unresolved.js';
import type { NodeLocation, PolicyType, Range } from '../types.js';
import { LineIndex } from '../util/lines.js';
import { TERRAFORM_ENDPOINT_POLICIES, TERRAFORM_POLICY_ATTRIBUTES } from './terraform-plan.js';
import { emptyExtraction, type Extraction, type HclParser } from './types.js';
import { scanBody, skipString, type HclAttribute, type HclBlock } from './hcl-locate.js';
import { referencedAddress, terraformSets, type TfResource } from './terraform-sets.js';

/** Resource attributes that hold policy documents: the same table as for plans. */
const POLICY_ATTRIBUTES = TERRAFORM_POLICY_ATTRIBUTES;

/** Resource types that link documents to roles, users and groups (terraform-sets.ts). */
const LINK_TYPES = new Set([
  'aws_iam_role',
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_instance_profile',
]);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What every file of a module shares: variables' literal defaults and buckets' literal names. */
interface ModuleContext {
  hcl: HclParser;
  /** Literal names of `aws_s3_bucket` resources, and literal defaults of variables. */
  bucketNames: Map<string, string>;
  variables: Map<string, string>;
  /**
   * `locals` attributes of every file of the module (where they are written, hcl2json's value and
   * the context of their file), and the documents read from them.
   */
  locals: Map<string, { attr: HclAttribute; value: unknown; ctx: Context }>;
  localDocs: Map<string, number | undefined>;
}

interface Context extends ModuleContext {
  text: string;
  lines: LineIndex;
  fileName: string;
}

/** One file of a Terraform module: its name (as the host names it) and its text. */
export interface SourceFile {
  name: string;
  text: string;
}

/**
 * Extracts the policy documents of a Terraform source file: `jsonencode({...})` and heredoc or
 * quoted JSON in the policy attributes of IAM/S3/SQS/SNS resources, and
 * `data "aws_iam_policy_document"` blocks. Values come from the host's HCL parser (the CLI's is
 * @cdktn/hcl2json, loaded on first use); positions from locating its blocks and attributes in the text.
 * The file is read as a module of its own: extractTerraformModule reads a module's files together.
 */
export async function extractTerraform(text: string, fileName: string, hcl: HclParser): Promise<Extraction> {
  const out = await extractTerraformModule([{ name: fileName, text }], hcl);
  for (const d of out.documents) delete d.file;
  for (const p of out.problems) delete p.file;
  return out;
}

/**
 * Extracts the policy documents and the policy sets of a Terraform module: all `.tf` files of
 * one directory, read together as Terraform reads them. Variables, bucket names, data sources and
 * resources declared in one file resolve references in the others; roles, users and groups are
 * linked to their trust and permission policies across files (terraform-sets.ts). Each document
 * and problem names its file (`file`); documents come in the order of `files`.
 */
export async function extractTerraformModule(files: readonly SourceFile[], hcl: HclParser): Promise<Extraction> {
  const out = emptyExtraction('terraform');
  const module: ModuleContext = {
    hcl,
    bucketNames: new Map(),
    variables: new Map(),
    locals: new Map(),
    localDocs: new Map(),
  };
  const parsedFiles: Array<{ file: SourceFile; parsed: Json; lines: LineIndex }> = [];
  for (const file of files) {
    const lines = new LineIndex(file.text);
    try {
      parsedFiles.push({ file, parsed: (await hcl.parse(file.name, file.text)) as Json, lines });
    } catch (error) {
      out.problems.push({ ...hclProblem(error), file: file.name });
    }
  }
  // Declarations first, from every file: a variable, a local or a bucket may be declared in another file.
  for (const { file, parsed, lines } of parsedFiles) {
    for (const [name, decls] of Object.entries(isObj(parsed.variable) ? parsed.variable : {})) {
      const d = Array.isArray(decls) ? decls[0] : undefined;
      if (isObj(d) && typeof d.default === 'string' && !d.default.includes('${')) module.variables.set(name, d.default);
    }
    const ctx: Context = { ...module, text: file.text, lines, fileName: file.name };
    const localDecls = Array.isArray(parsed.locals) ? parsed.locals : [];
    const localBlocks = scanBody(file.text, 0, file.text.length).blocks.filter((b) => b.type === 'locals');
    for (const [i, block] of localBlocks.entries()) {
      const decl = localDecls[i];
      for (const attr of scanBody(file.text, block.bodyStart, block.bodyEnd).attributes)
        module.locals.set(attr.name, { attr, value: isObj(decl) ? decl[attr.name] : undefined, ctx });
    }
  }
  for (const { file, parsed, lines } of parsedFiles) {
    const resources = isObj(parsed.resource) ? parsed.resource : {};
    const ctx: Context = { ...module, text: file.text, lines, fileName: file.name };
    for (const [name, decls] of Object.entries(isObj(resources.aws_s3_bucket) ? resources.aws_s3_bucket : {})) {
      const d = Array.isArray(decls) ? decls[0] : undefined;
      const bucket = isObj(d) && typeof d.bucket === 'string' ? templateText(ctx, d.bucket, false) : undefined;
      if (bucket !== undefined && bucket !== '' && !hasUnresolved(bucket)) {
        module.bucketNames.set(name, bucket);
        if (!out.buckets.includes(bucket)) out.buckets.push(bucket);
      }
    }
  }

  const linked: TfResource[] = [];
  const endpointReferences: string[] = [];
  for (const { file, parsed, lines } of parsedFiles) {
    const ctx: Context = { ...module, text: file.text, lines, fileName: file.name };
    const before = out.documents.length;
    await extractFile(ctx, parsed, out, linked, endpointReferences);
    // A document read from a local is written in the local's file (addLocalDocument names it).
    for (let i = before; i < out.documents.length; i++) out.documents[i]!.file ??= file.name;
  }
  // A resource whose policy is `data.aws_iam_policy_document.X.json` shares that document (no second
  // lint); given to a VPC endpoint, the document is an endpoint policy.
  for (const address of endpointReferences) {
    const idx = linked.find((r) => r.address === address)?.documents.get('json');
    if (idx !== undefined) out.documents[idx]!.endpointPolicy = true;
  }
  const sets = terraformSets(linked, (v) => v !== '' && !hasUnresolved(v));
  out.roles = sets.roles;
  out.people = sets.people;
  return out;
}

/** The documents of one file, and its resources that link documents to roles, users and groups. */
async function extractFile(
  ctx: Context,
  parsed: Json,
  out: Extraction,
  linked: TfResource[],
  endpointReferences: string[],
): Promise<void> {
  const { text } = ctx;
  const resources = isObj(parsed.resource) ? parsed.resource : {};
  for (const block of scanBody(text, 0, text.length).blocks) {
    const [type, name] = block.labels;
    if (block.type === 'module' && type !== undefined) {
      await addModuleArguments(ctx, out, block, firstDecl({ module: parsed.module }, 'module', type), `module.${type}`);
      continue;
    }
    if (type === undefined || name === undefined) continue;
    if (block.type === 'data' && type === 'aws_iam_policy_document') {
      const decl = firstDecl(parsed.data, type, name);
      if (!decl) continue;
      const address = `data.${type}.${name}`;
      const idx = addDataDocument(ctx, out, block, decl, address);
      linked.push(linkedResource(ctx, address, type, decl, new Map(idx === undefined ? [] : [['json', idx]])));
      continue;
    }
    if (block.type !== 'resource') continue;
    const decl = firstDecl(resources, type, name);
    if (!decl || (!POLICY_ATTRIBUTES[type] && !LINK_TYPES.has(type))) continue;
    const address = `${type}.${name}`;
    const documents = new Map<string, number>();
    const body = scanBody(text, block.bodyStart, block.bodyEnd);
    for (const [attribute, kind] of POLICY_ATTRIBUTES[type] ?? []) {
      const attr = body.attributes.find((a) => a.name === attribute);
      const value = decl[attribute];
      if (!attr || typeof value !== 'string') continue;
      const idx = await addAttributeDocument(ctx, out, attr, value, address, kind);
      if (idx !== undefined && TERRAFORM_ENDPOINT_POLICIES.has(type)) out.documents[idx]!.endpointPolicy = true;
      if (idx !== undefined) documents.set(attribute, idx);
      else if (TERRAFORM_ENDPOINT_POLICIES.has(type))
        endpointReferences.push(...referencesIn(value).flatMap((r) => referencedAddress(r) ?? []));
    }
    const inline = type === 'aws_iam_role' ? await addInlinePolicies(ctx, out, body.blocks, decl, address) : undefined;
    if (LINK_TYPES.has(type)) linked.push({ ...linkedResource(ctx, address, type, decl, documents), ...inline });
  }
}

/** `${expr}` interpolations of a string as hcl2json returns it (`$${x}` is a literal). */
function referencesIn(v: unknown): string[] {
  const out: string[] = [];
  for (const s of typeof v === 'string' ? [v] : Array.isArray(v) ? v : []) {
    if (typeof s !== 'string') continue;
    const re = /(\$?)\$\{([^{}]+)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      if (m[1] !== '') continue;
      out.push(m[2]!);
      // Inside a function call (`one(X[*].json)`, `join("", X.*.json)`): each reference of it. A
      // match starts only where a name starts (the look-behind) and an index holds no `[`, so the
      // scan is linear however long the names or however many brackets are opened.
      if (m[2]!.includes('('))
        out.push(...(m[2]!.match(/(?<![\w-])[A-Za-z_][\w-]*(?:\[[^\][]*\]|\.(?:[A-Za-z_][\w-]*|\*))+/g) ?? []));
    }
  }
  return out;
}

function linkedResource(
  ctx: Context,
  address: string,
  type: string,
  decl: Json,
  documents: Map<string, number>,
): TfResource {
  const literal = (attribute: string): unknown => {
    const v = decl[attribute];
    const one = (x: unknown) => (typeof x === 'string' ? templateText(ctx, x, false) : undefined);
    return Array.isArray(v) ? v.map(one).filter((x) => x !== undefined) : one(v);
  };
  return {
    address,
    type,
    id: address,
    literal,
    refs: (attribute) => referencesIn(decl[attribute]).flatMap((r) => referencedAddress(r) ?? []),
    documents,
  };
}

/**
 * Policies given to a module as arguments (`policy = jsonencode({...})`, a heredoc or quoted JSON):
 * arguments named like a policy whose expression holds a Statement. A reference to
 * `data.aws_iam_policy_document.X.json` needs nothing here: the data source is read itself.
 * The kind comes from the content, as for a standalone file.
 */
async function addModuleArguments(
  ctx: Context,
  out: Extraction,
  block: HclBlock,
  decl: Json | undefined,
  address: string,
): Promise<void> {
  if (!decl) return;
  const body = scanBody(ctx.text, block.bodyStart, block.bodyEnd);
  for (const attr of body.attributes) {
    const value = decl[attr.name];
    if (STATEMENT_MAP_ARGUMENT.test(attr.name) && ctx.text[attr.valueStart] === '{') {
      await addStatementMap(
        ctx,
        out,
        attr,
        `${address}.${attr.name}`,
        /^trust_/.test(attr.name) ? 'trust' : 'identity',
      );
      continue;
    }
    if (!/polic/i.test(attr.name) || typeof value !== 'string') continue;
    if (!ctx.text.slice(attr.valueStart, attr.valueEnd).includes('Statement')) continue;
    const idx = await addAttributeDocument(ctx, out, attr, value, `${address}.${attr.name}`, 'identity');
    if (idx !== undefined) out.documents[idx]!.kind = detectPolicyType(normalize(out.documents[idx]!.value));
  }
}

/**
 * A role's `inline_policy { name = ..., policy = ... }` blocks (the plan reader reads them from
 * the plan's values too): each policy is an identity policy of the role, labelled
 * `aws_iam_role.NAME/<policy name>`. Returns the documents' indexes.
 */
async function addInlinePolicies(
  ctx: Context,
  out: Extraction,
  blocks: readonly HclBlock[],
  decl: Json,
  address: string,
): Promise<{ inline: number[]; inlineRefs: string[] }> {
  const found: number[] = [];
  // `inline_policy { policy = data.aws_iam_policy_document.X.json }`: that document, read on its own.
  const refs: string[] = [];
  const values = Array.isArray(decl.inline_policy) ? decl.inline_policy : [];
  const inline = blocks.filter((b) => b.type === 'inline_policy');
  for (const [i, b] of inline.entries()) {
    const v = values[i];
    if (!isObj(v) || typeof v.policy !== 'string') continue;
    const attr = scanBody(ctx.text, b.bodyStart, b.bodyEnd).attributes.find((a) => a.name === 'policy');
    if (!attr) continue;
    const label = `${address}/${typeof v.name === 'string' && !v.name.includes('${') ? v.name : `inline_policy[${i}]`}`;
    const idx = await addAttributeDocument(ctx, out, attr, v.policy, label, 'identity');
    if (idx !== undefined) found.push(idx);
    else refs.push(...referencesIn(v.policy).flatMap((r) => referencedAddress(r) ?? []));
  }
  return { inline: found, inlineRefs: refs };
}

/**
 * Module arguments that hold statements as HCL objects, keyed by a name, in the shape of
 * `aws_iam_policy_document`'s statement blocks: `policy_statements` of terraform-aws-lambda,
 * `trust_policy_permissions` and `*_policy_permissions` of terraform-aws-iam (6.x).
 */
const STATEMENT_MAP_ARGUMENT = /^(policy_statements|[a-z_]*policy_permissions)$/;

const STATEMENT_LISTS: ReadonlyArray<readonly [hcl: string, json: string]> = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/**
 * Reads such an argument as one policy: each entry a statement (`sid` or, as the modules do, the
 * entry's name without other characters than letters and digits), `effect` (default Allow),
 * `actions`, `resources`, their `not_` forms, `principals`/`not_principals` = [{ type, identifiers }]
 * and `condition` = [{ test, variable, values }]. An entry without actions is left out (a module
 * may supply defaults that the file does not show).
 */
async function addStatementMap(
  ctx: Context,
  out: Extraction,
  attr: HclAttribute,
  address: string,
  kind: PolicyType,
): Promise<void> {
  const exprText = ctx.text.slice(attr.valueStart, attr.valueEnd);
  let ast: AstNode | null = null;
  try {
    ast = (await ctx.hcl.getExpressionAst(ctx.fileName, exprText)) as AstNode | null;
  } catch {
    return; // the file parsed, so this is not expected; nothing is read
  }
  if (ast?.type !== 'object') return;
  const src = new Map<string, NodeLocation>();
  const entries = new ExpressionReader(ctx, exprText, attr.valueStart).read(ast, '', src);
  if (!isObj(entries)) return;
  const locs = new Map<string, NodeLocation>();
  const whole = ctx.lines.range(attr.valueStart, attr.valueEnd);
  locs.set('', { value: whole });
  const copy = (to: string, from: string) => {
    const l = src.get(from);
    if (l) locs.set(to, l);
  };
  const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
  const statements: Json[] = [];
  for (const [name, st] of Object.entries(entries)) {
    if (!isObj(st) || (st.actions === undefined && st.not_actions === undefined)) continue;
    const from = `/${esc(name)}`;
    const sp = `/Statement/${statements.length}`;
    const s: Json = {};
    copy(sp, from);
    s.Sid = typeof st.sid === 'string' ? st.sid : name.replace(/[^0-9A-Za-z]/g, '');
    if (typeof st.sid === 'string') copy(`${sp}/Sid`, `${from}/sid`);
    s.Effect = st.effect ?? 'Allow';
    copy(`${sp}/Effect`, st.effect === undefined ? from : `${from}/effect`);
    for (const [hcl, json] of STATEMENT_LISTS) {
      if (st[hcl] === undefined) continue;
      s[json] = asList(st[hcl]);
      copy(`${sp}/${json}`, `${from}/${hcl}`);
      asList(st[hcl]).forEach((_, j) => copy(`${sp}/${json}/${j}`, `${from}/${hcl}/${j}`));
    }
    for (const [hcl, json] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      if (st[hcl] === undefined) continue;
      const principal: Json = Object.create(null) as Json; // keyed by the entry's type: no prototype to reach
      copy(`${sp}/${json}`, `${from}/${hcl}`);
      asList(st[hcl]).forEach((p, k) => {
        if (!isObj(p) || typeof p.type !== 'string') return;
        const prev = asList(principal[p.type]);
        const ids = asList(p.identifiers);
        principal[p.type] = [...prev, ...ids];
        const pp = `${sp}/${json}/${esc(p.type)}`;
        if (!locs.has(pp)) copy(pp, `${from}/${hcl}/${k}/identifiers`);
        ids.forEach((_, j) => copy(`${pp}/${prev.length + j}`, `${from}/${hcl}/${k}/identifiers/${j}`));
      });
      s[json] = principal;
    }
    const conditions = asList(st.condition ?? st.conditions);
    const cname = st.condition !== undefined ? 'condition' : 'conditions';
    if (conditions.length > 0) {
      const condition: Json = Object.create(null) as Json; // keyed by test and variable: no prototype to reach
      copy(`${sp}/Condition`, `${from}/${cname}`);
      conditions.forEach((c, k) => {
        if (!isObj(c) || typeof c.test !== 'string' || typeof c.variable !== 'string') return;
        const byTest = (
          isObj(condition[c.test]) ? condition[c.test] : (condition[c.test] = Object.create(null) as Json)
        ) as Json;
        const prev = asList(byTest[c.variable]);
        const values = asList(c.values).map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
        byTest[c.variable] = [...prev, ...values];
        const at = `${from}/${cname}/${k}`;
        const tp = `${sp}/Condition/${esc(c.test)}`;
        if (!locs.has(tp)) {
          const l = src.get(`${at}/test`);
          if (l) locs.set(tp, { value: l.value, key: l.value });
        }
        const vp = `${tp}/${esc(c.variable)}`;
        if (!locs.has(vp)) {
          const v = src.get(`${at}/values`) ?? src.get(at);
          const key = src.get(`${at}/variable`);
          if (v) locs.set(vp, key ? { value: v.value, key: key.value } : { value: v.value });
        }
        values.forEach((_, j) => copy(`${vp}/${prev.length + j}`, `${at}/values/${j}`));
      });
      s.Condition = condition;
    }
    statements.push(s);
  }
  if (statements.length === 0) return;
  const doc = { Version: '2012-10-17', Statement: statements };
  out.documents.push({ value: doc, source: { lookup: (p) => locs.get(p) }, label: address, kind, range: whole });
}

function firstDecl(group: unknown, type: string, name: string): Json | undefined {
  const byType = isObj(group) ? group[type] : undefined;
  const decls = isObj(byType) ? byType[name] : undefined;
  const d = Array.isArray(decls) ? decls[0] : undefined;
  return isObj(d) ? d : undefined;
}

function hclProblem(error: unknown): Extraction['problems'][number] {
  const message = String(error instanceof Error ? error.message : error);
  const m = /:(\d+),(\d+)(?:-(\d+))?: ([^;\]]*)(?:; ([^\]]*))?/.exec(message);
  const line = m ? Number(m[1]) : 1;
  const column = m ? Number(m[2]) : 1;
  const what = m ? `${m[4]}${m[5] ? `: ${m[5].trim()}` : ''}` : message.split('\n')[0]!;
  return {
    ruleId: 'invalid-json',
    messageId: 'syntax',
    message: `Invalid Terraform (HCL): ${what.replace(/\.$/, '')}`,
    range: { line, column, endLine: line, endColumn: column + 1 },
  };
}

// ---------------------------------------------------------------------------------------------
// Text values: interpolations and escapes

/** Resolves what a Terraform reference names when the configuration itself says it. */
function resolveReference(ctx: Context, expr: string): string | undefined {
  const e = expr.trim();
  const bucket = /^aws_s3_bucket\.([A-Za-z0-9_-]+)\.(arn|id|bucket)$/.exec(e);
  if (bucket) {
    const name = ctx.bucketNames.get(bucket[1]!);
    if (name !== undefined) return bucket[2] === 'arn' ? `arn:aws:s3:::${name}` : name;
  }
  const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(e);
  if (variable) return ctx.variables.get(variable[1]!);
  if (e === 'data.aws_partition.current.partition') return 'aws';
  return undefined;
}

/**
 * A string as hcl2json returns it (template syntax kept): `$${x}` is the literal `${x}` (an IAM
 * policy variable), `&{x}` too in aws_iam_policy_document, and `${expr}` is a Terraform
 * interpolation: resolved when the file determines it, otherwise unresolved.
 */
function templateText(ctx: Context, s: string, ampersand: boolean): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      out += s[i + 1] + '{';
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) break;
      }
      const expr = s.slice(i + 2, j);
      out += (s[i] === '$' ? resolveReference(ctx, expr) : undefined) ?? unresolvedMarker(`~${expr}`);
      i = j + 1;
    } else if (ampersand && s.startsWith('&{', i)) {
      out += '${';
      i += 2;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

function mapStrings(ctx: Context, v: unknown): unknown {
  if (typeof v === 'string') return v.includes('${') || v.includes('%{') ? templateText(ctx, v, false) : v;
  if (Array.isArray(v)) return v.map((x) => mapStrings(ctx, x));
  if (isObj(v)) {
    const o: Json = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(o, k, { value: mapStrings(ctx, x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Policy attributes: jsonencode, heredoc, quoted JSON

async function addAttributeDocument(
  ctx: Context,
  out: Extraction,
  attr: HclAttribute,
  value: string,
  address: string,
  kind: PolicyType,
): Promise<number | undefined> {
  const { text, lines } = ctx;
  const exprText = text.slice(attr.valueStart, attr.valueEnd);
  const whole = lines.range(attr.valueStart, attr.valueEnd);
  const push = (doc: unknown, lookup: (p: string) => NodeLocation | undefined): number => {
    out.documents.push({ value: doc, source: { lookup }, label: address, kind, range: whole });
    return out.documents.length - 1;
  };
  // `policy = local.x` (x = jsonencode({...}), a heredoc or quoted JSON) or `jsonencode(local.x)`
  // (x = {...}): the local, read where it is written, once for every resource that uses it.
  const local = /^(jsonencode\s*\(\s*)?local\.([A-Za-z0-9_-]+)\s*(\))?$/.exec(exprText.trim());
  if (local && Boolean(local[1]) === Boolean(local[3])) return addLocalDocument(ctx, out, local[2]!, !!local[1], kind);
  if (/^jsonencode\s*\(/.test(exprText)) {
    let ast: AstNode | null;
    try {
      ast = (await ctx.hcl.getExpressionAst(ctx.fileName, exprText)) as AstNode | null;
    } catch (error) {
      out.problems.push({
        ruleId: 'invalid-json',
        messageId: 'syntax',
        message: `${address}: Invalid Terraform expression: ${String((error as Error).message)
          .split(';')[0]!
          .replace(/^.*?: /, '')}`,
        range: whole,
      });
      return undefined;
    }
    if (ast?.type !== 'function') return undefined;
    const locs = new Map<string, NodeLocation>();
    const ev = new ExpressionReader(ctx, exprText, attr.valueStart);
    const doc = ev.read(ast.children[0], '', locs);
    locs.set('', { value: whole });
    return push(doc, (p) => locs.get(p));
  }
  if (exprText.startsWith('<<')) {
    const open = text.indexOf('\n', attr.valueStart) + 1;
    const marker = /<<-?([A-Za-z_][A-Za-z0-9_]*)/.exec(exprText)?.[1] ?? '';
    let close = attr.valueEnd;
    const lastLine = text.lastIndexOf('\n', attr.valueEnd - 1);
    if (text.slice(lastLine + 1, attr.valueEnd).trim() === marker) close = lastLine + 1;
    const content = text.slice(open, close);
    if (/(^|[^$])\$\{/.test(content.replace(/"(?:[^"\\\n]|\\.)*"/g, '""')) || /%\{/.test(content)) return undefined; // interpolation outside strings
    return addJsonText(ctx, out, content, open, address, kind, push);
  }
  if (exprText.startsWith('"')) {
    // A quoted JSON string: positions at the attribute (escapes make columns approximate).
    let doc: unknown;
    const json = templateText(ctx, value, false);
    try {
      doc = JSON.parse(json);
    } catch {
      // Interpolated values are unknown: only a literal string that is not JSON is a mistake
      // (AWS rejects it as MalformedPolicyDocument), reported as a JSON policy file would be.
      if (!hasUnresolved(json)) {
        out.problems.push({
          ruleId: 'invalid-json',
          messageId: 'syntax',
          message: `${address}: the policy is not JSON: ${JSON.stringify(json.length > 60 ? `${json.slice(0, 60)}...` : json)}`,
          range: whole,
        });
      }
      return undefined;
    }
    const loc = { value: whole };
    return push(doc, () => loc);
  }
  return undefined; // a reference (data...json, file(), templatefile()): not a document here
}

async function addLocalDocument(
  ctx: Context,
  out: Extraction,
  name: string,
  encoded: boolean,
  kind: PolicyType,
): Promise<number | undefined> {
  if (ctx.localDocs.has(name)) return ctx.localDocs.get(name);
  const found = ctx.locals.get(name);
  if (!found) return undefined;
  const entry = found;
  const before = out.documents.length;
  ctx = found.ctx; // the local is read where it is written, in its own file
  ctx.localDocs.set(name, undefined); // a local that refers to itself reads nothing
  const address = `local.${name}`;
  let idx: number | undefined;
  if (!encoded) {
    if (typeof entry.value === 'string')
      idx = await addAttributeDocument(ctx, out, entry.attr, entry.value, address, kind);
  } else {
    const exprText = ctx.text.slice(entry.attr.valueStart, entry.attr.valueEnd);
    let ast: AstNode | null = null;
    try {
      ast = (await ctx.hcl.getExpressionAst(ctx.fileName, exprText)) as AstNode | null;
    } catch {
      ast = null; // the file parsed, so this is not expected; the value stays unknown
    }
    if (ast?.type === 'object') {
      const locs = new Map<string, NodeLocation>();
      const doc = new ExpressionReader(ctx, exprText, entry.attr.valueStart).read(ast, '', locs);
      const whole = ctx.lines.range(entry.attr.valueStart, entry.attr.valueEnd);
      locs.set('', { value: whole });
      out.documents.push({ value: doc, source: { lookup: (p) => locs.get(p) }, label: address, kind, range: whole });
      idx = out.documents.length - 1;
    }
  }
  for (let i = before; i < out.documents.length; i++) out.documents[i]!.file = ctx.fileName;
  ctx.localDocs.set(name, idx);
  return idx;
}

function addJsonText(
  ctx: Context,
  out: Extraction,
  content: string,
  base: number,
  address: string,
  _kind: PolicyType,
  push: (doc: unknown, lookup: (p: string) => NodeLocation | undefined) => number,
): number | undefined {
  const parsed = parsePolicyText(content);
  const shift = (r: Range): Range => ctx.lines.range(base + (r.offset ?? 0), base + (r.endOffset ?? 0));
  if (!parsed.ok) {
    const startOfLine =
      content
        .split(/\n/)
        .slice(0, parsed.error.range.line - 1)
        .join('\n').length + (parsed.error.range.line > 1 ? 1 : 0);
    const p = ctx.lines.position(base + startOfLine + parsed.error.range.column - 1);
    out.problems.push({
      ruleId: 'invalid-json',
      messageId: parsed.error.messageId,
      message: `${address}: ${parsed.error.message}`,
      range: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 },
    });
    return undefined;
  }
  const doc = mapStrings(ctx, parsed.value);
  return push(doc, (p) => {
    const loc = parsed.locations.get(p);
    return loc ? (loc.key ? { value: shift(loc.value), key: shift(loc.key) } : { value: shift(loc.value) }) : undefined;
  });
}

interface AstNode {
  type: string;
  meta?: { value?: string; type?: string; name?: string; openRangeValue?: string };
  range: { start: { byte: number }; end: { byte: number } };
  children: AstNode[];
}

/** Reads a jsonencode argument from hcl2json's expression tree, locating every node. */
class ExpressionReader {
  /** UTF-16 offset of each UTF-8 byte of the expression text. */
  private readonly byteToChar: number[] = [];
  constructor(
    private readonly ctx: Context,
    private readonly expr: string,
    private readonly base: number,
  ) {
    for (let i = 0; i < expr.length; i++) {
      const cp = expr.codePointAt(i)!;
      const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) this.byteToChar.push(i);
      if (cp >= 0x10000) i++;
    }
    this.byteToChar.push(expr.length);
  }

  private char(byte: number): number {
    return this.byteToChar[Math.min(byte, this.byteToChar.length - 1)]!;
  }

  private source(n: AstNode): string {
    return this.expr.slice(this.char(n.range.start.byte), this.char(n.range.end.byte));
  }

  /** Range of a node in the file: a string from its opening quote to its closing one. */
  private range(n: AstNode): Range {
    let s = this.char(n.range.start.byte);
    let e = this.char(n.range.end.byte);
    if (n.type === 'template' || n.type === 'templateWrap') {
      const q = this.expr.lastIndexOf('"', s);
      if (q >= 0 && this.expr.slice(q + 1, s).trim() === '') {
        s = q;
        e = Math.max(e, skipString(this.expr, q));
      }
    }
    return this.ctx.lines.range(this.base + s, this.base + e);
  }

  read(n: AstNode | undefined, pointer: string, locs: Map<string, NodeLocation>, key?: Range): unknown {
    if (!n) return null;
    const range = this.range(n);
    locs.set(pointer, key ? { value: range, key } : { value: range });
    switch (n.type) {
      case 'object': {
        const out: Json = {};
        for (let i = 0; i + 1 < n.children.length; i += 2) {
          const k = n.children[i]!;
          const keyText = this.keyText(k);
          if (keyText === undefined) continue;
          const child = pointer + '/' + keyText.replace(/~/g, '~0').replace(/\//g, '~1');
          const v = this.read(n.children[i + 1], child, locs, this.range(k.children[0] ?? k));
          Object.defineProperty(out, keyText, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'tuple':
        return n.children.map((c, i) => this.read(c, `${pointer}/${i}`, locs));
      case 'for':
        // `[for b in var.buckets : {...}]`: the body is the template of every element, linted as
        // one (its references to `b` are unknown); an object `for` stays unknown.
        if (n.meta?.openRangeValue === '[' && n.children[1]) return [this.read(n.children[1], `${pointer}/0`, locs)];
        return this.reference(n);
      case 'template': {
        let s = '';
        for (const c of n.children)
          s += c.type === 'literalValue' ? unescapeHcl(c.meta?.value ?? '') : this.reference(c, true);
        return s;
      }
      case 'templateWrap':
        return this.reference(n.children[0] ?? n);
      case 'literalValue': {
        const t = n.meta?.type;
        const raw = n.meta?.value ?? '';
        if (t === 'bool') return raw === 'true';
        if (t === 'number') return Number(raw);
        if (t === 'dynamic') return null;
        return unescapeHcl(raw);
      }
      case 'unaryOp': {
        const src = this.source(n);
        return /^-\s*\d/.test(src) ? -Number(this.source(n.children[0]!)) : unresolvedMarker(src);
      }
      default:
        return this.reference(n);
    }
  }

  /** A reference's value, or the marker of an unknown one (`interpolated`: written as `${...}` in a string). */
  private reference(n: AstNode, interpolated = false): string {
    const src = n.meta?.value ?? this.source(n);
    return resolveReference(this.ctx, src) ?? unresolvedMarker(interpolated ? `~${src}` : src);
  }

  private keyText(k: AstNode): string | undefined {
    const inner = k.children[0];
    if (!inner) return this.source(k).trim();
    if (inner.type === 'template' && inner.children.every((c) => c.type === 'literalValue'))
      return inner.children.map((c) => unescapeHcl(c.meta?.value ?? '')).join('');
    return undefined; // a computed key: unknown
  }
}

function unescapeHcl(raw: string): string {
  return raw.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{/g, (m, e: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    switch (e![0]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e!.slice(1), 16));
      default:
        return e!;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// data "aws_iam_policy_document"

const LIST_ATTRIBUTES: Array<[hcl: string, json: string]> = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** [start, end) of each element of a list expression `[a, "b", c]` starting at `start`. */
function listElements(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (text[start] !== '[') return out;
  let i = start + 1;
  let from = -1;
  let depth = 0;
  while (i < end) {
    const c = text[i]!;
    if (c === '"') {
      if (from < 0) from = i;
      i = skipString(text, i);
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '[' || c === '{' || c === '(') depth++;
    if ((c === ']' || c === '}' || c === ')') && depth > 0) depth--;
    else if ((c === ',' || c === ']') && depth === 0) {
      if (from >= 0) out.push([from, trimEnd(text, from, i)]);
      from = -1;
      if (c === ']') break;
      i++;
      continue;
    }
    if (from < 0 && !/\s/.test(c)) from = i;
    i++;
  }
  return out;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  return to;
}

function addDataDocument(
  ctx: Context,
  out: Extraction,
  block: HclBlock,
  decl: Json,
  address: string,
): number | undefined {
  const { text, lines } = ctx;
  const locs = new Map<string, NodeLocation>();
  const R = (s: number, e: number) => lines.range(s, e);
  const blockRange = R(block.start, block.bodyStart);
  locs.set('', { value: blockRange });
  const body = scanBody(text, block.bodyStart, block.bodyEnd);
  const attrRange = (a: HclAttribute) => R(a.valueStart, a.valueEnd);
  const nameRange = (a: HclAttribute) => R(a.nameStart, a.nameStart + a.name.length);
  const str = (v: unknown) => (typeof v === 'string' ? templateText(ctx, v, true) : v);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)]);

  const doc: Json = {};
  const version = body.attributes.find((a) => a.name === 'version');
  doc.Version = typeof decl.version === 'string' ? decl.version : '2012-10-17';
  if (version) locs.set('/Version', { value: attrRange(version), key: nameRange(version) });
  const policyId = body.attributes.find((a) => a.name === 'policy_id');
  if (typeof decl.policy_id === 'string') {
    doc.Id = str(decl.policy_id);
    if (policyId) locs.set('/Id', { value: attrRange(policyId), key: nameRange(policyId) });
  }
  const statementBlocks = body.blocks.filter((b) => b.type === 'statement');
  const statements = Array.isArray(decl.statement) ? decl.statement : [];
  doc.Statement = statements.map((st, i) => {
    const s: Json = {};
    const sb = statementBlocks[i];
    const sp = `/Statement/${i}`;
    const sbody = sb ? scanBody(text, sb.bodyStart, sb.bodyEnd) : { attributes: [], blocks: [] };
    const header = sb ? R(sb.start, sb.start + sb.type.length) : blockRange;
    locs.set(sp, { value: header });
    const attr = (name: string) => sbody.attributes.find((a) => a.name === name);
    if (!isObj(st)) return s;
    if (st.sid !== undefined) {
      s.Sid = str(st.sid);
      const a = attr('sid');
      if (a) locs.set(`${sp}/Sid`, { value: attrRange(a), key: nameRange(a) });
    }
    s.Effect = st.effect === undefined ? 'Allow' : str(st.effect);
    const effect = attr('effect');
    locs.set(
      `${sp}/Effect`,
      effect ? { value: attrRange(effect), key: nameRange(effect) } : { value: header, key: header },
    );
    for (const [hcl, json] of LIST_ATTRIBUTES) {
      if (st[hcl] === undefined) continue;
      s[json] = list(st[hcl]);
      const a = attr(hcl);
      if (!a) continue;
      locs.set(`${sp}/${json}`, { value: attrRange(a), key: nameRange(a) });
      listElements(text, a.valueStart, a.valueEnd).forEach(([from, to], j) =>
        locs.set(`${sp}/${json}/${j}`, { value: R(from, to) }),
      );
    }
    for (const [hcl, json] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const decls = Array.isArray(st[hcl]) ? (st[hcl] as unknown[]) : [];
      if (decls.length === 0) continue;
      const blocks = sbody.blocks.filter((b) => b.type === hcl);
      const principal: Json = Object.create(null) as Json; // keyed by the block's type: no prototype to reach
      let star = false;
      // A block whose type is computed (`type = element(keys(var.principals), count.index)`)
      // makes the whole Principal unknown: not an invalid one.
      let unknownType: string | undefined;
      decls.forEach((p, k) => {
        if (!isObj(p) || typeof p.type !== 'string') return;
        const type = str(p.type) as string;
        if (hasUnresolved(type)) {
          unknownType ??= unresolvedMarker(p.type);
          const b = blocks[k];
          if (b && !locs.has(`${sp}/${json}`)) {
            const kw = R(b.start, b.start + b.type.length);
            locs.set(`${sp}/${json}`, { value: kw, key: kw });
          }
          return;
        }
        const ids = list(p.identifiers);
        if (p.type === '*' && ids.length === 1 && ids[0] === '*') star = true;
        const prev = Array.isArray(principal[p.type]) ? (principal[p.type] as unknown[]) : [];
        principal[p.type] = [...prev, ...ids];
        const b = blocks[k];
        if (!b) return;
        const pb = scanBody(text, b.bodyStart, b.bodyEnd);
        const typeAttr = pb.attributes.find((a) => a.name === 'type');
        const idAttr = pb.attributes.find((a) => a.name === 'identifiers');
        const pp = `${sp}/${json}/${p.type.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (k === 0 || !locs.has(`${sp}/${json}`))
          locs.set(`${sp}/${json}`, {
            value: R(b.start, b.start + b.type.length),
            key: R(b.start, b.start + b.type.length),
          });
        if (!locs.has(pp))
          locs.set(pp, {
            value: idAttr ? attrRange(idAttr) : R(b.start, b.bodyStart),
            ...(typeAttr ? { key: attrRange(typeAttr) } : {}),
          });
        if (idAttr)
          listElements(text, idAttr.valueStart, idAttr.valueEnd).forEach(([from, to], j) =>
            locs.set(`${pp}/${prev.length + j}`, { value: R(from, to) }),
          );
      });
      s[json] = unknownType ?? (star && Object.keys(principal).length === 1 ? '*' : principal);
    }
    const conditions = Array.isArray(st.condition) ? st.condition : [];
    if (conditions.length > 0) {
      const blocks = sbody.blocks.filter((b) => b.type === 'condition');
      const condition: Json = Object.create(null) as Json; // keyed by test and variable: no prototype to reach
      conditions.forEach((c, k) => {
        if (!isObj(c) || typeof c.test !== 'string' || typeof c.variable !== 'string') return;
        const test = c.test;
        const variable = str(c.variable) as string;
        const byTest = (
          isObj(condition[test]) ? condition[test] : (condition[test] = Object.create(null) as Json)
        ) as Json;
        const prev = Array.isArray(byTest[variable]) ? (byTest[variable] as unknown[]) : [];
        byTest[variable] = [...prev, ...list(c.values)];
        const b = blocks[k];
        if (!b) return;
        const cb = scanBody(text, b.bodyStart, b.bodyEnd);
        const testAttr = cb.attributes.find((a) => a.name === 'test');
        const varAttr = cb.attributes.find((a) => a.name === 'variable');
        const valuesAttr = cb.attributes.find((a) => a.name === 'values');
        const kw = R(b.start, b.start + b.type.length);
        if (!locs.has(`${sp}/Condition`)) locs.set(`${sp}/Condition`, { value: kw, key: kw });
        const tp = `${sp}/Condition/${esc(test)}`;
        if (!locs.has(tp))
          locs.set(tp, { value: testAttr ? attrRange(testAttr) : kw, key: testAttr ? attrRange(testAttr) : kw });
        const vp = `${tp}/${esc(variable)}`;
        if (!locs.has(vp))
          locs.set(vp, { value: valuesAttr ? attrRange(valuesAttr) : kw, key: varAttr ? attrRange(varAttr) : kw });
        if (valuesAttr)
          listElements(text, valuesAttr.valueStart, valuesAttr.valueEnd).forEach(([from, to], j) =>
            locs.set(`${vp}/${prev.length + j}`, { value: R(from, to) }),
          );
      });
      s.Condition = condition;
    }
    return s;
  });
  const statementAttr = statementBlocks[0];
  if (statementAttr)
    locs.set('/Statement', { value: R(statementAttr.start, statementAttr.start + statementAttr.type.length) });
  out.documents.push({
    value: doc,
    source: { lookup: (p) => locs.get(p) },
    label: address,
    kind: detectPolicyType(normalize(doc)),
    range: blockRange,
  });
  return out.documents.length - 1;
}

function esc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
