import {
  composeSupergraph,
  type Fixture,
  type RunningFixture,
  startFixture,
} from '../support/index.js';
import * as accounts from './accounts.js';
import * as catalog from './catalog.js';
import { downSubgraphUrl, startFailingSubgraph } from './failingSubgraph.js';
import * as inventory from './inventory.js';
import * as locations from './locations.js';
import * as pricing from './pricing.js';
import * as products from './products.js';
import * as ratings from './ratings.js';
import * as reviews from './reviews.js';
import * as shipping from './shipping.js';

/** The fixture subgraphs served by the department factory (`startFixture`). */
export const FIXTURES: readonly Fixture[] = [
  products,
  inventory,
  locations,
  reviews,
  accounts,
  catalog,
  ratings,
];

/** The fixtures running, plus `pricing` (HTTP 500) and `shipping` (down), in one supergraph. */
export interface Federation extends AsyncDisposable {
  supergraphSdl: string;
  subgraphs: readonly RunningFixture[];
  /** Subgraphs that are not fixtures (`pricing` answers HTTP 500, `shipping` is down), by name. */
  otherUrls: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startFederation(): Promise<Federation> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const subgraphs: RunningFixture[] = [];
    for (const fixture of FIXTURES) {
      const running = await startFixture(fixture);
      closers.push(() => running.close());
      subgraphs.push(running);
    }
    const failing = await startFailingSubgraph();
    closers.push(() => failing.close());
    const down = await downSubgraphUrl();
    const supergraphSdl = composeSupergraph([
      ...subgraphs,
      { name: pricing.name, url: failing.url, typeDefs: pricing.typeDefs },
      { name: shipping.name, url: down, typeDefs: shipping.typeDefs },
    ]);
    return {
      supergraphSdl,
      subgraphs,
      otherUrls: { [pricing.name]: failing.url, [shipping.name]: down },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
