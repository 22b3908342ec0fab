import {
  createEntityEvents as createSharedEntityEvents,
  type EntitiesChangedListener as Listener,
  type EntityEvents as SharedEntityEvents,
} from '@govgraph/department';

/** An entity whose data changed, named as the gateway's entity cache keys it (docs/caching.md). */
export interface EntityChange {
  typename: 'Application' | 'Person' | 'LegalEntity';
  key: string;
}

/** A listener may return a promise (publishing to Redis): the mutation answers once it settles. */
export type EntitiesChangedListener = Listener<EntityChange>;

/** Who hears about committed approvals changes. */
export type EntityEvents = SharedEntityEvents<EntityChange>;

/** A fresh set of events (tests give each server its own). */
export const createEntityEvents = (): EntityEvents => createSharedEntityEvents<EntityChange>();

/** The events of the servers built without their own (production and `npm start`). */
export const entityEvents: EntityEvents = createEntityEvents();

/** Listens to committed changes of every approvals server that uses the shared events. */
export const onEntitiesChanged = (listener: EntitiesChangedListener): (() => void) =>
  entityEvents.onEntitiesChanged(listener);
