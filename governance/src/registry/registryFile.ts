import { readFileSync } from 'node:fs';
import { ensureError } from '@govgraph/schema';
import { z } from 'zod';
import { AGENCY_LIMIT_NAMES, type AgencyLimitName } from '../types.js';
import { agencyIdProblem, departmentProblem } from './agencies.js';
import { limitValueProblem } from './agencyLimits.js';
import { coordinateProblem } from './coordinate.js';
import { PURPOSE_CODE } from './grants.js';
import { parseOrigin } from './origins.js';
import { parsePublicKey } from './publicKey.js';

const text = (what: string) =>
  z
    .string({ error: `must be ${what} (a string)` })
    .trim()
    .min(1, `must not be empty`);
const coordinate = z
  .string({ error: 'must be a field coordinate (a string)' })
  .superRefine((value, ctx) => {
    const problem = coordinateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const coordinates = z.array(coordinate, { error: 'must be a list of field coordinates' });
/** Exact web origins browser pages may call from (docs/access.md#browser-apps-cors). */
const origins = z
  .array(
    z.string({ error: 'must be an origin (a string)' }).transform((value, ctx) => {
      const parsed = parseOrigin(value);
      if ('origin' in parsed) return parsed.origin;
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }),
    { error: 'must be a list of origins ("https://desk.example.gov")' },
  )
  .optional();

const purposeSchema = z.strictObject({
  code: z
    .string()
    .regex(PURPOSE_CODE, 'must be upper-case words joined by underscores (TAX_AUDIT)'),
  description: text('a description'),
  legalBasis: text('the legal basis'),
});

const limitValue = (name: AgencyLimitName) =>
  z.number({ error: `must be a positive whole number` }).superRefine((value, ctx) => {
    const problem = limitValueProblem(name, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An agency's limit overrides, by the gateway's names (docs/limits.md); null clears them. */
const limitsSchema = z.strictObject(
  Object.fromEntries(AGENCY_LIMIT_NAMES.map((name) => [name, limitValue(name).optional()])) as {
    [K in AgencyLimitName]: z.ZodOptional<ReturnType<typeof limitValue>>;
  },
  { error: `must be an object of limits: ${AGENCY_LIMIT_NAMES.join(', ')}` },
);

const agencySchema = z.strictObject({
  id: z.string({ error: 'must be an agency id (a string)' }).superRefine((value, ctx) => {
    const problem = agencyIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  name: text('the agency name'),
  roles: z.array(z.enum(['auditor'], { error: 'the only role is "auditor"' })).default([]),
  disabled: z.boolean().optional(),
  /** The department it acts for; null clears one set with the `agency` command. */
  department: z
    .string({ error: 'must be a department code (a string) or null' })
    .superRefine((value, ctx) => {
      const problem = departmentProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .nullable()
    .optional(),
  /** Limits raised (or lowered) for this agency; null clears ones set with the `agency` command. */
  limits: limitsSchema.nullable().optional(),
  /** Origins of the agency's browser apps; when given, exactly these come from the file. */
  origins,
  jwt: z
    .strictObject({
      issuer: text('the token issuer'),
      audience: text('the token audience').optional(),
      publicKey: z
        .string({ error: 'must be a JWK (JSON text) or an SPKI PEM' })
        .superRefine((value, ctx) => {
          try {
            parsePublicKey(value);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: ensureError(error).message });
          }
        }),
    })
    .optional(),
});

const grantSchema = z.strictObject({
  agency: text('an agency id'),
  purpose: text('a purpose code'),
  coordinates: coordinates.min(1, 'must name at least one coordinate'),
});

const registrySchema = z
  .strictObject({
    purposes: z.array(purposeSchema, {
      error: 'must be a list of purposes { code, description, legalBasis }',
    }),
    agencies: z.array(agencySchema, {
      error:
        'must be a list of agencies { id, name, roles?, department?, limits?, origins?, jwt? }',
    }),
    grants: z.array(grantSchema, {
      error: 'must be a list of grants { agency, purpose, coordinates }',
    }),
    citizen: z.strictObject(
      { coordinates, origins },
      {
        error:
          'must be { "coordinates": [...], "origins"?: [...] }: what a citizen may read about themself, and from which citizen-portal origins',
      },
    ),
  })
  .superRefine((file, ctx) => {
    const duplicates = <T>(
      items: readonly T[],
      key: (item: T) => string,
      name: string,
      field: string,
    ) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k))
          ctx.addIssue({
            code: 'custom',
            path: [name, i, field],
            message: `${JSON.stringify(k)} is listed twice`,
          });
        seen.add(k);
      });
      return seen;
    };
    const purposes = duplicates(file.purposes, (p) => p.code, 'purposes', 'code');
    const agencies = duplicates(file.agencies, (a) => a.id, 'agencies', 'id');
    file.grants.forEach((grant, i) => {
      if (!agencies.has(grant.agency)) {
        ctx.addIssue({
          code: 'custom',
          path: ['grants', i, 'agency'],
          message: `no agency ${JSON.stringify(grant.agency)} is listed under "agencies"`,
        });
      }
      if (!purposes.has(grant.purpose)) {
        ctx.addIssue({
          code: 'custom',
          path: ['grants', i, 'purpose'],
          message: `no purpose ${JSON.stringify(grant.purpose)} is listed under "purposes"`,
        });
      }
    });
  });

/** The reviewed registry file (`governance/registry.json`), validated. */
export type RegistryFile = z.infer<typeof registrySchema>;

/** A registry file that cannot be used; `problems` name each one by its JSON path. */
export class RegistryFileError extends Error {
  override name = 'RegistryFileError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`The registry file ${file} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** `agencies[2].jwt.publicKey` from a zod issue path. */
function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Validates a parsed registry file. Throws a RegistryFileError listing every problem. */
export function parseRegistryFile(json: unknown, file = 'registry file'): RegistryFile {
  const result = registrySchema.safeParse(json);
  if (result.success) return result.data;
  throw new RegistryFileError(
    file,
    result.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`),
  );
}

/** Reads and validates a registry file. Throws a RegistryFileError (unreadable, not JSON, invalid). */
export function loadRegistryFile(path: string): RegistryFile {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RegistryFileError(path, [
      `cannot be read (${ensureError(error).message}); set HUB_REGISTRY_FILE to the registry file`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new RegistryFileError(path, [`is not JSON (${ensureError(error).message})`]);
  }
  return parseRegistryFile(json, path);
}
