import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DirectiveNode,
  defaultFieldResolver,
  type GraphQLField,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  Kind,
} from 'graphql';

type Path = GraphQLResolveInfo['path'];

/** The response extension in which a department reports its data subjects. */
export const SUBJECTS_EXTENSION = 'subjects';

/**
 * National IDs and credit codes whose data a department returned, by root response key: the
 * root field's alias (or name), or `_entities.<representation index>` for entity fetches.
 */
export type SubjectsByRoot = Record<string, string[]>;

/** The identifier scalars that name a data subject (a natural person, a market entity). */
export const SUBJECT_SCALARS: ReadonlySet<string> = new Set(['NationalId', 'CreditCode']);

/**
 * Types that are not data subjects but belong to some (an application to its applicant, a
 * complaint to its complainant), by type name: given the object a field of the type resolves
 * on, the national IDs or credit codes of the subjects it belongs to. Reported like a subject's
 * own key whenever any field of such an object is resolved, so a write or read that touches only
 * the record (`recordReview { id status }`) still names whose record it was.
 */
export type SubjectsOf = Readonly<Record<string, (source: never) => readonly string[]>>;

type Collected = Map<string, Set<string>>;

interface Collector {
  byRoot: Collected;
  /** Parent paths already counted: every field of one object shares its parent path. */
  seen: WeakSet<Path>;
}

// One collector per operation, keyed by its context object (resolvers receive nothing else of
// ours). Apollo Server gives each operation a shallow copy of the request's context, so the
// operations of one batched request (departmentServer.ts) keep theirs apart while sharing its
// loaders.
const collectors = new WeakMap<object, Collector>();
const instrumented = new WeakSet<GraphQLSchema>();

/**
 * Every department runs this plugin: while a request executes it notes the key of every
 * entity whose data is resolved (an object type with `@key` on one `NationalId` or
 * `CreditCode` field: `Person`, `LegalEntity`), and returns them in
 * `extensions.subjects` grouped by root response key. The gateway's audit record and the
 * entity cache read them; a subject is noted even when its key was not selected
 * (`person { spouse { name } }`).
 */
export function useSubjects<TContext extends BaseContext>(
  subjectsOf: SubjectsOf = {},
): ApolloServerPlugin<TContext> {
  return {
    // Runs once per schema the server loads: wraps the fields of subject types (and of types
    // that belong to subjects) only, so other fields pay nothing.
    async serverWillStart({ schema }) {
      instrumentSchema(schema, subjectsOf);
    },
    async requestDidStart() {
      return {
        // Runs just before the response is serialised.
        async willSendResponse({ response, contextValue }) {
          const collector = collectors.get(contextValue);
          if (!collector || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            [SUBJECTS_EXTENSION]: toRecord(collector.byRoot),
          };
        },
      };
    },
  };
}

/**
 * Reads the subjects a department reported from its response extensions; undefined when it
 * reported none. Malformed entries are dropped rather than trusted.
 */
export function subjectsFromExtensions(
  extensions: Readonly<Record<string, unknown>> | undefined,
): SubjectsByRoot | undefined {
  const raw = extensions?.[SUBJECTS_EXTENSION];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const subjects: SubjectsByRoot = {};
  for (const [root, keys] of Object.entries(raw)) {
    if (!Array.isArray(keys)) continue;
    const valid = keys.filter((key): key is string => typeof key === 'string');
    if (valid.length > 0) subjects[root] = valid;
  }
  return subjects;
}

function instrumentSchema(schema: GraphQLSchema, subjectsOf: SubjectsOf): void {
  if (instrumented.has(schema)) return;
  instrumented.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const keyField = subjectKeyField(type);
    const owners = subjectsOf[type.name] as ((source: unknown) => readonly string[]) | undefined;
    const readKey = keyField ? keyReader(keyField) : owners;
    if (!readKey) continue;
    for (const field of Object.values(type.getFields())) wrapField(field, readKey);
  }
}

/** The type's key field when it is keyed by one subject identifier (`@key(fields: "nationalId")`). */
function subjectKeyField(
  type: GraphQLObjectType,
): GraphQLField<unknown, unknown, unknown> | undefined {
  const nodes = [type.astNode, ...type.extensionASTNodes];
  for (const node of nodes) {
    for (const directive of node?.directives ?? []) {
      const fields = keyFieldsOf(directive);
      const field = fields === undefined ? undefined : type.getFields()[fields];
      if (field && SUBJECT_SCALARS.has(getNamedType(field.type).name)) return field;
    }
  }
  return undefined;
}

function keyFieldsOf(directive: DirectiveNode): string | undefined {
  if (directive.name.value !== 'key') return undefined;
  const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
  return fields?.kind === Kind.STRING ? fields.value.trim() : undefined;
}

type KeyReader = (source: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

// Departments' parents differ (a population row has `national_id`, a reference `nationalId`),
// so the key is read the way the department itself serves it: through its key field's resolver.
function keyReader(keyField: GraphQLField<unknown, unknown, unknown>): KeyReader {
  const resolve = keyField.resolve;
  const name = keyField.name;
  if (!resolve) {
    return (source) =>
      typeof source === 'object' && source !== null
        ? (source as Record<string, unknown>)[name]
        : undefined;
  }
  return (source, context, info) => resolve(source, {}, context, info);
}

function wrapField(field: GraphQLField<unknown, unknown, unknown>, readKey: KeyReader): void {
  const original = field.resolve;
  field.resolve = (source, args, context, info) => {
    if (typeof context === 'object' && context !== null) note(source, context, info, readKey);
    return (original ?? defaultFieldResolver)(source, args, context, info);
  };
}

function note(
  source: unknown,
  context: object,
  info: GraphQLResolveInfo,
  readKey: KeyReader,
): void {
  const parent = info.path.prev;
  if (!parent) return;
  let collector = collectors.get(context);
  if (!collector) {
    collector = { byRoot: new Map(), seen: new WeakSet() };
    collectors.set(context, collector);
  }
  if (collector.seen.has(parent)) return;
  collector.seen.add(parent);
  const byRoot = collector.byRoot;
  const root = rootKeyOf(parent);
  let key: unknown;
  try {
    key = readKey(source, context, info);
  } catch {
    // The key field's own resolution reports the same failure to the caller.
    return;
  }
  const add = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const one of value) add(one);
      return;
    }
    if (typeof value !== 'string') return;
    let keys = byRoot.get(root);
    if (!keys) {
      keys = new Set();
      byRoot.set(root, keys);
    }
    keys.add(value);
  };
  if (isPromiseLike(key)) key.then(add, () => undefined);
  else add(key);
}

/** `person` for `person.spouse`, `_entities.3` for `_entities.3.legalRepresentative`. */
function rootKeyOf(path: Path): string {
  let node = path;
  let below: Path | undefined;
  while (node.prev) {
    below = node;
    node = node.prev;
  }
  return node.key === '_entities' && below && typeof below.key === 'number'
    ? `_entities.${below.key}`
    : String(node.key);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function toRecord(byRoot: Collected): SubjectsByRoot {
  const record: SubjectsByRoot = {};
  for (const [root, keys] of byRoot) record[root] = [...keys].sort();
  return record;
}
