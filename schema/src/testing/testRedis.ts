import { Redis } from 'ioredis';

/** The Redis every test reaches (started before each session and by `.ci/run`). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A connected Redis client, or an error naming the address: a test that needs Redis fails
 * saying so, never passes silently. The caller disconnects it.
 */
export async function connectTestRedis(url: string = TEST_REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  redis.on('error', () => {}); // Reported by the rejection below.
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${url}; these tests need it running`, {
      cause: error,
    });
  }
  return redis;
}
