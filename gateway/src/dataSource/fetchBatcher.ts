import { STATUS_CODES } from 'node:http';
import {
  type DepartmentFetch,
  type FetcherInit,
  type FetcherResponse,
  HeldResponse,
} from './timeoutFetcher.js';

// Batched department fetches (docs/architecture.md#batched-department-fetches). A query plan
// often sends several fetches to one department at the same moment: the citizen record's
// parallel stages ask housing twice and the business registry twice. Sent as one POST of a JSON
// array (Apollo Server's batched requests), the department checks the caller token once and
// runs the operations in one context, so its loaders answer them with shared SQL; the gateway
// writes and reads one HTTP message instead of several.
//
// Only fetches that could not tell the difference go together: the same department URL, the
// very same headers (so the same request id and caller token: one caller request, never two
// callers), queries only (a mutation is always sent alone, in its plan's order), and leaving in
// the same turn of the event loop (the fetches of one plan stage). Each part is answered as if
// it had been sent alone: its own data, errors and `extensions.subjects` (Apollo Server gives
// each operation of a batch its own copy of the context), the batch's headers and status (a
// part's own status when the batch was answered 400 for one operation that failed to run).

/** One fetch waiting for its turn's batch. */
interface Part {
  init: FetcherInit & { body: string };
  resolve: (response: FetcherResponse) => void;
  reject: (error: unknown) => void;
}

export interface FetchBatcherOptions {
  /** The most operations in one batch; more leave in several. */
  maxOperations: number;
  /**
   * The largest request body of a batch, in characters of its JSON text: a turn's parts are cut
   * into batches below it, and a part larger on its own leaves alone. Half a department's default
   * body limit (1,000,000 bytes); a batch the department still finds too large (413) is sent
   * again part by part. @default 500_000
   */
  maxBatchBytes?: number;
}

/** Apollo Server's answer to a batch where batching is off: the department takes single fetches. */
const BATCHING_DISABLED = 'Operation batching disabled';

/**
 * Sends department fetches through `fetch`, those that may go together in one batched request.
 * `batchable` says whether this one may (a query); any other is sent at once, alone.
 */
export function createFetchBatcher(
  fetch: DepartmentFetch,
  { maxOperations, maxBatchBytes = 500_000 }: FetchBatcherOptions,
) {
  const waiting = new Map<string, { url: string; parts: Part[] }>();
  /** Department URLs that answered a batch with "batching disabled": sent single from then on. */
  const single = new Set<string>();

  const sendAlone = (url: string, part: Part) =>
    fetch(url, part.init).then(part.resolve, part.reject);

  const sendBatch = async (url: string, parts: readonly Part[]) => {
    const [first] = parts;
    if (!first) return;
    if (parts.length === 1) return sendAlone(url, first);
    const body = `[${parts.map((part) => part.init.body).join(',')}]`;
    let response: FetcherResponse;
    try {
      // Read up to the answer cap of every part together.
      response = await fetch(url, { ...first.init, body }, parts.length);
    } catch (error) {
      for (const part of parts) part.reject(error);
      return;
    }
    // One operation failed before running (validation, a variable refused): Apollo Server
    // answers the whole batch 400, with every operation's own answer in order. Each part takes
    // its own, with the status it would have had alone: 200 if it ran (it has `data`), else 400.
    // Refused whole before anything ran (batching off, a batch above the department's limits,
    // a body too large): no answers, so each part goes again, alone.
    if (response.status === 400 || response.status === 413) {
      const text = await response.text();
      const answers = response.status === 400 ? answersIn(text, parts.length) : undefined;
      if (answers) {
        parts.forEach((part, index) => {
          const answer = answers[index];
          const status = answer && 'data' in answer ? 200 : 400;
          part.resolve(new BatchPartResponse(response, answer, status));
        });
        return;
      }
      if (text.includes(BATCHING_DISABLED)) single.add(url);
      for (const part of parts) void sendAlone(url, part);
      return;
    }
    // A refusal of the request itself (caller token, overload): every part's answer.
    if (!response.ok) {
      for (const part of parts) part.resolve(response);
      return;
    }
    let answers: unknown;
    try {
      answers = await response.json();
    } catch (error) {
      for (const part of parts) part.reject(error);
      return;
    }
    if (!Array.isArray(answers) || answers.length !== parts.length) {
      const error = new Error(
        `The department answered a batch of ${parts.length} operations with something else than ${parts.length} answers`,
      );
      for (const part of parts) part.reject(error);
      return;
    }
    parts.forEach((part, index) => {
      part.resolve(new BatchPartResponse(response, answers[index]));
    });
  };

  // Whatever goes wrong in a batch's handling fails its parts, never the process.
  const send = (url: string, parts: Part[]) => {
    sendBatch(url, parts).catch((error: unknown) => {
      for (const part of parts) part.reject(error);
    });
  };

  const flush = (key: string) => {
    const batch = waiting.get(key);
    waiting.delete(key);
    if (!batch) return;
    // In order, each batch up to maxOperations parts and maxBatchBytes of body.
    let current: Part[] = [];
    let bytes = 2;
    for (const part of batch.parts) {
      const size = part.init.body.length + 1;
      if (current.length > 0 && (current.length >= maxOperations || bytes + size > maxBatchBytes)) {
        send(batch.url, current);
        current = [];
        bytes = 2;
      }
      current.push(part);
      bytes += size;
    }
    if (current.length > 0) send(batch.url, current);
  };

  return {
    fetch(
      url: string,
      init: FetcherInit & { body: string; headers: Record<string, string> },
      batchable: boolean,
    ): Promise<FetcherResponse> {
      // Apollo Server takes batches as a POST body only.
      const post = (init.method ?? 'POST').toUpperCase() === 'POST';
      if (!batchable || !post || maxOperations < 2 || single.has(url)) {
        return fetch(url, init);
      }
      return new Promise<FetcherResponse>((resolve, reject) => {
        const key = batchKey(url, init.headers);
        let batch = waiting.get(key);
        if (!batch) {
          batch = { url, parts: [] };
          waiting.set(key, batch);
          // After the current turn: every fetch of a plan stage has been asked for by then.
          setImmediate(flush, key);
        }
        batch.parts.push({ init, resolve, reject });
      });
    },
  };
}

/** Fetches that may share a request: one URL, the very same headers. */
function batchKey(url: string, headers: Record<string, string>): string {
  const names = Object.keys(headers).sort();
  let key = url;
  for (const name of names) key += `\n${name.toLowerCase()}: ${headers[name]}`;
  return key;
}

/** A batch's answers when `text` is a JSON array of `count` objects; else undefined. */
function answersIn(text: string, count: number): Record<string, unknown>[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== count) return undefined;
  const objects = parsed.every((a) => typeof a === 'object' && a !== null && !Array.isArray(a));
  return objects ? (parsed as Record<string, unknown>[]) : undefined;
}

/**
 * One operation's answer out of a batch's: its own body, the batch's headers, and the batch's
 * status unless the part's own is known (`status`).
 */
class BatchPartResponse extends HeldResponse {
  constructor(
    batch: FetcherResponse,
    private readonly answer: unknown,
    status = batch.status,
  ) {
    const statusText = status === batch.status ? batch.statusText : (STATUS_CODES[status] ?? '');
    super(batch.url, status, statusText, batch.headers);
  }

  async json(): Promise<unknown> {
    return this.answer;
  }
  async text(): Promise<string> {
    return JSON.stringify(this.answer);
  }
}

export type FetchBatcher = ReturnType<typeof createFetchBatcher>;
