import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Listening } from '@govgraph/server';
import { createGatewayServer } from '../../src/index.js';
import { silentLogger } from './loggers.js';
import { MemoryRegistry } from './memoryRegistry.js';
import { type TempFile, tempSupergraph } from './tempSupergraph.js';
import { testCallerToken } from './testCallerToken.js';

/** The tax office's key: it holds grants under TAX_AUDIT only. */
export const TAX_OFFICE_KEY = 'k-tax-office';
/** Granted to the tax office: a person, all of their record, and their tax profile. */
export const TAX_AUDIT_GRANT = ['Query.person', 'Person.*', 'PersonTaxProfile.*'];

export function committedSupergraph(): string {
  return readFileSync(fileURLToPath(new URL('../../supergraph.graphql', import.meta.url)), 'utf8');
}

export interface CatalogGateway {
  url: string;
  registry: MemoryRegistry;
  /** Replaces the supergraph file the gateway watches (it reloads). */
  writeSupergraph(sdl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A gateway over the committed supergraph (its catalog is the real one) with the access policy
 * on. No department runs: the catalog and introspection need none.
 */
export async function startCatalogGateway(): Promise<CatalogGateway> {
  const sdl = committedSupergraph();
  const file: TempFile = await tempSupergraph(sdl);
  const registry = new MemoryRegistry()
    .addAgency({
      agencyId: 'tax-office',
      name: 'Municipal Tax Office',
      roles: [],
      apiKey: TAX_OFFICE_KEY,
    })
    .addAgency({
      agencyId: 'housing-bureau',
      name: 'Housing Bureau',
      roles: [],
      apiKey: 'k-housing',
    })
    .addPurpose('TAX_AUDIT')
    .addPurpose('HOUSING_BENEFIT')
    .grant('tax-office', 'TAX_AUDIT', TAX_AUDIT_GRANT)
    .grant('housing-bureau', 'HOUSING_BENEFIT', ['Query.person', 'Person.name'])
    .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
  let gateway: Listening;
  try {
    gateway = await createGatewayServer({
      supergraphPath: file.path,
      logger: silentLogger(),
      access: { registry, signer: testCallerToken.signer },
    }).listen(0);
  } catch (error) {
    await file.remove();
    throw error;
  }
  return {
    url: gateway.url,
    registry,
    writeSupergraph: (text) => file.write(text),
    close: async () => {
      await gateway.close();
      await file.remove();
    },
  };
}
