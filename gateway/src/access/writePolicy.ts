import type { AccessRegistry, Caller } from '@govgraph/governance';
import type { ClassificationIndex } from './classificationIndex.js';
import { covers, type Declared, type Denial } from './policy.js';

/**
 * The write rules (issue #10), per `Mutation.*` coordinate, whatever the field's level: an
 * agency needs the acting official (`X-Operator-Id`) and a registered purpose under which it
 * holds a grant for the coordinate; a citizen needs it among the citizen coordinates;
 * anonymous callers never write. Depends on the document and the declared headers only, so
 * the verdict is cached with the read rules'.
 */
export function judgeWrites(
  mutations: readonly string[],
  index: ClassificationIndex,
  caller: Caller,
  declared: Declared,
  registry: AccessRegistry,
): Denial[] {
  const denied: Denial[] = [];
  for (const coordinate of mutations) {
    const reason = writeReason(coordinate, caller, declared, registry);
    if (reason) denied.push({ coordinate, level: index.levelOf(coordinate), reason });
  }
  return denied;
}

function writeReason(
  coordinate: string,
  caller: Caller,
  declared: Declared,
  registry: AccessRegistry,
): string | undefined {
  if (caller.kind === 'anonymous') {
    return 'writes need an identified caller: send an agency credential (X-Api-Key or Authorization: Bearer)';
  }
  if (caller.kind === 'citizen') {
    return covers(registry.citizenCoordinates(), coordinate)
      ? undefined
      : 'not writable with a citizen token';
  }
  const missing = [
    ...(declared.operatorId ? [] : ['the acting official (X-Operator-Id)']),
    ...(declared.purpose ? [] : ['a purpose (X-Purpose)']),
  ];
  if (missing.length > 0) return `a write needs ${missing.join(' and ')}`;
  const purpose = declared.purpose ?? '';
  if (!registry.purpose(purpose)) return `purpose "${purpose}" is not registered`;
  const grants = registry.grantedCoordinates(caller.agencyId, purpose);
  if (!grants || !covers(grants, coordinate)) {
    return `agency ${caller.agencyId} holds no grant to write it under purpose "${purpose}"`;
  }
  return undefined;
}

/** Whom a write's arguments name, by kind of identifier. */
export interface WriteSubjects {
  /** `NationalId` values. */
  people: ReadonlySet<string>;
  /** `CreditCode` values. */
  companies: ReadonlySet<string>;
}

/**
 * For whom a write is made, from the national IDs and credit codes its arguments carry
 * (variables and their defaults included). An agency writing on behalf of a person or company
 * needs a case number (`X-Case-Id`). A citizen writes for themself only: no other person's
 * national ID, and a company only beside their own (the company complained against), never in
 * their place (a company as applicant). Depends on the variables, so it runs on every request.
 */
export function judgeWriteSubjects(
  mutations: readonly string[],
  named: WriteSubjects,
  caller: Caller,
  declared: Declared,
  index: ClassificationIndex,
): Denial[] {
  const reason = onBehalfReason(named, caller, declared);
  if (!reason) return [];
  return mutations.map((coordinate) => ({ coordinate, level: index.levelOf(coordinate), reason }));
}

function onBehalfReason(
  { people, companies }: WriteSubjects,
  caller: Caller,
  declared: Declared,
): string | undefined {
  if (caller.kind === 'agency') {
    if (declared.caseId || (people.size === 0 && companies.size === 0)) return undefined;
    return 'writing on behalf of a person or company needs a case number (X-Case-Id)';
  }
  if (caller.kind !== 'citizen') return undefined;
  const own = caller.nationalId;
  if ([...people].some((id) => id !== own)) {
    return 'a citizen may write only for themself: no other person’s national ID';
  }
  if (companies.size > 0 && !people.has(own)) {
    return 'a citizen may write only for themself: a company may be named beside their own national ID, not in its place';
  }
  return undefined;
}
