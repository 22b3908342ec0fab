import type { FormattedExecutionResult } from 'graphql';
import type { AnswerBody } from './answerBlob.js';

// A response-cache hit's `data`, served as the JSON text it was stored as (docs/caching.md#
// serving-a-hit). A hit of the 100-person list would otherwise parse ~40 KB of JSON only for
// Apollo Server to write the same text again. The hit's `data` is a stand-in object that
// parses the stored text the first time anything looks inside it (a plugin reading or changing
// the answer sees the real data, and from then on the answer is written from the object); as
// long as nothing did, `stringifyResult` writes the stored text as it is, and when nothing was
// added to the answer either, the HTTP server sends the stored body's bytes (`encodedBody`).

/** What a stand-in stands for while nothing has looked inside it. */
interface Stored {
  json: string;
  body: AnswerBody | undefined;
}

/** Stand-ins whose stored text is still what they hold: nothing has looked inside them. */
const untouched = new WeakMap<object, Stored>();
/**
 * The body a request's hit would send as it was stored, by the request's ledger: Apollo Server
 * runs each operation with a shallow copy of the context the HTTP edge made, and the ledger,
 * made once per request with that context, is the object both share.
 */
const bodies = new WeakMap<object, AnswerBody>();

/** What of a request context the bodies are kept by. */
interface RequestOf {
  ledger: object;
}
/** Every stand-in, touched or not: a hit's answer, whose subjects came with its entry. */
const standIns = new WeakSet<object>();

/**
 * The data of a stored answer, read from `json` (the JSON text of an object) when first used.
 * Its properties are defined on the stand-in itself when it is opened, so it behaves as a
 * plain object for every reader, `JSON.stringify` and spreading included. `body` is the
 * answer's whole body (`{"data":…}` and a newline) when the stored answer has no extensions.
 */
export function storedAnswer(json: string, body?: AnswerBody): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  let opened = false;
  const open = (): Record<string, unknown> => {
    if (!opened) {
      opened = true;
      untouched.delete(standIn);
      const parsed = JSON.parse(json) as Record<string, unknown>;
      // Defined, not assigned: an alias named `__proto__` stays a property.
      for (const key of Object.keys(parsed)) {
        Object.defineProperty(target, key, {
          value: parsed[key],
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    return target;
  };
  const standIn = new Proxy(target, {
    get: (_, key) => Reflect.get(open(), key),
    set: (_, key, value) => Reflect.set(open(), key, value),
    has: (_, key) => Reflect.has(open(), key),
    ownKeys: () => Reflect.ownKeys(open()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(open(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(open(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(open(), key),
    preventExtensions: () => Reflect.preventExtensions(open()),
    isExtensible: () => Reflect.isExtensible(open()),
  });
  untouched.set(standIn, { json, body });
  standIns.add(standIn);
  return standIn;
}

/** True for a response-cache hit's data (opened or not). */
export function isStoredAnswer(data: unknown): boolean {
  return typeof data === 'object' && data !== null && standIns.has(data);
}

/** True for a hit's data nothing has looked inside yet: it is sent as stored. */
export function isUnopened(data: unknown): boolean {
  return typeof data === 'object' && data !== null && untouched.has(data);
}

/**
 * Apollo Server's `stringifyResult`: its own serialisation (`JSON.stringify` and a newline),
 * except that a hit's data nobody opened is written as its stored text. The text is what
 * `JSON.stringify` wrote for the cold answer's data, so the bytes are the same either way.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const data = result.data;
  const stored = typeof data === 'object' && data !== null ? untouched.get(data) : undefined;
  if (stored === undefined) return `${JSON.stringify(result)}\n`;
  const { json, body } = stored;
  if (body && result.errors === undefined && result.extensions === undefined) return body.text;
  let text = '{';
  if (result.errors !== undefined) text += `"errors":${JSON.stringify(result.errors)},`;
  text += `"data":${json}`;
  if (result.extensions !== undefined) text += `,"extensions":${JSON.stringify(result.extensions)}`;
  return `${text}}\n`;
}

/** Notes the body a request's hit is stored with, for `encodedBody`. */
export function rememberBody(context: RequestOf, body: AnswerBody | undefined): void {
  if (body) bodies.set(context.ledger, body);
}

/**
 * The UTF-8 bytes of the body about to be sent, when it is a stored hit's body unchanged (the
 * HTTP server sends them instead of encoding the text again); undefined otherwise. Equal text
 * has equal bytes, so whichever way the text was made, the bytes are right.
 */
export function encodedBody(context: RequestOf, text: string): Buffer | undefined {
  const body = bodies.get(context.ledger);
  return body && body.text === text ? body.bytes : undefined;
}
