import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clientSchemaFor, type Reader } from '@govgraph/gateway';
import type { HubStore } from '@govgraph/governance';
import {
  type CliOutput,
  createAccessRegistry,
  HubAdminError,
  hubAccessConfig,
  hubStoreConfig,
  listAgencies,
  openHubStore,
  refuseRegistryLosses,
  reportCommandError,
  syncRegistryFile,
} from '@govgraph/governance';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { SUPERGRAPH_PATH } from './paths.js';
import { apiSchemaOf } from './standards/breakingChangeRule.js';

export const SCHEMA_USAGE = `Usage: npm run schema -- (--agency <id> --purpose <CODE> | --public) [--out <file>] [--supergraph <file>]

Prints the client schema (SDL) that GET /schema.graphql serves to that agency under that purpose,
made offline from the committed supergraph and the hub store (the registry file synced into it,
plus what \`npm run agency\` changed; a sync that would disable agencies or revoke grants is
refused, listing them). --public prints the anonymous caller's schema.

  --agency <id>        a registered agency (npm run agency -- list)
  --purpose <CODE>     a registered purpose; without it, the agency's schema holds no personal data
  --public             the schema an anonymous caller sees
  --out <file>         write to a file instead of standard output
  --supergraph <file>  another supergraph (default gateway/supergraph.graphql)
`;

export interface SchemaArgs {
  agency: string | undefined;
  purpose: string | undefined;
  out: string | undefined;
  supergraph: string;
}

/** Parses the arguments; throws a UsageError naming what is wrong. */
export function parseSchemaArgs(argv: readonly string[], cwd: string): SchemaArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        agency: { type: 'string' },
        purpose: { type: 'string' },
        public: { type: 'boolean' },
        out: { type: 'string' },
        supergraph: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(ensureError(error).message);
  }
  const agency = text(values.agency);
  const purpose = text(values.purpose);
  if (values.public && (agency || purpose)) {
    throw new UsageError(
      '--public is the anonymous schema: give it without --agency and --purpose.',
    );
  }
  if (!values.public && !agency) {
    throw new UsageError('Say whose schema: --agency <id> (with --purpose <CODE>), or --public.');
  }
  const out = text(values.out);
  const supergraph = text(values.supergraph);
  return {
    agency,
    purpose,
    out: out ? resolve(cwd, out) : undefined,
    supergraph: supergraph ? resolve(cwd, supergraph) : SUPERGRAPH_PATH,
  };
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * `npm run schema -- …`. Returns the exit code: 0 printed, 1 refused (unknown agency or
 * purpose; the message says which), 2 bad arguments or configuration.
 */
export async function runSchemaCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: { out: CliOutput; err: CliOutput; cwd: string },
): Promise<number> {
  if (argv.includes('--help')) {
    io.out.write(SCHEMA_USAGE);
    return 0;
  }
  try {
    const args = parseSchemaArgs(argv, io.cwd);
    const sdl = await schemaOf(args, env);
    if (args.out) await writeFile(args.out, sdl);
    else io.out.write(sdl);
    return 0;
  } catch (error) {
    return reportCommandError(error, io.err, SCHEMA_USAGE);
  }
}

/** The SDL for the arguments: the hub store opened as `npm run agency` opens it. */
async function schemaOf(
  args: SchemaArgs,
  env: Record<string, string | undefined>,
): Promise<string> {
  const supergraphSdl = await readFile(args.supergraph, 'utf8');
  const access = hubAccessConfig(env);
  const store = await openHubStore(hubStoreConfig(env));
  try {
    // A store managed from another file is not rewritten: a sync that would disable agencies
    // or revoke grants is refused (exit 1, listing them), as `npm run agency` refuses it.
    const file = access.registryFile;
    await syncRegistryFile(store, file, {
      beforeLosses: refuseRegistryLosses(file, 'load it with `npm run agency -- sync --yes` first'),
    });
    const registry = await createAccessRegistry({ store, audience: access.audience });
    try {
      const reader = await readerOf(store, args, (code) => registry.purpose(code) !== undefined);
      return clientSchemaFor({
        supergraphSdl,
        apiSchema: apiSchemaOf(supergraphSdl),
        registry,
        reader,
      });
    } finally {
      await registry.close();
    }
  } finally {
    await store.close();
  }
}

async function readerOf(
  store: HubStore,
  args: SchemaArgs,
  isPurpose: (code: string) => boolean,
): Promise<Reader> {
  if (args.purpose && !isPurpose(args.purpose)) {
    throw new HubAdminError(
      `No purpose "${args.purpose}" is registered: see governance/registry.json or npm run agency -- purpose list.`,
    );
  }
  if (!args.agency) return { caller: { kind: 'anonymous' }, purpose: null };
  const agency = (await listAgencies(store)).find((a) => a.id === args.agency);
  if (!agency) {
    throw new HubAdminError(
      `No agency "${args.agency}" is registered: see npm run agency -- list.`,
    );
  }
  if (agency.disabled) {
    throw new HubAdminError(
      `Agency "${agency.id}" is disabled: the gateway refuses its credentials, so it sees no schema.`,
    );
  }
  return {
    caller: {
      kind: 'agency',
      agencyId: agency.id,
      name: agency.name,
      roles: agency.roles,
      credential: 'api-key',
      ...(agency.department ? { department: agency.department } : {}),
    },
    purpose: args.purpose ?? null,
  };
}
