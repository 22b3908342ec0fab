import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as errors from '../src/errors/index.js';
import {
  ErrorCode,
  errorRegistry,
  isRegisteredCode,
  renderErrorDocs,
} from '../src/errors/index.js';

const exportedCodes = Object.entries(errors).flatMap(([exportName, value]) =>
  value instanceof ErrorCode ? [[exportName, value] as const] : [],
);

describe('errorRegistry', () => {
  it('holds every exported code exactly once, under its own name', () => {
    expect(exportedCodes.length).toBeGreaterThan(10);
    for (const [exportName, def] of exportedCodes) {
      expect(def.code).toBe(exportName);
      expect(errorRegistry.get(def.code)).toBe(def);
    }
    const codes = exportedCodes.map(([, def]) => def.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...errorRegistry.keys()].sort()).toEqual(codes.sort());
  });

  it('describes every code in SCREAMING_SNAKE_CASE with a sentence for the caller', () => {
    for (const def of errorRegistry.values()) {
      expect(def.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(['input', 'access', 'availability', 'internal']).toContain(def.category);
      expect(def.description).toMatch(/^\S.{19,}[.)]$/s);
    }
  });

  it('builds GraphQL errors that carry the code beside the caller’s extensions', () => {
    const error = errors.INVALID_ARGUMENT.err('first must be 1 to 100.', {
      extensions: { argument: 'first', code: 'SPOOFED' },
    });
    expect(error.message).toBe('first must be 1 to 100.');
    expect(error.extensions).toEqual({ argument: 'first', code: 'INVALID_ARGUMENT' });
  });

  it('tells registered codes from others', () => {
    expect(isRegisteredCode('INVALID_NATIONAL_ID')).toBe(true);
    expect(isRegisteredCode('INTERNAL_SERVER_ERROR')).toBe(false);
    expect(isRegisteredCode(undefined)).toBe(false);
    expect(isRegisteredCode(42)).toBe(false);
  });
});

describe('renderErrorDocs', () => {
  const docs = renderErrorDocs();

  it('lists every code once, with its description', () => {
    for (const def of errorRegistry.values()) {
      const rows = docs.split('\n').filter((line) => line.startsWith(`| \`${def.code}\` |`));
      expect(rows).toEqual([
        `| \`${def.code}\` | ${def.httpStatus} | ${def.description.replaceAll('|', '\\|')} |`,
      ]);
    }
    const tableRows = docs.split('\n').filter((line) => /^\| `[A-Z_0-9]+` \|/.test(line));
    expect(tableRows).toHaveLength(errorRegistry.size);
  });

  it('groups codes under their category, sorted by code', () => {
    const sections = docs.split('\n## ').slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    for (const section of sections) {
      const codes = [...section.matchAll(/^\| `([A-Z_0-9]+)` \|/gm)].map((m) => m[1] ?? '');
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
      const categories = new Set(codes.map((code) => errorRegistry.get(code)?.category));
      expect(categories.size).toBe(1);
    }
  });
});

describe('writeDocs.ts', () => {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const script = fileURLToPath(new URL('../src/errors/writeDocs.ts', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'govgraph-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The real command line, in a child process: `tsx src/errors/writeDocs.ts [--check] [file]`.
  const run = (...args: string[]) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  };

  it('writes the page the registry renders', () => {
    const file = join(dir, 'written.md');
    const result = run(file);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(renderErrorDocs());
  });

  it('--check passes when the page is current', () => {
    const file = join(dir, 'current.md');
    writeFileSync(file, renderErrorDocs());
    expect(run('--check', file)).toMatchObject({ status: 0, stderr: '' });
  });

  it('--check fails, saying what to run, when the page is stale', () => {
    const file = join(dir, 'stale.md');
    const current = renderErrorDocs();
    writeFileSync(file, current.replace(/\| `INVALID_MONEY` \|[^\n]*\n/, ''));
    const result = run('--check', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} is stale: run \`npm run codegen\``);
    expect(readFileSync(file, 'utf8')).not.toBe(current);
  });

  it('--check fails when the page is missing', () => {
    const result = run('--check', join(dir, 'missing.md'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is stale');
  });
});
