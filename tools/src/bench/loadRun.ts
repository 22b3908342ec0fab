/** One measured run of the load generator against one URL. */
export interface LoadRunSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Sent in turn, round-robin over every connection. */
  requests: { headers: Record<string, string>; body: string }[];
}

/** What the load generator measured; latencies in milliseconds. */
export interface LoadRunResult {
  /** Answers received (with or without errors). */
  requests: number;
  durationSeconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  /** Connection errors, timeouts, non-200 answers and answers with GraphQL `errors`. */
  errors: number;
  /** The first few failed answers, as received. */
  firstErrors: string[];
}
