import { request } from 'node:http';
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

/** What the probe found: a national ID to show, or why there is none. */
export type ExampleProbe = { nationalId: string } | { problem: string };

/**
 * A national ID whose example query, sent through the gateway, returns a person representing
 * at least one company (so the printed query really crosses both registries), or why none was
 * found — the gateway unreachable, refusing, or no such person in the data.
 */
export async function findExampleNationalId(
  graphqlUrl: string,
  world: World,
  headers: Record<string, string> = {},
): Promise<ExampleProbe> {
  const post = (query: string) => postQuery(graphqlUrl, query, headers);
  const fromWorld = Array.from(
    { length: Math.min(20, world.companyCount) },
    (_, j) => world.person(world.company(j).representativeIndex).nationalId,
  );
  const confirmed = await firstRepresentative(fromWorld, post);
  if ('nationalId' in confirmed) return confirmed;
  const found = await post(SEARCH);
  if ('problem' in found) return found;
  const fromData = (found.answer.data?.searchLegalEntities?.nodes ?? []).flatMap((n) =>
    n.legalRepresentative?.nationalId ? [n.legalRepresentative.nationalId] : [],
  );
  const fallback = await firstRepresentative(fromData, post);
  if ('nationalId' in fallback) return fallback;
  return 'problem' in confirmed && confirmed.problem !== NONE ? confirmed : fallback;
}

const NONE = 'no person in the data represents a company';

type Posted = { answer: Answer } | { problem: string };

async function firstRepresentative(
  candidates: readonly string[],
  post: (query: string) => Promise<Posted>,
): Promise<ExampleProbe> {
  for (const nationalId of candidates) {
    const posted = await post(exampleQuery(nationalId));
    if ('problem' in posted) return posted;
    const nodes = posted.answer.data?.person?.representedEntities?.nodes;
    if ((nodes?.length ?? 0) > 0) return { nationalId };
  }
  return { problem: NONE };
}

// node:http rather than fetch: fetch refuses ports on its "bad ports" list (e.g. 6000), which
// is a legal GATEWAY_PORT; the probe must reach whatever port the gateway listens on.
function postQuery(
  graphqlUrl: string,
  query: string,
  headers: Record<string, string>,
): Promise<Posted> {
  const body = JSON.stringify({ query });
  return new Promise((resolve) => {
    const req = request(
      graphqlUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        timeout: 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            resolve({ problem: `the gateway answered HTTP ${res.statusCode}` });
            return;
          }
          try {
            resolve({ answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer });
          } catch {
            resolve({ problem: 'the gateway answered something that is not JSON' });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (error) =>
      resolve({ problem: `the gateway could not be reached (${error.message})` }),
    );
    req.end(body);
  });
}
