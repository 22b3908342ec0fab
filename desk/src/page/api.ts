// The desk's calls to the gateway: same origin, the session as a bearer token, the purpose
// and case as headers. Never an API key.

export interface Session {
  token: string;
  expiresAt: string;
  agency: string;
  operator: { id: string; name: string };
}

export interface SectionPlan {
  key: string;
  title: string;
  department: string;
  classification: string;
  granted: boolean;
  reason?: string;
}

export interface Plan {
  agency: { id: string; name: string };
  operator: string;
  purpose: string | null;
  sections: SectionPlan[];
  recordHash: string | null;
  writes: Record<
    'fileComplaint' | 'submitApplication',
    { allowed: boolean; reason?: string; hash: string }
  >;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; department?: string; [key: string]: unknown };
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

export interface CaseHeaders {
  purpose: string;
  caseId: string;
}

const SESSION_KEY = 'govgraph.desk.session';

/** The session expired, was signed out elsewhere, or its operator was disabled. */
export class SessionEnded extends Error {
  override name = 'SessionEnded';
}

/** The session of this tab (sessionStorage: gone when the tab closes). */
export function storedSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

function errorMessage(body: unknown, fallback: string): string {
  const errors = (body as { errors?: { message?: string }[] } | null)?.errors;
  return errors?.[0]?.message ?? fallback;
}

export async function signIn(agency: string, operator: string, password: string): Promise<Session> {
  const res = await fetch('/desk/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agency, operator, password }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorMessage(body, `Sign-in failed (HTTP ${res.status}).`));
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(body));
  return body as Session;
}

export async function signOut(session: Session): Promise<void> {
  sessionStorage.removeItem(SESSION_KEY);
  await fetch('/desk/session', {
    method: 'DELETE',
    headers: { authorization: `Bearer ${session.token}` },
  }).catch(() => undefined);
}

function headers(session: Session, declared: CaseHeaders): Record<string, string> {
  return {
    authorization: `Bearer ${session.token}`,
    'x-purpose': declared.purpose,
    'x-case-id': declared.caseId,
  };
}

export async function fetchPlan(session: Session, declared: CaseHeaders): Promise<Plan> {
  const res = await fetch('/desk/plan', { headers: headers(session, declared) });
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 401) {
    sessionStorage.removeItem(SESSION_KEY);
    throw new SessionEnded(errorMessage(body, 'The session has ended: sign in again.'));
  }
  if (!res.ok) {
    throw new Error(errorMessage(body, `The desk could not plan the record (HTTP ${res.status}).`));
  }
  return body as Plan;
}

/** Runs a trusted document by its hash (Apollo's persisted-query extension): no query text is sent. */
export async function runTrusted(
  session: Session,
  declared: CaseHeaders,
  hash: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers(session, declared) },
    body: JSON.stringify({
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }),
  });
  const body = (await res.json().catch(() => null)) as GraphQLAnswer | null;
  return (
    body ?? { errors: [{ message: `The gateway answered HTTP ${res.status} without a body.` }] }
  );
}
