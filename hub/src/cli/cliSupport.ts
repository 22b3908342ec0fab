import { isAbsolute, resolve } from 'node:path';
import { ConfigError, UsageError } from '@govgraph/schema/runtime';
import { hubAccessConfig } from '../hubConfig.js';
import { HubAdminError } from '../registry/HubAdminError.js';
import { RegistryFileError } from '../registry/registryFile.js';
import { syncRegistryFile } from '../registry/syncRegistryFile.js';
import { hubStoreConfig } from '../store/hubStoreConfig.js';
import { type HubStore, openHubStore } from '../store/openHubStore.js';

/** Where a command writes: process.stdout in the terminal, a buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

export type Env = Record<string, string | undefined>;

/**
 * One run of a hub command (`agency`, `audit`): prints `usage` for `--help`; otherwise parses
 * the arguments, opens the hub store the environment names, syncs the registry file into it
 * (so a fresh clone has the reviewed agencies), runs `body`, and closes the store. Returns the
 * exit code: `body`'s, 0 for help, 2 for bad arguments or configuration, 1 for a refused
 * change or a bad registry file.
 */
export async function runHubCommand<C>(
  argv: readonly string[],
  env: Env,
  io: { out: CliOutput; err: CliOutput },
  spec: { usage: string; parse: (argv: readonly string[]) => C },
  body: (store: HubStore, command: C) => Promise<number>,
): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === 'help')) {
    io.out.write(spec.usage);
    return 0;
  }
  let store: HubStore | undefined;
  try {
    // Parsed first: bad arguments are reported before the store or configuration is touched.
    const command = spec.parse(argv);
    const access = hubAccessConfig(env);
    store = await openHubStore(hubStoreConfig(env));
    await syncRegistryFile(store, access.registryFile);
    return await body(store, command);
  } catch (error) {
    return reportCommandError(error, io.err, spec.usage);
  } finally {
    await store?.close();
  }
}

/** A path given on the command line, resolved against the directory npm was run from. */
export function userPath(path: string, env: Env): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD ?? process.cwd(), path);
}

/** Left-aligned columns, two spaces apart. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Writes what a command's caller must know of a failure and returns its exit code: 2 for bad
 * arguments (with the usage) or configuration, 1 for a refused change or a bad registry file.
 * Anything else is a bug, and is thrown on.
 */
export function reportCommandError(error: unknown, err: CliOutput, usage: string): number {
  if (error instanceof UsageError) {
    err.write(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof ConfigError) {
    err.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof HubAdminError || error instanceof RegistryFileError) {
    err.write(`${error.message}\n`);
    return 1;
  }
  throw error;
}
