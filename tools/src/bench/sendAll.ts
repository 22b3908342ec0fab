/** A request as the load generator sends it. */
export interface SentRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends every request once, `concurrency` at a time, from this process (untimed: warm-ups and
 * cache priming). A request that fails twice throws, naming what came back.
 */
export async function sendAll(
  url: string,
  requests: readonly SentRequest[],
  concurrency = 4,
): Promise<void> {
  let next = 0;
  const send = async (request: SentRequest) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
    });
    const text = await response.text();
    return response.ok && !text.includes('"errors"')
      ? undefined
      : `${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`;
  };
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      if (!request) break;
      // Once more on failure: the bare gateway's fetcher may reuse a connection the department
      // closed while that gateway sat idle ("socket hang up"); measured runs count such errors.
      const failure = (await send(request)) && (await send(request));
      if (failure) throw new Error(failure);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
