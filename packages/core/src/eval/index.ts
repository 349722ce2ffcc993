export { evaluate, toEvalPolicy, inferPrincipalType, accountOf } from './evaluate.js';
export type {
  EvalRequest,
  EvalPolicy,
  EvalResult,
  DecidingStatement,
  Decision,
  PolicyKind,
  PrincipalType,
} from './evaluate.js';
export { evaluateCondition } from './conditions.js';
export { parseCidr, cidrContains } from './ip.js';
