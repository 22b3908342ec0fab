import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessPolicy } from '../access/useAccessPolicy.js';
import type { AccessDecision, GatewayContext } from '../context.js';

// Unexported, so only `accessStage` can make verdicts: a stage that needs one cannot be
// built without the access stage.
const fromAccessStage: unique symbol = Symbol('accessStage');

/**
 * The access stage's verdict on each request, for the stages after it. The response cache
 * and the audit take one when they are built, so neither exists without the access stage.
 */
export interface AccessVerdicts {
  readonly [fromAccessStage]: true;
  /**
   * The policy's decision on the request, also when it denied: undefined before the operation
   * resolved (nothing was read), and always when the access layer is off (nothing is checked).
   */
  decisionOf(context: GatewayContext): AccessDecision | undefined;
  /** True when the policy denied the operation: nothing may be served or stored for it. */
  denied(context: GatewayContext): boolean;
}

export interface AccessStage {
  /** The policy's plugin; none when the access layer is off. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  verdicts: AccessVerdicts;
}

/**
 * The first stage that decides what a caller may read: the policy's plugin decides in
 * `didResolveOperation` and leaves its decision in `context.access`, which the verdicts read.
 */
export function accessStage(policy: AccessPolicy | undefined): AccessStage {
  const verdicts: AccessVerdicts = {
    [fromAccessStage]: true,
    decisionOf: (context) => context.access,
    denied: (context) => (context.access?.denied.length ?? 0) > 0,
  };
  return { plugins: policy ? [policy.plugin()] : [], verdicts };
}
