import { startBareGateway } from './bareGateway.js';
import { type CpuProfiler, startCpuProfile } from './cpuProfiler.js';
import type { GatewayCommand, GatewayJob, GatewayReply } from './gatewayJob.js';
import { startGovgraphGateway } from './govgraphGateway.js';

// One benchmark gateway per process (forked by startGatewayProcess): its RSS is its own, and
// its CPU profile shows the gateway's work and nothing else.

const reply = (message: GatewayReply) => process.send?.(message);

/** A started gateway: its port, and what finishes the work load left behind (none: nothing). */
interface Started {
  port: number;
  settle?: () => Promise<void>;
}

async function startGateway(job: GatewayJob): Promise<Started> {
  if (job.kind === 'bare') return { port: await startBareGateway(job) };
  if (job.kind === 'govgraph') return startGovgraphGateway(job);
  // Loaded only by a Hive Gateway process: its dependency tree would weigh on every other's RSS.
  const { startHiveGateway } = await import('./hiveGateway.js');
  return { port: await startHiveGateway(job) };
}

process.once('message', async (job: GatewayJob) => {
  let profiler: CpuProfiler | undefined;
  let settle: Started['settle'];
  try {
    const started = await startGateway(job);
    const { port } = started;
    settle = started.settle;
    if (job.profileDir)
      profiler = await startCpuProfile(
        job.profileDir,
        `${job.kind}-${job.caches}${job.executor === 'apollo' ? '-apollo' : ''}`,
      );
    reply({ type: 'listening', port });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  process.on('message', async (command: GatewayCommand) => {
    if (command.type === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      const { user, system } = process.cpuUsage();
      reply({ type: 'memory', rss, heapUsed, cpuMicros: user + system });
    } else if (command.type === 'settle') {
      await settle?.();
      reply({ type: 'settled' });
    } else {
      await profiler?.stop();
      process.exit(0);
    }
  });
});
