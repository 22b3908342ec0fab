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
  type OneErrorPerDepartmentOptions,
  useOneErrorPerDepartment,
} from './plugins/useOneErrorPerDepartment.js';
export { type StandardScalarsOptions, useStandardScalars } from './plugins/useStandardScalars.js';
export { type SupergraphFileOptions, supergraphFromFile } from './supergraph/supergraphFromFile.js';
