import type { World } from '@govgraph/datagen';

/** The query `npm start` prints: one person, the companies they represent, and back again. */
export function exampleQuery(nationalId: string): string {
  return `{ person(nationalId: "${nationalId}") { name representedEntities { nodes { name legalRepresentative { name } } } } }`;
}

// The databases may come from another world than the default (`npm run seed -- --people
// 100000`): a person's national ID does not depend on the world's size, but who represents
// which company does. So candidates from the default world are confirmed through the gateway,
// and when none is, representatives are looked up through the gateway itself.
const SEARCH =
  '{ searchLegalEntities(name: "公司", first: 20) { nodes { legalRepresentative { nationalId } } } }';

interface Answer {
  data?: {
    person?: { representedEntities?: { nodes?: unknown[] } | null } | null;
    searchLegalEntities?: { nodes?: { legalRepresentative?: { nationalId?: string } | null }[] };
  } | null;
}

/**
 * A national ID whose example query, sent through the gateway, returns a person representing
 * at least one company (so the printed query really crosses both registries), or undefined.
 */
export async function findExampleNationalId(
  graphqlUrl: string,
  world: World,
  headers: Record<string, string> = {},
): Promise<string | undefined> {
  const post = (url: string, query: string) => postQuery(url, query, headers);
  const fromWorld = Array.from(
    { length: Math.min(20, world.companyCount) },
    (_, j) => world.person(world.company(j).representativeIndex).nationalId,
  );
  const confirmed = await firstRepresentative(graphqlUrl, fromWorld, post);
  if (confirmed) return confirmed;
  const found = await post(graphqlUrl, SEARCH);
  const fromData = (found?.data?.searchLegalEntities?.nodes ?? []).flatMap((n) =>
    n.legalRepresentative?.nationalId ? [n.legalRepresentative.nationalId] : [],
  );
  return firstRepresentative(graphqlUrl, fromData, post);
}

async function firstRepresentative(
  graphqlUrl: string,
  candidates: readonly string[],
  post: (graphqlUrl: string, query: string) => Promise<Answer | undefined>,
): Promise<string | undefined> {
  for (const nationalId of candidates) {
    const answer = await post(graphqlUrl, exampleQuery(nationalId));
    if ((answer?.data?.person?.representedEntities?.nodes?.length ?? 0) > 0) return nationalId;
  }
  return undefined;
}

async function postQuery(
  graphqlUrl: string,
  query: string,
  headers: Record<string, string>,
): Promise<Answer | undefined> {
  try {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return response.ok ? ((await response.json()) as Answer) : undefined;
  } catch {
    return undefined; // an example is a nicety: never fail the start over it
  }
}
