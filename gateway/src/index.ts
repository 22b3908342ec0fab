// The gateway's public surface: the one factory, its options and configuration. Its parts
// (caches, access, audit, metrics, GraphiQL) are reached through `createGatewayServer`.
export type { Reader } from './access/useAccessPolicy.js';
export type { GatewayCacheOptions } from './cache/createGatewayCache.js';
export {
  buildCatalog,
  type Catalog,
  type CatalogCacheSettings,
  type CatalogField,
  type CatalogType,
  DEFAULT_CATALOG_CACHE,
} from './catalog/buildCatalog.js';
export { renderCatalogMarkdown } from './catalog/renderCatalogMarkdown.js';
export { type ClientSchemaInput, clientSchemaFor } from './clientSchema/clientSchemaFor.js';
export { CLIENT_SCHEMA_PATH } from './clientSchema/clientSchemaRoute.js';
export { printClientSchema } from './clientSchema/printClientSchema.js';
export { DEFAULT_SUPERGRAPH_PATH, type GatewayConfig, gatewayConfig } from './config.js';
export {
  createGatewayServer,
  type GatewayContext,
  type GatewayServer,
  type GatewayServerOptions,
} from './createGateway.js';
export { limitVar } from './limits/limitsConfig.js';
export { countTokens, measureDocument } from './limits/measureOperation.js';
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits/requestLimits.js';
export type { RateLimitOptions } from './rateLimit/rateLimiter.js';
export { createApolloGateway } from './supergraph/createApolloGateway.js';
export {
  type DepartmentUrls,
  departmentNamesOf,
  departmentUrls,
  departmentUrlVar,
} from './supergraph/departmentUrls.js';
