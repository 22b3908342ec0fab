import { makeCode } from '../ErrorCode.js';

export const COST_LIMIT_EXCEEDED = makeCode(
  'COST_LIMIT_EXCEEDED',
  'input',
  400,
  "The operation's estimated cost (docs/limits.md, \"Demand control (cost)\") is over the caller's limit, so nothing was run and no department was called. `extensions.cost` holds `estimated` and `limit`. Ask for smaller pages (a lower `first`), fewer nested lists or fewer aliased copies of a list, or ask the platform operator to raise the agency's cost limit.",
);
