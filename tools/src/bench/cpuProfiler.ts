import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** A V8 CPU profile of this process from `startCpuProfile` until `stop`. */
export interface CpuProfiler {
  /** Stops profiling and writes `<dir>/<name>.cpuprofile`. */
  stop(): Promise<void>;
}

/**
 * Profiles this process from now on. Started once the gateway listens, so the profile holds
 * its work under load and not module loading (tsx compiling TypeScript would otherwise be
 * the largest cost of a short run).
 */
export async function startCpuProfile(dir: string, name: string): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}
