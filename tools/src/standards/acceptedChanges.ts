import { readFile } from 'node:fs/promises';
import { ensureError } from '@govgraph/schema';

/**
 * A breaking change reviewed and accepted on purpose. `type` and `description` are exactly what
 * graphql-js `findBreakingChanges` reports (the standards check prints both); `reason` says
 * why it is acceptable (who agreed, which agencies were told).
 */
export interface AcceptedChange {
  type: string;
  description: string;
  reason: string;
}

/**
 * Reads `gateway/accepted-changes.json`: `{ "accepted": [{ "type", "description", "reason" }] }`.
 * A missing file accepts nothing; a malformed one is an error naming the entry at fault.
 */
export async function readAcceptedChanges(path: string): Promise<AcceptedChange[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseAcceptedChanges(text, path);
}

export function parseAcceptedChanges(text: string, source: string): AcceptedChange[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${ensureError(error).message}`);
  }
  const list = (value as { accepted?: unknown } | null)?.accepted;
  if (!Array.isArray(list)) {
    throw new Error(
      `${source} must be an object with an "accepted" array: { "accepted": [{ "type", "description", "reason" }] }`,
    );
  }
  return list.map((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    for (const key of ['type', 'description', 'reason'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '') {
        throw new Error(
          `${source}: accepted[${i}].${key} must be a non-empty string (copy type and description from the standards check's output, and say why in reason).`,
        );
      }
    }
    return { type: String(e.type), description: String(e.description), reason: String(e.reason) };
  });
}
