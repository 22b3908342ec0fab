/**
 * The thrown value as an Error: `catch` binds `unknown`, and a library may throw a string or a
 * plain object. An Error passes through unchanged; anything else is wrapped with its text as
 * the message and itself as `cause`, so `.message` is always there to show or log.
 */
export function ensureError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(describe(thrown), { cause: thrown });
}

function describe(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}
