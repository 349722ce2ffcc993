/** The Node.js provider of AWS's service reference, built as the CLI builds it, for tests. */
import { createNodeIamData } from '../../packages/cli/src/iam-data.ts';

export const iamData = createNodeIamData();
