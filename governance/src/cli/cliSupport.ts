import { isAbsolute, resolve } from 'node:path';
import { ConfigError, UsageError } from '@govgraph/server';
import { hubAccessConfig } from '../hubConfig.js';
import { HubAdminError } from '../registry/HubAdminError.js';
import { RegistryFileError } from '../registry/registryFile.js';
import { type RegistrySyncLosses, syncRegistryFile } from '../registry/syncRegistryFile.js';
import { hubStoreConfig } from '../store/hubStoreConfig.js';
import { type HubStore, openHubStore } from '../store/openHubStore.js';

/** Where a command writes: process.stdout in the terminal, a buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

export type Env = Record<string, string | undefined>;

/** What a hub command is: its usage text, its parser, and which of its commands only read. */
export interface HubCommandSpec<C> {
  usage: string;
  parse: (argv: readonly string[]) => C;
  /** A command that only reads: the registry file is not synced and nothing is written. */
  readOnly: (command: C) => boolean;
}

/** Given anywhere on the command line: a sync may take access away (see `refuseLosses`). */
export const YES_FLAG = '--yes';

/**
 * One run of a hub command (`agency`, `audit`): prints `usage` for `--help`; otherwise parses
 * the arguments, opens the hub store the environment names, and runs `body`. A command that
 * changes the store first syncs the registry file into it (so a fresh clone has the reviewed
 * agencies) — but a sync that would disable agencies or revoke grants is refused, naming them,
 * unless `--yes` is given: run with another file than the store's own, it would take their
 * access away. A read-only command never syncs. Returns the exit code: `body`'s, 0 for help, 2
 * for bad arguments or configuration, 1 for a refused change or a bad registry file.
 */
export async function runHubCommand<C>(
  argv: readonly string[],
  env: Env,
  io: { out: CliOutput; err: CliOutput },
  spec: HubCommandSpec<C>,
  body: (store: HubStore, command: C) => Promise<number>,
): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === 'help')) {
    io.out.write(spec.usage);
    return 0;
  }
  let store: HubStore | undefined;
  try {
    // Parsed first: bad arguments are reported before the store or configuration is touched.
    const yes = argv.includes(YES_FLAG);
    const command = spec.parse(argv.filter((arg) => arg !== YES_FLAG));
    const access = hubAccessConfig(env);
    store = await openHubStore(hubStoreConfig(env));
    if (!spec.readOnly(command)) {
      const file = access.registryFile;
      await syncRegistryFile(store, file, yes ? {} : { beforeLosses: refuseLosses(file) });
    }
    return await body(store, command);
  } catch (error) {
    return reportCommandError(error, io.err, spec.usage);
  } finally {
    await store?.close();
  }
}

/**
 * A `beforeLosses` for `syncRegistryFile` that throws a HubAdminError (rolling the sync back)
 * listing every agency and grant the sync would take away. `apply` tells how to go ahead
 * when the removals are meant (default: run the command again with --yes).
 */
export function refuseLosses(
  file: string,
  apply = `run the command again with ${YES_FLAG}`,
): (losses: RegistrySyncLosses) => never {
  return (losses) => {
    throw new HubAdminError(describeLosses(file, losses, apply));
  };
}

function describeLosses(file: string, losses: RegistrySyncLosses, apply: string): string {
  const lines = [
    `Refused: syncing the registry file ${file} into this hub store would take access away:`,
  ];
  if (losses.disabledAgencies.length > 0) {
    lines.push(
      `  disable ${losses.disabledAgencies.length} agencies (from a registry file, not in this one):`,
    );
    for (const id of losses.disabledAgencies) lines.push(`    ${id}`);
  }
  if (losses.revokedGrants.length > 0) {
    lines.push(`  revoke ${losses.revokedGrants.length} grants (agency, purpose, coordinate):`);
    for (const g of losses.revokedGrants) {
      lines.push(`    ${g.agency}  ${g.purpose}  ${g.coordinate}`);
    }
  }
  lines.push(
    'Nothing was changed. If this store is managed from another file, set HUB_REGISTRY_FILE to it;',
    `if ${file} is the store's file and these removals are intended, ${apply}.`,
  );
  return lines.join('\n');
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
