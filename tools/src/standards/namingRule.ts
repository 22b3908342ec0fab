import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { subgraphTypes } from './subgraphTypes.js';

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Types and enums PascalCase; fields, input fields and arguments camelCase; enum values UPPER_SNAKE. */
export function namingRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const findings: Finding[] = [];
  for (const { name: subgraph, typeDefs } of subgraphs) {
    const bad = (coordinate: string, what: string, style: string, example: string) =>
      findings.push({
        rule: 'naming',
        subgraph,
        coordinate,
        message: `${what} name is not ${style}: rename it (e.g. ${example}).`,
      });
    for (const type of subgraphTypes(typeDefs).values()) {
      if (!PASCAL.test(type.name)) bad(type.name, type.kind, 'PascalCase', 'LegalEntity');
      for (const field of [...type.fields, ...type.inputFields]) {
        const coordinate = `${type.name}.${field.name.value}`;
        if (!CAMEL.test(field.name.value)) bad(coordinate, 'field', 'camelCase', 'birthDate');
        for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
          if (!CAMEL.test(arg.name.value))
            bad(`${coordinate}(${arg.name.value}:)`, 'argument', 'camelCase', 'nationalId');
        }
      }
      for (const value of type.values) {
        if (!UPPER_SNAKE.test(value.name.value))
          bad(`${type.name}.${value.name.value}`, 'enum value', 'UPPER_SNAKE', 'NOT_MARRIED');
      }
    }
  }
  return findings;
}
