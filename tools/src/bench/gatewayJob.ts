import type { JWK } from '@govgraph/server';

/** How a benchmark gateway process is built; sent by the parent as the first IPC message. */
export interface GatewayJob {
  /**
   * `bare`: @apollo/gateway + @apollo/server and nothing else; `govgraph`: createGatewayServer;
   * `hive` and `hive-router`: Hive Gateway with its JavaScript or its Rust query planner.
   */
  kind: 'bare' | 'govgraph' | 'hive' | 'hive-router';
  /** The govgraph cache mode (ignored by `bare`). */
  caches: 'off' | 'entity' | 'response';
  /** Which executor runs govgraph's query plans (ignored by the others). @default 'lean' */
  executor?: 'lean' | 'apollo';
  supergraphPath: string;
  /** Department URL by supergraph name. */
  subgraphUrls: Record<string, string>;
  /**
   * Headers every subgraph request carries (the caller token departments require): the
   * bare gateway sends the same fixed header so that the departments answer it at all.
   */
  subgraphHeaders: Record<string, string>;
  govgraph: GovgraphSettings;
  /** Where to write a CPU profile of the process's life after it listens; none: no profile. */
  profileDir?: string;
}

/** What govgraph's gateway variants share, beyond their cache mode. */
export interface GovgraphSettings {
  /** The hub store: agencies and grants the access registry reads, the audit log it appends to. */
  auditStore: { url?: string; sqliteFile: string };
  /** `aud` of agency and citizen tokens (HUB_TOKEN_AUDIENCE). */
  audience: string;
  /** The Ed25519 private JWK the gateway signs caller tokens with (the hub's, this start). */
  callerTokenPrivateKey: JWK;
  /** Redis the caches share; each cache mode gets its own key prefix under `keyPrefix`. */
  redisUrl: string;
  keyPrefix: string;
}

/** What a gateway process answers. */
export type GatewayReply =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'memory'; rss: number; heapUsed: number; cpuMicros: number }
  | { type: 'settled' };

/**
 * What the parent may ask once the gateway listens. `settle`: finish the work a block of load
 * left behind in the gateway (govgraph's audit subject index), so it is counted in that block.
 */
export type GatewayCommand = { type: 'memory' } | { type: 'settle' } | { type: 'stop' };
