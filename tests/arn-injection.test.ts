/**
 * Malformed ARNs injected into the 1,594 latest AWS managed policies (issue 12): each class of
 * mistake is written into every policy that has an ARN of the class's shape (its first such ARN),
 * and invalid-arn must report it with the class's messageId at the injected entry's line and
 * column, and nothing else may change (the originals have no invalid-arn finding:
 * tests/corpus-iam.test.ts). The shapes leave out ARNs whose wildcard or policy variable could
 * stand for the lost text, because IAM matches those (arn:aws:s3::* still matches every bucket:
 * "if the * wildcard is the last character of a resource ARN segment, it can expand to match
 * beyond the colon boundaries"). Detection rates before this check: docs/rules/invalid-arn.md.
 */
import { describe, expect, it } from 'vitest';
import { lintText, ruleIds, type RuleLevel } from '../packages/core/src/index.ts';
import { splitArn } from '../packages/core/src/iam/s3.ts';
import { checkArn } from '../packages/core/src/iam/arn.ts';
import { loadManagedPolicies } from './helpers/corpus.ts';
import { iamData } from './helpers/iam-data.ts';

const rules: Record<string, RuleLevel> = Object.fromEntries(
  ruleIds.map((r) => [r, r === 'invalid-arn' ? 'error' : 'off']),
);

type Statement = { Resource?: string | string[]; NotResource?: string | string[] };

interface Site {
  pointer: string;
  arn: string;
  set: (doc: unknown, value: string) => void;
}

/** Every Resource/NotResource string of a document, with its pointer and a setter for a copy. */
function sites(doc: unknown): Site[] {
  const d = doc as { Statement: Statement | Statement[] };
  const list = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  const single = !Array.isArray(d.Statement);
  const out: Site[] = [];
  const nth = (c: unknown, i: number): Statement => {
    const st = (c as { Statement: Statement | Statement[] }).Statement;
    return Array.isArray(st) ? st[i]! : st;
  };
  list.forEach((s, i) => {
    for (const key of ['Resource', 'NotResource'] as const) {
      const v = s[key];
      const at = single ? `/Statement/${key}` : `/Statement/${i}/${key}`;
      if (typeof v === 'string') out.push({ pointer: at, arn: v, set: (c, x) => void (nth(c, i)[key] = x) });
      else if (Array.isArray(v))
        v.forEach((a, j) =>
          out.push({
            pointer: `${at}/${j}`,
            arn: a,
            set: (c, x) => void ((nth(c, i)[key] as string[])[j] = x),
          }),
        );
    }
  });
  return out;
}

/** Does the text begin with literal text (no wildcard or variable that could absorb a lost colon)? */
const literalStart = (s: string) => s !== '' && !/^[*?$]/.test(s);
const open = (s: string) => /[*?]|\$\{/.test(s);
const literal = (s: string) => s !== '' && !open(s);

/**
 * An ARN with an account, of a service the reference knows, whose resource part starts with
 * literal text and holds no colon or policy variable (which could absorb or stand for the lost
 * segment: arn:aws:logs:*:log-group:x still matches log groups through the region's `*`).
 */
function accountShape(p: readonly string[]): boolean {
  return (
    p.length === 6 &&
    p[4] !== '' &&
    literalStart(p[5]!) &&
    !p[5]!.includes(':') &&
    !p.join(':').includes('${') &&
    iamData.hasService(p[2]!) &&
    // A resource of a type the reference knows: with its wildcards made concrete, a clean ARN.
    checkArn(concrete(p), iamData) === undefined
  );
}

/** The ARN with `*` as partition, region or account made concrete (aws, us-east-1, 123456789012). */
function concrete(p: readonly string[], account = p[4] === '*' ? '123456789012' : p[4]!): string {
  return [p[0], p[1] === '*' ? 'aws' : p[1], p[2], p[3] === '*' ? 'us-east-1' : p[3], account, p[5]].join(':');
}

interface InjectionClass {
  name: string;
  /** The malformed ARN for an ARN of the class's shape, or undefined when it has not the shape. */
  inject(arn: string): string | undefined;
  /** The messageIds it may get (one, or two where the reference cannot pin the lost segment). */
  expected(arn: string): string[];
}

const CLASSES: InjectionClass[] = [
  {
    name: 'S3 ARN missing one colon (arn:aws:s3::bucket/*)',
    inject: (arn) => {
      const p = splitArn(arn);
      if (p.length !== 6 || p[2] !== 's3' || p[3] !== '' || p[4] !== '' || !literalStart(p[5]!)) return undefined;
      return `${p[0]}:${p[1]}:s3::${p[5]}`;
    },
    expected: () => ['tooFewParts'],
  },
  {
    name: 'account segment left out (arn:aws:sqs:us-east-1:queue)',
    inject: (arn) => {
      const p = splitArn(arn);
      if (!accountShape(p)) return undefined;
      return [...p.slice(0, 4), p[5]].join(':');
    },
    // A partition or region of `*` may stand for the account too (IAM's rule above): a warning, not
    // an error. Otherwise the account is named, or (an S3 or IAM ARN, whose region is empty too, or
    // a type the reference lacks) the ARN is called a part short.
    expected: (arn) =>
      splitArn(arn).slice(1, 4).some(open) ? ['wildcardSpansSegments'] : ['accountMissing', 'tooFewParts'],
  },
  {
    name: 'account segment emptied (arn:aws:sqs:us-east-1::queue)',
    inject: (arn) => {
      const p = splitArn(arn);
      // Not where an empty account is valid too (AWS-owned SSM parameters, public snapshots).
      // The region's `*` may also stand for no region (arn:aws:s3:*::a/b names an S3 object).
      const valid = (r: string) => checkArn(concrete([...p.slice(0, 3), r, ...p.slice(4)], ''), iamData) === undefined;
      if (!accountShape(p) || valid(p[3]!) || (p[3] === '*' && valid(''))) return undefined;
      return [...p.slice(0, 4), '', p[5]].join(':');
    },
    // With the region empty as well, either segment may be the lost one (partnercentral has both kinds).
    expected: (arn) => (splitArn(arn)[3] === '' ? ['accountMissing', 'regionMissing'] : ['accountMissing']),
  },
  {
    name: 'partition segment left out (arn:sqs:us-east-1:123456789012:queue)',
    inject: (arn) => {
      const p = splitArn(arn);
      if (p.length !== 6 || !literal(p[1]!) || !iamData.hasService(p[2]!)) return undefined;
      return ['arn', ...p.slice(2)].join(':');
    },
    expected: () => ['partitionMissing'],
  },
  {
    name: 'partition segment emptied (arn::s3:::bucket)',
    inject: (arn) => {
      const p = splitArn(arn);
      if (p.length !== 6 || !literal(p[1]!) || !iamData.hasService(p[2]!)) return undefined;
      return ['arn', '', ...p.slice(2)].join(':');
    },
    expected: () => ['partitionMissing'],
  },
];

describe('malformed ARNs injected into the AWS managed policies', () => {
  const latest = loadManagedPolicies().filter((d) => d.latest);

  for (const cls of CLASSES) {
    it(`${cls.name}: reported as invalid-arn at the entry, every time`, () => {
      let injected = 0;
      const missed: string[] = [];
      for (const { name, document } of latest) {
        const site = sites(document).find((s) => cls.inject(s.arn) !== undefined);
        if (!site) continue;
        const bad = cls.inject(site.arn)!;
        const copy = JSON.parse(JSON.stringify(document));
        site.set(copy, bad);
        const text = JSON.stringify(copy, null, 2);
        // AWS's own mistakes (tests/corpus-iam.test.ts) stay; the injection must add one finding.
        const before = lintText(JSON.stringify(document, null, 2), { iamData, rules }).messages;
        const found = lintText(text, { iamData, rules }).messages.filter(
          (m) => !before.some((b) => b.pointer === m.pointer && b.messageId === m.messageId),
        );
        injected++;
        const want = cls.expected(site.arn);
        const at = found.filter((m) => m.pointer === site.pointer);
        if (found.length !== 1 || at.length !== 1 || !want.includes(at[0]!.messageId)) {
          missed.push(
            `${name} ${site.pointer} ${bad}: want ${want}, got ${found.map((m) => `${m.messageId}@${m.pointer}`).join(' ') || 'nothing'}`,
          );
          continue;
        }
        // The finding's line and column are those of the injected string.
        const m = at[0]!;
        const line = text.split('\n')[m.line - 1]!;
        expect(line.slice(m.column - 1).startsWith(JSON.stringify(bad)), `${name} ${m.line}:${m.column}`).toBe(true);
      }
      const rate = injected ? (injected - missed.length) / injected : 0;
      console.info(`${cls.name}: ${injected - missed.length}/${injected} reported (${(rate * 100).toFixed(1)}%)`);
      expect(missed.slice(0, 20).join('\n'), `${missed.length} missed`).toBe('');
      expect(injected).toBeGreaterThan(100);
    });
  }
});
