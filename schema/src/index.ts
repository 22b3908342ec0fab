// The shared standards every department and the gateway import: scalars, directives, error codes.
// The service runtime, the department template, the cache layout and test helpers are packages
// of their own: @govgraph/server, @govgraph/department, @govgraph/cache, @govgraph/testing.
export * from './directives/index.js';
export * from './errors/index.js';
export * from './scalars/index.js';
