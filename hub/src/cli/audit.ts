import { runAuditCli } from './runAuditCli.js';

process.exitCode = await runAuditCli(
  process.argv.slice(2),
  process.env,
  process.stdout,
  process.stderr,
);
