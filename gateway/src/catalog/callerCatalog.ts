import type { AccessRegistry, Caller, ClassificationLevel, Purpose } from '@govgraph/governance';
import type { GraphQLSchema } from 'graphql';
import { isInterfaceType, isObjectType } from 'graphql';
import { covers } from '../access/policy.js';
import { readableSchema } from '../access/readableSchema.js';
import type { Catalog, CatalogField, CatalogType } from './buildCatalog.js';

/** What the caller may do with one field. */
export interface FieldAccess {
  /** Readable with no purpose declared: PUBLIC to anyone, INTERNAL to any agency. */
  withoutPurpose: boolean;
  /** The purposes (`X-Purpose`) under which the agency's grants cover the field. */
  purposes: string[];
  /** SENSITIVE: a read also needs `X-Case-Id` and `X-Operator-Id`. */
  needsCase: boolean;
}

export type CatalogCaller =
  | { kind: 'anonymous' }
  | { kind: 'citizen' }
  | { kind: 'agency'; agencyId: string; name: string; purposes: Purpose[] };

/** The catalog one caller is shown: the types and fields of their readable schema. */
export interface CallerCatalog {
  caller: CatalogCaller;
  departments: string[];
  types: (Omit<CatalogType, 'fields'> & { fields: (CatalogField & { access: FieldAccess })[] })[];
}

const OPEN: FieldAccess = { withoutPurpose: true, purposes: [], needsCase: false };
const CLOSED: FieldAccess = { withoutPurpose: false, purposes: [], needsCase: false };

/**
 * The catalog cut to what the caller's introspection shows (docs/catalog.md): a field is listed
 * when the caller may read it under some purpose, a type when the readable schema keeps it
 * (`readableSchema`, the same cut introspection answers from). Without a registry (access
 * layer off) nothing is checked, so everything is listed as readable.
 */
export function callerCatalog(
  catalog: Catalog,
  apiSchema: GraphQLSchema,
  caller: Caller,
  registry: AccessRegistry | undefined,
): CallerCatalog {
  const accessOf = registry ? accessRule(caller, registry) : () => OPEN;
  const access = new Map<string, FieldAccess>();
  for (const type of catalog.types) {
    for (const field of type.fields) access.set(field.coordinate, accessOf(field));
  }
  const readable = registry
    ? readableSchema(apiSchema, (c) => isReadable(access.get(c) ?? CLOSED))
    : apiSchema;
  const types: CallerCatalog['types'] = [];
  for (const type of catalog.types) {
    const kept = readable.getType(type.name);
    if (!kept) continue;
    const shown = isObjectType(kept) || isInterfaceType(kept) ? kept.getFields() : undefined;
    const fields = type.fields
      .filter((f) => !shown || shown[f.name] !== undefined)
      .map((f) => ({ ...f, access: access.get(f.coordinate) ?? CLOSED }));
    types.push({ ...type, fields });
  }
  const departments = catalog.departments.filter((d) =>
    types.some((t) => t.departments.includes(d)),
  );
  return { caller: catalogCaller(caller, registry), departments, types };
}

function isReadable(access: FieldAccess): boolean {
  return access.withoutPurpose || access.purposes.length > 0;
}

/** The rules of docs/access.md (`judgeCoordinates`), asked for every purpose at once. */
function accessRule(
  caller: Caller,
  registry: AccessRegistry,
): (field: CatalogField) => FieldAccess {
  if (caller.kind === 'anonymous') return (f) => (f.classification === 'PUBLIC' ? OPEN : CLOSED);
  if (caller.kind === 'citizen') {
    const own = registry.citizenCoordinates();
    return (f) => (f.classification === 'PUBLIC' || covers(own, f.coordinate) ? OPEN : CLOSED);
  }
  const grants = registry
    .purposes()
    .map((p) => [p.code, registry.grantedCoordinates(caller.agencyId, p.code)] as const);
  return (f) => agencyAccess(f.coordinate, f.classification, grants);
}

function agencyAccess(
  coordinate: string,
  level: ClassificationLevel | null,
  grants: readonly (readonly [string, ReadonlySet<string> | undefined])[],
): FieldAccess {
  // Input fields carry no level: they are listed with the types that take them.
  if (level === null || level === 'PUBLIC' || level === 'INTERNAL') return OPEN;
  const purposes = grants.filter(([, set]) => set && covers(set, coordinate)).map(([p]) => p);
  return { withoutPurpose: false, purposes, needsCase: level === 'SENSITIVE' };
}

function catalogCaller(caller: Caller, registry: AccessRegistry | undefined): CatalogCaller {
  if (caller.kind === 'citizen') return { kind: 'citizen' };
  if (caller.kind !== 'agency' || !registry) return { kind: 'anonymous' };
  const purposes = registry
    .purposes()
    .filter((p) => registry.grantedCoordinates(caller.agencyId, p.code) !== undefined);
  return { kind: 'agency', agencyId: caller.agencyId, name: caller.name, purposes };
}
