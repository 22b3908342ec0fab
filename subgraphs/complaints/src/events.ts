import type { Logger } from '@govgraph/schema/runtime';

/** An entity whose cached answers are stale after a committed write (DESIGN.md §6). */
export interface EntityChange {
  typename: 'Complaint' | 'LegalEntity' | 'Person';
  /** The entity's key: ticket number, credit code or national ID. */
  key: string;
}

/** A listener may return a promise (publishing to Redis): the mutation answers once it settles. */
export type EntitiesChangedListener = (changes: readonly EntityChange[]) => unknown;

const listeners = new Set<EntitiesChangedListener>();

/**
 * Subscribes to the entity keys each committed mutation changed (a later issue publishes them
 * to Redis for the gateways' caches). Returns the unsubscribe function.
 */
export function onEntitiesChanged(listener: EntitiesChangedListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Called by a mutation after its transaction has committed, never before: a listener may
 * evict caches at once, and a reader must then find the new data. Resolves once every
 * listener has settled, so the mutation answers only after the caches were told. A failing
 * listener is logged; the write stands and the other listeners still hear of it.
 */
export async function emitEntitiesChanged(
  changes: readonly EntityChange[],
  logger: Logger,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const listener of [...listeners]) {
    try {
      const result = listener(changes);
      if (result instanceof Promise)
        pending.push(result.catch((err: unknown) => failed(err, changes, logger)));
    } catch (err) {
      failed(err, changes, logger);
    }
  }
  await Promise.all(pending);
}

function failed(err: unknown, changes: readonly EntityChange[], logger: Logger): void {
  logger.error({ err, changes }, 'an entities-changed listener failed');
}
