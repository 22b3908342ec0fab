import { runAuditCli } from './runAuditCli.js';

const argv = process.argv.slice(2);
// Ctrl-C (or a supervisor's SIGTERM) ends `tail --follow` cleanly, the records read all printed;
// every other command keeps the default (the process ends at once).
const stop = new AbortController();
if (argv.includes('--follow') || argv.includes('-f')) {
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
}

process.exitCode = await runAuditCli(
  argv,
  process.env,
  process.stdout,
  process.stderr,
  stop.signal,
);
