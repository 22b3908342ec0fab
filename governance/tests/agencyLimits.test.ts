import { writeFileSync } from 'node:fs';
import { ENGINES } from '@govgraph/testing';
import { describe, expect, it } from 'vitest';
import { runAgencyCli } from '../src/cli/runAgencyCli.js';
import {
  createAccessRegistry,
  parseRegistryFile,
  RegistryFileError,
  syncRegistryFile,
} from '../src/index.js';
import { captureOutput, SMALL_REGISTRY, useHubStore } from './useHubStore.js';

const problemsOf = (json: unknown): readonly string[] => {
  try {
    parseRegistryFile(json, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryFileError);
    return (error as RegistryFileError).problems;
  }
  throw new Error('the file was accepted');
};

const withTaxLimits = (limits: unknown) => ({
  ...SMALL_REGISTRY,
  agencies: [{ id: 'tax-bureau', name: 'Tax bureau', limits }, SMALL_REGISTRY.agencies[1]],
});

describe('limits in the registry file', () => {
  it('accepts an agency with some limits raised', () => {
    const file = parseRegistryFile(withTaxLimits({ maxDepth: 20, requestsPerSecond: 100 }));
    expect(file.agencies[0]?.limits).toEqual({ maxDepth: 20, requestsPerSecond: 100 });
  });

  it.each([
    [{ maxDepth: 0 }, 'agencies[0].limits.maxDepth: maxDepth must be a positive whole number'],
    [{ maxDepth: 2.5 }, 'agencies[0].limits.maxDepth: maxDepth must be a positive whole number'],
    [{ maxAliases: -1 }, 'agencies[0].limits.maxAliases: maxAliases must be a positive whole'],
    [{ maxDepth: 1000 }, 'agencies[0].limits.maxDepth: maxDepth must be at most 64, not 1000'],
    [{ maxTokens: '100' }, 'agencies[0].limits.maxTokens: must be a positive whole number'],
    [{ maxDeepness: 3 }, 'agencies[0].limits: must be an object of limits: maxDepth, maxAliases'],
    [[20], 'agencies[0].limits: must be an object of limits: maxDepth, maxAliases'],
  ])('refuses %j, naming where and why', (limits, problem) => {
    const problems = problemsOf(withTaxLimits(limits));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});

describe.each(ENGINES)('agency limits on %s', (engine) => {
  const hub = useHubStore(engine, { label: 'hub_limits' });

  const agency = async (...argv: string[]) => {
    const out = captureOutput();
    const err = captureOutput();
    const code = await runAgencyCli(argv, hub.env, out, err);
    return { code, out: out.text, err: err.text };
  };

  it('sets, shows and resets an agency’s limits; the registry reads them at once', async () => {
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      expect(registry.agencyLimits('tax-bureau')).toEqual({});
      const set = await agency(
        'limits',
        'set',
        'tax-bureau',
        '--max-depth',
        '20',
        '--requests-per-second',
        '100',
      );
      expect(set.code).toBe(0);
      expect(set.out).toMatch(/^maxDepth\s+--max-depth\s+20\s+64$/m);
      expect(set.out).toMatch(/^requestsPerSecond\s+--requests-per-second\s+100\s+/m);
      expect(set.out).toMatch(/^maxAliases\s+--max-aliases\s+default\s+/m);
      const before = registry.version;
      await registry.refresh();
      expect(registry.version).toBeGreaterThan(before);
      expect(registry.agencyLimits('tax-bureau')).toEqual({ maxDepth: 20, requestsPerSecond: 100 });

      expect((await agency('limits', 'set', 'tax-bureau', '--max-aliases', '200')).code).toBe(0);
      const shown = await agency('limits', 'show', 'tax-bureau');
      expect(shown.out).toMatch(/^maxAliases\s+--max-aliases\s+200\s+/m);
      expect(shown.out).toMatch(/^maxDepth\s+--max-depth\s+20\s+/m);

      expect((await agency('limits', 'reset', 'tax-bureau', '--field', 'max-depth')).code).toBe(0);
      await registry.refresh();
      expect(registry.agencyLimits('tax-bureau')).toEqual({
        maxAliases: 200,
        requestsPerSecond: 100,
      });
      expect((await agency('limits', 'reset', 'tax-bureau')).code).toBe(0);
      await registry.refresh();
      expect(registry.agencyLimits('tax-bureau')).toEqual({});
      // Unknown agencies (and so any caller that is not an agency) have no overrides.
      expect(registry.agencyLimits('nobody')).toEqual({});
    } finally {
      await registry.close();
    }
  });

  it('refuses values out of range, unknown flags and unknown agencies, saying why', async () => {
    expect(await agency('limits', 'set', 'tax-bureau', '--max-depth', '0')).toMatchObject({
      code: 1,
      err: 'maxDepth must be a positive whole number (1 to 64), not 0.\n',
    });
    expect(await agency('limits', 'set', 'tax-bureau', '--max-depth', '65')).toMatchObject({
      code: 1,
      err: 'maxDepth must be at most 64, not 65.\n',
    });
    expect(await agency('limits', 'set', 'tax-bureau', '--max-depth', 'deep')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--max-depth takes a whole number, not "deep"'),
    });
    expect(await agency('limits', 'set', 'tax-bureau')).toMatchObject({
      code: 2,
      err: expect.stringContaining('limits set needs at least one of --max-depth'),
    });
    expect(await agency('limits', 'reset', 'tax-bureau', '--field', 'depth')).toMatchObject({
      code: 2,
      err: expect.stringContaining("--field takes a limit's name"),
    });
    expect(await agency('limits', 'show', 'nobody')).toMatchObject({
      code: 1,
      err: expect.stringContaining('There is no agency "nobody"'),
    });
  });

  it('takes limits from the registry file; the file’s limits win, null clears them', async () => {
    expect((await agency('limits', 'set', 'auditor', '--max-tokens', '9000')).code).toBe(0);
    writeFileSync(
      hub.registryFile,
      JSON.stringify(withTaxLimits({ maxDepth: 30, maxResponseBytes: 20_000_000 })),
    );
    await syncRegistryFile(hub.store, hub.registryFile);
    const registry = await createAccessRegistry({ store: hub.store });
    try {
      expect(registry.agencyLimits('tax-bureau')).toEqual({
        maxDepth: 30,
        maxResponseBytes: 20_000_000,
      });
      // The file says nothing of the auditor's limits: the command's stay.
      expect(registry.agencyLimits('auditor')).toEqual({ maxTokens: 9000 });
      writeFileSync(hub.registryFile, JSON.stringify(withTaxLimits(null)));
      await syncRegistryFile(hub.store, hub.registryFile);
      await registry.refresh();
      expect(registry.agencyLimits('tax-bureau')).toEqual({});
    } finally {
      await registry.close();
      writeFileSync(hub.registryFile, JSON.stringify(SMALL_REGISTRY));
    }
  });
});
