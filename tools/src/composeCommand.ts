import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { type ComposableDepartment, composeDepartments } from './composeDepartments.js';
import { ACCEPTED_CHANGES_PATH, REPO_ROOT, SUPERGRAPH_PATH } from './paths.js';
import { readAcceptedChanges } from './standards/acceptedChanges.js';
import { checkStandards } from './standards/checkStandards.js';
import { formatFinding } from './standards/Finding.js';

export const COMPOSE_USAGE = `usage: npm run compose -- [--check] [--accept-breaking]

Composes every department into gateway/supergraph.graphql and runs the standards check.
  --check            compose in memory; fail when the committed supergraph is stale
  --accept-breaking  accept this run's breaking changes (or list them in gateway/accepted-changes.json)`;

export interface ComposeCommandOptions {
  departments: readonly ComposableDepartment[];
  /** @default gateway/supergraph.graphql */
  supergraphPath?: string;
  /** @default gateway/accepted-changes.json */
  acceptedChangesPath?: string;
  /** Where report lines go. @default console.log */
  print?: (line: string) => void;
}

/** `npm run compose`: returns the exit code (0 ok, 1 standards or staleness failure, 2 usage). */
export async function composeCommand(
  argv: readonly string[],
  options: ComposeCommandOptions,
): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const supergraphPath = options.supergraphPath ?? SUPERGRAPH_PATH;
  const inRepo = relative(REPO_ROOT, supergraphPath);
  const shown = inRepo.startsWith('..') ? supergraphPath : inRepo;
  let flags: { check?: boolean; 'accept-breaking'?: boolean };
  try {
    flags = parseArgs({
      args: [...argv],
      options: { check: { type: 'boolean' }, 'accept-breaking': { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    print(`${ensureError(error).message}\n\n${COMPOSE_USAGE}`);
    return 2;
  }

  const composition = composeDepartments(options.departments);
  const previous = await readFile(supergraphPath, 'utf8').catch(() => undefined);
  let acceptedChanges: Awaited<ReturnType<typeof readAcceptedChanges>>;
  try {
    acceptedChanges = await readAcceptedChanges(
      options.acceptedChangesPath ?? ACCEPTED_CHANGES_PATH,
    );
  } catch (error) {
    print(ensureError(error).message);
    return 1;
  }
  const report = checkStandards(composition, {
    previousSupergraphSdl: previous,
    acceptedChanges,
    acceptBreaking: flags['accept-breaking'] ?? false,
  });

  const names = composition.subgraphs.map((s) => s.name).join(', ');
  for (const hint of composition.hints) print(`hint: ${hint}`);
  for (const finding of report.acceptedBreakingChanges)
    print(`accepted: ${formatFinding(finding)}`);
  for (const entry of report.unusedAcceptances) {
    print(`note: accepted change no longer occurs, remove it: ${entry.type} ${entry.description}`);
  }
  if (previous === undefined) print(`note: no ${shown} yet, so no breaking-change baseline`);

  let failed = false;
  if (report.findings.length > 0) {
    failed = true;
    print(
      `Standards check failed with ${report.findings.length} finding(s) (subgraphs: ${names}):`,
    );
    for (const finding of report.findings) print(`  ${formatFinding(finding)}`);
  }
  const next = composition.supergraphSdl;
  if (flags.check) {
    if (next !== undefined && previous !== next) {
      failed = true;
      print(
        `${shown} is stale: it differs from what the departments compose to. Run \`npm run compose\` and commit the result.`,
      );
    }
    if (!failed) print(`${shown} is up to date; standards check passed (subgraphs: ${names}).`);
    return failed ? 1 : 0;
  }
  if (failed || next === undefined) {
    print(`${shown} was not written.`);
    return 1;
  }
  if (previous === next) {
    print(`${shown} is unchanged; standards check passed (subgraphs: ${names}).`);
  } else {
    await writeFile(supergraphPath, next);
    print(`wrote ${shown}; standards check passed (subgraphs: ${names}).`);
  }
  return 0;
}
