import { STANDARD_SCALAR_NAMES, type StandardScalarName } from './scalars.js';

/** One scalar's mapping in `@graphql-codegen`'s `config.scalars`. */
export interface CodegenScalar {
  input: string;
  output: string;
}

/**
 * `config.scalars` for `@graphql-codegen/client-preset` (or the `typescript` plugin): each
 * standard scalar mapped, as input and as output, to this package's branded type,
 * `'@govgraph/client#NationalId'`. `from` names the module to import them from.
 */
export function codegenScalars(
  from = '@govgraph/client',
): Readonly<Record<StandardScalarName, CodegenScalar>> {
  const entries = STANDARD_SCALAR_NAMES.map((name) => {
    const type = `${from}#${name}`;
    return [name, { input: type, output: type }] as const;
  });
  return Object.fromEntries(entries) as Record<StandardScalarName, CodegenScalar>;
}
