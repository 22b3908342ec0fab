import type { GatewayJob } from './gatewayJob.js';
import {
  type GatewayMemory,
  type GatewayProcess,
  startGatewayProcess,
} from './startGatewayProcess.js';
import { processKey, type Variant } from './variants.js';

/** RSS of one gateway process over the run. */
export interface GatewayMemoryRecord {
  process: string;
  pid: number;
  start: GatewayMemory;
  end: GatewayMemory;
  /** Sampled while the load ran: seconds since the process's first sample, and RSS. */
  samples: { atSeconds: number; rss: number }[];
}

export interface GatewayFleet {
  /** The process serving `variant`; undefined for the direct variant. */
  of(variant: Variant): GatewayProcess | undefined;
  /** Samples the RSS of `variant`'s process every `everyMs` until the returned stop is called. */
  sample(variant: Variant, everyMs: number): () => Promise<void>;
  /** Ends every process and returns each one's memory at its start and now. */
  stop(): Promise<GatewayMemoryRecord[]>;
}

/** Starts one gateway process per distinct gateway of `variants`, all at once. */
export async function startGatewayFleet(
  variants: readonly Variant[],
  job: Omit<GatewayJob, 'kind' | 'caches'>,
): Promise<GatewayFleet> {
  const byKey = new Map<string, Pick<GatewayJob, 'kind' | 'caches' | 'executor'>>();
  for (const { target } of variants) {
    const key = processKey(target);
    if (key && target.kind === 'gateway') byKey.set(key, target.job);
  }
  const settled = await Promise.allSettled(
    [...byKey].map(async ([key, kind]) => {
      const started = await startGatewayProcess({ ...job, ...kind });
      return [key, started] as const;
    }),
  );
  const processes = new Map(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    for (const running of processes.values()) await running.stop();
    throw failed.reason;
  }
  const records = new Map<string, GatewayMemoryRecord>();
  const startedAt = performance.now();
  for (const [key, started] of processes) {
    const start = await started.memory();
    records.set(key, { process: key, pid: started.pid, start, end: start, samples: [] });
  }
  const of = (variant: Variant) => {
    const key = processKey(variant.target);
    return key === undefined ? undefined : processes.get(key);
  };
  return {
    of,
    sample(variant, everyMs) {
      const key = processKey(variant.target);
      const running = of(variant);
      const record = key === undefined ? undefined : records.get(key);
      if (!running || !record) return async () => {};
      let pending = Promise.resolve();
      const timer = setInterval(() => {
        pending = running.memory().then(({ rss }) => {
          record.samples.push({ atSeconds: (performance.now() - startedAt) / 1000, rss });
        });
      }, everyMs);
      return async () => {
        clearInterval(timer);
        await pending;
      };
    },
    async stop() {
      for (const [key, running] of processes) {
        const record = records.get(key);
        if (record) record.end = await running.memory();
        await running.stop();
      }
      return [...records.values()];
    },
  };
}
