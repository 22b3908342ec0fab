import { Cluster, Redis } from 'ioredis';
import { z } from 'zod';

// One way to reach Redis for every process of the hub: a single server (`redis://`,
// `rediss://`) or a Redis Cluster (`redis+cluster://host:port,host:port`, `rediss+cluster://`
// for TLS), named by the same `REDIS_URL` (docs/scaling.md). A cluster URL lists one or more
// seed nodes; the client learns the rest of the cluster from them.

/** A client of a single Redis or of a Redis Cluster: the commands the hub uses work on both. */
export type RedisClient = Redis | Cluster;

/** The options every client of the hub sets (see `resilientRedisOptions`). */
export interface RedisClientOptions {
  commandTimeout?: number | undefined;
  connectTimeout: number;
  enableOfflineQueue: boolean;
  maxRetriesPerRequest: number;
  retryStrategy: (times: number) => number;
  lazyConnect: boolean;
}

/** The seed nodes and credentials of a `redis+cluster://` URL. */
export interface ClusterTarget {
  nodes: { host: string; port: number }[];
  tls: boolean;
  username?: string;
  password?: string;
}

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/;

/** True when the URL names a Redis Cluster rather than one server. */
export function isClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:\/\//.test(url);
}

/** Reads a `redis+cluster://[user:password@]host:port,host:port` URL; undefined when malformed. */
export function parseClusterUrl(url: string): ClusterTarget | undefined {
  const match = CLUSTER_URL.exec(url);
  if (!match) return undefined;
  const [, scheme, username, password, list = ''] = match;
  const nodes: ClusterTarget['nodes'] = [];
  for (const entry of list.split(',')) {
    const node = NODE.exec(entry.trim());
    const port = Number(node?.[2]);
    if (!node?.[1] || port < 1 || port > 65_535) return undefined;
    nodes.push({ host: node[1].replace(/^\[|\]$/g, ''), port });
  }
  return {
    nodes,
    tls: scheme === 'rediss',
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
  };
}

/** A client for a `redis://` URL or a `redis+cluster://` URL, with the hub's options. */
export function createRedisClient(url: string, options: RedisClientOptions): RedisClient {
  if (!isClusterUrl(url)) return new Redis(url, options);
  const target = parseClusterUrl(url);
  if (!target) throw new Error(`not a Redis Cluster URL: ${redactUrl(url)}`);
  const { enableOfflineQueue, lazyConnect, retryStrategy, ...perNode } = options;
  return new Cluster(target.nodes, {
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy,
    // Every node answers for its own slots; a moved slot is followed, a lost node retried.
    maxRedirections: 16,
    slotsRefreshTimeout: Math.max(options.connectTimeout, 1000),
    redisOptions: {
      ...perNode,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  });
}

/** The masters of a cluster (each holds part of the keys), or the one server. */
export function redisNodes(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** `REDIS_URL`, as departments and the gateway read it: one server or a cluster's seed nodes. */
export const redisUrlVar = z
  .string()
  .refine((url) => (isClusterUrl(url) ? parseClusterUrl(url) !== undefined : true), {
    message:
      'a Redis Cluster URL lists its nodes as host:port separated by commas, e.g. redis+cluster://10.0.0.1:7000,10.0.0.2:7000',
  })
  .refine((url) => /^rediss?(\+cluster)?:\/\/.+/.test(url), {
    message:
      'must be a redis:// or rediss:// URL, a redis+cluster://host:port,host:port URL, or unset for no Redis',
  })
  .optional();
