import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';

/** What the structural limits look at in a document, fragments expanded. */
export interface OperationMeasure {
  /** Deepest field nesting of any operation (a top-level field is 1), introspection included. */
  depth: number;
  /** Aliased fields of the largest operation, each fragment counted at every spread. */
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

interface SelectionMeasure {
  depth: number;
  aliases: number;
  directives: number;
}

const NOTHING: SelectionMeasure = { depth: 0, aliases: 0, directives: 0 };

/**
 * Measures every operation of a parsed, not yet validated document in one pass over it: each
 * fragment is measured once and its measure added at every spread, so the work is linear in
 * the document even when the expanded operation is huge. A fragment that spreads itself (an
 * invalid document, refused by validation) counts as nothing past the cycle.
 */
export function measureDocument(document: DocumentNode): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, SelectionMeasure>();
  const inProgress = new Set<string>();

  const fragment = (name: string): SelectionMeasure => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const own = selectionSet(definition.selectionSet);
    inProgress.delete(name);
    const result = { ...own, directives: own.directives + (definition.directives?.length ?? 0) };
    measured.set(name, result);
    return result;
  };

  const selectionSet = (set: SelectionSetNode): SelectionMeasure => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of set.selections) {
      directives += selection.directives?.length ?? 0;
      let inner: SelectionMeasure;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionSet(selection.selectionSet) : NOTHING;
        inner = { ...below, depth: below.depth + 1 };
        if (selection.alias) aliases++;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionSet(selection.selectionSet);
      } else {
        inner = fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, aliases, directives };
  };

  let result: OperationMeasure = { depth: 0, aliases: 0, directives: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const own = selectionSet(definition.selectionSet);
    const variableDirectives = (definition.variableDefinitions ?? []).reduce(
      (sum, v) => sum + (v.directives?.length ?? 0),
      0,
    );
    result = {
      depth: Math.max(result.depth, own.depth),
      aliases: Math.max(result.aliases, own.aliases),
      directives: Math.max(
        result.directives,
        own.directives + (definition.directives?.length ?? 0) + variableDirectives,
      ),
    };
  }
  return result;
}
