/** A request as the load generator sends it. */
export interface SentRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends every request once, `concurrency` at a time, from this process (untimed: warm-ups and
 * cache priming). Any failed answer throws, naming what came back.
 */
export async function sendAll(
  url: string,
  requests: readonly SentRequest[],
  concurrency = 4,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      if (!request) break;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) {
        throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
