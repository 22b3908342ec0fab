import { GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import type { ErrorCode } from '../errors/ErrorCode.js';
import { clipInput, quoteInput } from '../errors/quoteInput.js';

/** A checker returns the canonical value, or a sentence saying what is wrong with the input. */
export type Checker = (
  value: string,
) => { ok: true; value: string } | { ok: false; problem: string };

interface StringScalarConfig {
  name: string;
  description: string;
  specifiedByURL?: string;
  code: ErrorCode;
  check: Checker;
}

/**
 * A string-backed standard scalar. Query literals, variables and resolver output all go
 * through the same checker, so a bad value is refused the same way wherever it appears.
 */
export function makeStringScalar(config: StringScalarConfig): GraphQLScalarType<string, string> {
  const { name, code, check } = config;
  // A literal's node is attached so the error carries its location in the query. How the value
  // is shown is worked out only for an error: every field of these types passes through here.
  const parse = (value: unknown, shown: () => string, node?: ValueNode): string => {
    const nodes = node ? { nodes: node } : {};
    if (typeof value !== 'string') {
      throw code.err(`${name} must be a string; got ${shown()}.`, nodes);
    }
    const result = check(value);
    if (!result.ok) {
      throw code.err(`${name} ${quoteInput(value)} is invalid: ${result.problem}`, nodes);
    }
    return result.value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description: config.description,
    specifiedByURL: config.specifiedByURL ?? null,
    serialize: (value) => parse(value, () => describe(value)),
    parseValue: (value) => parse(value, () => describe(value)),
    parseLiteral: (node: ValueNode) =>
      parse(node.kind === Kind.STRING ? node.value : undefined, () => clipInput(print(node)), node),
  });
}

// Objects and functions are named, never converted: `String()` of an object without a usable
// `toString` (a null prototype, a list holding one) throws a TypeError instead of the coded
// error, and a list of a million items would be joined before it is clipped.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteInput(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${clipInput(String(value))}`;
}
