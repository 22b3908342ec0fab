/** One block of load against one URL. */
export interface LoadBlockSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Sent in turn, round-robin over every connection. */
  requests: { headers: Record<string, string>; body: string }[];
  /** Index of the first request to send: a variant's later blocks continue where it stopped. */
  startAt: number;
}

/** What the load generator measured in one block. */
export interface LoadBlockResult {
  /** Milliseconds per answer, from autocannon's clock, one per answer received. */
  latencies: number[];
  /** The block's wall time in seconds. */
  durationSeconds: number;
  /** Requests sent (the next block's `startAt` is this block's plus this). */
  sent: number;
  /** Connection errors, timeouts, non-200 answers and answers with GraphQL `errors`. */
  errors: number;
  /** The first few failed answers, as received. */
  firstErrors: string[];
}

/** Blocks of one variant merged; latencies in milliseconds. */
export interface LoadRunResult {
  /** Answers received (with or without errors). */
  requests: number;
  durationSeconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  errors: number;
  firstErrors: string[];
}
