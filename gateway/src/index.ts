export { type CacheConfig, cacheEnv, toCacheConfig } from './cache/cacheConfig.js';
export {
  createGatewayCache,
  type GatewayCache,
  type GatewayCacheOptions,
} from './cache/createGatewayCache.js';
export type { CacheStore } from './cache/store/CacheStore.js';
export { CACHE_DEBUG_HEADER, useResponseCache } from './cache/useResponseCache.js';
export { type EncryptionKey, parseEncryptionKeys } from './cache/valueCipher.js';
export { DEFAULT_SUPERGRAPH_PATH, type GatewayConfig, gatewayConfig } from './config.js';
export {
  createGatewayServer,
  type GatewayContext,
  type GatewayServer,
  type GatewayServerOptions,
} from './createGateway.js';
export {
  DepartmentDataSource,
  type DepartmentDataSourceOptions,
} from './dataSource/DepartmentDataSource.js';
export { type GraphiQLPageOptions, renderGraphiQL } from './graphiql/renderGraphiQL.js';
export {
  createGatewayMetrics,
  type GatewayMetrics,
  metricsRoute,
} from './metrics/gatewayMetrics.js';
export {
  type OneErrorPerDepartmentOptions,
  useOneErrorPerDepartment,
} from './plugins/useOneErrorPerDepartment.js';
export { type StandardScalarsOptions, useStandardScalars } from './plugins/useStandardScalars.js';
export { type SupergraphFileOptions, supergraphFromFile } from './supergraph/supergraphFromFile.js';
