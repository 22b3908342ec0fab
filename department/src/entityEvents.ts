import type { Logger } from '@govgraph/server';

/** A listener may return a promise (publishing to Redis): the mutation answers once it settles. */
export type EntitiesChangedListener<C> = (changes: readonly C[]) => unknown;

/**
 * Who hears about a department's committed changes (docs/caching.md). Mutations emit only after
 * their transaction commits, so a listener (cache invalidation) never evicts for a write that
 * was rolled back, and a reader after the eviction finds the new data.
 */
export interface EntityEvents<C> {
  /** Registers a listener; the returned function removes it. */
  onEntitiesChanged(listener: EntitiesChangedListener<C>): () => void;
  /**
   * Tells every listener and resolves once all have settled, so the mutation answers only
   * after the caches were told; a listener that throws or rejects is logged and does not stop
   * the others (the write stands).
   */
  emit(changes: readonly C[], logger?: Logger): Promise<void>;
}

/** The events of one writing department (complaints, approvals). */
export function createEntityEvents<C>(): EntityEvents<C> {
  const listeners = new Set<EntitiesChangedListener<C>>();
  return {
    onEntitiesChanged(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async emit(changes, logger) {
      const failed = (err: unknown) =>
        logger?.error({ err, changes }, 'an entities-changed listener failed');
      const pending: Promise<void>[] = [];
      for (const listener of [...listeners]) {
        try {
          const result = listener(changes);
          if (result instanceof Promise) pending.push(result.catch(failed));
        } catch (err) {
          failed(err);
        }
      }
      await Promise.all(pending);
    },
  };
}
