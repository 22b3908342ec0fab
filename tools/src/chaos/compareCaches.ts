import type { Check } from './invariants.js';
import { type Attempt, type LoadLedger, send } from './load.js';
import { planRead, READ_KINDS, seededRandom, worldPicker } from './requests.js';
import type { Topology } from './topology.js';

const SAMPLE = 12;

/**
 * Caches on ≡ caches off: after the faults, the same reads through each cached gateway (twice,
 * so the second is served from the cache the first filled) and through the reference gateway
 * without caches give the same data. The people who filed or applied during the run come
 * first: their records changed, so a missed eviction would show there.
 */
export async function compareCaches(
  topology: Topology,
  ledger: LoadLedger,
  runId: string,
  startedAt: number,
): Promise<{ check: Check; attempts: Attempt[] }> {
  const attempts: Attempt[] = [];
  const problems: string[] = [];
  let compared = 0;
  const random = seededRandom(7);
  const picker = worldPicker(topology.world, random);
  const writers = writersOf(ledger);
  for (let i = 0; i < SAMPLE * READ_KINDS.length; i++) {
    const kind = READ_KINDS[i % READ_KINDS.length] ?? 'companySearch';
    const request = planRead(kind, topology.agencies, picker);
    const writer = writers[Math.floor(i / READ_KINDS.length)];
    if (writer && kind === 'citizenRecord') request.variables = { nationalId: writer };
    const ask = async (gateway: Topology['reference'], n: number) => {
      const attempt = await send(
        gateway,
        request,
        `${runId}-cmp-${i}-${gateway.name}-${n}`,
        'compare',
        startedAt,
      );
      attempts.push(attempt);
      return attempt;
    };
    const reference = await ask(topology.reference, 0);
    for (const gateway of topology.gateways) {
      for (const n of [1, 2]) {
        const cached = await ask(gateway, n);
        compared++;
        const same =
          JSON.stringify(cached.data) === JSON.stringify(reference.data) &&
          cached.codes.join() === reference.codes.join();
        if (!same) {
          problems.push(
            `${kind} ${JSON.stringify(request.variables)} via gateway ${gateway.name} (ask ${n}): ${describe(cached)} ≠ reference ${describe(reference)}`,
          );
        }
      }
    }
  }
  return {
    check: {
      name: 'caches on ≡ caches off after the faults',
      ok: problems.length === 0,
      detail: `${compared} cached answers compared with the uncached gateway's`,
      problems: problems.slice(0, 10),
    },
    attempts,
  };
}

function describe(attempt: Attempt): string {
  const text = JSON.stringify({ data: attempt.data, codes: attempt.codes });
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** National IDs whose records a write changed during the run, most recent first. */
function writersOf(ledger: LoadLedger): string[] {
  return [...new Set(ledger.acked.map((w) => w.nationalId).reverse())];
}
