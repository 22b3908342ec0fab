import * as access from './codes/access.js';
import * as approvals from './codes/approvals.js';
import * as audit from './codes/audit.js';
import * as complaints from './codes/complaints.js';
import * as cost from './codes/cost.js';
import * as departmentWrites from './codes/departmentWrites.js';
import * as graphql from './codes/graphql.js';
import * as housing from './codes/housing.js';
import * as input from './codes/input.js';
import * as limits from './codes/limits.js';
import * as platform from './codes/platform.js';
import * as rateLimit from './codes/rateLimit.js';
import * as tax from './codes/tax.js';
import type { ErrorCode } from './ErrorCode.js';

// Each module under codes/ groups the codes of one concern; a new concern adds a module here.
const modules: Record<string, Record<string, ErrorCode>> = {
  input,
  graphql,
  platform,
  tax,
  housing,
  approvals,
  complaints,
  departmentWrites,
  access,
  audit,
  rateLimit,
  cost,
  limits,
};

/** Every public error code, by code. */
export const errorRegistry: ReadonlyMap<string, ErrorCode> = (() => {
  const map = new Map<string, ErrorCode>();
  for (const [moduleName, codes] of Object.entries(modules)) {
    for (const [exportName, def] of Object.entries(codes)) {
      if (exportName !== def.code) {
        throw new Error(`codes/${moduleName}.ts exports ${exportName} for code ${def.code}`);
      }
      if (map.has(def.code)) throw new Error(`error code ${def.code} is defined twice`);
      map.set(def.code, def);
    }
  }
  return map;
})();

export function isRegisteredCode(code: unknown): code is string {
  return typeof code === 'string' && errorRegistry.has(code);
}
