import { startBareGateway } from './bareGateway.js';
import type { GatewayCommand, GatewayJob, GatewayReply } from './gatewayJob.js';
import { startGovgraphGateway } from './govgraphGateway.js';

// One benchmark gateway per process (forked by startGatewayProcess): its RSS is its own, and
// a CPU profile (--cpu-prof) shows the gateway's work and nothing else.

const reply = (message: GatewayReply) => process.send?.(message);

process.once('message', async (job: GatewayJob) => {
  try {
    const port = await (job.kind === 'bare' ? startBareGateway(job) : startGovgraphGateway(job));
    reply({ type: 'listening', port });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  process.on('message', (command: GatewayCommand) => {
    if (command.type === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      reply({ type: 'memory', rss, heapUsed });
    } else {
      // process.exit, not a graceful close: --cpu-prof writes its profile on exit either way.
      process.exit(0);
    }
  });
});
