import type { AccessRegistry, Caller } from '@govgraph/hub';
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

/**
 * For whom a write is made, from the national IDs and credit codes its arguments carry
 * (variables and their defaults included): an agency writing on behalf of a person or company
 * needs a case number (`X-Case-Id`); a citizen writes for themself only, so any other national
 * ID, and any company, is refused. Depends on the variables, so it runs on every request.
 */
export function judgeWriteSubjects(
  mutations: readonly string[],
  subjects: ReadonlySet<string>,
  caller: Caller,
  declared: Declared,
  index: ClassificationIndex,
): Denial[] {
  let reason: string | undefined;
  if (caller.kind === 'agency' && subjects.size > 0 && !declared.caseId) {
    reason = 'writing on behalf of a person or company needs a case number (X-Case-Id)';
  } else if (caller.kind === 'citizen' && [...subjects].some((s) => s !== caller.nationalId)) {
    reason =
      'a citizen may write only for themself: their own national ID, no other person or company';
  }
  if (!reason) return [];
  const because = reason;
  return mutations.map((coordinate) => ({
    coordinate,
    level: index.levelOf(coordinate),
    reason: because,
  }));
}
