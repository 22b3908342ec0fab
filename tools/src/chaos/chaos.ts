import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { type ChaosArgs, parseChaosArgs } from './chaosArgs.js';
import { type ChaosResult, runChaos } from './runChaos.js';

// `npm run chaos -- --duration 60s --faults dept-kill,redis`: the CLI edge of runChaos.
let args: ChaosArgs;
try {
  args = parseChaosArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
// Ctrl-C: the PostgreSQL cluster is a daemon of its own (pg_ctl), so stop what the run started.
let stopStarted: (() => Promise<void>) | undefined;
let interrupted = false;
const stopAndExit = async (code: number) => {
  await stopStarted?.().catch(() => undefined);
  process.exit(code);
};
const interrupt = () => {
  interrupted = true;
  console.error('\nInterrupted: stopping what the chaos run started...');
  void stopAndExit(130);
};
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);
let result: ChaosResult;
try {
  result = await runChaos({
    durationMs: args.durationMs,
    phases: args.phases,
    people: args.people,
    clientsPerGateway: args.clients,
    log,
    onStarted: (stop) => {
      stopStarted = stop;
    },
  });
} catch (error) {
  if (interrupted) await stopAndExit(130);
  console.error(`the chaos run could not run: ${ensureError(error).message}`);
  process.exit(1);
}

console.log(`\n${result.requests} requests.\n\n${result.table}\n`);
for (const check of result.checks) {
  console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name} (${check.detail})`);
  for (const problem of check.problems) console.log(`       ${problem}`);
}
if (!result.ok) {
  console.error(`\nAN INVARIANT BROKE: see above; logs and databases in ${result.runDir}`);
  process.exit(1);
}
console.log('\nEvery invariant held.');
process.exit(0);
