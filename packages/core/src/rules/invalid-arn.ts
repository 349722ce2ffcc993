import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { checkArn } from '../iam/arn.js';

export default defineRule({
  id: 'invalid-arn',
  meta: {
    description:
      "Malformed resource ARNs: too few parts, an unknown partition, a bad account or region, or a region or account where the service's ARNs have none",
    severity: 'error',
    messages: {
      notArn: {
        text: '{{statement}}: "{{resource}}" is neither "*" nor an ARN (arn:partition:service:region:account:resource); it matches no resource',
      },
      tooFewParts: {
        text: '{{statement}}: "{{resource}}" has {{count}} colon-separated parts; an ARN has six (arn:partition:service:region:account:resource)',
      },
      unknownPartition: {
        text: '{{statement}}: "{{resource}}" names the partition "{{partition}}", which does not exist (aws, aws-cn, aws-us-gov, ...){{hint}}',
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
      accountNotAllowed: {
        text: '{{statement}}: "{{resource}}" has the account "{{account}}", but {{service}} ARNs of this kind ({{types}}) have none ({{template}}); the entry matches no resource',
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
