import { createEntityEvents, type EntitiesChangedListener as Listener } from '@govgraph/department';
import type { Logger } from '@govgraph/server';

/** An entity whose cached answers are stale after a committed write (docs/caching.md). */
export interface EntityChange {
  typename: 'Complaint' | 'LegalEntity' | 'Person';
  /** The entity's key: ticket number, credit code or national ID. */
  key: string;
}

const events = createEntityEvents<EntityChange>();

/** A listener may return a promise (publishing to Redis): the mutation answers once it settles. */
export type EntitiesChangedListener = Listener<EntityChange>;

/** Subscribes to the entity keys each committed mutation changed. Returns the unsubscribe function. */
export const onEntitiesChanged = (listener: EntitiesChangedListener): (() => void) =>
  events.onEntitiesChanged(listener);

/**
 * Called by a mutation after its transaction has committed, never before; resolves once every
 * listener has settled (a failing one is logged, the write stands).
 */
export const emitEntitiesChanged = (
  changes: readonly EntityChange[],
  logger: Logger,
): Promise<void> => events.emit(changes, logger);
