import { startBareGateway } from './bareGateway.js';
import { type CpuProfiler, startCpuProfile } from './cpuProfiler.js';
import type { GatewayCommand, GatewayJob, GatewayReply } from './gatewayJob.js';
import { startGovgraphGateway } from './govgraphGateway.js';

// One benchmark gateway per process (forked by startGatewayProcess): its RSS is its own, and
// its CPU profile shows the gateway's work and nothing else.

const reply = (message: GatewayReply) => process.send?.(message);

async function startGateway(job: GatewayJob): Promise<number> {
  if (job.kind === 'bare') return startBareGateway(job);
  if (job.kind === 'govgraph') return startGovgraphGateway(job);
  // Loaded only by a Hive Gateway process: its dependency tree would weigh on every other's RSS.
  const { startHiveGateway } = await import('./hiveGateway.js');
  return startHiveGateway(job);
}

process.once('message', async (job: GatewayJob) => {
  let profiler: CpuProfiler | undefined;
  try {
    const port = await startGateway(job);
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
    } else {
      await profiler?.stop();
      process.exit(0);
    }
  });
});
