// Building the page from data with DOM calls only: text is never parsed as HTML.

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; `on*` attributes are not supported on purpose. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** `householdNumber` → `Household number`. */
export function label(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar, or a small object (a company, a person) on one line. */
function inline(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([k]) => k !== '__typename')
      .map(([, v]) => inline(v))
      .join(' · ');
  }
  if (Array.isArray(value)) return value.map(inline).join(', ') || '—';
  return String(value);
}

function table(rows: readonly Record<string, unknown>[]): HTMLElement {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (c) => c !== '__typename',
  );
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, label(c))))),
    h(
      'tbody',
      {},
      ...rows.map((r) => h('tr', {}, ...columns.map((c) => h('td', {}, inline(r[c]))))),
    ),
  );
}

/** Any answer value as the clerk reads it: fields as a list, lists and connections as tables. */
export function renderValue(value: unknown): HTMLElement {
  if (value === null || value === undefined) return h('p', { class: 'empty' }, 'None recorded.');
  if (Array.isArray(value)) {
    if (value.length === 0) return h('p', { class: 'empty' }, 'None recorded.');
    return value.every(isObject) ? table(value) : h('p', {}, inline(value));
  }
  if (isObject(value)) {
    if ('nodes' in value && Array.isArray(value.nodes)) {
      const total = typeof value.totalCount === 'number' ? value.totalCount : value.nodes.length;
      if (total === 0) return h('p', { class: 'empty' }, 'None recorded.');
      return h(
        'div',
        {},
        h(
          'p',
          { class: 'count' },
          `${total} in total${total > value.nodes.length ? `, the latest ${value.nodes.length} shown` : ''}.`,
        ),
        renderValue(value.nodes),
      );
    }
    const entries = Object.entries(value).filter(([k]) => k !== '__typename');
    return h(
      'dl',
      {},
      ...entries.flatMap(([k, v]) => [
        h('dt', {}, label(k)),
        h(
          'dd',
          {},
          isObject(v) || (Array.isArray(v) && v.some(isObject)) ? renderValue(v) : inline(v),
        ),
      ]),
    );
  }
  return h('p', {}, inline(value));
}
