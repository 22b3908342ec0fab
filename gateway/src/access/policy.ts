import type { AccessRegistry, Caller, ClassificationLevel } from '@govgraph/governance';
import type { ClassificationIndex } from './classificationIndex.js';
import { type NationalIdSource, nationalIdValues } from './nationalIdSources.js';

/** One refused coordinate, as `extensions.denied` lists it. */
export interface Denial {
  coordinate: string;
  level: ClassificationLevel;
  reason: string;
}

/** What a request declares beside its credential. */
export interface Declared {
  purpose: string | null;
  caseId: string | null;
  operatorId: string | null;
}

/**
 * The rules of docs/access.md, per coordinate: PUBLIC for anyone; INTERNAL for any agency;
 * PERSONAL and CONFIDENTIAL for an agency with a registered purpose and a grant (`Type.field`
 * or `Type.*`) under it; SENSITIVE also needs a case number and an operator. Citizens read
 * PUBLIC and the registry's citizen coordinates; anonymous callers PUBLIC only.
 */
export function judgeCoordinates(
  coordinates: readonly string[],
  index: ClassificationIndex,
  caller: Caller,
  declared: Declared,
  registry: AccessRegistry,
): Denial[] {
  const denied: Denial[] = [];
  const grants =
    caller.kind === 'agency' && declared.purpose && registry.purpose(declared.purpose)
      ? registry.grantedCoordinates(caller.agencyId, declared.purpose)
      : undefined;
  const citizen = caller.kind === 'citizen' ? registry.citizenCoordinates() : undefined;
  for (const coordinate of coordinates) {
    const level = index.levelOf(coordinate);
    if (level === 'PUBLIC') continue;
    let reason: string | undefined;
    if (caller.kind === 'anonymous') {
      reason = `${level} data needs an identified caller: send an agency credential (X-Api-Key or Authorization: Bearer)`;
    } else if (caller.kind === 'citizen') {
      if (!citizen || !covers(citizen, coordinate)) reason = 'not readable with a citizen token';
    } else if (level !== 'INTERNAL') {
      reason = agencyReason(caller.agencyId, coordinate, level, declared, registry, grants);
    }
    if (reason) denied.push({ coordinate, level, reason });
  }
  return denied;
}

function agencyReason(
  agencyId: string,
  coordinate: string,
  level: ClassificationLevel,
  declared: Declared,
  registry: AccessRegistry,
  grants: ReadonlySet<string> | undefined,
): string | undefined {
  if (!declared.purpose) return `${level} data needs a purpose: send X-Purpose`;
  if (!registry.purpose(declared.purpose)) {
    return `purpose "${declared.purpose}" is not registered`;
  }
  if (!grants || !covers(grants, coordinate)) {
    return `agency ${agencyId} holds no grant for it under purpose "${declared.purpose}"`;
  }
  if (level === 'SENSITIVE') {
    const missing = [
      ...(declared.caseId ? [] : ['a case number (X-Case-Id)']),
      ...(declared.operatorId ? [] : ['the acting official (X-Operator-Id)']),
    ];
    if (missing.length > 0) return `SENSITIVE data needs ${missing.join(' and ')}`;
  }
  return undefined;
}

/** True when the set holds the coordinate or its type's wildcard (`Person.*`). */
export function covers(granted: ReadonlySet<string>, coordinate: string): boolean {
  if (granted.has(coordinate)) return true;
  return granted.has(`${coordinate.slice(0, coordinate.indexOf('.'))}.*`);
}

/** The denials of `first`, then those of `more` for coordinates not named yet (each once). */
export function withoutRepeats(first: readonly Denial[], more: readonly Denial[]): Denial[] {
  const named = new Set(first.map((d) => d.coordinate));
  const result = [...first];
  for (const denial of more) {
    if (named.has(denial.coordinate)) continue;
    named.add(denial.coordinate);
    result.push(denial);
  }
  return result;
}

/**
 * A citizen may name only themself: every `NationalId` argument, written in the query or
 * passed in a variable (however deep in an input object or list), must be their own. A
 * variable the request does not send counts with its default.
 */
export function judgeCitizenSubjects(
  nationalId: string,
  sources: readonly NationalIdSource[],
  variables: Readonly<Record<string, unknown>>,
  index: ClassificationIndex,
): Denial[] {
  const denied = new Map<string, Denial>();
  for (const source of sources) {
    const values = nationalIdValues(source, variables);
    if (values.every((value) => value === nationalId)) continue;
    denied.set(source.coordinate, {
      coordinate: source.coordinate,
      level: index.levelOf(source.coordinate),
      reason: 'a citizen may ask only about their own national ID',
    });
  }
  return [...denied.values()];
}
