// The shared standards every department and the gateway import: scalars, directives, error codes.
// Runtime helpers live behind subpaths: `@govgraph/schema/db`, `/runtime`, `/testing`.
export * from './directives/index.js';
export * from './errors/index.js';
export * from './scalars/index.js';
