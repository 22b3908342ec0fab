import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseResponseEntry,
  type ResponseEntry,
  serializeEntry,
  serializeResponseEntry,
} from '../src/cache/cacheEntry.js';
import {
  encodedBody,
  isStoredAnswer,
  rememberBody,
  storedAnswer,
  stringifyResult,
} from '../src/cache/storedAnswer.js';

/** Apollo Server's own serialisation of a result (its default `stringifyResult`). */
const apollo = (result: object) => `${JSON.stringify(result)}\n`;

// JSON objects as GraphQL answers hold them: names and aliases as keys, any JSON below.
const answers = fc.dictionary(fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,8}$/), fc.jsonValue(), {
  maxKeys: 6,
});

describe('a response-cache hit’s data', () => {
  it('is written as the very text Apollo Server writes for the parsed answer', () => {
    fc.assert(
      fc.property(
        answers,
        fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
        fc.option(fc.array(fc.record({ message: fc.string() })), { nil: undefined }),
        (data, extensions, errors) => {
          const parsed = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
          const hit = storedAnswer(JSON.stringify(data));
          // Apollo hands stringifyResult the result with its fields in this order.
          const expected = apollo({ errors, data: parsed, extensions });
          expect(stringifyResult({ errors, data: hit, extensions })).toBe(expected);
        },
      ),
    );
  });

  it('is the parsed answer for any reader, and written from it once anything looked inside', () => {
    const json = JSON.stringify({ person: { name: 'Wang Fang', ids: [1, 2] }, total: 2 });
    const read = storedAnswer(json);
    expect(read).toEqual({ person: { name: 'Wang Fang', ids: [1, 2] }, total: 2 });
    expect(Object.keys(read)).toEqual(['person', 'total']);
    expect({ ...read }).toEqual(JSON.parse(json));
    expect(JSON.stringify(read)).toBe(json);

    // A plugin changing the answer deep inside: the change is what is sent.
    const changed = storedAnswer(json);
    (changed.person as { name: string }).name = 'Li Wei';
    expect(stringifyResult({ data: changed })).toBe(
      apollo({ data: { person: { name: 'Li Wei', ids: [1, 2] }, total: 2 } }),
    );
    // ...or adding and removing fields, without reading first.
    const added = storedAnswer(json);
    added.extra = true;
    expect(stringifyResult({ data: added })).toBe(
      apollo({ data: { ...JSON.parse(json), extra: true } }),
    );
    const removed = storedAnswer(json);
    delete removed.total;
    expect(stringifyResult({ data: removed })).toBe(
      apollo({ data: { person: JSON.parse(json).person } }),
    );
    expect('person' in storedAnswer(json)).toBe(true);
    expect('total' in removed).toBe(false);
  });

  it('keeps an alias named __proto__ as a field, never as the prototype', () => {
    const json = '{"__proto__":{"polluted":true},"name":"x"}';
    const read = storedAnswer(json);
    expect(Object.keys(read)).toEqual(['__proto__', 'name']);
    expect((read as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(read)).toBe(json);
    expect(stringifyResult({ data: storedAnswer(json) })).toBe(`{"data":${json}}\n`);
  });

  it('is known as a hit’s data whether opened or not; other objects are not', () => {
    const hit = storedAnswer('{"a":1}');
    expect(isStoredAnswer(hit)).toBe(true);
    expect(hit.a).toBe(1);
    expect(isStoredAnswer(hit)).toBe(true);
    expect(isStoredAnswer({ a: 1 })).toBe(false);
    expect(isStoredAnswer(null)).toBe(false);
    expect(isStoredAnswer('{"a":1}')).toBe(false);
  });

  it('can be frozen like any object', () => {
    const hit = storedAnswer('{"a":{"b":1}}');
    Object.freeze(hit);
    expect(Object.isFrozen(hit)).toBe(true);
    expect(() => {
      (hit as { a: unknown }).a = 2;
    }).toThrow(TypeError);
    expect(stringifyResult({ data: hit })).toBe('{"data":{"a":{"b":1}}}\n');
  });
});

describe('a hit’s body as bytes', () => {
  const json = '{"people":[{"name":"邓平文"}]}';
  const text = `{"data":${json}}\n`;
  const body = { text, bytes: Buffer.from(text) };

  it('sends the stored bytes when the body sent is the stored one, for that request only', () => {
    // Apollo Server hands plugins a shallow copy of the context: the ledger is what both share.
    const request = { ledger: {} };
    const copy = { ...request };
    rememberBody(copy, body);
    const sent = stringifyResult({ data: storedAnswer(json, body) });
    expect(sent).toBe(text);
    expect(encodedBody(request, sent)?.equals(Buffer.from(sent))).toBe(true);
    expect(encodedBody({ ledger: {} }, sent)).toBeUndefined(); // another request
  });

  it('encodes the text again when anything was added or changed', () => {
    const request = { ledger: {} };
    rememberBody(request, body);
    const withExtensions = stringifyResult({
      data: storedAnswer(json, body),
      extensions: { cache: { response: 'hit' } },
    });
    expect(withExtensions).toBe(`{"data":${json},"extensions":{"cache":{"response":"hit"}}}\n`);
    expect(encodedBody(request, withExtensions)).toBeUndefined();
    const changed = storedAnswer(json, body);
    (changed.people as { name: string }[])[0] = { name: 'Li' };
    const sent = stringifyResult({ data: changed });
    expect(sent).toBe('{"data":{"people":[{"name":"Li"}]}}\n');
    expect(encodedBody(request, sent)).toBeUndefined();
  });
});

describe('the response entry’s stored form', () => {
  const entry: ResponseEntry = {
    dataJson: '{"people":[{"name":"Wang\\nFang"}]}',
    subjects: ['11010519491231002X'],
    tags: ['t1', 't2'],
    expiresAt: 1_800_000_000_000,
    extensions: { valueCompletion: [{ message: 'm' }] },
    maxAgeHint: 30,
    actualCost: 12,
  };

  it('reads back what it wrote, data text untouched', () => {
    const text = serializeResponseEntry(entry);
    expect(text.indexOf('\n')).toBe(text.indexOf('{"people"') - 1);
    expect(parseResponseEntry(text)).toEqual(entry);
    const bare = { dataJson: '{}', tags: [] };
    expect(parseResponseEntry(serializeResponseEntry(bare))).toEqual(bare);
  });

  it('reads an entry of the earlier one-JSON form, or a mangled one, as a miss', () => {
    const earlier = serializeEntry({ data: { people: [] }, subjects: [], tags: ['t'] });
    expect(parseResponseEntry(earlier)).toBeUndefined();
    const text = serializeResponseEntry(entry);
    const newline = text.indexOf('\n');
    expect(parseResponseEntry(text.slice(0, newline))).toBeUndefined(); // no data
    expect(parseResponseEntry(`${text.slice(0, newline)}\n[1]`)).toBeUndefined(); // not an object
    expect(parseResponseEntry(`{"t":"x"}\n{}`)).toBeUndefined(); // tags not a list
    expect(parseResponseEntry(`{"t":[],"s":[1]}\n{}`)).toBeUndefined(); // subjects not text
    expect(parseResponseEntry(`{"t":[]\n{}`)).toBeUndefined(); // header not JSON
  });
});
