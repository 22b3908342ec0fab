import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegenScalars } from '@govgraph/client/codegen';
import { issueApiKey } from '@govgraph/governance';
import { runSchemaCli } from '@govgraph/tools';
import { generate } from '@graphql-codegen/cli';
import {
  buildClientSchema,
  buildSchema,
  type GraphQLSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CITIZEN_RECORD = join(ROOT, 'citizen-record.graphql');
const DESK = 'service-desk-app';
const PURPOSE = 'SERVICE_DESK';

/** What the typed-client recipe's usage file does; it must type-check except where marked. */
const USAGE = `
import type { NationalId } from '@govgraph/client';
import { parseNationalId } from '@govgraph/client';
import { graphql } from './gql/index.js';
import type { CitizenRecordQuery, CitizenRecordQueryVariables } from './gql/graphql.js';

export const citizenRecord = graphql(\`${readFileSync(CITIZEN_RECORD, 'utf8').replaceAll('`', '\\`')}\`);

export function idOf(result: CitizenRecordQuery): NationalId | undefined {
  const id: NationalId | undefined = result.person?.nationalId;
  return id;
}

export const variables: CitizenRecordQueryVariables = { nationalId: parseNationalId('11010519491231002X') };

export function fromPlainString(typed: string): CitizenRecordQueryVariables {
  const nationalId: NationalId = typed; // PLAIN-STRING
  return { nationalId };
}
`;

describe('typed clients: /schema.graphql, npm run schema, codegen with branded scalars', () => {
  let t: TestHub;
  let apiKey: string;
  let dir: string;
  const schemaUrl = () => `${t.hub.gatewayUrl}/schema.graphql`;
  const desk = () => ({ 'x-api-key': apiKey, 'x-purpose': PURPOSE });

  beforeAll(async () => {
    t = await startTestHub('sqlite', 200);
    // The operator issues the service-desk app a key, as `npm run agency -- key issue` would.
    ({ key: apiKey } = await issueApiKey(t.hub.services.store, DESK));
    await t.hub.services.registry.refresh();
    dir = mkdtempSync(join(tmpdir(), 'govgraph-typed-client-'));
    // The agency's project: its packages installed, as npm would, under node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    await t?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the agency its readable schema, and anonymous callers the public one, without federation internals', async () => {
    const agency = await fetch(schemaUrl(), { headers: desk() });
    expect(agency.status).toBe(200);
    expect(agency.headers.get('content-type')).toBe('application/graphql; charset=utf-8');
    expect(agency.headers.get('cache-control')).toBe('private, no-store');
    const agencySdl = await agency.text();
    const anonymous = await fetch(schemaUrl());
    expect(anonymous.status).toBe(200);
    const publicSdl = await anonymous.text();
    for (const sdl of [agencySdl, publicSdl]) {
      expect(sdl).not.toMatch(
        /join__|link__|@link|_Entity|_Service|_Any|inaccessible|@classification/,
      );
      buildSchema(sdl); // a valid schema on its own
    }
    const agencySchema = buildSchema(agencySdl);
    expect(agencySchema.getType('Person')).toBeDefined();
    expect(agencySchema.getQueryType()?.getFields().person).toBeDefined();
    expect(agencySdl).toContain('"""Resident identity number (GB 11643-1999)."""');
    expect(agencySdl).toMatch(/scalar NationalId @specifiedBy\(url: "https:/);
    expect(validate(agencySchema, parse(readFileSync(CITIZEN_RECORD, 'utf8')))).toEqual([]);
    // No personal type or field reaches an anonymous caller.
    const publicSchema = buildSchema(publicSdl);
    for (const type of ['Person', 'NationalId', 'PersonTaxProfile', 'SocialInsurance']) {
      expect(publicSchema.getType(type), type).toBeUndefined();
    }
    expect(publicSchema.getQueryType()?.getFields().searchLegalEntities).toBeDefined();
  });

  it('holds exactly what introspection shows the same caller', async () => {
    for (const headers of [desk(), {}]) {
      const sdl = await (await fetch(schemaUrl(), { headers })).text();
      const res = await fetch(t.hub.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      });
      const { data } = (await res.json()) as { data: IntrospectionQuery };
      const introspected = coordinatesOf(buildClientSchema(data));
      expect(introspected.length).toBeGreaterThan(10);
      expect(coordinatesOf(buildSchema(sdl))).toEqual(introspected);
    }
  });

  it('refuses a bad credential or an unknown purpose as /graphql does: JSON with a registered code', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ 'x-api-key': 'gg_not-a-key' }, 401, 'UNAUTHENTICATED'],
      [{ authorization: 'Basic abc' }, 401, 'UNAUTHENTICATED'],
      [{ 'x-api-key': apiKey, authorization: 'Bearer x.y.z' }, 401, 'UNAUTHENTICATED'],
      [{ 'x-api-key': apiKey, 'x-purpose': 'NOT_A_PURPOSE' }, 400, 'BAD_REQUEST'],
      [{ 'x-api-key': apiKey, 'x-purpose': 'bad purpose!' }, 400, 'BAD_REQUEST'],
    ];
    for (const [headers, status, code] of cases) {
      const res = await fetch(`${schemaUrl()}?purpose=${PURPOSE}`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const body = (await res.json()) as {
        errors: { message: string; extensions: { code: string; requestId: string } }[];
      };
      expect(body.errors[0]?.extensions.code).toBe(code);
      expect(body.errors[0]?.extensions.requestId).toEqual(expect.any(String));
      expect(body.errors[0]?.message).not.toMatch(/at \w+ \(|\.ts:\d+/);
    }
    const post = await fetch(schemaUrl(), { method: 'POST', headers: desk(), body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('shows an agency only what its purpose grants, whatever the query string says', async () => {
    const sdlOf = async (headers: Record<string, string>, query = '') =>
      buildSchema(await (await fetch(`${schemaUrl()}${query}`, { headers })).text());
    // No purpose, or a registered purpose it holds no grant under: no personal data.
    const noGrant: Record<string, string>[] = [
      { 'x-api-key': apiKey },
      { 'x-api-key': apiKey, 'x-purpose': 'TAX_AUDIT' },
    ];
    for (const headers of noGrant) {
      const schema = await sdlOf(headers, `?x-purpose=${PURPOSE}&x-api-key=${apiKey}`);
      expect(schema.getType('Person'), JSON.stringify(headers)).toBeUndefined();
      expect(schema.getQueryType()?.getFields().person).toBeUndefined();
    }
    // The query string is no credential either: anonymous, the public schema.
    const viaQuery = await sdlOf({}, `?x-api-key=${apiKey}&x-purpose=${PURPOSE}`);
    expect(viaQuery.getType('Person')).toBeUndefined();
    // Under SERVICE_DESK it sees its grants and nothing more: no access log (auditors only).
    const granted = await sdlOf(desk());
    const person = granted.getType('Person');
    expect(person && 'getFields' in person ? Object.keys(person.getFields()) : []).not.toContain(
      'accessLog',
    );
  });

  it('lets a caller revalidate its schema by ETag, and says whose it is', async () => {
    const first = await fetch(schemaUrl(), { headers: desk() });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('vary')).toBe('authorization, x-api-key, x-purpose');
    const again = await fetch(schemaUrl(), { headers: { ...desk(), 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // Another caller's schema is another text with another tag: a public cache cannot mix them.
    const anonymous = await fetch(schemaUrl(), { headers: { 'if-none-match': etag } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('no-cache');
    expect(anonymous.headers.get('etag')).not.toBe(etag);
    const head = await fetch(schemaUrl(), { method: 'HEAD', headers: desk() });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('prints offline, with npm run schema, exactly what the route serves', async () => {
    const routeSdl = await (await fetch(schemaUrl(), { headers: desk() })).text();
    const out = join(dir, 'desk.graphql');
    const err: string[] = [];
    const env = {
      ...process.env,
      HUB_DATABASE_URL: undefined,
      GOVGRAPH_DATA_DIR: join(dir, 'cli-data'),
    };
    const io = { out: { write: () => true }, err: { write: (s: string) => err.push(s) }, cwd: dir };
    const code = await runSchemaCli(
      ['--agency', DESK, '--purpose', PURPOSE, '--out', 'desk.graphql'],
      env,
      io,
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(routeSdl);
    const printed: string[] = [];
    expect(
      await runSchemaCli(['--public'], env, {
        ...io,
        out: { write: (s: string) => printed.push(s) },
      }),
    ).toBe(0);
    expect(printed.join('')).toBe(await (await fetch(schemaUrl())).text());
  });

  it('generates a client with the client preset whose scalars are the branded types, and type-checks its use', async () => {
    const out = join(dir, 'gql/');
    // The recipe of README "Typed clients": the schema straight from the gateway, with headers.
    await generate(
      {
        schema: { [schemaUrl()]: { headers: desk() } },
        documents: [CITIZEN_RECORD],
        generates: {
          [out]: {
            preset: 'client',
            config: { scalars: codegenScalars(), strictScalars: true, useTypeImports: true },
          },
        },
        silent: true,
      },
      true,
    );
    const generated = readFileSync(join(out, 'graphql.ts'), 'utf8');
    expect(generated).toContain(
      "import type { BuildingId, CreditCode, Date, DateTime, DivisionCode, Money, NationalId } from '@govgraph/client';",
    );
    expect(generated).toContain('nationalId: NationalId');
    writeFileSync(join(dir, 'usage.ts'), USAGE);
    const diagnostics = typeCheck(join(dir, 'usage.ts'));
    const shown = diagnostics.map(describeDiagnostic);
    // Exactly one error: a plain string where a NationalId is expected.
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('PLAIN-STRING');
    expect(shown[0]).toMatch(/Type 'string' is not assignable to type 'NationalId'/);
  });
});

/** Every `Type.field` of a schema's object and interface types, sorted. */
function coordinatesOf(schema: GraphQLSchema): string[] {
  const coordinates: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) coordinates.push(`${type.name}.${field}`);
  }
  return coordinates.sort();
}

/** Type-checks a file the way an agency's strict TypeScript project would; no output written. */
function typeCheck(file: string): readonly ts.Diagnostic[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program);
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return message;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  const source = d.file.text.split('\n')[line] ?? '';
  return `${d.file.fileName}:${line + 1}: ${message}\n  ${source.trim()}`;
}
