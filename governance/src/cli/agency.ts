import { runAgencyCli } from './runAgencyCli.js';

process.exitCode = await runAgencyCli(
  process.argv.slice(2),
  process.env,
  process.stdout,
  process.stderr,
);
