import type { AccessRegistry, AgencyLimits, Caller, Purpose } from '@govgraph/governance';
import { UNAUTHENTICATED } from '@govgraph/schema';
import { GraphQLError } from 'graphql';

interface Agency {
  agencyId: string;
  name: string;
  roles: string[];
  apiKey: string;
  department?: string;
  /** Web origins its browser apps may call from. */
  origins?: readonly string[];
}

/**
 * An `AccessRegistry` held in memory: the registry is an input of the policy, not what these
 * tests examine (the hub's own tests cover the store). API keys are compared as given; a
 * bearer token `citizen:<national ID>` is that citizen, any other token is refused.
 */
export class MemoryRegistry implements AccessRegistry {
  version = 1;
  readonly #agencies = new Map<string, Agency>();
  readonly #purposes = new Map<string, Purpose>();
  readonly #grants = new Map<string, Set<string>>();
  readonly #limits = new Map<string, AgencyLimits>();
  #citizen = new Set<string>();
  #citizenOrigins = new Set<string>();

  addAgency(agency: Agency): this {
    this.#agencies.set(agency.apiKey, agency);
    this.version++;
    return this;
  }

  addPurpose(code: string): this {
    this.#purposes.set(code, { code, description: code, legalBasis: 'test' });
    this.version++;
    return this;
  }

  /** Replaces the agency's grant under the purpose. */
  grant(agencyId: string, purpose: string, coordinates: readonly string[]): this {
    this.#grants.set(`${agencyId}\n${purpose}`, new Set(coordinates));
    this.version++;
    return this;
  }

  /** Replaces the agency's limit overrides. */
  setLimits(agencyId: string, limits: AgencyLimits): this {
    this.#limits.set(agencyId, { ...limits });
    this.version++;
    return this;
  }

  setCitizenCoordinates(coordinates: readonly string[]): this {
    this.#citizen = new Set(coordinates);
    this.version++;
    return this;
  }

  setCitizenOrigins(origins: readonly string[]): this {
    this.#citizenOrigins = new Set(origins);
    this.version++;
    return this;
  }

  async authenticate(credentials: { apiKey?: string; bearerToken?: string }): Promise<Caller> {
    if (credentials.apiKey !== undefined) {
      const agency = this.#agencies.get(credentials.apiKey);
      if (!agency) throw UNAUTHENTICATED.err('The API key is not known or was revoked.');
      return {
        kind: 'agency',
        agencyId: agency.agencyId,
        name: agency.name,
        roles: agency.roles,
        credential: 'api-key',
        ...(agency.department && { department: agency.department }),
      };
    }
    if (credentials.bearerToken !== undefined) {
      const match = /^citizen:(\w{18})$/.exec(credentials.bearerToken);
      if (!match?.[1]) {
        throw new GraphQLError('The token signature is not valid.', {
          extensions: { code: UNAUTHENTICATED.code },
        });
      }
      return { kind: 'citizen', nationalId: match[1] };
    }
    return { kind: 'anonymous' };
  }

  purpose(code: string): Purpose | undefined {
    return this.#purposes.get(code);
  }

  purposes(): readonly Purpose[] {
    return [...this.#purposes.values()];
  }

  grantedCoordinates(agencyId: string, purpose: string): ReadonlySet<string> | undefined {
    return this.#grants.get(`${agencyId}\n${purpose}`);
  }

  citizenCoordinates(): ReadonlySet<string> {
    return this.#citizen;
  }

  agencyLimits(agencyId: string): Readonly<AgencyLimits> {
    return this.#limits.get(agencyId) ?? {};
  }

  agenciesAllowingOrigin(origin: string): ReadonlySet<string> {
    const listing = [...this.#agencies.values()].filter((a) => a.origins?.includes(origin));
    return new Set(listing.map((a) => a.agencyId));
  }

  agencyAllowsOrigin(agencyId: string, origin: string): boolean {
    return this.agenciesAllowingOrigin(origin).has(agencyId);
  }

  citizenAllowsOrigin(origin: string): boolean {
    return this.#citizenOrigins.has(origin);
  }

  async close(): Promise<void> {}
}
