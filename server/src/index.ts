export {
  CALLER_TOKEN_AUDIENCE,
  CALLER_TOKEN_HEADER,
  CALLER_TOKEN_ISSUER,
  type CallerTokenClaims,
  type CallerTokenSigner,
  type CallerTokenSignerOptions,
  type CallerTokenVerifier,
  type CallerTokenVerifierOptions,
  callerTokenPrivateKeyVar,
  callerTokenPublicKeysVar,
  createCallerTokenSigner,
  createCallerTokenVerifier,
  generateCallerTokenKeys,
  type JWK,
} from './callerToken.js';
export {
  booleanVar,
  ConfigError,
  databaseUrlVar,
  logLevelVar,
  parseEnv,
  portVar,
  UsageError,
} from './config.js';
export { appendVary, type CorsPolicy } from './cors.js';
export { formatPublicError, type RequestScope, useErrorMasking } from './errorMasking.js';
export {
  createGraphQLHandler,
  type GraphQLHandlerOptions,
  type Listening,
  listen,
  type RouteHandler,
  requestIdOf,
} from './httpServer.js';
export { createLogger, type Logger } from './logger.js';
export {
  type ClusterTarget,
  createRedisClient,
  isClusterUrl,
  parseClusterUrl,
  type RedisClient,
  type RedisClientOptions,
  redisNodes,
  redisUrlVar,
} from './redisClient.js';
export {
  refusalHeaders,
  refusalStatus,
  sendError,
  sendJson,
  sendRefusal,
} from './sendError.js';
export {
  allowMethods,
  type StaticAsset,
  staticAsset,
  staticAssetRoute,
} from './staticAssets.js';
export {
  activeTraceId,
  injectTraceContext,
  inSpan,
  inSyncSpan,
  recordStatementSpan,
  SpanKind,
  startTracing,
  TRACER_NAME,
  type Tracing,
  type TracingOptions,
  traceRequest,
  tracingEnabled,
} from './tracing.js';
