import { runSchemaCli } from './schemaCommand.js';

// `npm run schema -- --agency <id> --purpose <CODE> [--out file]`, or `--public`.
// npm runs workspace scripts in tools/; INIT_CWD is where the user typed the command.
process.exitCode = await runSchemaCli(process.argv.slice(2), process.env, {
  out: process.stdout,
  err: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
