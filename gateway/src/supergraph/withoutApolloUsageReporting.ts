/**
 * Turns off @apollo/gateway's data collection before a gateway is built. By default its
 * constructor starts an exporter that sends usage metrics to apollographql.com and, to describe
 * the host, probes the cloud metadata endpoints of GCP, AWS, Azure and Alibaba. A government hub
 * sends nothing about its traffic to a third party, and probes no one, so this is not
 * configurable. Apollo reads the switch from the environment in the constructor, so it is set
 * here, once, for the process (tests: gateway/tests/noPhoneHome.test.ts).
 */
export function withoutApolloUsageReporting<T>(build: () => T): T {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  return build();
}
