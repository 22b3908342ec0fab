/** A run of requests against one hub, `concurrency` at a time; one phase is many blocks. */
export interface LoadBlock {
  /** Which hub (the key of its entry in `LoadJob.hubs`). */
  target: string;
  phase: string;
  /** One request per national ID, in this order. */
  nationalIds: string[];
  concurrency: number;
}

/** What the parent asks the load client (a separate process) to send, block after block. */
export interface LoadJob {
  /** Each hub's GraphQL URL and the headers its requests carry (the agency's key, purpose). */
  hubs: Record<string, { graphqlUrl: string; headers: Record<string, string> }>;
  /** The citizen-record document; its only variable is `$nationalId`. */
  query: string;
  blocks: LoadBlock[];
}

/** Every block of one target and phase, merged. */
export interface PhaseResult {
  target: string;
  phase: string;
  requests: number;
  concurrency: number;
  /** Milliseconds per answered request, from sending it to having parsed its answer. */
  latencies: number[];
  /** The blocks' wall times added up: from each block's first request to its last answer. */
  wallMs: number;
  /** Requests that failed or did not return the asked person without errors. */
  errors: number;
  /** The first few failures, as the client saw them. */
  firstErrors: string[];
}
