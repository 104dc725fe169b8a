/**
 * fast-check generators of hostile request parts: JSON built as raw text (so `__proto__` arrives
 * as an own key and a key can appear twice), values of every wrong type, strings a careless
 * script or an attacker would send, and path ids no record has.
 */
import fc from 'fast-check';

/** A JSON value written out as text, with the JSON type a schema would see. */
export interface Fragment {
  readonly type: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
  readonly text: string;
}

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'] as const;

export const pollutingKey = fc.constantFrom(...POLLUTING_KEYS);

const EDGE_TEXT = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'a\uDC00b',
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E\u061C', // RTL, LTR and Arabic letter marks
  '\u0000',
  'nul\u0000in the middle',
  'e' + '\u0301'.repeat(500), // a mountain of combining marks
  'Z̷̢̛̛̤͍̠̈́a̶͎̹̓l̴̪̈g̸̞̀o̵̰͌',
  '\uFEFF',
  '\uFFFE\uFFFF',
  '\u{10FFFF}',
  '\u2028\u2029',
  '🏳️‍🌈👨‍👨‍👦',
  'Цоци-Юрт',
  '"\\',
  "'; DROP TABLE incidents; --",
  '" OR 1=1 NEAR( * "',
  '<script>alert(1)</script>',
  '${process.exit()}',
  '%00%zz',
  '',
  ' ',
  '\t\r\n',
];

/** Strings that are hostile but might still be acceptable text somewhere. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EDGE_TEXT),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
  // Huge: some under the 1 MB body limit (the schema's own limit must refuse them), some over it.
  fc.tuple(fc.constantFrom(...EDGE_TEXT, 'x', 'Д'), fc.integer({ min: 5_001, max: 600_000 })).map(([unit, length]) => (unit || 'x').repeat(Math.ceil(length / Math.max(unit.length, 1)))),
);

const deepArray = fc.integer({ min: 50, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const deepObject = fc.integer({ min: 50, max: 50_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
const pollutingObject = fc.tuple(pollutingKey, fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => `{${JSON.stringify(key)}:{"polluted":${JSON.stringify(value) ?? 'true'}}}`);

const fragments: { [T in Fragment['type']]: fc.Arbitrary<string> } = {
  string: hostileString.map((s) => JSON.stringify(s)),
  number: fc.oneof(
    fc.constantFrom('1e999', '-1e999', '-0', '0', '-1', '1.5', '1e308', '123456789012345678901234567890', '9007199254740993', '0.0000001'),
    fc.double().filter(Number.isFinite).map(String),
  ),
  boolean: fc.constantFrom('true', 'false'),
  array: fc.oneof(deepArray, fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 20 }).map((v) => JSON.stringify(v)), fc.constant('[' + '1,'.repeat(200_000) + '1]')),
  object: fc.oneof(deepObject, pollutingObject, fc.object({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '{}')),
  null: fc.constant('null'),
};

const typed = (type: Fragment['type']) => fragments[type].map((text): Fragment => ({ type, text }));

/** A value of any JSON type but `type` (and never null, which optional fields may accept). */
export function wrongTypeFor(type: Fragment['type']): fc.Arbitrary<Fragment> {
  const others = (['string', 'number', 'boolean', 'array', 'object'] as const).filter((t) => t !== type);
  return fc.oneof(...others.map(typed));
}

export function jsonTypeOf(value: unknown): Fragment['type'] {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as Fragment['type'];
}

/** An object written entry by entry, so keys may repeat and `__proto__` stays an own key. */
export function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

export const entriesOf = (body: Record<string, unknown>): [string, string][] => Object.entries(body).map(([key, value]) => [key, JSON.stringify(value)]);

/** Path segments that name no record: out of range, not numbers, percent-encoding gone wrong, traversal. */
export const absurdId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0', '-1', '1.5', '1e3', '0x10', '01', '+1', ' 1', '1%20', '987654', '9007199254740993', '99999999999999999999999',
    'NaN', 'Infinity', 'null', 'undefined', 'true', '[1]', '__proto__', 'constructor', 'prototype',
    '%', '%zz', '%00', '1%00', '%C0%AF', '%ED%A0%80', '%E2%80%AE1', '..%2F..%2Fetc%2Fpasswd', '1;DROP TABLE incidents',
    '1/extra', 'x'.repeat(5_000),
  ),
  // Never all digits: that could be the id of a record that exists.
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !/^\d+$/.test(s)).map(encodeURIComponent),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
);

/** Content types under which a JSON body must not be read as a record. */
export const wrongContentType = fc.constantFrom(
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/merge-patch+json',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'application/jsonx',
  'image/jpeg',
  '*/*',
  ';;;',
);

/** Encodings the body does not actually have, or that do not exist. */
export const wrongContentEncoding = fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip', 'compress');

/** Credentials that are no credentials: every write must then be refused before its body matters. */
export const badAuthorization = fc.constantFrom('Bearer', 'Bearer ' + 'x'.repeat(300), 'Basic dXNlcjpwYXNz', 'Bearer a b', 'Bearer \u00ff\u00fe', 'bearer  ', 'Bearer %00');

/** Every byte percent-encoded; unlike encodeURIComponent, never throws on a lone surrogate (it becomes U+FFFD). */
export const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
