import type { IamAction, IamData, IamService } from '../src/types.js';

/** An action of the reference. */
export function action(name: string, types: string[], accessLevel = 'Read'): IamAction {
  return {
    name,
    accessLevel,
    resourceTypes: types.map((t) => ({ name: t, required: true })),
    conditionKeys: [],
  };
}
/** A service of the reference. */
export function service(actions: IamAction[], types: Record<string, string>): IamService {
  return {
    actions: new Map(actions.map((a) => [a.name.toLowerCase(), a])),
    resourceTypes: new Map(Object.entries(types).map(([k, arn]) => [k, { arn, conditionKeys: [] }])),
    conditionKeys: new Map(),
  };
}
/** A small reference for the rules' tests: `demo`, two IAM actions and CloudFormation's CreateChangeSet. */
const services: Record<string, IamService> = {
  demo: service(
    [
      action('ListThings', []),
      action('GetThing', ['thing']),
      action('GetWidget', ['widget']),
      action('PutThing', ['thing'], 'Write'),
      action('TagThing', ['thing'], 'Permissions management, Tagging'),
      action('CreateThing', [], 'Write'),
    ],
    { thing: 'arn:${Partition}:demo:${Region}:${Account}:thing/${ThingId}' },
  ),
  iam: service([action('PassRole', ['role'], 'Write'), action('PutRolePolicy', ['role'], 'Permissions management')], {
    role: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
  }),
  cloudformation: service([action('CreateChangeSet', ['stack'])], {
    stack: 'arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}',
  }),
};
export const iamData: IamData = {
  hasService: (p) => p.toLowerCase() in services,
  service: (p) => services[p.toLowerCase()],
  globalConditionKey: () => undefined,
  globalConditionKeys: () => [],
  servicePrefixes: () => Object.keys(services).sort(),
};
