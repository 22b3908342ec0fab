import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const standardsPath = fileURLToPath(new URL('./directives/standards.graphql', import.meta.url));

interface DepartmentCodegenOptions {
  /** Context type for resolvers, e.g. `../context.js#PopulationContext`. */
  contextType: string;
  /** GraphQL type name → the TypeScript row type its resolvers receive as parent. */
  mappers?: Record<string, string>;
}

/**
 * The codegen config every department uses: resolver types from `src/schema.graphql` plus the
 * shared standards, with the standard scalars as strings. Run by `npm run codegen`.
 */
export function departmentCodegen(options: DepartmentCodegenOptions): CodegenConfig {
  return {
    schema: [standardsPath, 'src/schema.graphql'],
    generates: {
      'src/__generated__/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          enumsAsTypes: true,
          useIndexSignature: true,
          contextType: options.contextType,
          mappers: options.mappers ?? {},
          scalars: {
            NationalId: 'string',
            CreditCode: 'string',
            DivisionCode: 'string',
            BuildingId: 'string',
            Date: 'string',
            DateTime: 'string',
            Money: 'string',
          },
        },
      },
    },
  };
}
