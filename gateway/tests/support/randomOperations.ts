import fc from 'fast-check';
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

// Random operations over a schema, held as a small tree (fields, arguments with their types)
// that renders to GraphQL text in many equivalent ways: with aliases, named and inline
// fragments, neutral @include/@skip, variables (with defaults, sent, or both), lists of one
// written as the bare item, and selections split into duplicates that GraphQL merges.

/** An argument value; each node keeps its input type so it can become a variable anywhere. */
export type Value =
  | { kind: 'leaf'; type: GraphQLInputType; literal: string; json: unknown; other?: Value }
  | { kind: 'null'; type: GraphQLInputType }
  | { kind: 'list'; type: GraphQLInputType; items: Value[] }
  | { kind: 'object'; type: GraphQLInputType; fields: [string, Value][] };

export interface Field {
  /** The type the field is selected on (an object or interface type). */
  parent: string;
  name: string;
  /** The named type the field returns: a fragment on its selections is on this type. */
  type: string;
  /** Set only inside a fragment on one type of an abstract type: unique response names there. */
  alias?: string;
  args: [string, Value][];
  selections: Selection[];
}

/** A selection: a field, or the fields chosen for one possible type of an abstract type. */
export type Selection =
  | { kind: 'field'; field: Field }
  | { kind: 'on'; type: string; fields: Field[] };

export interface Operation {
  operation: 'query' | 'mutation';
  selections: Selection[];
  /** The unions each object type is a member of: an inline fragment may pass through them. */
  unions: Readonly<Record<string, readonly string[]>>;
}

/** Scalars by name: the values a generated argument takes (valid for the scalar). */
export type ScalarValues = Readonly<Record<string, readonly (string | number | boolean)[]>>;

type Gen = fc.GeneratorValue;

/** A random operation on the schema's query or mutation root, fields to `depth` levels. */
export function randomOperation(
  g: Gen,
  schema: GraphQLSchema,
  kind: 'query' | 'mutation',
  depth: number,
  scalars: ScalarValues,
): Operation {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  if (!root) throw new Error(`the schema has no ${kind} root`);
  const walker = new Walker(g, schema, scalars);
  const unions: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type)) continue;
    for (const member of type.getTypes()) {
      unions[member.name] = [...(unions[member.name] ?? []), type.name];
    }
  }
  return { operation: kind, selections: walker.selections(root, depth), unions };
}

class Walker {
  constructor(
    readonly g: Gen,
    readonly schema: GraphQLSchema,
    readonly scalars: ScalarValues,
  ) {}

  selections(type: GraphQLCompositeType, depth: number): Selection[] {
    if (isUnionType(type)) return [typename(type.name), ...this.possibleTypes(type, depth)];
    const fields = this.fieldsOf(type, depth);
    if (fields.length === 0) return [typename(type.name)];
    const picked = this.pick(fields, 3);
    const result: Selection[] = picked.map((f) => ({
      kind: 'field',
      field: this.field(type, f, depth),
    }));
    if (isInterfaceType(type) && this.g(fc.boolean)) {
      result.push(...this.possibleTypes(type, depth));
    }
    return result;
  }

  /**
   * One to `max` of these, by name: fast-check compares what it is handed, and schema objects
   * refer to each other in cycles.
   */
  pick<T extends { name: string }>(items: readonly T[], max: number): T[] {
    const names = this.g(
      fc.shuffledSubarray,
      items.map((item) => item.name),
      {
        minLength: 1,
        maxLength: Math.min(max, items.length),
      },
    );
    return names.flatMap((name) => items.filter((item) => item.name === name));
  }

  /** The fields worth selecting: leaves anywhere, objects only above the depth bound. */
  fieldsOf(
    type: GraphQLObjectType | GraphQLCompositeType,
    depth: number,
  ): GraphQLField<unknown, unknown>[] {
    if (!isObjectType(type) && !isInterfaceType(type)) return [];
    return Object.values(type.getFields()).filter(
      (f) => !f.name.startsWith('_') && (depth > 1 || !isCompositeType(getNamedType(f.type))),
    );
  }

  possibleTypes(type: GraphQLCompositeType, depth: number): Selection[] {
    if (!isAbstractType(type)) return [];
    const members = this.schema.getPossibleTypes(type);
    const picked = this.pick(members, 2);
    return picked.flatMap((member): Selection[] => {
      const fields = this.fieldsOf(member, depth);
      if (fields.length === 0) return [];
      const chosen = this.pick(fields, 2);
      return [
        {
          kind: 'on',
          type: member.name,
          fields: chosen.map((f) => ({
            ...this.field(member, f, depth),
            alias: `${member.name}_${f.name}`,
          })),
        },
      ];
    });
  }

  field(parent: GraphQLCompositeType, f: GraphQLField<unknown, unknown>, depth: number): Field {
    const args: [string, Value][] = [];
    for (const arg of f.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (required || this.g(fc.boolean)) args.push([arg.name, this.value(arg.type, 3)]);
    }
    const type = getNamedType(f.type);
    const selections = isCompositeType(type) ? this.selections(type, depth - 1) : [];
    return { parent: parent.name, name: f.name, type: type.name, args, selections };
  }

  value(type: GraphQLInputType, depth: number, nullable = true): Value {
    if (isNonNullType(type)) return { ...this.value(type.ofType, depth, false), type };
    if (nullable && this.g(fc.integer, { min: 0, max: 9 }) === 0) return { kind: 'null', type };
    if (isListType(type)) {
      const count = depth > 0 ? this.g(fc.integer, { min: 0, max: 2 }) : 0;
      const items = Array.from({ length: count }, () => this.value(type.ofType, depth - 1));
      return { kind: 'list', type, items };
    }
    if (isInputObjectType(type)) {
      const fields: [string, Value][] = [];
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required || (depth > 0 && this.g(fc.boolean))) {
          fields.push([field.name, this.value(field.type, depth - 1)]);
        }
      }
      return { kind: 'object', type, fields };
    }
    if (isEnumType(type)) {
      const name = this.g(fc.constantFrom, ...type.getValues().map((v) => v.name));
      return { kind: 'leaf', type, literal: name, json: name };
    }
    const choices = this.scalars[type.name] ?? ['x'];
    const json = this.g(fc.constantFrom, ...choices);
    // Another value of the scalar: a default the variable's sent value overrides.
    const other = this.g(fc.constantFrom, ...choices);
    return {
      kind: 'leaf',
      type,
      literal: JSON.stringify(json),
      json,
      other: { kind: 'leaf', type, literal: JSON.stringify(other), json: other },
    };
  }
}

/** How a rendering rewrites the operation; `choices` decides, node by node, where. */
export interface Style {
  aliases: boolean;
  namedFragments: boolean;
  inlineFragments: boolean;
  neutralDirectives: boolean;
  /** Argument values (or parts of them) as variables: with a default, sent, or both. */
  variables: boolean;
  /** A list of one item written as the bare item (GraphQL coerces it to a list). */
  bareItems: boolean;
  /** A field written twice, its sub-selections split between the copies. */
  duplicates: boolean;
  choices: readonly number[];
}

export const plainStyle: Style = {
  aliases: false,
  namedFragments: false,
  inlineFragments: false,
  neutralDirectives: false,
  variables: false,
  bareItems: false,
  duplicates: false,
  choices: [0],
};

/** A rewriting style: each rewrite on or off, and a stream of choices for where it applies. */
export const anyStyle: fc.Arbitrary<Style> = fc.record({
  aliases: fc.boolean(),
  namedFragments: fc.boolean(),
  inlineFragments: fc.boolean(),
  neutralDirectives: fc.boolean(),
  variables: fc.boolean(),
  bareItems: fc.boolean(),
  duplicates: fc.boolean(),
  choices: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 }),
});

export interface Rendered {
  text: string;
  variables: Record<string, unknown>;
}

/** The operation as GraphQL text with the request variables it needs, rewritten per `style`. */
export function render(operation: Operation, style: Style): Rendered {
  const r = new Renderer(style, operation.unions);
  const body = r.selectionSet(operation.selections, rootName(operation));
  const declared = r.declarations.length > 0 ? `(${r.declarations.join(', ')})` : '';
  const text = [`${operation.operation} Op${declared} ${body}`, ...r.fragments].join('\n');
  return { text, variables: r.variables };
}

const rootName = (operation: Operation) => (operation.operation === 'query' ? 'Query' : 'Mutation');

const typename = (parent: string): Selection => ({
  kind: 'field',
  field: { parent, name: '__typename', type: 'String', args: [], selections: [] },
});

class Renderer {
  declarations: string[] = [];
  variables: Record<string, unknown> = {};
  fragments: string[] = [];
  #choice = 0;
  #names = 0;
  readonly #heads = new Map<Field, string>();

  readonly #fragments = new Map<string, string>();

  constructor(
    readonly style: Style,
    readonly unions: Readonly<Record<string, readonly string[]>>,
  ) {}

  /** The next choice, in 0..n-1. */
  pick(n: number): number {
    const { choices } = this.style;
    const value = choices[this.#choice % choices.length] ?? 0;
    this.#choice++;
    return (value + this.#choice) % n;
  }

  flip(enabled: boolean): boolean {
    return enabled && this.pick(2) === 0;
  }

  name(prefix: string): string {
    this.#names++;
    return `${prefix}${this.#names}`;
  }

  selectionSet(selections: readonly Selection[], parent: string): string {
    if (this.flip(this.style.namedFragments)) {
      // Inner fragments are defined first, so fragments nest; the same selections on the same
      // type (a duplicated field's copies) share one fragment, spread in several places.
      const inner = this.selections(selections, parent);
      const body = `on ${parent} { ${inner} }`;
      let fragment = this.#fragments.get(body);
      if (!fragment) {
        fragment = this.name('F');
        this.#fragments.set(body, fragment);
        this.fragments.push(`fragment ${fragment} ${body}`);
      }
      return `{ ...${fragment}${this.directive()} }`;
    }
    return `{ ${this.selections(selections, parent)} }`;
  }

  selections(selections: readonly Selection[], parent: string): string {
    return selections.map((s) => this.selection(s, parent)).join(' ');
  }

  selection(selection: Selection, parent: string): string {
    if (selection.kind === 'on') {
      const fields = selection.fields.map((f) => this.field(f)).join(' ');
      return `... on ${selection.type}${this.directive()} { ${fields} }`;
    }
    const text = this.field(selection.field);
    if (!this.flip(this.style.inlineFragments)) return text;
    const through = this.unions[parent] ?? [];
    const how = this.pick(3);
    const union = through[this.pick(Math.max(through.length, 1))];
    if (how === 2 && union) {
      // Through a union the type is a member of: `... on Owner { ... on Person { name } }`.
      return `... on ${union}${this.directive()} { ... on ${parent} { ${text} } }`;
    }
    const condition = how === 0 ? ` on ${parent}` : '';
    return `...${condition}${this.directive()} { ${text} }`;
  }

  field(field: Field): string {
    const head = this.head(field);
    if (field.selections.length === 0) {
      const copies = this.flip(this.style.duplicates) ? 2 : 1;
      return Array.from({ length: copies }, () => `${head}${this.directive()}`).join(' ');
    }
    const named = getSelectionsHalves(field.selections, this.flip(this.style.duplicates));
    return named
      .map((half) => `${head}${this.directive()} ${this.selectionSet(half, field.type)}`)
      .join(' ');
  }

  /**
   * The alias, name and arguments, rendered once per field: the copies of a duplicated field
   * (and of the fields under it) must ask the same, or GraphQL refuses to merge them.
   */
  head(field: Field): string {
    let head = this.#heads.get(field);
    if (head === undefined) {
      const alias = this.flip(this.style.aliases) ? this.name('a') : field.alias;
      head = `${alias ? `${alias}: ` : ''}${field.name}${this.args(field.args)}`;
      this.#heads.set(field, head);
    }
    return head;
  }

  args(args: readonly [string, Value][]): string {
    if (args.length === 0) return '';
    return `(${args.map(([name, value]) => `${name}: ${this.value(value)}`).join(', ')})`;
  }

  directive(): string {
    if (!this.flip(this.style.neutralDirectives)) return '';
    const include = this.pick(2) === 0;
    if (this.flip(this.style.variables)) {
      const name = this.name('b');
      this.declarations.push(`$${name}: Boolean! = ${include}`);
      return include ? ` @include(if: $${name})` : ` @skip(if: $${name})`;
    }
    return include ? ' @include(if: true)' : ' @skip(if: false)';
  }

  /** A value; `bare` when it stands for a list of one, where a variable of its type may not. */
  value(value: Value, bare = false): string {
    if (!bare && this.flip(this.style.variables)) return this.variable(value);
    if (value.kind === 'leaf') return value.literal;
    if (value.kind === 'null') return 'null';
    if (value.kind === 'list') {
      const [only] = value.items;
      if (only && value.items.length === 1 && this.flip(this.style.bareItems)) {
        return this.value(only, true);
      }
      return `[${value.items.map((item) => this.value(item)).join(', ')}]`;
    }
    return `{ ${value.fields.map(([name, v]) => `${name}: ${this.value(v)}`).join(', ')} }`;
  }

  /** The value as a variable: its default, or sent, or sent over another default. */
  variable(value: Value): string {
    const name = this.name('v');
    const type = String(value.type);
    const how = this.pick(3);
    if (how === 0) {
      this.declarations.push(`$${name}: ${type} = ${literalOf(value)}`);
    } else {
      const other = how === 2 ? otherValue(value) : undefined;
      this.declarations.push(`$${name}: ${type}${other ? ` = ${literalOf(other)}` : ''}`);
      this.variables[name] = jsonOf(value);
    }
    return `$${name}`;
  }
}

function getSelectionsHalves(selections: readonly Selection[], split: boolean): Selection[][] {
  if (!split || selections.length < 2)
    return split ? [[...selections], [...selections]] : [[...selections]];
  const half = Math.ceil(selections.length / 2);
  return [selections.slice(0, half), selections.slice(half)];
}

/** The value as a constant literal (for a variable's default). */
export function literalOf(value: Value): string {
  if (value.kind === 'leaf') return value.literal;
  if (value.kind === 'null') return 'null';
  if (value.kind === 'list') return `[${value.items.map(literalOf).join(', ')}]`;
  return `{ ${value.fields.map(([name, v]) => `${name}: ${literalOf(v)}`).join(', ')} }`;
}

/** The value as a request variable (JSON). */
export function jsonOf(value: Value): unknown {
  if (value.kind === 'leaf') return value.json;
  if (value.kind === 'null') return null;
  if (value.kind === 'list') return value.items.map(jsonOf);
  return Object.fromEntries(value.fields.map(([name, v]) => [name, jsonOf(v)]));
}

/** The same shape with other scalar values: a default that the sent value must override. */
function otherValue(value: Value): Value {
  if (value.kind === 'leaf') return value.other ?? value;
  if (value.kind === 'null') return value;
  if (value.kind === 'list') return { ...value, items: value.items.map(otherValue) };
  return { ...value, fields: value.fields.map(([name, v]) => [name, otherValue(v)]) };
}

/** The operation with every national ID in its arguments replaced by `replace(id)`. */
export function withNationalIds(operation: Operation, replace: (id: string) => string): Operation {
  const value = (v: Value): Value => {
    if (v.kind === 'list') return { ...v, items: v.items.map(value) };
    if (v.kind === 'object') return { ...v, fields: v.fields.map(([n, f]) => [n, value(f)]) };
    if (v.kind !== 'leaf' || getNamedType(v.type).name !== 'NationalId') return v;
    const id = replace(String(v.json));
    return { ...v, literal: JSON.stringify(id), json: id, other: v.other && value(v.other) };
  };
  const field = (f: Field): Field => ({
    ...f,
    args: f.args.map(([name, v]) => [name, value(v)]),
    selections: f.selections.map(selection),
  });
  const selection = (s: Selection): Selection =>
    s.kind === 'field'
      ? { kind: 'field', field: field(s.field) }
      : { ...s, fields: s.fields.map(field) };
  return { ...operation, selections: operation.selections.map(selection) };
}

/**
 * How long the random-operation properties search, from the environment: `FC_RUNS=<n>`
 * multiplies the runs (and the tests' time limits) for a longer search than CI's; a failure
 * prints its seed and path, and `FC_SEED=<seed> FC_PATH=<path>` replays it.
 */
export const randomSearch = {
  scale: Number(process.env.FC_RUNS ?? 1),
  /** fast-check's parameters for `runs` runs at this scale, replaying a seed and path when given. */
  parameters(runs: number): { numRuns: number; seed?: number; path?: string } {
    const seed = process.env.FC_SEED;
    const path = process.env.FC_PATH;
    return {
      numRuns: runs,
      ...(seed === undefined ? {} : { seed: Number(seed) }),
      ...(path === undefined ? {} : { path }),
    };
  },
};

/** `govgraph_executions_total` of the gateway at `baseUrl`, by executor (and reason, for Apollo's). */
export async function executionCounts(baseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^govgraph_executions_total\{executor="(\w+)",reason="([^"]*)"\} (\d+)/.exec(
      line,
    );
    if (!match) continue;
    const key = match[2] ? `${match[1]}: ${match[2]}` : `${match[1]}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(match[3]));
  }
  return counts;
}
