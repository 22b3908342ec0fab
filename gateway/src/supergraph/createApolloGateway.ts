import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';

/**
 * An @apollo/gateway with its data collection off and its query plans private: every gateway
 * this project builds — the hub's, the benchmarks' baseline, the tests' references — comes from
 * here. By default Apollo's constructor starts an exporter that sends usage metrics to
 * apollographql.com and, to describe the host, probes the cloud metadata endpoints of GCP, AWS,
 * Azure and Alibaba. A government hub sends nothing about its traffic to a third party and probes
 * no one, so this is not configurable. Apollo reads the switch from the environment in the
 * constructor, so it is set for the process (tests: gateway/tests/noPhoneHome.test.ts).
 *
 * Outside NODE_ENV=production Apollo also answers any caller who sends the header
 * `Apollo-Query-Plan-Experimental` with the query plan in `extensions` — which departments hold
 * what, and the plan object itself with `…-Format: internal`. No caller of the hub may read its
 * internals that way, whatever the environment: it is off here, for both executors.
 */
export function createApolloGateway(config: GatewayConfig): ApolloGateway {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  return new ApolloGateway({ ...config, __exposeQueryPlanExperimental: false });
}
