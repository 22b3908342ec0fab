/** `Type.field` or `Type.*`, with GraphQL names; whether they exist is the gateway's check. */
const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.(\*|[_A-Za-z][_0-9A-Za-z]*)$/;

/** The problem with a coordinate's shape, or null; for messages that say what to write. */
export function coordinateProblem(value: string): string | null {
  return COORDINATE.test(value)
    ? null
    : `${JSON.stringify(value)} is not a field coordinate: write Type.field (Person.name) or Type.* (LegalEntity.*)`;
}
