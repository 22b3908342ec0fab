import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type SelectionNode,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';

/** What the structural limits look at in a document, fragments expanded. */
export interface OperationMeasure {
  /** Deepest field nesting of any operation (a top-level field is 1), introspection included. */
  depth: number;
  /**
   * Aliased fields of the largest operation, plus fields written again under a response name
   * already in the same selection set (its inline fragments and spread fragments merged into
   * it): both make graphql-js compare fields pairwise. Fragments count at every spread.
   */
  aliases: number;
  /** Directive uses of the largest operation (on it, its fields, fragments and spreads). */
  directives: number;
}

/**
 * The lexical tokens of `text`, counted with graphql-js's own lexer (comments are not tokens,
 * as in `parse(…, { maxTokens })`), stopping once past `max`: a 1 MB body of tokens costs no
 * more than `max` of them. Text the lexer refuses stops the count; the parser reports it.
 */
export function countTokens(text: string, max: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count <= max && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A syntax error: what was counted stands, and parsing says what is wrong.
  }
  return count;
}

const NOTHING: OperationMeasure = { depth: 0, aliases: 0, directives: 0 };

/**
 * The distinct response names a fragment merges into where it is spread (its spreads
 * expanded), or null once collecting them went past the work budget; and how many fields it
 * writes in all, spreads expanded.
 */
interface ResponseNames {
  names: ReadonlySet<string> | null;
  total: number;
}

const NO_NAMES: ResponseNames = { names: new Set(), total: 0 };

/**
 * Set operations spent comparing response names across fragments, per document. Documents the
 * hub's clients send use a few hundred; past the budget a document's fields all count as
 * repeated (an upper bound), which refuses it unless its agency's maxAliases is very high.
 */
export const NAME_WORK_BUDGET = 200_000;

/**
 * Measures every operation and fragment of a parsed, not yet validated document (graphql-js
 * validates unused fragments too). Each fragment is measured once and its measure added at every
 * spread, so the work stays near-linear in the document even when the expanded operation is
 * huge. A fragment that spreads itself (an invalid document, refused by validation) counts as
 * nothing past the cycle.
 */
export function measureDocument(document: DocumentNode): OperationMeasure {
  const definitions = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      definitions.set(definition.name.value, definition);
    }
  }
  const names = responseNames(definitions);
  const spreads = new Map<string, OperationMeasure>();
  const inProgress = new Set<string>();

  /** A fragment as spread: its fields merge into the selection set it is spread in. */
  const spread = (name: string): OperationMeasure => {
    const known = spreads.get(name);
    if (known) return known;
    const definition = definitions.get(name);
    if (!definition || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const own = selectionSet(definition.selectionSet, false);
    inProgress.delete(name);
    const result = { ...own, directives: own.directives + (definition.directives?.length ?? 0) };
    spreads.set(name, result);
    return result;
  };

  // `merged`: a field's, an operation's or a fragment definition's own selection set, into
  // which its inline fragments and spread fragments merge (their repeats are counted here).
  const selectionSet = (set: SelectionSetNode, merged: boolean): OperationMeasure => {
    let depth = 0;
    let aliases = merged ? names.repeated(set.selections) : 0;
    let directives = 0;
    for (const selection of set.selections) {
      directives += selection.directives?.length ?? 0;
      let inner: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionSet(selection.selectionSet, true) : NOTHING;
        inner = { ...below, depth: below.depth + 1 };
        if (selection.alias) aliases++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionSet(selection.selectionSet, false);
      } else {
        inner = spread(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, aliases, directives };
  };

  let result: OperationMeasure = NOTHING;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const own = selectionSet(definition.selectionSet, true);
      const variableDirectives = (definition.variableDefinitions ?? []).reduce(
        (sum, v) => sum + (v.directives?.length ?? 0),
        0,
      );
      const extra = (definition.directives?.length ?? 0) + variableDirectives;
      result = largest(result, { ...own, directives: own.directives + extra });
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      // Validated on its own too, spread or not.
      const own = selectionSet(definition.selectionSet, true);
      result = largest(result, {
        ...own,
        directives: own.directives + (definition.directives?.length ?? 0),
      });
    }
  }
  return result;
}

function largest(a: OperationMeasure, b: OperationMeasure): OperationMeasure {
  return {
    depth: Math.max(a.depth, b.depth),
    aliases: Math.max(a.aliases, b.aliases),
    directives: Math.max(a.directives, b.directives),
  };
}

/** The fields a selection set writes directly, through its inline fragments, and the fragments it spreads (with how often). */
function flatten(selections: readonly SelectionNode[]): {
  fields: string[];
  spreads: Map<string, number>;
} {
  const fields: string[] = [];
  const spreads = new Map<string, number>();
  const visit = (list: readonly SelectionNode[]) => {
    for (const selection of list) {
      if (selection.kind === Kind.FIELD)
        fields.push(selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections);
      else spreads.set(selection.name.value, (spreads.get(selection.name.value) ?? 0) + 1);
    }
  };
  visit(selections);
  return { fields, spreads };
}

/** Response names of fragments and of combinations of spreads, memoized, cycle-safe and on a work budget. */
function responseNames(definitions: ReadonlyMap<string, FragmentDefinitionNode>) {
  const fragments = new Map<string, ResponseNames>();
  const unions = new Map<string, ResponseNames>();
  const inProgress = new Set<string>();
  let work = 0;

  /** The names of several sources together: the largest is kept, the others' new names added. */
  const union = (sources: readonly ResponseNames[], own: readonly string[]): ResponseNames => {
    let total = own.length;
    let base: ReadonlySet<string> = new Set();
    for (const source of sources) {
      total += source.total;
      if (source.names === null) return { names: null, total: sumTotals(sources, own) };
      if (source.names.size > base.size) base = source.names;
    }
    const extra = new Set<string>();
    const add = (name: string) => {
      if (!base.has(name)) extra.add(name);
    };
    for (const source of sources) {
      if (source.names === base || source.names === null) continue;
      work += source.names.size;
      if (work > NAME_WORK_BUDGET) return { names: null, total };
      for (const name of source.names) add(name);
    }
    for (const name of own) add(name);
    if (extra.size === 0) return { names: base, total };
    work += base.size;
    if (work > NAME_WORK_BUDGET) return { names: null, total };
    return { names: new Set([...base, ...extra]), total };
  };

  const fragment = (name: string): ResponseNames => {
    const memo = fragments.get(name);
    if (memo) return memo;
    const definition = definitions.get(name);
    if (!definition || inProgress.has(name)) return NO_NAMES;
    inProgress.add(name);
    const { fields, spreads } = flatten(definition.selectionSet.selections);
    const result = union(spreadSources(spreads), fields);
    inProgress.delete(name);
    fragments.set(name, result);
    return result;
  };

  /** Each spread fragment once, its total times how often it is spread. */
  const spreadSources = (spreads: ReadonlyMap<string, number>): ResponseNames[] =>
    [...spreads].map(([name, times]) => {
      const names = fragment(name);
      return { names: names.names, total: names.total * times };
    });

  /** Fields written again under a response name already in the set (spreads and inline fragments merged). */
  const repeated = (selections: readonly SelectionNode[]): number => {
    const { fields, spreads } = flatten(selections);
    let combined = NO_NAMES;
    if (spreads.size > 0) {
      const key = [...spreads.keys()].sort().join('\u0000');
      const memo = unions.get(key);
      combined = memo ?? union([...spreads.keys()].map(fragment), []);
      if (!memo) unions.set(key, combined);
    }
    const total = fields.length + spreadSources(spreads).reduce((sum, s) => sum + s.total, 0);
    if (combined.names === null) return total;
    const seen = combined.names;
    const extra = new Set<string>();
    for (const field of fields) if (!seen.has(field)) extra.add(field);
    return total - (seen.size + extra.size);
  };

  return { repeated };
}

function sumTotals(sources: readonly ResponseNames[], own: readonly string[]): number {
  return sources.reduce((sum, s) => sum + s.total, own.length);
}
