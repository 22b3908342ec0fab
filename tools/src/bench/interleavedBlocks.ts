import type { LoadBlock } from './loadJob.js';

export interface LoadPlan {
  warmup: number;
  requests: number;
  concurrency: number;
  /** Requests per block: each phase alternates between the hubs every this many requests. */
  blockSize: number;
}

export interface LoadTarget {
  name: string;
  sample(count: number): string[];
}

/**
 * The blocks of a run against several hubs: a warm-up for each, then each phase in rounds
 * that alternate the hubs, with the order reversed every round. Whatever else the machine
 * does while measuring then falls on every hub alike, so their ratio stays meaningful.
 */
export function interleavedBlocks(targets: readonly LoadTarget[], plan: LoadPlan): LoadBlock[] {
  const blocks: LoadBlock[] = targets.map((t) => ({
    target: t.name,
    phase: 'warm-up',
    nationalIds: t.sample(plan.warmup),
    concurrency: 1,
  }));
  const phases = [
    { phase: 'sequential', concurrency: 1 },
    { phase: 'concurrent', concurrency: plan.concurrency },
  ];
  for (const { phase, concurrency } of phases) {
    const ids = new Map(targets.map((t) => [t.name, t.sample(plan.requests)]));
    const rounds = Math.ceil(plan.requests / plan.blockSize);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const slice = (ids.get(target.name) ?? []).slice(
          round * plan.blockSize,
          (round + 1) * plan.blockSize,
        );
        blocks.push({ target: target.name, phase, nationalIds: slice, concurrency });
      }
    }
  }
  return blocks;
}
