import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@govgraph/server';

export interface SuperviseWorkersOptions {
  /** Worker processes to keep running (`GATEWAY_WORKERS`). */
  workers: number;
  logger: Logger;
  /** How long workers may take to stop after SIGINT/SIGTERM before they are killed. @default 10000 */
  stopTimeoutMs?: number;
  /** Pause before replacing a worker that died after it had served. @default 1000 */
  restartDelayMs?: number;
  /** Longest pause between attempts to start a replacement that keeps failing. @default 30000 */
  maxRestartDelayMs?: number;
}

/**
 * The primary process of a clustered gateway: forks `workers` copies of the current entry
 * point, which share the listening port (node:cluster hands connections out round-robin),
 * replaces a worker that dies once it had served, and on SIGINT/SIGTERM stops them all and
 * exits. A worker that dies before it ever served (bad config, unreadable supergraph) stops
 * the whole gateway with its exit code rather than being restarted in a loop — unless a worker
 * has served before: the configuration is then known to be good, so a replacement that cannot
 * start (the hub store down while it opens it) is tried again, ever more slowly, while the
 * other workers go on serving.
 */
export function superviseWorkers(options: SuperviseWorkersOptions): void {
  const { logger, workers } = options;
  const served = new WeakSet<Worker>();
  let stopping = false;
  let exitWith = 0;
  let provenConfig = false;
  const restartDelay = options.restartDelayMs ?? 1000;
  let retryDelay = restartDelay;

  const fork = () => cluster.fork();
  cluster.on('message', (worker, message: unknown) => {
    if (message !== READY_MESSAGE) return;
    served.add(worker);
    provenConfig = true;
    retryDelay = restartDelay;
    logger.debug({ pid: worker.process.pid }, 'gateway worker serving');
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitWith);
      return;
    }
    if (!served.has(worker) && provenConfig) {
      logger.error(
        { pid: worker.process.pid, code, signal, retryInMs: retryDelay },
        'a replacement gateway worker could not start (see its log above); trying again',
      );
      setTimeout(() => stopping || fork(), retryDelay).unref();
      retryDelay = Math.min(retryDelay * 2, options.maxRestartDelayMs ?? 30_000);
      return;
    }
    if (!served.has(worker)) {
      logger.fatal(
        { pid: worker.process.pid, code, signal },
        'a gateway worker exited before it could serve (see its log above); stopping the gateway',
      );
      stop(typeof code === 'number' && code !== 0 ? code : 1);
      return;
    }
    logger.error(
      { pid: worker.process.pid, code, signal },
      'gateway worker died; starting another',
    );
    setTimeout(() => stopping || fork(), restartDelay).unref();
  });

  const stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    exitWith = exitCode;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (running.length === 0) process.exit(exitCode);
    // Each worker's own SIGTERM handler closes its server and exits.
    for (const worker of running) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error('gateway workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(exitCode || 1);
    }, options.stopTimeoutMs ?? 10_000).unref();
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  logger.info({ workers }, `gateway starting ${workers} worker processes`);
  for (let i = 0; i < workers; i++) fork();
}

// Sent by a worker once its supergraph is loaded: binding the port alone (the 'listening'
// event) comes before that, so a worker that cannot load its supergraph would be restarted forever.
const READY_MESSAGE = 'govgraph:gateway-worker-ready';

/** Tells the supervisor (if any) that this worker serves queries now. */
export function reportWorkerReady(): void {
  if (cluster.isWorker) process.send?.(READY_MESSAGE);
}

/** True in the process that should supervise workers rather than serve. */
export function isSupervisor(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}
