import { describe, expect, it } from 'vitest';
import { parseChaosArgs } from '../src/chaos/chaosArgs.js';
import { type AuditExpectations, matchAuditRecords } from '../src/chaos/invariants.js';
import { type Attempt, NETWORK } from '../src/chaos/load.js';
import { summarisePhase } from '../src/chaos/phaseReport.js';
import { runChaos } from '../src/chaos/runChaos.js';

// The short version of `npm run chaos`: the hub as separate processes (9 departments, gateways
// A and B with 2 workers, the uncached reference; a PostgreSQL and a Redis of the run's own),
// a steady mixed load, a department SIGKILLed and restarted, then Redis stopped and restarted.
describe('npm run chaos (short)', () => {
  it('loses nothing when a department is killed and Redis restarts under load', async () => {
    const lines: string[] = [];
    const result = await runChaos({
      durationMs: 25_000,
      phases: ['dept-kill', 'redis'],
      people: 200,
      clientsPerGateway: 2,
      log: (line) => lines.push(line),
    });
    const report = `${lines.join('\n')}\n${result.table}\n${JSON.stringify(result.checks, null, 2)}`;
    for (const check of result.checks) expect(check, report).toMatchObject({ ok: true });
    expect(result.ok, report).toBe(true);
    const [baseline, killed, redis] = result.phases;
    // Load ran in every phase, and the killed department's fields were the only casualties.
    for (const phase of result.phases) expect(phase.requests, report).toBeGreaterThan(20);
    expect(baseline?.errorsByCode, report).toEqual({});
    expect(Object.keys(killed?.errorsByCode ?? {}), report).toEqual([
      'DEPARTMENT_UNAVAILABLE:approvals',
    ]);
    expect(killed?.recoveredAfterMs, report).not.toBeNull();
    expect(redis?.errorsByCode, report).toEqual({});
  }, 300_000);
});

const attempt = (over: Partial<Attempt>): Attempt => ({
  kind: 'citizenRecord',
  gateway: 'A',
  correlationId: 'c1',
  startedAt: 0,
  latencyMs: 10,
  phase: 'x',
  status: 200,
  codes: [],
  data: {},
  ...over,
});

describe('the chaos checks fail when an invariant breaks', () => {
  const expected: AuditExpectations = new Map([
    ['citizenRecord', 1],
    ['companySearch', 0],
    ['submitApplication', 2],
  ]);

  it('finds an answered read without its record, a duplicate and a planted record', () => {
    const attempts = [
      attempt({ correlationId: 'missing' }),
      attempt({ correlationId: 'twice' }),
      attempt({ correlationId: 'public', kind: 'companySearch' }),
      attempt({ correlationId: 'write', kind: 'submitApplication' }),
    ];
    const records = new Map([
      ['twice', ['read', 'read']],
      ['write', ['intent', 'outcome']],
      ['planted', ['read']],
    ]);
    const check = matchAuditRecords(attempts, expected, records);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/missing .*0 record/);
    expect(check.problems.join('\n')).toMatch(/twice .*2 record/);
    expect(check.problems.join('\n')).toMatch(/planted, which no client sent/);
    expect(check.problems).toHaveLength(3);
  });

  it('allows a write refused for want of an audit record to have its intent only, never two', () => {
    const refused = attempt({
      correlationId: 'w',
      kind: 'submitApplication',
      status: 503,
      codes: ['AUDIT_UNAVAILABLE'],
      data: null,
    });
    expect(matchAuditRecords([refused], expected, new Map([['w', ['intent']]])).ok).toBe(true);
    expect(matchAuditRecords([refused], expected, new Map([['w', ['intent', 'intent']]])).ok).toBe(
      false,
    );
    const lost = attempt({ correlationId: 'n', status: 0, codes: [NETWORK], data: null });
    expect(matchAuditRecords([lost], expected, new Map()).ok).toBe(true);
  });

  it('flags codes a fault does not explain, and a phase that never turns clean again', () => {
    const window = {
      phase: 'dept-kill',
      what: ['approvals SIGKILLed'],
      injectedAt: 0,
      restoreStartedAt: 1000,
      restoredAt: 1500,
      endedAt: 3000,
      expected: new Set(['DEPARTMENT_UNAVAILABLE:approvals']),
    };
    const result = summarisePhase(window, [
      attempt({ startedAt: 100, codes: ['DEPARTMENT_UNAVAILABLE:approvals'] }),
      attempt({ startedAt: 200, codes: ['INTERNAL_SERVER_ERROR'] }),
      attempt({ startedAt: 2900, codes: ['DEPARTMENT_UNAVAILABLE:approvals'], latencyMs: 50 }),
    ]);
    expect(result.unexpectedCodes).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(result.recoveredAfterMs).toBeNull();
  });
});

describe('chaos arguments', () => {
  it('reads durations and fault lists, and refuses unknown faults', () => {
    expect(parseChaosArgs(['--duration', '2m', '--faults', 'redis,all'])).toMatchObject({
      durationMs: 120_000,
      phases: ['redis', 'all'],
    });
    expect(parseChaosArgs([]).phases).toEqual([
      'dept-kill',
      'dept-slow',
      'redis',
      'postgres',
      'worker',
      'all',
    ]);
    expect(() => parseChaosArgs(['--faults', 'meteor'])).toThrow(/unknown meteor/);
    expect(() => parseChaosArgs(['--duration', 'soon'])).toThrow(/--duration "soon"/);
  });
});
