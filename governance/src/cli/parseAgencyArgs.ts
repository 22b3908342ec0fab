import { parseArgs } from 'node:util';
import { ensureError } from '@govgraph/schema';
import { UsageError } from '@govgraph/server';
import { limitByFlag, limitFlag } from '../registry/agencyLimits.js';
import { parseDuration } from '../registry/apiKeys.js';
import { AGENCY_LIMIT_NAMES, type AgencyLimitName, type AgencyLimits } from '../types.js';

export const AGENCY_USAGE = `Usage: npm run agency -- <command>

  list                                        agencies, their roles, credentials and purposes
  sync [--yes]                                load the registry file into the store, and say what changed
  add <id> --name <name> [--role auditor] [--department <CODE>]
                                              register an agency (acting for a department)
  department <agency> <CODE> | none           set (or clear) the department it acts for
  key issue <agency> [--expires 90d]          issue an API key (shown once), valid for 90
                                              days (d, h or m; unset: it never expires)
  key list <agency>                           an agency's keys (never the keys themselves)
  key revoke <keyId>                          revoke a key
  key expiring [--within 14d]                 keys of every agency expired or expiring soon
  grant <agency> <purpose> <coordinate...>    grant field coordinates (Person.name, LegalEntity.*)
  revoke <agency> <purpose> <coordinate...>   revoke field coordinates
  grants <agency>                             an agency's grants by purpose
  purpose add <code> --description <text> --legal-basis <text>
  purpose list
  jwt <agency> --issuer <iss> --public-key-file <file> [--audience <aud>]
                                              accept the agency's JWT bearer tokens
  disable <agency> | enable <agency>          stop (or restore) an agency's access
  operator add <agency> <id> --name <name>    register a service-desk operator (password shown once)
  operator list <agency>                      an agency's operators
  operator password <agency> <id>             a new one-time password; ends their sessions
  operator disable <agency> <id> | operator enable <agency> <id>
                                              stop (or restore) an operator; disabling signs them out
  limits show <agency>                        its limits: the gateway's defaults and its overrides
  limits set <agency> --max-depth <n> [--max-aliases <n>] [--max-directives <n>]
      [--max-tokens <n>] [--max-cost <n>] [--requests-per-second <n>]
      [--cost-per-second <n>] [--max-response-bytes <n>]
                                              raise (or lower) some of its limits (docs/limits.md)
  limits reset <agency> [--field <limit>...]  back to the defaults (all, or the named ones)
  origin add <agency> <origin>                let the agency's browser app on <origin> call
                                              the gateway (https://desk.example.gov)
  origin remove <agency> <origin>             stop accepting its requests from <origin>
  origin list <agency>                        the origins an agency's browser apps may call from

The hub database is HUB_DATABASE_URL (PostgreSQL) or hub.sqlite in GOVGRAPH_DATA_DIR. Commands
that change the store sync the registry file HUB_REGISTRY_FILE (default governance/registry.json) into
it first; list, grants, purpose list, key list, limits show and origin list only read. A sync
that would disable agencies or revoke grants names them and changes nothing unless --yes is given.
`;

/** One `agency` command, parsed. */
export type AgencyCommand =
  | { kind: 'list' }
  | { kind: 'sync' }
  | { kind: 'add'; id: string; name: string; roles: string[]; department: string | undefined }
  | { kind: 'department'; agency: string; department: string | null }
  | { kind: 'key-issue'; agency: string; expiresInMs: number | undefined }
  | { kind: 'key-expiring'; withinMs: number }
  | { kind: 'key-list'; agency: string }
  | { kind: 'key-revoke'; keyId: string }
  | { kind: 'grant' | 'revoke'; agency: string; purpose: string; coordinates: string[] }
  | { kind: 'grants'; agency: string }
  | { kind: 'purpose-add'; code: string; description: string; legalBasis: string }
  | { kind: 'purpose-list' }
  | {
      kind: 'jwt';
      agency: string;
      issuer: string;
      publicKeyFile: string;
      audience: string | undefined;
    }
  | { kind: 'disable' | 'enable'; agency: string }
  | { kind: 'operator-add'; agency: string; id: string; name: string }
  | { kind: 'operator-list'; agency: string }
  | {
      kind: 'operator-password' | 'operator-disable' | 'operator-enable';
      agency: string;
      id: string;
    }
  | { kind: 'limits-show'; agency: string }
  | { kind: 'limits-set'; agency: string; limits: AgencyLimits }
  | { kind: 'limits-reset'; agency: string; fields: AgencyLimitName[] | undefined }
  | { kind: 'origin-add' | 'origin-remove'; agency: string; origin: string }
  | { kind: 'origin-list'; agency: string };

const OPTIONS = {
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  department: { type: 'string' },
  description: { type: 'string' },
  'legal-basis': { type: 'string' },
  issuer: { type: 'string' },
  audience: { type: 'string' },
  'public-key-file': { type: 'string' },
  expires: { type: 'string' },
  within: { type: 'string' },
  field: { type: 'string', multiple: true },
  'max-depth': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-directives': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  'requests-per-second': { type: 'string' },
  'cost-per-second': { type: 'string' },
  'max-response-bytes': { type: 'string' },
} as const;

const LIMIT_OPTIONS = AGENCY_LIMIT_NAMES.map(limitFlag) as OptionName[];

/** `--max-depth 20`: a whole number as typed (its range is checked by the registry). */
function limitArgument(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new UsageError(`--${flag} takes a whole number, not ${JSON.stringify(value)}`);
  }
  return Number(value.trim());
}

/** `--expires 90d`, `--within 12h`: a whole number of days, hours or minutes. */
function durationFlag(flag: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new UsageError(
      `--${flag} takes a duration such as 90d, 12h or 30m, not ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** `--field maxDepth` or `--field max-depth`. */
function limitField(field: string): AgencyLimitName {
  const name = AGENCY_LIMIT_NAMES.find((n) => n === field) ?? limitByFlag(field.replace(/^--/, ''));
  if (name === undefined) {
    throw new UsageError(
      `--field takes a limit's name (${AGENCY_LIMIT_NAMES.join(', ')}), not ${JSON.stringify(field)}`,
    );
  }
  return name;
}

type OptionName = keyof typeof OPTIONS;

/** Parses `agency` arguments; throws a UsageError saying what is wrong. */
export function parseAgencyArgs(argv: readonly string[]): AgencyCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(ensureError(error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const used = (Object.keys(values) as OptionName[]).filter((k) => values[k] !== undefined);
  const only = (allowed: readonly OptionName[]) => {
    const extra = used.filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new UsageError(`${command} does not take --${extra.join(', --')}`);
  };
  const args = (count: number, names: string) => {
    if (rest.length !== count) throw new UsageError(`${command} takes ${names}`);
    return rest;
  };
  const required = (name: OptionName): string => {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '')
      throw new UsageError(`${command} needs --${name}`);
    return value;
  };
  switch (command) {
    case 'list':
      only([]);
      args(0, 'no arguments');
      return { kind: 'list' };
    case 'sync':
      only([]);
      args(0, 'no arguments');
      return { kind: 'sync' };
    case 'add': {
      only(['name', 'role', 'department']);
      const [id = ''] = args(1, 'an agency id: add <id> --name <name>');
      return {
        kind: 'add',
        id,
        name: required('name'),
        roles: values.role ?? [],
        department: values.department,
      };
    }
    case 'department': {
      only([]);
      const [agency = '', code = ''] = args(
        2,
        'an agency id and a department code, or none: department <agency> <CODE|none>',
      );
      return { kind: 'department', agency, department: code === 'none' ? null : code };
    }
    case 'key': {
      const [action, target, ...more] = rest;
      if (action === 'expiring' && target === undefined) {
        only(['within']);
        return { kind: 'key-expiring', withinMs: durationFlag('within', values.within ?? '14d') };
      }
      only(action === 'issue' ? ['expires'] : []);
      if (
        target === undefined ||
        more.length > 0 ||
        !['issue', 'list', 'revoke'].includes(action ?? '')
      ) {
        throw new UsageError(
          'key takes issue <agency> [--expires 90d], list <agency>, revoke <keyId> or expiring [--within 14d]',
        );
      }
      if (action === 'revoke') return { kind: 'key-revoke', keyId: target };
      if (action === 'list') return { kind: 'key-list', agency: target };
      return {
        kind: 'key-issue',
        agency: target,
        expiresInMs:
          values.expires === undefined ? undefined : durationFlag('expires', values.expires),
      };
    }
    case 'grant':
    case 'revoke': {
      only([]);
      const [agency, purpose, ...coordinates] = rest;
      if (agency === undefined || purpose === undefined || coordinates.length === 0) {
        throw new UsageError(`${command} takes <agency> <purpose> <coordinate...>`);
      }
      return { kind: command, agency, purpose, coordinates };
    }
    case 'grants': {
      only([]);
      const [agency = ''] = args(1, 'an agency id');
      return { kind: 'grants', agency };
    }
    case 'purpose': {
      const [action, ...more] = rest;
      if (action === 'list' && more.length === 0) {
        only([]);
        return { kind: 'purpose-list' };
      }
      if (action === 'add' && more.length === 1) {
        only(['description', 'legal-basis']);
        return {
          kind: 'purpose-add',
          code: more[0] ?? '',
          description: required('description'),
          legalBasis: required('legal-basis'),
        };
      }
      throw new UsageError(
        'purpose takes add <code> --description <text> --legal-basis <text>, or list',
      );
    }
    case 'jwt': {
      only(['issuer', 'audience', 'public-key-file']);
      const [agency = ''] = args(
        1,
        'an agency id: jwt <agency> --issuer <iss> --public-key-file <file>',
      );
      return {
        kind: 'jwt',
        agency,
        issuer: required('issuer'),
        publicKeyFile: required('public-key-file'),
        audience: values.audience,
      };
    }
    case 'disable':
    case 'enable': {
      only([]);
      const [agency = ''] = args(1, 'an agency id');
      return { kind: command, agency };
    }
    case 'operator':
      return parseOperator(rest, only, required);
    case 'limits': {
      const [action, agency, ...more] = rest;
      if (agency === undefined || more.length > 0) {
        throw new UsageError(
          'limits takes show <agency>, set <agency> --<limit> <n>…, or reset <agency>',
        );
      }
      if (action === 'show') {
        only([]);
        return { kind: 'limits-show', agency };
      }
      if (action === 'reset') {
        only(['field']);
        return { kind: 'limits-reset', agency, fields: values.field?.map(limitField) };
      }
      if (action === 'set') {
        only(LIMIT_OPTIONS);
        const limits: AgencyLimits = {};
        for (const name of AGENCY_LIMIT_NAMES) {
          const value = values[limitFlag(name) as OptionName];
          if (typeof value === 'string') limits[name] = limitArgument(limitFlag(name), value);
        }
        if (Object.keys(limits).length === 0) {
          throw new UsageError(`limits set needs at least one of --${LIMIT_OPTIONS.join(', --')}`);
        }
        return { kind: 'limits-set', agency, limits };
      }
      throw new UsageError(
        'limits takes show <agency>, set <agency> --<limit> <n>…, or reset <agency>',
      );
    }
    case 'origin':
      only([]);
      return parseOriginArgs(rest);
    case undefined:
      throw new UsageError('Name a command.');
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
}

const OPERATOR_USAGE =
  'operator takes add <agency> <id> --name <name>, list <agency>, password <agency> <id>, disable <agency> <id> or enable <agency> <id>';

function parseOperator(
  rest: readonly string[],
  only: (allowed: readonly OptionName[]) => void,
  required: (name: OptionName) => string,
): AgencyCommand {
  const [action, agency, id, ...more] = rest;
  if (agency === undefined || more.length > 0) throw new UsageError(OPERATOR_USAGE);
  if (action === 'list' && id === undefined) {
    only([]);
    return { kind: 'operator-list', agency };
  }
  if (id === undefined) throw new UsageError(OPERATOR_USAGE);
  if (action === 'add') {
    only(['name']);
    return { kind: 'operator-add', agency, id, name: required('name') };
  }
  if (action === 'password' || action === 'disable' || action === 'enable') {
    only([]);
    return { kind: `operator-${action}`, agency, id };
  }
  throw new UsageError(OPERATOR_USAGE);
}

/** `origin add|remove <agency> <origin>`, `origin list <agency>`. */
function parseOriginArgs(rest: readonly string[]): AgencyCommand {
  const [action, agency, origin, ...more] = rest;
  if (agency !== undefined && more.length === 0) {
    if (action === 'list' && origin === undefined) return { kind: 'origin-list', agency };
    if ((action === 'add' || action === 'remove') && origin !== undefined) {
      return { kind: action === 'add' ? 'origin-add' : 'origin-remove', agency, origin };
    }
  }
  throw new UsageError(
    'origin takes add <agency> <origin>, remove <agency> <origin> or list <agency>',
  );
}
