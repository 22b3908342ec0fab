import type { Logger } from '@govgraph/schema/runtime';

/** An entity whose data changed, named as the gateway's entity cache keys it (DESIGN.md §6). */
export interface EntityChange {
  typename: 'Application' | 'Person' | 'LegalEntity';
  key: string;
}

/** A listener may return a promise (publishing to Redis): the mutation answers once it settles. */
export type EntitiesChangedListener = (changes: readonly EntityChange[]) => unknown;

/**
 * Who hears about committed changes. Mutations emit only after their transaction commits, so a
 * listener (cache invalidation) never evicts for a write that was rolled back.
 */
export interface EntityEvents {
  /** Registers a listener; the returned function removes it. */
  onEntitiesChanged(listener: EntitiesChangedListener): () => void;
  /**
   * Tells every listener and resolves once all have settled; a listener that throws or
   * rejects is logged and does not stop the others.
   */
  emit(changes: readonly EntityChange[], logger?: Logger): Promise<void>;
}

export function createEntityEvents(): EntityEvents {
  const listeners = new Set<EntitiesChangedListener>();
  return {
    onEntitiesChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async emit(changes, logger) {
      const failed = (error: unknown) =>
        logger?.error({ err: error, changes }, 'entities-changed listener failed');
      const pending: Promise<void>[] = [];
      for (const listener of listeners) {
        try {
          const result = listener(changes);
          if (result instanceof Promise) pending.push(result.catch(failed));
        } catch (error) {
          failed(error);
        }
      }
      await Promise.all(pending);
    },
  };
}

/** The events of the servers built without their own (production and `npm start`). */
export const entityEvents: EntityEvents = createEntityEvents();

/** Listens to committed changes of every approvals server that uses the shared events. */
export const onEntitiesChanged = (listener: EntitiesChangedListener): (() => void) =>
  entityEvents.onEntitiesChanged(listener);
