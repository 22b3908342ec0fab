// govgraph's GraphiQL page: a connection bar (credential, purpose, case, operator) kept in
// sessionStorage, a first-visit note, example tabs, and GraphiQL itself. Plain browser
// JavaScript against the UMD globals React, ReactDOM and GraphiQL; no bundler, no inline
// script (the page's CSP is `script-src 'self'`).
(() => {
  const h = React.createElement;
  const { useEffect, useMemo, useState } = React;
  const config = JSON.parse(document.getElementById('graphiql-config').textContent);

  // The connection lives in sessionStorage only: it survives a reload of this tab and is gone
  // when the tab closes. The credential never goes into the URL or localStorage.
  const CONNECTION_KEY = 'govgraph:graphiql:connection';
  const NOTE_KEY = 'govgraph:graphiql:note-dismissed';
  const EMPTY = { kind: 'apiKey', credential: '', purpose: '', caseId: '', operatorId: '' };

  function loadConnection() {
    try {
      const raw = sessionStorage.getItem(CONNECTION_KEY);
      return raw ? { ...EMPTY, ...JSON.parse(raw) } : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  function saveConnection(connection) {
    if (isEmpty(connection)) sessionStorage.removeItem(CONNECTION_KEY);
    else sessionStorage.setItem(CONNECTION_KEY, JSON.stringify(connection));
  }

  function isEmpty(connection) {
    return ['credential', 'purpose', 'caseId', 'operatorId'].every((k) => !connection[k].trim());
  }

  // What every request of this page carries, introspection included.
  function headersOf(connection) {
    const headers = { 'X-GraphiQL-Metadata': '1' };
    const credential = connection.credential.trim();
    if (credential && connection.kind === 'bearer') headers.Authorization = `Bearer ${credential}`;
    else if (credential) headers['X-Api-Key'] = credential;
    if (connection.purpose.trim()) headers['X-Purpose'] = connection.purpose.trim();
    if (connection.caseId.trim()) headers['X-Case-Id'] = connection.caseId.trim();
    if (connection.operatorId.trim()) headers['X-Operator-Id'] = connection.operatorId.trim();
    return headers;
  }

  // A cheap request with the connection's headers: the gateway says whom it answered as
  // (extensions.graphiql), or why it refused (401 bad credential, 400 unknown purpose).
  async function checkConnection(connection) {
    try {
      const res = await fetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headersOf(connection) },
        body: JSON.stringify({ query: 'query ConnectionCheck { __typename }' }),
      });
      const body = await res.json().catch(() => null);
      const error = body?.errors?.[0];
      if (error) return { ok: false, text: `Not signed in: ${error.message}` };
      const session = body?.extensions?.graphiql;
      if (!res.ok || !session) return { ok: false, text: `The gateway answered ${res.status}.` };
      return { ok: session.kind !== 'anonymous', text: describeSession(session) };
    } catch (error) {
      return { ok: false, text: `The gateway cannot be reached: ${error.message}` };
    }
  }

  function describeSession(session) {
    if (session.kind === 'anonymous') {
      return 'Anonymous: you see PUBLIC fields only. Set a credential and a purpose for more.';
    }
    // A citizen reads their own record (the registry's citizen fields) without a purpose.
    if (session.kind === 'citizen') return 'Signed in as a citizen: your own record only.';
    const who = `${session.agencyName} (${session.agencyId})`;
    if (!session.purpose) return `Signed in as ${who}, with no purpose: no personal data.`;
    const extra =
      session.caseId && session.operatorId
        ? ''
        : ' No case number and operator: SENSITIVE fields will be refused.';
    return `Signed in as ${who} under ${session.purpose}.${extra}`;
  }

  function usePurposes() {
    const [purposes, setPurposes] = useState([]);
    useEffect(() => {
      fetch(config.purposesUrl)
        .then((res) => (res.ok ? res.json() : { purposes: [] }))
        .then((body) => setPurposes(body.purposes ?? []))
        .catch(() => setPurposes([]));
    }, []);
    return purposes;
  }

  function Field(props) {
    return h(
      'label',
      { className: 'govgraph-field' },
      h('span', null, props.label),
      props.children,
    );
  }

  // The registered purposes, plus the one chosen if the registry no longer lists it.
  function purposeOptions(purposes, chosen) {
    const listed = purposes.map((p) =>
      h(
        'option',
        { key: p.code, value: p.code, title: p.description },
        `${p.code} — ${p.description}`,
      ),
    );
    const stale =
      chosen && !purposes.some((p) => p.code === chosen)
        ? [h('option', { key: chosen, value: chosen }, chosen)]
        : [];
    return [h('option', { key: '', value: '' }, '— no purpose —'), ...listed, ...stale];
  }

  function ConnectionBar(props) {
    const [draft, setDraft] = useState(props.connection);
    useEffect(() => setDraft(props.connection), [props.connection]);
    const purposes = usePurposes();
    const set = (key) => (event) => setDraft({ ...draft, [key]: event.target.value });
    const options = purposeOptions(purposes, draft.purpose);
    const submit = (event) => {
      event.preventDefault();
      props.onConnect(draft);
    };
    return h(
      'form',
      { className: 'govgraph-bar', onSubmit: submit, 'aria-label': 'Connection' },
      h('strong', { className: 'govgraph-brand' }, 'govgraph'),
      h(
        Field,
        { label: 'Credential' },
        h(
          'select',
          { name: 'kind', value: draft.kind, onChange: set('kind') },
          h('option', { value: 'apiKey' }, 'API key'),
          h('option', { value: 'bearer' }, 'Bearer token'),
        ),
      ),
      h(
        Field,
        { label: draft.kind === 'bearer' ? 'Token' : 'Key' },
        h('input', {
          name: 'credential',
          type: 'password',
          autoComplete: 'off',
          placeholder: draft.kind === 'bearer' ? 'eyJ…' : 'gg_…',
          value: draft.credential,
          onChange: set('credential'),
        }),
      ),
      h(
        Field,
        { label: 'Purpose' },
        h('select', { name: 'purpose', value: draft.purpose, onChange: set('purpose') }, options),
      ),
      h(
        Field,
        { label: 'Case' },
        h('input', {
          name: 'caseId',
          placeholder: 'DEMO-2026-0001',
          value: draft.caseId,
          onChange: set('caseId'),
        }),
      ),
      h(
        Field,
        { label: 'Operator' },
        h('input', {
          name: 'operatorId',
          placeholder: 'desk-clerk-01',
          value: draft.operatorId,
          onChange: set('operatorId'),
        }),
      ),
      h(
        'span',
        { className: 'govgraph-actions' },
        h('button', { type: 'submit', className: 'govgraph-connect' }, 'Connect'),
        h(
          'button',
          { type: 'button', className: 'govgraph-signout', onClick: props.onSignOut },
          'Sign out',
        ),
      ),
      h(
        'output',
        {
          id: 'govgraph-status',
          className: props.status.ok ? 'govgraph-status ok' : 'govgraph-status',
          'aria-live': 'polite',
        },
        props.status.text,
      ),
    );
  }

  function FirstVisitNote() {
    const [dismissed, setDismissed] = useState(() => localStorage.getItem(NOTE_KEY) === '1');
    if (dismissed) return null;
    const dismiss = () => {
      localStorage.setItem(NOTE_KEY, '1');
      setDismissed(true);
    };
    const code = (text) => h('code', null, text);
    return h(
      'aside',
      { className: 'govgraph-note', 'aria-label': 'First visit' },
      h('h2', null, 'Welcome to the govgraph GraphiQL'),
      h(
        'p',
        null,
        h('strong', null, 'What is public. '),
        'Without a credential you are anonymous and see PUBLIC fields only — company search, ',
        'penalties, published tax ratings and statistics — in answers and in the docs alike.',
      ),
      h(
        'p',
        null,
        h('strong', null, 'How to get access. '),
        'Personal data needs an agency API key, issued by the platform operator (',
        code('npm run agency -- key issue <agency>'),
        '), a purpose your agency holds a grant under, and for SENSITIVE fields a case number ',
        'and the operator (the acting official). Enter them in the bar above: they stay in ',
        'this browser tab only and are sent as ',
        code('X-Api-Key'),
        ', ',
        code('X-Purpose'),
        ', ',
        code('X-Case-Id'),
        ' and ',
        code('X-Operator-Id'),
        '. Every read of personal data is recorded in the audit log.',
      ),
      h(
        'p',
        null,
        h('strong', null, 'Where the docs are. '),
        'The book icon (top left) opens the docs explorer: each field starts with its ',
        'classification and owning department. The ',
        h('a', { href: config.catalogUrl }, 'data catalog'),
        ' lists every field with its legal basis and update frequency, and what your agency ',
        'may read under which purpose; the rules are in the repository’s ',
        code('docs/access.md'),
        '. The example tabs show the citizen record, a company search and statistics.',
      ),
      h('button', { type: 'button', className: 'govgraph-dismiss', onClick: dismiss }, 'Got it'),
    );
  }

  function App() {
    const [connection, setConnection] = useState(loadConnection);
    const [status, setStatus] = useState({ ok: false, text: 'Checking…' });
    // A new fetcher makes GraphiQL introspect again, so the schema and the docs follow the
    // connection without "Re-fetch schema".
    const fetcher = useMemo(
      () => GraphiQL.createFetcher({ url: config.endpoint, headers: headersOf(connection) }),
      [connection],
    );
    useEffect(() => {
      let current = true;
      setStatus({ ok: false, text: 'Checking…' });
      checkConnection(connection).then((next) => current && setStatus(next));
      return () => {
        current = false;
      };
    }, [connection]);
    const connect = (next) => {
      saveConnection(next);
      setConnection(next);
    };
    // Sign-out forgets the whole tab session — connection, GraphiQL's tabs, variables and
    // history (national IDs typed into variables among them) — and starts afresh.
    const signOut = () => {
      sessionStorage.clear();
      window.location.reload();
    };
    const props = {
      fetcher,
      defaultEditorToolsVisibility: true,
      defaultQuery: config.defaultQuery,
      defaultTabs: config.tabs,
      // GraphiQL's own state (tabs, variables, history) lives as long as the browser tab, as
      // the connection does: a national ID typed into the variables is not kept on disk.
      storage: sessionStorage,
    };
    return h(
      React.Fragment,
      null,
      h(ConnectionBar, { connection, status, onConnect: connect, onSignOut: signOut }),
      h(FirstVisitNote),
      h('div', { className: 'govgraph-editor' }, h(GraphiQL, props)),
    );
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(h(App));
})();
