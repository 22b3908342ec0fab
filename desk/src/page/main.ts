import { RECORD_SECTIONS } from '../documents.js';
import {
  type CaseHeaders,
  fetchPlan,
  type GraphQLAnswer,
  type GraphQLError,
  type Plan,
  runTrusted,
  type Session,
  SessionEnded,
  signIn,
  signOut,
  storedSession,
} from './api.js';
import { h, renderValue } from './dom.js';
import { APPLICATION_KINDS, COMPLAINT_CATEGORIES, departmentTitle, topFields } from './labels.js';
import { nationalIdHint } from './nationalIdHint.js';

const root = document.getElementById('desk') ?? document.body;

interface Lookup {
  session: Session;
  declared: CaseHeaders;
  nationalId: string;
}

function replace(...children: Node[]): void {
  root.replaceChildren(...children);
}

function field(labelText: string, input: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, labelText), input, hint);
}

// --- sign-in -------------------------------------------------------------------------------

function showSignIn(message?: string): void {
  const agency = h('input', {
    name: 'agency',
    value: 'service-desk-app',
    required: true,
    autocomplete: 'organization',
  });
  const operator = h('input', { name: 'operator', required: true, autocomplete: 'username' });
  const password = h('input', {
    name: 'password',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const error = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-label': 'Sign in' },
    h('h1', {}, 'Service desk'),
    h('p', {}, 'Sign in as yourself: the hub records every look-up under your operator id.'),
    field('Agency', agency),
    field('Operator', operator),
    field('Password', password),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    signIn(agency.value.trim(), operator.value.trim(), password.value).then(
      (session) => showDesk(session),
      (e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
      },
    );
  });
  replace(form);
  operator.focus();
}

// --- the case and the look-up --------------------------------------------------------------

function showDesk(session: Session): void {
  const result = h('div', { id: 'record' });
  const form = lookupForm(session, result);
  replace(deskHeader(session), h('main', { class: 'layout' }, form, result));
  form.querySelector<HTMLInputElement>('input[name="caseId"]')?.focus();
}

/** Who is signed in, until when, and the way out. */
function deskHeader(session: Session): HTMLElement {
  const until = new Date(session.expiresAt).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
  const out = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  out.addEventListener('click', () => {
    void signOut(session).then(() => showSignIn('You are signed out.'));
  });
  return h(
    'header',
    { class: 'bar' },
    h('strong', {}, 'Service desk'),
    h(
      'span',
      { class: 'who' },
      `${session.operator.name} (${session.operator.id}) · ${session.agency} · session until ${until}`,
    ),
    out,
  );
}

/** Purpose, case and national ID; the ID is checked as it is typed, and only a valid one is looked up. */
function lookupForm(session: Session, result: HTMLElement): HTMLFormElement {
  const purpose = h('input', { name: 'purpose', value: 'SERVICE_DESK', required: true });
  const caseId = h('input', { name: 'caseId', required: true, placeholder: 'e.g. SD-2026-000123' });
  const nationalId = h('input', {
    name: 'nationalId',
    required: true,
    maxlength: '18',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'id-hint',
  });
  const hint = h('p', { id: 'id-hint', class: 'hint' }, nationalIdHint(''));
  const form = h(
    'form',
    { class: 'card lookup', 'aria-label': 'Look up a citizen' },
    field('Purpose', purpose),
    field('Case number', caseId),
    field('National ID', nationalId, hint),
    h('button', { type: 'submit' }, 'Look up'),
  );
  const checkId = () => {
    const typed = nationalId.value !== '';
    const problem = nationalIdHint(nationalId.value);
    hint.textContent = problem ?? 'A valid national ID.';
    hint.className = !typed ? 'hint' : problem ? 'hint invalid' : 'hint valid';
    nationalId.setAttribute('aria-invalid', problem && typed ? 'true' : 'false');
    return problem === null;
  };
  nationalId.addEventListener('input', checkId);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!checkId()) {
      nationalId.focus();
      return;
    }
    const lookup: Lookup = {
      session,
      declared: { purpose: purpose.value.trim(), caseId: caseId.value.trim() },
      nationalId: nationalId.value.trim().toUpperCase(),
    };
    void showRecord(lookup, result);
  });
  return form;
}

async function showRecord(lookup: Lookup, into: HTMLElement, notice?: HTMLElement): Promise<void> {
  into.replaceChildren(h('p', { class: 'loading' }, 'Asking every department…'));
  let plan: Plan;
  try {
    plan = await fetchPlan(lookup.session, lookup.declared);
  } catch (e) {
    if (e instanceof SessionEnded) return showSignIn(e.message);
    return failed(into, e);
  }
  const answer: GraphQLAnswer = plan.recordHash
    ? await runTrusted(lookup.session, lookup.declared, plan.recordHash, {
        nationalId: lookup.nationalId,
      })
    : { data: null };
  if (isSessionEnd(answer)) return showSignIn(answer.errors?.[0]?.message);
  const person = (answer.data?.person ?? null) as Record<string, unknown> | null;
  const general = (answer.errors ?? []).filter((e) => sectionOf(e, plan) === undefined);
  const children: Node[] = [];
  if (notice) children.push(notice);
  children.push(
    h(
      'h2',
      {},
      person && typeof person.name === 'string'
        ? `${person.name} · ${lookup.nationalId}`
        : `Record of ${lookup.nationalId}`,
    ),
  );
  for (const error of general)
    children.push(h('p', { class: 'error', role: 'alert' }, errorText(error)));
  if (!person && general.length === 0 && plan.recordHash) {
    children.push(
      h(
        'p',
        { class: 'note' },
        'No person with this national ID is registered. Check the ID card again.',
      ),
    );
  }
  if (person || !plan.recordHash) {
    for (const section of plan.sections)
      children.push(sectionCard(section, plan, person, answer.errors ?? []));
    if (person) children.push(writesCard(lookup, plan, into));
  }
  into.replaceChildren(...children);
}

function failed(into: HTMLElement, e: unknown): void {
  into.replaceChildren(
    h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)),
  );
}

function isSessionEnd(answer: GraphQLAnswer): boolean {
  const ended = answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  if (ended) sessionStorage.removeItem('govgraph.desk.session');
  return ended;
}

/** The section an error belongs to, by its path under `person`, or by its department. */
function sectionOf(error: GraphQLError, plan: Plan): string | undefined {
  const key = error.path?.[0] === 'person' ? error.path[1] : undefined;
  if (typeof key === 'string') {
    const owner = RECORD_SECTIONS.find((s) => topFields(s.selection).includes(key));
    if (owner) return owner.key;
  }
  const department = error.extensions?.department;
  return plan.sections.find((s) => s.granted && s.department === department)?.key;
}

function errorText(error: GraphQLError): string {
  const code = error.extensions?.code;
  return code ? `${error.message} (${code})` : error.message;
}

function sectionCard(
  section: Plan['sections'][number],
  plan: Plan,
  person: Record<string, unknown> | null,
  errors: readonly GraphQLError[],
): HTMLElement {
  const definition = RECORD_SECTIONS.find((s) => s.key === section.key);
  const fields = definition ? topFields(definition.selection) : [section.key];
  const mine = errors.filter((e) => sectionOf(e, plan) === section.key);
  const body: Node[] = [];
  if (!section.granted) {
    body.push(
      h(
        'p',
        { class: 'note not-granted' },
        `Not shown: your agency may not read this under ${plan.purpose ?? 'no purpose'} — ${section.reason ?? 'no grant'}.`,
      ),
    );
  } else if (mine.some((e) => e.extensions?.code === 'DEPARTMENT_UNAVAILABLE')) {
    body.push(
      h(
        'p',
        { class: 'note down', role: 'status' },
        `${departmentTitle(section.department)} is not answering right now, so this section is missing; the other sections are complete. Try again in a few minutes.`,
      ),
    );
  } else {
    for (const e of mine) body.push(h('p', { class: 'error' }, errorText(e)));
    const value = fields.length === 1 ? person?.[fields[0] ?? ''] : pick(person, fields);
    if (mine.length === 0 || value !== null) body.push(renderValue(value));
  }
  return h(
    'section',
    { class: `card section${section.granted ? '' : ' muted'}`, 'data-section': section.key },
    h(
      'header',
      {},
      h('h3', {}, section.title),
      h('span', { class: 'badge department' }, departmentTitle(section.department)),
      h(
        'span',
        { class: `badge level level-${section.classification.toLowerCase()}` },
        section.classification,
      ),
    ),
    ...body,
  );
}

function pick(person: Record<string, unknown> | null, fields: readonly string[]) {
  if (!person) return null;
  return Object.fromEntries(fields.map((f) => [f, person[f] ?? null]));
}

// --- writes --------------------------------------------------------------------------------

function writesCard(lookup: Lookup, plan: Plan, into: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'card writes', 'aria-label': 'Act for the person' },
    h('h3', {}, 'Act for this person'),
    complaintForm(lookup, plan, into),
    applicationForm(lookup, plan, into),
  );
}

function refusedWrite(title: string, reason: string | undefined): HTMLElement {
  return h(
    'div',
    { class: 'write' },
    h('h4', {}, title),
    h('p', { class: 'note not-granted' }, `Not available: ${reason ?? 'no grant'}.`),
  );
}

function complaintForm(lookup: Lookup, plan: Plan, into: HTMLElement): HTMLElement {
  const write = plan.writes.fileComplaint;
  if (!write.allowed) return refusedWrite('File a complaint', write.reason);
  const against = h('input', {
    name: 'againstCreditCode',
    required: true,
    maxlength: '18',
    placeholder: '18-character credit code',
  });
  const category = h(
    'select',
    { name: 'category' },
    ...COMPLAINT_CATEGORIES.map((c) => h('option', { value: c }, c)),
  );
  const description = h('textarea', {
    name: 'description',
    required: true,
    minlength: '10',
    maxlength: '2000',
    rows: '3',
  });
  const status = h('p', { class: 'result', role: 'status' });
  const form = h(
    'form',
    { class: 'write', 'aria-label': 'File a complaint' },
    h('h4', {}, 'File a complaint'),
    field('Against (credit code)', against),
    field('Category', category),
    field('What happened', description),
    h('button', { type: 'submit' }, 'File complaint'),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = {
      complainantNationalId: lookup.nationalId,
      againstCreditCode: against.value.trim().toUpperCase(),
      category: category.value,
      description: description.value,
    };
    void submitWrite(
      lookup,
      write.hash,
      { input },
      status,
      'fileComplaint',
      into,
      (c) =>
        `Complaint ${c.id} filed on ${c.filedAt}; handled by ${c.handlingDepartment}, status ${c.status}.`,
    );
  });
  return form;
}

function applicationForm(lookup: Lookup, plan: Plan, into: HTMLElement): HTMLElement {
  const write = plan.writes.submitApplication;
  if (!write.allowed) return refusedWrite('Start an application', write.reason);
  const kind = h(
    'select',
    { name: 'kind' },
    ...APPLICATION_KINDS.map((k) => h('option', { value: k }, k)),
  );
  const site = h('input', {
    name: 'siteBuildingId',
    placeholder: 'needed for construction and advertising',
  });
  const status = h('p', { class: 'result', role: 'status' });
  // One key per form: pressing the button again after a lost answer files nothing twice.
  let key = idempotencyKey();
  const form = h(
    'form',
    { class: 'write', 'aria-label': 'Start an application' },
    h('h4', {}, 'Start an application'),
    field('Kind', kind),
    field('Site building id', site),
    h('button', { type: 'submit' }, 'Submit application'),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = {
      idempotencyKey: key,
      applicantNationalId: lookup.nationalId,
      kind: kind.value,
      ...(site.value.trim() ? { siteBuildingId: site.value.trim() } : {}),
    };
    void submitWrite(lookup, write.hash, { input }, status, 'submitApplication', into, (a) => {
      key = idempotencyKey();
      return `Application ${a.id} (${a.kind}) submitted on ${a.submittedAt}; status ${a.status}.`;
    });
  });
  return form;
}

function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `desk-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function submitWrite(
  lookup: Lookup,
  hash: string,
  variables: Record<string, unknown>,
  status: HTMLElement,
  field: string,
  into: HTMLElement,
  describe: (result: Record<string, string>) => string,
): Promise<void> {
  status.className = 'result';
  status.textContent = 'Sending…';
  const answer = await runTrusted(lookup.session, lookup.declared, hash, variables);
  if (isSessionEnd(answer)) return showSignIn(answer.errors?.[0]?.message);
  const result = answer.data?.[field] as Record<string, string> | undefined;
  if (!result) {
    status.className = 'result error';
    status.textContent =
      (answer.errors ?? []).map(errorText).join(' ') || 'The write was not made.';
    return;
  }
  const done = h('p', { class: 'done', role: 'status' }, describe(result));
  await showRecord(lookup, into, done);
}

const session = storedSession();
if (session) showDesk(session);
else showSignIn();
