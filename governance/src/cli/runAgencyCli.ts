import { readFile } from 'node:fs/promises';
import { ensureError } from '@govgraph/schema';
import { hubAccessConfig } from '../hubConfig.js';
import {
  addAgency,
  listAgencies,
  requireAgency,
  setAgencyDepartment,
  setAgencyDisabled,
  setAgencyJwt,
} from '../registry/agencies.js';
import {
  AGENCY_LIMIT_MAXIMA,
  agencyLimits,
  limitFlag,
  resetAgencyLimits,
  setAgencyLimits,
} from '../registry/agencyLimits.js';
import {
  type ApiKeyInfo,
  expiringApiKeys,
  issueApiKey,
  listApiKeys,
  revokeApiKey,
} from '../registry/apiKeys.js';
import {
  addPurpose,
  grantCoordinates,
  listGrants,
  listPurposes,
  revokeCoordinates,
} from '../registry/grants.js';
import { HubAdminError } from '../registry/HubAdminError.js';
import {
  addOperator,
  listOperators,
  resetOperatorPassword,
  setOperatorDisabled,
} from '../registry/operators.js';
import { addAgencyOrigin, listAgencyOrigins, removeAgencyOrigin } from '../registry/origins.js';
import type { HubStore } from '../store/openHubStore.js';
import { AGENCY_LIMIT_NAMES, type AgencyLimits } from '../types.js';
import { type CliOutput, type Env, runHubCommand, table, userPath } from './cliSupport.js';
import { AGENCY_USAGE, type AgencyCommand, parseAgencyArgs } from './parseAgencyArgs.js';

/**
 * `npm run agency -- …`: manages agencies, keys, purposes and grants in the hub store.
 * Returns the exit code: 0 done, 1 refused (the message says why), 2 bad arguments.
 */
export async function runAgencyCli(
  argv: readonly string[],
  env: Env,
  out: CliOutput,
  err: CliOutput = out,
): Promise<number> {
  return runHubCommand(
    argv,
    env,
    { out, err },
    { usage: AGENCY_USAGE, parse: parseAgencyArgs, readOnly: isReadOnly },
    async (store, command) => {
      await execute(store, command, out, env);
      return 0;
    },
  );
}

/** The commands that only show: they never sync the registry file nor write. */
const READ_ONLY: ReadonlySet<AgencyCommand['kind']> = new Set([
  'list',
  'key-list',
  'key-expiring',
  'operator-list',
  'grants',
  'purpose-list',
  'limits-show',
  'origin-list',
]);

function isReadOnly(command: AgencyCommand): boolean {
  return READ_ONLY.has(command.kind);
}

async function execute(
  store: HubStore,
  command: AgencyCommand,
  out: CliOutput,
  env: Env,
): Promise<void> {
  switch (command.kind) {
    case 'list': {
      const [agencies, grants] = await Promise.all([listAgencies(store), listGrants(store)]);
      const rows = [
        ['ID', 'NAME', 'DEPARTMENT', 'ROLES', 'JWT ISSUER', 'STATE', 'FROM', 'PURPOSES'],
      ];
      for (const a of agencies) {
        const purposes = [
          ...new Set(grants.filter((g) => g.agencyId === a.id).map((g) => g.purpose)),
        ];
        rows.push([
          a.id,
          a.name,
          a.department ?? '-',
          a.roles.join(',') || '-',
          a.jwt?.issuer ?? '-',
          a.disabled ? 'disabled' : 'active',
          a.source,
          purposes.join(',') || '-',
        ]);
      }
      out.write(table(rows));
      return;
    }
    case 'add':
      await addAgency(store, {
        id: command.id,
        name: command.name,
        roles: command.roles,
        ...(command.department !== undefined && { department: command.department }),
      });
      out.write(
        `Registered agency ${command.id}. Next: agency key issue ${command.id}, then agency grant ${command.id} <purpose> <coordinate...>\n`,
      );
      return;
    case 'department':
      await setAgencyDepartment(store, command.agency, command.department);
      out.write(
        command.department
          ? `${command.agency} acts for ${command.department}; its caller tokens say so from the next registry refresh.\n`
          : `${command.agency} acts for no department.\n`,
      );
      return;
    case 'key-issue': {
      const { id, key, expiresAt } = await issueApiKey(
        store,
        command.agency,
        command.expiresInMs === undefined
          ? {}
          : { expiresAt: new Date(Date.now() + command.expiresInMs) },
      );
      out.write(
        `API key ${id} for ${command.agency}:\n\n  ${key}\n\n` +
          (expiresAt
            ? `It expires on ${expiresAt.toISOString()}; \`agency key expiring\` lists keys due for renewal.\n`
            : 'It never expires; give --expires 90d to issue keys that do.\n') +
          'Store it now: it is shown only this once and cannot be shown again (the hub keeps only its hash).\n' +
          'Send it as the X-Api-Key header. Revoke it with: agency key revoke ' +
          `${id}\n`,
      );
      return;
    }
    case 'key-list': {
      const keys = await listApiKeys(store, command.agency);
      if (keys.length === 0) {
        out.write(`${command.agency} has no API keys.\n`);
        return;
      }
      out.write(
        table([
          ['KEY ID', 'PREFIX', 'CREATED', 'EXPIRES', 'REVOKED'],
          ...keys.map((k) => [
            k.id,
            `${k.prefix}…`,
            k.createdAt.toISOString(),
            k.expiresAt?.toISOString() ?? 'never',
            k.revokedAt?.toISOString() ?? '-',
          ]),
        ]),
      );
      return;
    }
    case 'key-expiring':
      out.write(expiringTable(await expiringApiKeys(store, command.withinMs), command.withinMs));
      return;
    case 'key-revoke':
      await revokeApiKey(store, command.keyId);
      out.write(
        `Revoked API key ${command.keyId}; gateways refuse it within their refresh interval.\n`,
      );
      return;
    case 'grant': {
      const added = await grantCoordinates(
        store,
        command.agency,
        command.purpose,
        command.coordinates,
      );
      const already = command.coordinates.length - added.length;
      out.write(
        `Granted ${command.agency} under ${command.purpose}: ${added.join(', ') || 'nothing new'}` +
          `${already > 0 ? ` (${already} already granted)` : ''}.\n`,
      );
      return;
    }
    case 'revoke': {
      const removed = await revokeCoordinates(
        store,
        command.agency,
        command.purpose,
        command.coordinates,
      );
      out.write(
        `Revoked from ${command.agency} under ${command.purpose}: ${removed.map((g) => g.coordinate).join(', ') || 'nothing (none of these were granted)'}.\n`,
      );
      const fromFile = removed.filter((g) => g.source === 'file').map((g) => g.coordinate);
      if (fromFile.length > 0) {
        out.write(
          `Note: the registry file grants ${fromFile.join(', ')}; the next sync of the file (every gateway start, agency sync, every agency command that changes the store) grants them again unless they are removed from ${env.HUB_REGISTRY_FILE ?? 'governance/registry.json'} too.\n`,
        );
      }
      return;
    }
    case 'grants': {
      await requireAgency(store, command.agency);
      const grants = await listGrants(store, command.agency);
      if (grants.length === 0) {
        out.write(`${command.agency} holds no grants.\n`);
        return;
      }
      out.write(
        table([
          ['PURPOSE', 'COORDINATE', 'FROM'],
          ...grants.map((g) => [g.purpose, g.coordinate, g.source]),
        ]),
      );
      return;
    }
    case 'purpose-add':
      await addPurpose(store, {
        code: command.code,
        description: command.description,
        legalBasis: command.legalBasis,
      });
      out.write(`Registered purpose ${command.code}.\n`);
      return;
    case 'sync':
      // runHubCommand synced the file before this command ran (refused without --yes if it
      // would take access away): what the store now holds from it.
      out.write(
        `Synced the registry file ${hubAccessConfig(env).registryFile} into the hub store.\n`,
      );
      return;
    case 'purpose-list':
      out.write(
        table([
          ['CODE', 'DESCRIPTION', 'LEGAL BASIS'],
          ...(await listPurposes(store)).map((p) => [p.code, p.description, p.legalBasis]),
        ]),
      );
      return;
    case 'jwt': {
      const file = userPath(command.publicKeyFile, env);
      let publicKey: string;
      try {
        publicKey = await readFile(file, 'utf8');
      } catch (error) {
        throw new HubAdminError(
          `Cannot read the public key file ${file}: ${ensureError(error).message}`,
        );
      }
      await setAgencyJwt(store, command.agency, {
        issuer: command.issuer,
        audience: command.audience,
        publicKey,
      });
      out.write(
        `${command.agency} may now authenticate with bearer tokens from ${command.issuer} (sub = ${command.agency}` +
          `${command.audience ? `, aud = ${command.audience}` : ''}).\n`,
      );
      return;
    }
    case 'operator-add':
    case 'operator-list':
    case 'operator-password':
    case 'operator-disable':
    case 'operator-enable':
      await executeOperator(store, command, out);
      return;
    case 'limits-show':
      out.write(limitsTable(await agencyLimits(store, command.agency)));
      return;
    case 'limits-set':
      out.write(limitsTable(await setAgencyLimits(store, command.agency, command.limits)));
      out.write(LIMITS_TAKE_EFFECT);
      return;
    case 'limits-reset':
      out.write(limitsTable(await resetAgencyLimits(store, command.agency, command.fields)));
      out.write(LIMITS_TAKE_EFFECT);
      return;
    case 'origin-add':
    case 'origin-remove':
    case 'origin-list':
      await executeOrigin(store, command, out, env);
      return;
    case 'disable':
    case 'enable':
      await setAgencyDisabled(store, command.agency, command.kind === 'disable');
      out.write(
        `${command.agency} is ${command.kind === 'disable' ? 'disabled: its keys and tokens are refused' : 'enabled'}.\n`,
      );
  }
}

type OperatorCommand = Extract<AgencyCommand, { kind: `operator-${string}` }>;

async function executeOperator(
  store: HubStore,
  command: OperatorCommand,
  out: CliOutput,
): Promise<void> {
  switch (command.kind) {
    case 'operator-add': {
      const { password } = await addOperator(store, {
        agencyId: command.agency,
        id: command.id,
        name: command.name,
      });
      out.write(oneTimePassword(command.agency, command.id, password));
      return;
    }
    case 'operator-password': {
      const { password } = await resetOperatorPassword(store, command.agency, command.id);
      out.write(oneTimePassword(command.agency, command.id, password));
      return;
    }
    case 'operator-list': {
      const operators = await listOperators(store, command.agency);
      if (operators.length === 0) {
        out.write(`${command.agency} has no operators.\n`);
        return;
      }
      out.write(
        table([
          ['OPERATOR', 'NAME', 'STATE', 'CREATED'],
          ...operators.map((o) => [
            o.id,
            o.name,
            o.disabled ? 'disabled' : 'active',
            o.createdAt.toISOString(),
          ]),
        ]),
      );
      return;
    }
    case 'operator-disable':
    case 'operator-enable': {
      const disable = command.kind === 'operator-disable';
      await setOperatorDisabled(store, command.agency, command.id, disable);
      out.write(
        `${command.id} of ${command.agency} is ${disable ? 'disabled: their sessions are ended and sign-in is refused' : 'enabled'}.\n`,
      );
    }
  }
}

function oneTimePassword(agency: string, operator: string, password: string): string {
  return (
    `Password for operator ${operator} of ${agency}:\n\n  ${password}\n\n` +
    'Hand it to the operator now: it is shown only this once (the hub keeps only its scrypt hash).\n' +
    `They sign in at /desk with agency ${agency}, operator ${operator} and this password.\n`
  );
}

/** `key expiring`: every unrevoked key past or near its expiry, soonest first. */
function expiringTable(keys: readonly ApiKeyInfo[], withinMs: number): string {
  const now = Date.now();
  const days = Math.round((withinMs / 86_400_000) * 10) / 10;
  if (keys.length === 0) return `No API key expires within ${days} days.\n`;
  return table([
    ['AGENCY', 'KEY ID', 'PREFIX', 'EXPIRES', 'STATE'],
    ...keys.map((k) => [
      k.agencyId,
      k.id,
      `${k.prefix}…`,
      k.expiresAt?.toISOString() ?? 'never',
      (k.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) <= now ? 'expired' : 'expiring',
    ]),
  ]);
}

const LIMITS_TAKE_EFFECT =
  'Gateways hold the agency to these from their next registry refresh (a few seconds). ' +
  'A limit the registry file states for the agency wins at the next sync of the file.\n';

/** Every limit with the agency's override, or `default` (the gateway's, from its environment). */
function limitsTable(limits: AgencyLimits): string {
  return table([
    ['LIMIT', 'FLAG', 'AGENCY', 'UP TO'],
    ...AGENCY_LIMIT_NAMES.map((name) => [
      name,
      `--${limitFlag(name)}`,
      limits[name]?.toString() ?? 'default',
      AGENCY_LIMIT_MAXIMA[name].toString(),
    ]),
  ]);
}

type OriginCommand = Extract<
  AgencyCommand,
  { kind: 'origin-add' | 'origin-remove' | 'origin-list' }
>;

async function executeOrigin(
  store: HubStore,
  command: OriginCommand,
  out: CliOutput,
  env: Env,
): Promise<void> {
  if (command.kind === 'origin-list') {
    const origins = await listAgencyOrigins(store, command.agency);
    out.write(
      origins.length === 0
        ? `${command.agency} lists no origins: browser pages cannot call the gateway with its credentials.\n`
        : table([['ORIGIN', 'FROM'], ...origins.map((o) => [o.origin, o.source])]),
    );
    return;
  }
  if (command.kind === 'origin-add') {
    const added = await addAgencyOrigin(store, command.agency, command.origin);
    out.write(
      added
        ? `${command.agency}'s browser apps on ${new URL(command.origin.trim()).origin} may call the gateway from the next registry refresh.\n`
        : `${command.agency} already lists ${command.origin.trim()}.\n`,
    );
    return;
  }
  const removed = await removeAgencyOrigin(store, command.agency, command.origin);
  if (!removed) {
    out.write(`${command.agency} does not list ${command.origin.trim()}; nothing removed.\n`);
    return;
  }
  out.write(
    `${command.agency}'s requests from ${removed.origin} are refused from the next registry refresh.\n`,
  );
  if (removed.source === 'file') {
    out.write(
      `Note: the registry file lists ${removed.origin} for ${command.agency}; the next sync of the file (every gateway start, agency sync, every agency command that changes the store) adds it again unless it is removed from ${env.HUB_REGISTRY_FILE ?? 'governance/registry.json'} too.\n`,
    );
  }
}
