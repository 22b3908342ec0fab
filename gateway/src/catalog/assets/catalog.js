// The data catalog page (docs/catalog.md). Plain ES2017 run by the browser as served: it reads
// /catalog.json (with the agency's X-Api-Key when one is signed in), then filters in the page.
// The key lives in sessionStorage only: never in the URL, gone when the tab closes.
(() => {
  const KEY = 'govgraph.catalog.apiKey';
  const LEVELS = ['PUBLIC', 'INTERNAL', 'PERSONAL', 'CONFIDENTIAL', 'SENSITIVE'];
  const $ = (id) => document.getElementById(id);
  let catalog = null;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function storedKey() {
    try {
      return sessionStorage.getItem(KEY) || '';
    } catch {
      return '';
    }
  }

  function setKey(value) {
    try {
      if (value) sessionStorage.setItem(KEY, value);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode): the key lasts until the page is left.
    }
  }

  async function load() {
    const key = storedKey();
    const headers = key ? { 'x-api-key': key } : {};
    $('who').className = '';
    $('who').textContent = 'Loading the catalog…';
    const res = await fetch('/catalog.json', { headers, cache: 'no-store' });
    const body = await res.json();
    if (!res.ok) {
      const message = body.errors?.[0]?.message || `The catalog answered ${res.status}.`;
      if (res.status === 401) setKey('');
      $('who').className = 'error';
      $('who').textContent = `Signing in failed: ${message}`;
      showSignedIn(false);
      if (res.status === 401) return loadAnonymousAfterError(message);
      return;
    }
    catalog = body;
    describeCaller();
    fillFilters();
    render();
  }

  async function loadAnonymousAfterError(message) {
    const res = await fetch('/catalog.json', { cache: 'no-store' });
    if (!res.ok) return;
    catalog = await res.json();
    fillFilters();
    render();
    $('who').className = 'error';
    $('who').textContent = `Signing in failed: ${message} Showing public data only.`;
  }

  function showSignedIn(signedIn) {
    $('sign-out').hidden = !signedIn;
    $('readable-label').hidden = !signedIn;
    $('api-key').hidden = signedIn;
    $('sign-in-button').hidden = signedIn;
    document.querySelector('label[for="api-key"]').hidden = signedIn;
  }

  function describeCaller() {
    const caller = catalog.caller;
    showSignedIn(caller.kind === 'agency');
    if (caller.kind === 'agency') {
      const purposes = caller.purposes.map((p) => p.code).join(', ') || 'none';
      $('who').textContent =
        `Signed in as ${caller.name} (${caller.agencyId}). Granted purposes: ${purposes}. Each field says under which purpose (X-Purpose) the agency may read it.`;
    } else {
      $('who').textContent =
        'Not signed in: showing the public part of the graph only. Sign in with your agency key to see what your agency may read, and under which purpose.';
    }
  }

  function fillFilters() {
    const department = $('department');
    const classification = $('classification');
    for (const select of [department, classification]) {
      while (select.options.length > 1) select.remove(1);
    }
    for (const name of catalog.departments) {
      department.append(el('option', { value: name, text: name }));
    }
    const present = new Set();
    for (const type of catalog.types) {
      for (const field of type.fields) if (field.classification) present.add(field.classification);
    }
    for (const level of LEVELS) {
      if (present.has(level)) classification.append(el('option', { value: level, text: level }));
    }
  }

  function matchesText(type, field, text) {
    if (!text) return true;
    const haystack = [
      type.name,
      type.description,
      field?.name,
      field?.coordinate,
      field?.description,
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    return haystack.includes(text);
  }

  function mayRead(field) {
    return field.access.withoutPurpose || field.access.purposes.length > 0;
  }

  function fieldShown(type, field, filter) {
    if (filter.department && !field.departments.includes(filter.department)) return false;
    if (filter.level && field.classification !== filter.level) return false;
    if (filter.readable && !mayRead(field)) return false;
    return matchesText(type, field, filter.text);
  }

  function typeShownAlone(type, filter) {
    // Enums, unions and scalars have no fields: they match on their own metadata.
    if (type.fields.length > 0 || filter.level || filter.readable) return false;
    if (filter.department && !type.departments.includes(filter.department)) return false;
    return matchesText(type, null, filter.text);
  }

  function currentFilter() {
    return {
      text: $('search').value.trim().toLowerCase(),
      department: $('department').value,
      level: $('classification').value,
      readable: !$('readable-label').hidden && $('readable').checked,
    };
  }

  function render() {
    if (!catalog) return;
    const filter = currentFilter();
    const container = $('types');
    container.replaceChildren();
    let types = 0;
    let fields = 0;
    for (const type of catalog.types) {
      const shown = type.fields.filter((f) => fieldShown(type, f, filter));
      if (shown.length === 0 && !typeShownAlone(type, filter)) continue;
      types += 1;
      fields += shown.length;
      container.append(typeSection(type, shown));
    }
    $('count').textContent =
      `${plural(types, 'type', 'types')}, ${plural(fields, 'field', 'fields')} shown`;
  }

  function badge(level) {
    return level ? el('span', { class: `badge level-${level}`, text: level }) : '';
  }

  function departments(names) {
    return el(
      'span',
      {},
      names.map((name) => el('span', { class: 'dept', text: name })),
    );
  }

  function typeSection(type, fields) {
    const kind = type.kind.replace('_', ' ').toLowerCase();
    const facts = [];
    if (type.departments.length) facts.push(['owned by ', departments(type.departments)]);
    if (type.classification) facts.push(['fields ', badge(type.classification), ' unless marked']);
    if (type.updateFrequency) facts.push([`updated ${type.updateFrequency.toLowerCase()}`]);
    if (type.cacheSeconds !== null) facts.push([`cached ${seconds(type.cacheSeconds)}`]);
    if (type.legalBasis) facts.push([`legal basis: ${type.legalBasis}`]);
    const meta = facts.flatMap((fact, i) => (i === 0 ? fact : [' · ', ...fact]));
    const section = el('section', { class: 'type', id: `type-${type.name}` }, [
      el('h2', {}, [type.name, el('span', { class: 'kind', text: kind })]),
      type.description ? el('p', { class: 'description', text: type.description }) : null,
      el('p', { class: 'meta' }, meta),
    ]);
    if (type.members.length) {
      const label =
        type.kind === 'ENUM' ? 'Values' : type.kind === 'UNION' ? 'Members' : 'Implements';
      section.append(el('p', { class: 'members', text: `${label}: ${type.members.join(', ')}` }));
    }
    if (fields.length) section.append(fieldTable(type, fields));
    return section;
  }

  function fieldTable(type, fields) {
    const signedIn = catalog.caller.kind === 'agency';
    const input = type.kind === 'INPUT_OBJECT';
    const heads = ['Field', 'Description', 'Department'];
    if (!input) heads.push('Classification', 'Updated', 'Cached', 'Legal basis');
    if (signedIn && !input) heads.push('Your access');
    const rows = fields.map((field) => {
      const cells = [
        el('td', { class: 'field' }, [
          el('code', { text: `${field.name}: ${field.type}` }),
          field.arguments.length
            ? el('code', { class: 'args', text: `(${field.arguments.map(argument).join(', ')})` })
            : null,
        ]),
        el('td', { text: field.description || '' }),
        el('td', {}, [departments(field.departments)]),
      ];
      if (!input) {
        cells.push(
          el('td', {}, [badge(field.classification)]),
          el('td', { text: (field.updateFrequency || '—').toLowerCase() }),
          el('td', { text: field.cacheSeconds === null ? '—' : seconds(field.cacheSeconds) }),
          el('td', { text: legalBasis(field, type) }),
        );
      }
      if (signedIn && !input) cells.push(accessCell(field.access));
      return el('tr', { 'data-coordinate': field.coordinate }, cells);
    });
    return el('table', {}, [
      el('thead', {}, [
        el(
          'tr',
          {},
          heads.map((h) => el('th', { text: h })),
        ),
      ]),
      el('tbody', {}, rows),
    ]);
  }

  // The type's legal basis is shown above its table; a row repeats it only when it differs.
  function legalBasis(field, type) {
    if (!field.legalBasis) return '—';
    return field.legalBasis === type.legalBasis ? 'as the type' : field.legalBasis;
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  function argument(arg) {
    return `${arg.name}: ${arg.type}${arg.defaultValue !== null ? ` = ${arg.defaultValue}` : ''}`;
  }

  function accessCell(access) {
    if (access.withoutPurpose) {
      return el('td', { class: 'access access-yes', text: 'yes, no purpose needed' });
    }
    if (access.purposes.length === 0) {
      return el('td', { class: 'access access-no', text: 'no grant' });
    }
    const text = `under ${access.purposes.join(', ')}${access.needsCase ? ' (with X-Case-Id and X-Operator-Id)' : ''}`;
    return el('td', { class: 'access access-yes', text });
  }

  function seconds(value) {
    if (value === 0) return 'never';
    if (value % 3600 === 0) return `${value / 3600} h`;
    if (value % 60 === 0) return `${value / 60} min`;
    return `${value} s`;
  }

  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    $('api-key').value = '';
    if (!key) return;
    setKey(key);
    load();
  });
  $('sign-out').addEventListener('click', () => {
    setKey('');
    $('readable').checked = false;
    load();
  });
  for (const id of ['search', 'department', 'classification', 'readable']) {
    $(id).addEventListener('input', render);
  }
  load().catch((error) => {
    $('who').className = 'error';
    $('who').textContent = `The catalog could not be loaded: ${error.message}`;
  });
})();
