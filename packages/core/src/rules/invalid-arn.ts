import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { checkArn } from '../iam/arn.js';

export default defineRule({
  id: 'invalid-arn',
  meta: {
    description:
      "Malformed resource ARNs: a segment too few or too many, a missing or unknown partition, a bad account or region, a region or account where the service's ARNs have none (or none where they need one), a resource part of no resource type of the service",
    severity: 'error',
    messages: {
      notArn: {
        text: '{{statement}}: "{{resource}}" is neither "*" nor an ARN (arn:partition:service:region:account:resource); it matches no resource',
      },
      tooFewParts: {
        text: '{{statement}}: "{{resource}}" has {{count}} colon-separated parts; an ARN has six (arn:partition:service:region:account:resource){{hint}}',
      },
      tooManyParts: {
        text: '{{statement}}: "{{resource}}" has a colon too many: {{service}} ARNs of this kind ({{types}}) look like {{template}}; the entry matches no resource',
      },
      partitionMissing: {
        text: '{{statement}}: "{{resource}}" has no partition segment (it should begin arn:aws:{{service}}:, or aws-cn, aws-us-gov, ...); the entry matches no resource',
      },
      unknownPartition: {
        text: '{{statement}}: "{{resource}}" names the partition "{{partition}}", which does not exist (aws, aws-cn, aws-us-gov, ...){{hint}}',
      },
      serviceMissing: {
        text: '{{statement}}: "{{resource}}" has no service segment (arn:partition:service:region:account:resource); the entry matches no resource',
      },
      badAccount: {
        text: '{{statement}}: "{{resource}}" has the account "{{account}}"; an account is 12 digits (or "aws" for AWS-owned resources), "*" or a policy variable',
      },
      badRegion: {
        text: '{{statement}}: "{{resource}}" has the region "{{region}}", which is not a region name (such as us-east-1)',
      },
      regionNotAllowed: {
        text: '{{statement}}: "{{resource}}" has the region "{{region}}", but {{service}} ARNs of this kind ({{types}}) have none ({{template}}); the entry matches no resource',
      },
      regionMissing: {
        text: '{{statement}}: "{{resource}}" has no region{{how}}, but {{service}} ARNs of this kind ({{types}}) have one ({{template}}); the entry matches no resource',
      },
      accountNotAllowed: {
        text: '{{statement}}: "{{resource}}" has the account "{{account}}", but {{service}} ARNs of this kind ({{types}}) have none ({{template}}); the entry matches no resource',
      },
      accountMissing: {
        text: '{{statement}}: "{{resource}}" has no account{{how}}, but {{service}} ARNs of this kind ({{types}}) have one ({{template}}); the entry matches no resource',
      },
      resourceUnknown: {
        text: '{{statement}}: in "{{resource}}", the resource part "{{part}}" matches no {{service}} resource type ({{types}}), so the entry matches no resource{{hint}}',
      },
      wildcardSpansSegments: {
        text: '{{statement}}: "{{resource}}" matches {{service}} ARNs ({{types}}) only because a "*" ending a segment also stands for the segments after it, so a segment looks left out; write all six (such as {{template}})',
        severity: 'warn',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      for (const item of [...(s.resource?.items ?? []), ...(s.notResource?.items ?? [])]) {
        const problem = checkArn(item.value, ctx.iamData);
        if (problem)
          ctx.report({
            messageId: problem.messageId,
            data: { statement, resource: item.value, ...problem.data },
            pointer: item.pointer,
          });
      }
    }
  },
});
