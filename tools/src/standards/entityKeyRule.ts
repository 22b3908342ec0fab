import { Kind, parse, type SelectionSetNode } from 'graphql';
import type { Finding } from './Finding.js';
import type { SubgraphSource } from './SubgraphSource.js';
import { namedTypeOf, type SubgraphType, subgraphTypes } from './subgraphTypes.js';

/** The national standard identifiers departments join on (README: Departments). */
export const STANDARD_KEY_SCALARS: readonly string[] = [
  'NationalId',
  'CreditCode',
  'BuildingId',
  'DivisionCode',
];

/**
 * Every leaf of an entity's `@key` is a standard identifier scalar, so departments join without
 * mapping tables. `ID` is allowed only for hub-internal types: entities that exactly one
 * subgraph declares, whose keys are that subgraph's own handles and never a join between
 * departments. Once a second subgraph declares the type, the key must be a standard scalar.
 */
export function entityKeyRule(subgraphs: readonly SubgraphSource[]): Finding[] {
  const typesBySubgraph = subgraphs.map((s) => ({ ...s, types: subgraphTypes(s.typeDefs) }));
  const declaredIn = new Map<string, string[]>();
  for (const { name, types } of typesBySubgraph) {
    for (const type of types.values())
      declaredIn.set(type.name, [...(declaredIn.get(type.name) ?? []), name]);
  }
  const findings: Finding[] = [];
  for (const { name: subgraph, types } of typesBySubgraph) {
    for (const type of types.values()) {
      for (const key of type.directives.filter((d) => d.name.value === 'key')) {
        const fieldsArg = key.arguments?.find((a) => a.name.value === 'fields')?.value;
        if (fieldsArg?.kind !== Kind.STRING) continue; // composition reports malformed keys
        const owners = declaredIn.get(type.name) ?? [];
        for (const leaf of keyLeaves(type, types, fieldsArg.value)) {
          if (STANDARD_KEY_SCALARS.includes(leaf.type)) continue;
          if (leaf.type === 'ID' && owners.length === 1) continue;
          const shared =
            leaf.type === 'ID'
              ? ` ID keys are for hub-internal types only, and ${type.name} is declared by ${owners.join(', ')}.`
              : '';
          findings.push({
            rule: 'entity-key',
            subgraph,
            coordinate: `${leaf.coordinate}`,
            message: `@key(fields: "${fieldsArg.value}") uses a ${leaf.type} field.${shared} Key entities by a standard identifier: ${STANDARD_KEY_SCALARS.join(', ')}.`,
          });
        }
      }
    }
  }
  return findings;
}

interface KeyLeaf {
  coordinate: string;
  type: string;
}

function keyLeaves(
  type: SubgraphType,
  types: ReadonlyMap<string, SubgraphType>,
  fields: string,
): KeyLeaf[] {
  let selection: SelectionSetNode;
  try {
    const document = parse(`{${fields}}`, { noLocation: true });
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    selection = operation.selectionSet;
  } catch {
    return []; // not a field set: composition reports it
  }
  return leavesOf(type, types, selection);
}

function leavesOf(
  type: SubgraphType,
  types: ReadonlyMap<string, SubgraphType>,
  selectionSet: SelectionSetNode,
): KeyLeaf[] {
  const leaves: KeyLeaf[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = type.fields.find((f) => f.name.value === selection.name.value);
    if (!field) continue; // composition reports a key on an unknown field
    const typeName = namedTypeOf(field.type);
    const nested = types.get(typeName);
    if (selection.selectionSet && nested) {
      leaves.push(...leavesOf(nested, types, selection.selectionSet));
    } else {
      leaves.push({ coordinate: `${type.name}.${field.name.value}`, type: typeName });
    }
  }
  return leaves;
}
