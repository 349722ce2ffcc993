import type { NodeLocation, Range } from '../model/parse.js';
import type { PolicyType } from '../types.js';
import { hasUnresolved, isUnresolved, showUnresolved, unresolvedMarker } from '../util/unresolved.js';
import { joinPointer } from '../util/pointer.js';
import { entry, entryWithKey, scalarString, type SNode } from './tree.js';
import { emptyExtraction, type Extraction, type ExtractedHolder, type ExtractedRole } from './types.js';
import { table } from '../util/table.js';
import { CFN_POLICY_PROPERTIES } from './generated/cfn-policy-properties.js';

/**
 * The account id written for `${AWS::AccountId}` where an ARN's account field expects one: a
 * well-formed 12-digit account (AWS's documentation example), so account checks pass. In any other
 * place (a bucket name such as `logs-${AWS::AccountId}`) the account stays unresolved.
 */
export const ACCOUNT_PLACEHOLDER = '123456789012';

const NO_VALUE = Symbol('AWS::NoValue');
const ACCOUNT = Symbol('AWS::AccountId');
type Part = string | typeof ACCOUNT;

/** Does this parsed file look like a CloudFormation (or SAM, or CDK-synthesized) template? */
export function isCloudFormationTemplate(root: SNode): boolean {
  if (root.type !== 'map') return false;
  if (entry(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const resources = entry(root, 'Resources');
  if (resources?.type !== 'map' || resources.entries.length === 0) return false;
  return (
    // Every resource has a Type (a computed one, `Type: !Ref AWS::Region`, is a mistake of the
    // template, not a sign that the file is something else) and some Type is a CloudFormation one.
    resources.entries.every((e) => entry(e.value, 'Type') !== undefined) &&
    resources.entries.some((e) => /^(AWS|Custom|Alexa)::|^Custom::/.test(scalarString(entry(e.value, 'Type')) ?? ''))
  );
}

interface Resource {
  id: string;
  type: string;
  node: SNode;
  properties: SNode | undefined;
}

class Template {
  readonly resources = new Map<string, Resource>();
  readonly parameters: SNode | undefined;
  readonly mappings: SNode | undefined;
  private readonly bucketNames = new Map<string, string | undefined>();

  constructor(
    readonly root: SNode,
    readonly keepOffsets: boolean,
  ) {
    this.parameters = entry(root, 'Parameters');
    this.mappings = entry(root, 'Mappings');
    const resources = entry(root, 'Resources');
    if (resources?.type === 'map') {
      for (const e of resources.entries) {
        this.resources.set(e.key, {
          id: e.key,
          type: scalarString(entry(e.value, 'Type')) ?? '',
          node: e.value,
          properties: pick(entry(e.value, 'Properties')),
        });
      }
    }
  }

  /** The literal name of bucket resource `id`, when its BucketName resolves to known text. */
  bucketName(id: string): string | undefined {
    if (this.bucketNames.has(id)) return this.bucketNames.get(id);
    this.bucketNames.set(id, undefined); // cycles resolve to unknown
    const r = this.resources.get(id);
    let name: string | undefined;
    if (r?.type === 'AWS::S3::Bucket') {
      const node = entry(r.properties, 'BucketName');
      const v = node ? this.resolve(node, '', new Map()) : undefined;
      if (typeof v === 'string' && !hasUnresolved(v) && v !== '') name = v;
    }
    this.bucketNames.set(id, name);
    return name;
  }

  private loc(node: SNode): Range {
    if (this.keepOffsets) return node.range;
    const { offset: _o, endOffset: _e, ...rest } = node.range;
    return rest;
  }

  /**
   * Resolves a node to the value CloudFormation would deploy, recording where each resolved node
   * sits (by JSON pointer relative to the value) in `locs`.
   */
  resolve(node: SNode, pointer: string, locs: Map<string, NodeLocation>, keyRange?: Range, depth = 0): unknown {
    if (depth > 64) return unresolvedMarker('nesting');
    const intrinsic = asIntrinsic(node);
    if (intrinsic) {
      if (intrinsic.name === 'Fn::If') {
        const branch = chooseIf(intrinsic.arg);
        if (!branch) return NO_VALUE;
        return this.resolve(branch, pointer, locs, keyRange, depth + 1);
      }
      locs.set(pointer, this.located(node, keyRange, false));
      const v = this.evaluate(intrinsic.name, intrinsic.arg, depth);
      if (v === ACCOUNT) return ACCOUNT_PLACEHOLDER;
      if (Array.isArray(v)) return v.map((x) => (x === ACCOUNT ? ACCOUNT_PLACEHOLDER : x));
      return v;
    }
    locs.set(pointer, this.located(node, keyRange, true));
    switch (node.type) {
      case 'map': {
        const out: Record<string, unknown> = {};
        for (const e of node.entries) {
          const v = this.resolve(e.value, joinPointer(pointer, e.key), locs, e.keyRange, depth + 1);
          if (v === NO_VALUE) continue;
          Object.defineProperty(out, e.key, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'seq': {
        const out: unknown[] = [];
        for (const item of node.items) {
          // Indexes follow the deployed list: an element removed by AWS::NoValue shifts the rest.
          const v = this.resolve(item, joinPointer(pointer, out.length), locs, undefined, depth + 1);
          if (v !== NO_VALUE) out.push(v);
        }
        return out;
      }
      default:
        return node.value;
    }
  }

  private located(node: SNode, keyRange: Range | undefined, literal: boolean): NodeLocation {
    const value = literal ? this.loc(node) : withoutOffsets(node.range);
    return keyRange ? { value, key: this.keepOffsets ? keyRange : withoutOffsets(keyRange) } : { value };
  }

  /** A node's value as text parts (for !Sub, !Join), or undefined when it is not text. */
  private parts(node: SNode, depth: number): Part[] | undefined {
    const intrinsic = asIntrinsic(node);
    if (intrinsic) {
      if (intrinsic.name === 'Fn::If') {
        const branch = chooseIf(intrinsic.arg);
        return branch ? this.parts(branch, depth + 1) : undefined;
      }
      const v = this.evaluate(intrinsic.name, intrinsic.arg, depth + 1);
      if (v === ACCOUNT) return [ACCOUNT];
      return typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : undefined;
    }
    if (node.type === 'scalar' && node.value !== null) return [String(node.value)];
    return undefined;
  }

  private text(node: SNode | undefined, depth: number): string | undefined {
    const p = node ? this.parts(node, depth) : undefined;
    return p ? concat(p) : undefined;
  }

  private list(node: SNode | undefined, depth: number): unknown[] | undefined {
    if (!node) return undefined;
    const v = this.resolve(node, '', new Map(), undefined, depth + 1);
    return Array.isArray(v) ? v : undefined;
  }

  private evaluate(name: string, arg: SNode, depth: number): unknown {
    if (depth > 64) return unresolvedMarker(`!${name.replace(/^Fn::/, '')}`);
    switch (name) {
      case 'Ref': {
        const target = scalarString(arg) ?? (arg.type === 'scalar' ? String(arg.value) : undefined);
        return target === undefined ? unresolvedMarker('!Ref') : this.ref(target, depth);
      }
      case 'Fn::GetAtt': {
        let id: string | undefined;
        let attr: string | undefined;
        if (arg.type === 'seq') {
          id = this.text(arg.items[0], depth);
          attr = this.text(arg.items[1], depth);
        } else if (arg.type === 'scalar' && typeof arg.value === 'string') {
          const dot = arg.value.indexOf('.');
          id = dot < 0 ? arg.value : arg.value.slice(0, dot);
          attr = dot < 0 ? '' : arg.value.slice(dot + 1);
        }
        return id !== undefined && attr !== undefined ? this.getAtt(id, attr, depth) : unresolvedMarker('!GetAtt');
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join': {
        if (arg.type !== 'seq') return unresolvedMarker('!Join');
        const delimiter = this.text(arg.items[0], depth) ?? '';
        const listNode = arg.items[1];
        if (listNode?.type === 'seq' && !asIntrinsic(listNode)) {
          const out: Part[] = [];
          let first = true;
          for (const item of listNode.items) {
            const p = this.parts(item, depth + 1);
            if (!first) out.push(delimiter);
            first = false;
            out.push(...(p ?? [unresolvedMarker('!Join element')]));
          }
          return concat(out);
        }
        const list = this.list(listNode, depth);
        return list
          ? list.map((x) => (typeof x === 'string' ? x : unresolvedMarker('!Join element'))).join(delimiter)
          : unresolvedMarker('!Join');
      }
      case 'Fn::Select': {
        if (arg.type !== 'seq') return unresolvedMarker('!Select');
        const index = Number(this.text(arg.items[0], depth));
        const list = this.list(arg.items[1], depth);
        return list && Number.isInteger(index) && index >= 0 && index < list.length
          ? list[index]
          : unresolvedMarker('!Select');
      }
      case 'Fn::Split': {
        if (arg.type !== 'seq') return unresolvedMarker('!Split');
        const delimiter = this.text(arg.items[0], depth);
        const source = this.text(arg.items[1], depth);
        return delimiter && source !== undefined && !hasUnresolved(source)
          ? source.split(delimiter)
          : unresolvedMarker('!Split');
      }
      case 'Fn::FindInMap': {
        if (arg.type !== 'seq') return unresolvedMarker('!FindInMap');
        const keys = arg.items.slice(0, 3).map((k) => this.text(k, depth));
        if (keys.length === 3 && keys.every((k) => k !== undefined && !hasUnresolved(k))) {
          const node = entry(entry(entry(this.mappings, keys[0]!), keys[1]!), keys[2]!);
          if (node) return this.resolve(node, '', new Map(), undefined, depth + 1);
        }
        return unresolvedMarker(`!FindInMap ${keys.map((k) => k ?? '?').join(' ')}`);
      }
      case 'Fn::ImportValue': {
        const what = this.text(arg, depth);
        return unresolvedMarker(`!ImportValue ${showUnresolved(what ?? '')}`);
      }
      default:
        return unresolvedMarker(`!${name.replace(/^Fn::/, '')}`);
    }
  }

  private ref(target: string, depth: number): unknown {
    switch (target) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::AccountId':
        return ACCOUNT;
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    if (target.startsWith('AWS::')) return unresolvedMarker(`!Ref ${target}`);
    const param = entry(this.parameters, target);
    if (param) {
      const def = entry(param, 'Default');
      if (def) {
        const v = this.resolve(def, '', new Map(), undefined, depth + 1);
        // An empty default is a placeholder (templates guard it with a Condition): unknown, not "".
        if ((typeof v === 'string' && v !== '') || typeof v === 'number') return String(v);
      }
      return unresolvedMarker(`!Ref ${target}`);
    }
    const r = this.resources.get(target);
    if (r?.type === 'AWS::S3::Bucket') return this.bucketName(target) ?? unresolvedMarker(`!Ref ${target}`);
    return unresolvedMarker(`!Ref ${target}`);
  }

  private getAtt(id: string, attr: string, _depth: number): unknown {
    const r = this.resources.get(id);
    if (r?.type === 'AWS::S3::Bucket') {
      const name = this.bucketName(id);
      if (name !== undefined) {
        if (attr === 'Arn') return `arn:aws:s3:::${name}`;
        if (attr === 'DomainName') return `${name}.s3.amazonaws.com`;
      }
    }
    return unresolvedMarker(`!GetAtt ${id}.${attr}`);
  }

  private sub(arg: SNode, depth: number): unknown {
    let templateNode: SNode | undefined = arg;
    let vars: SNode | undefined;
    if (arg.type === 'seq') {
      templateNode = arg.items[0];
      vars = arg.items[1];
    }
    const template =
      templateNode?.type === 'scalar' && typeof templateNode.value === 'string' ? templateNode.value : undefined;
    if (template === undefined) return unresolvedMarker('!Sub');
    const out: Part[] = [];
    const re = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(template); m !== null; m = re.exec(template)) {
      out.push(template.slice(last, m.index));
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        out.push('${' + name.slice(1) + '}'); // ${!Literal} writes ${Literal}
        continue;
      }
      const v = entry(vars, name);
      if (v) {
        out.push(...(this.parts(v, depth + 1) ?? [unresolvedMarker(`~${name}`)]));
        continue;
      }
      const dot = name.indexOf('.');
      const value =
        dot < 0 || name.startsWith('AWS::')
          ? this.ref(name, depth)
          : this.getAtt(name.slice(0, dot), name.slice(dot + 1), depth);
      if (value === ACCOUNT) out.push(ACCOUNT);
      // An unknown value inside the template is shown as written there: `${LogBucket}`.
      else out.push(typeof value === 'string' && !isUnresolved(value) ? value : unresolvedMarker(`~${name}`));
    }
    out.push(template.slice(last));
    return concat(out);
  }
}

/** Joins text parts; `${AWS::AccountId}` becomes the placeholder only in an ARN's account field. */
function concat(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) {
    if (p === ACCOUNT)
      s += /^arn:[^:]*:[^:]*:[^:]*:$/.test(s) ? ACCOUNT_PLACEHOLDER : unresolvedMarker('~AWS::AccountId');
    else s += p;
  }
  return s;
}

function withoutOffsets(r: Range): Range {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

const SHORT_FORMS: Readonly<Record<string, string>> = table({ '!Ref': 'Ref', '!Condition': 'Condition' });

/** `{"Ref": x}`, `{"Fn::Sub": x}` or a short-form tag (`!Sub x`): the intrinsic's name and argument. */
function asIntrinsic(node: SNode): { name: string; arg: SNode } | undefined {
  if (node.tag) {
    const name = SHORT_FORMS[node.tag] ?? `Fn::${node.tag.slice(1)}`;
    const { tag: _t, ...rest } = node;
    return { name, arg: rest as SNode };
  }
  if (node.type === 'map' && node.entries.length === 1) {
    const key = node.entries[0]!.key;
    if (key === 'Ref' || key.startsWith('Fn::')) return { name: key, arg: node.entries[0]!.value };
  }
  return undefined;
}

function isNoValue(node: SNode): boolean {
  const i = asIntrinsic(node);
  return i?.name === 'Ref' && i.arg.type === 'scalar' && i.arg.value === 'AWS::NoValue';
}

/**
 * `Fn::If [condition, whenTrue, whenFalse]`: conditions depend on parameters known at deploy time,
 * so the linter reads the "true" branch (what the condition switches on), or the "false" branch
 * when the true one is AWS::NoValue. Undefined: no value.
 */
function chooseIf(arg: SNode): SNode | undefined {
  if (arg.type !== 'seq' || arg.items.length < 3) return undefined;
  const [, a, b] = arg.items as [SNode, SNode, SNode];
  if (!isNoValue(a)) return pick(a);
  return isNoValue(b) ? undefined : pick(b);
}

/** A node with any `Fn::If` around it unwrapped (undefined for AWS::NoValue). */
function pick(node: SNode | undefined): SNode | undefined {
  if (!node) return undefined;
  if (isNoValue(node)) return undefined;
  const i = asIntrinsic(node);
  if (i?.name === 'Fn::If') return chooseIf(i.arg);
  return node;
}

/** The logical id a node refers to with `Ref` (or `GetAtt X.Arn`). */
function refTarget(node: SNode | undefined): string | undefined {
  const i = node ? asIntrinsic(node) : undefined;
  if (!i) return undefined;
  if (i.name === 'Ref') return scalarString(i.arg) ?? (i.arg.type === 'scalar' ? String(i.arg.value) : undefined);
  if (i.name === 'Fn::GetAtt') {
    if (i.arg.type === 'seq') return scalarString(i.arg.items[0]);
    if (i.arg.type === 'scalar' && typeof i.arg.value === 'string') return i.arg.value.split('.')[0];
  }
  return undefined;
}

function items(node: SNode | undefined): SNode[] {
  const n = pick(node);
  if (n?.type !== 'seq' || asIntrinsic(n)) return [];
  return n.items.map(pick).filter((x): x is SNode => x !== undefined);
}

/** Standalone policies and which property lists the principals they attach to. */
const STANDALONE: Readonly<
  Record<
    string,
    { roles: string[]; single?: boolean; people?: Array<{ prop: string; kind: 'user' | 'group'; single?: boolean }> }
  >
> = table({
  'AWS::IAM::Policy': {
    roles: ['Roles'],
    people: [
      { prop: 'Users', kind: 'user' },
      { prop: 'Groups', kind: 'group' },
    ],
  },
  'AWS::IAM::ManagedPolicy': {
    roles: ['Roles'],
    people: [
      { prop: 'Users', kind: 'user' },
      { prop: 'Groups', kind: 'group' },
    ],
  },
  'AWS::IAM::RolePolicy': { roles: ['RoleName'], single: true },
  'AWS::IAM::UserPolicy': { roles: [], people: [{ prop: 'UserName', kind: 'user', single: true }] },
  'AWS::IAM::GroupPolicy': { roles: [], people: [{ prop: 'GroupName', kind: 'group', single: true }] },
});

/**
 * Extracts every policy document of a CloudFormation template (JSON or YAML, SAM and CDK output
 * included), resolving intrinsics where the template itself determines the value. Give `text`
 * for a JSON template only: ranges of literal nodes then carry offsets into it, so fixes apply.
 */
export function extractCloudFormation(root: SNode, options: { text?: string } = {}): Extraction {
  const t = new Template(root, options.text !== undefined);
  const out = emptyExtraction('cloudformation');
  const roles = new Map<string, ExtractedRole>();
  /** Standalone policy resources by logical id: documents index. */
  const managed = new Map<string, number>();
  const roleOf = (id: string): ExtractedRole => {
    let r = roles.get(id);
    if (!r) roles.set(id, (r = { id, policies: [], instanceProfile: false }));
    return r;
  };

  const people = new Map<string, ExtractedHolder>();
  /** A user or group of the template (or named by the template: it holds the document all the same). */
  const holderOf = (kind: 'user' | 'group', id: string): ExtractedHolder => {
    let h = people.get(`${kind}:${id}`);
    if (!h) people.set(`${kind}:${id}`, (h = { kind, id, policies: [] }));
    return h;
  };

  const add = (node: SNode | undefined, label: string, kind: PolicyType): number | undefined => {
    const doc = pick(node);
    if (!doc) return undefined;
    const locs = new Map<string, NodeLocation>();
    let value = t.resolve(doc, '', locs);
    if (value === NO_VALUE) return undefined;
    if (typeof value === 'string') {
      // A policy written as JSON text (e.g. !Sub with a JSON body): positions at the string.
      try {
        value = JSON.parse(value);
      } catch {
        /* linted as the string it is: invalid-policy reports it */
      }
    }
    const lookup = (p: string) => locs.get(p);
    out.documents.push({
      value,
      source: options.text !== undefined ? { lookup, text: options.text } : { lookup },
      label,
      kind,
      range: doc.range,
    });
    return out.documents.length - 1;
  };

  for (const r of t.resources.values()) {
    const props = r.properties;
    if (r.type === 'AWS::S3::Bucket') {
      const name = t.bucketName(r.id);
      if (name !== undefined && !out.buckets.includes(name)) out.buckets.push(name);
      continue;
    }
    if (r.type === 'AWS::IAM::Role' || r.type === 'AWS::IAM::User' || r.type === 'AWS::IAM::Group') {
      const isRole = r.type === 'AWS::IAM::Role';
      if (isRole) {
        const trust = add(entry(props, 'AssumeRolePolicyDocument'), `${r.id}/AssumeRolePolicyDocument`, 'trust');
        const role = roleOf(r.id);
        if (trust !== undefined) role.trust = trust;
      }
      items(entry(props, 'Policies')).forEach((p, i) => {
        const name = scalarString(entry(p, 'PolicyName')) ?? `Policies[${i}]`;
        const idx = add(entry(p, 'PolicyDocument'), `${r.id}/${name}`, 'identity');
        if (idx === undefined) return;
        if (isRole) roleOf(r.id).policies.push(idx);
        else holderOf(r.type === 'AWS::IAM::User' ? 'user' : 'group', r.id).policies.push(idx);
      });
      continue;
    }
    if (r.type === 'AWS::IAM::InstanceProfile') {
      for (const ref of items(entry(props, 'Roles'))) {
        const id = refTarget(ref);
        if (id) roleOf(id).instanceProfile = true;
      }
      continue;
    }
    const standalone = STANDALONE[r.type];
    if (standalone) {
      const name = scalarString(entry(props, 'PolicyName')) ?? scalarString(entry(props, 'ManagedPolicyName'));
      const idx = add(entry(props, 'PolicyDocument'), name && name !== r.id ? `${r.id}/${name}` : r.id, 'identity');
      if (idx === undefined) continue;
      for (const prop of standalone.roles) {
        const refs = standalone.single ? [entry(props, prop)] : items(entry(props, prop));
        for (const ref of refs) {
          const id = refTarget(ref);
          if (id && t.resources.get(id)?.type === 'AWS::IAM::Role') roleOf(id).policies.push(idx);
        }
      }
      // Users and groups, by reference or by name: people hold the document.
      for (const p of standalone.people ?? []) {
        const refs = p.single ? [entry(props, p.prop)] : items(entry(props, p.prop));
        for (const ref of refs) {
          if (!ref) continue;
          const id = refTarget(ref) ?? scalarString(ref) ?? `${p.prop}`;
          holderOf(p.kind, id).policies.push(idx);
        }
      }
      managed.set(r.id, idx);
      continue;
    }
    // Every other policy-bearing property, from the generated table (scripts/gen-inputs.mjs).
    const policyProps = CFN_POLICY_PROPERTIES[r.type] ?? [];
    for (const [prop, kind] of policyProps) {
      const idx = add(entry(props, prop), policyProps.length > 1 ? `${r.id}/${prop}` : r.id, kind);
      if (idx !== undefined && r.type === 'AWS::EC2::VPCEndpoint') out.documents[idx]!.endpointPolicy = true;
    }
    if (r.type === 'AWS::Serverless::Function' || r.type === 'AWS::Serverless::StateMachine') {
      const policies = pick(entry(props, 'Policies'));
      const list = policies?.type === 'seq' ? items(policies) : policies ? [policies] : [];
      list.forEach((p, i) => {
        // Inline statements only: managed policy names and SAM policy templates are not documents.
        if (p.type !== 'map' || !entryWithKey(p, 'Statement')) return;
        const idx = add(p, policies?.type === 'seq' ? `${r.id}/Policies[${i}]` : `${r.id}/Policies`, 'identity');
        // The function's (or state machine's) own role: only the service uses it.
        if (idx !== undefined) out.documents[idx]!.audience = 'machines';
      });
    }
  }

  // ManagedPolicyArns of roles, users and groups that name a managed policy of the same template.
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::IAM::Role' && r.type !== 'AWS::IAM::User' && r.type !== 'AWS::IAM::Group') continue;
    for (const ref of items(entry(r.properties, 'ManagedPolicyArns'))) {
      const id = refTarget(ref);
      const idx = id !== undefined ? managed.get(id) : undefined;
      if (idx === undefined) continue;
      const holder =
        r.type === 'AWS::IAM::Role' ? roleOf(r.id) : holderOf(r.type === 'AWS::IAM::User' ? 'user' : 'group', r.id);
      if (!holder.policies.includes(idx)) holder.policies.push(idx);
    }
  }
  out.people = [...people.values()].filter((h) => h.policies.length > 0);
  out.roles = [...roles.values()].filter((r) => r.trust !== undefined || r.policies.length > 0);
  return out;
}
