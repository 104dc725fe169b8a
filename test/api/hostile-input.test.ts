/**
 * Garbage at every write route: fast-check sends over a thousand generated bad requests (wrong
 * types, huge strings, deep nesting, unicode edge cases, NUL bytes, repeated keys, prototype
 * keys, malformed JSON, wrong content types and encodings, absurd ids, bad credentials) and each
 * must be refused with a 4xx problem+json that changes nothing, and never pollute Object.prototype.
 * Nothing is faked: a real server on a temporary SQLite file. The seed is fixed, so a failure
 * reproduces; fast-check prints the shrunk request.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startCasebook, type ApiResponse, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPost, aSource } from '../helpers/factories.js';
import {
  absurdId,
  badAuthorization,
  entriesOf,
  hostileString,
  jsonTypeOf,
  objectText,
  percentEncoded,
  pollutingKey,
  wrongContentEncoding,
  wrongContentType,
  wrongTypeFor,
} from '../helpers/hostile.js';
import { contentDigest } from '../helpers/snapshot.js';

const SEED = 20_170_401;
const RUNS_PER_ROUTE = 40;

interface WriteRoute {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** With `:id` where the route takes one. */
  readonly path: string;
  readonly who: 'researcher' | 'admin';
  /** A record the route may be aimed at; without it, `:id` only ever gets ids no record has (a delete would succeed). */
  readonly id?: () => number;
  /** A body the route accepts; the generators break it. */
  readonly body?: () => Record<string, unknown>;
}

/** One generated request; `mayPass` when it could be valid by chance (a weird but acceptable title). */
interface Hostile {
  readonly label: string;
  readonly id?: string;
  readonly text?: string;
  readonly headers?: Record<string, string>;
  readonly query?: string;
  readonly mayPass?: boolean;
}

function requestsFor(route: WriteRoute): fc.Arbitrary<Hostile> {
  const base = route.body?.() ?? {};
  const entries = entriesOf(base);
  const keys = Object.keys(base);
  const anyBody = fc.oneof(fc.constant(undefined), fc.constant(objectText(entries)), wrongTypeFor('null').map((f) => f.text));
  const atAbsurdId = fc.record({ label: fc.constant('absurd id'), id: absurdId, text: anyBody }, { requiredKeys: ['label', 'id'] });
  const badCredentials = fc.record({ label: fc.constant('bad credentials'), text: anyBody, headers: badAuthorization.map((authorization) => ({ authorization })) }, { requiredKeys: ['label', 'headers'] });
  if (route.path.includes(':id') && !route.id) return fc.oneof(atAbsurdId, badCredentials);

  const field = keys.length ? fc.constantFrom(...keys) : fc.constant(undefined);
  const mutations: fc.Arbitrary<Hostile>[] = [
    badCredentials,
    wrongTypeFor('object').map((f) => ({ label: 'body not an object', text: f.text })),
    fc.tuple(fc.oneof(pollutingKey, hostileString), wrongTypeFor('null')).map(([key, value]) => ({ label: 'unknown or polluting key', text: objectText([...entries, [key, value.text]]) })),
    // Never empty: an empty JSON body reads as {}, which a PATCH may accept.
    fc.integer({ min: 1, max: 1_000_000 }).map((cut) => {
      const text = objectText(entries);
      return { label: 'truncated JSON', text: text.slice(0, 1 + (cut % (text.length - 1))) };
    }),
    fc.tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat()).map(([junk, at]) => {
      const text = objectText(entries);
      const i = at % text.length;
      return { label: 'NUL and junk in the JSON text', text: `${text.slice(0, i)}\u0000${junk}${text.slice(i)}` };
    }),
    fc.tuple(wrongContentType, fc.oneof(fc.constant(objectText(entries)), hostileString.filter((s) => s.trim() !== ''))).map(([type, text]) => ({ label: 'wrong content type', text, headers: { 'content-type': type } })),
    wrongContentEncoding.map((encoding) => ({ label: 'wrong content encoding', text: objectText(entries), headers: { 'content-encoding': encoding } })),
  ];
  if (route.id) mutations.push(atAbsurdId);
  if (keys.length) {
    const broken = (key: string) => wrongTypeFor(jsonTypeOf(base[key]));
    mutations.push(
      field.chain((key) => broken(key!).map((f) => ({ label: `wrong type for ${key}`, text: objectText(entries.map(([k, v]) => [k, k === key ? f.text : v])) }))),
      field.chain((key) => broken(key!).map((f) => ({ label: `${key} twice, the last one wrong`, text: objectText([...entries, [key!, f.text]]) }))),
      // Valid by chance is allowed here: a title may well hold an RTL mark; what matters is no 5xx.
      field.chain((key) =>
        hostileString.map((s) => ({ label: `hostile text in ${key}`, text: objectText(entries.map(([k, v]) => [k, k === key ? JSON.stringify(s) : v])), mayPass: true })),
      ),
    );
  }
  return fc.oneof(...mutations);
}

describe('hostile input at every write route', function () {
  this.timeout(120_000);
  let cb: TestCasebook;
  let w: Record<string, { id: number }>;
  let refusals = 0;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  before(async () => {
    // Sign-in limits high enough that the schema, not the rate limiter, answers the garbage.
    cb = await startCasebook({ signInLimits: { perAddress: 100_000, perAccount: 100_000 } });
    const location = await aLocation(cb);
    const organisation = await anOrganisation(cb);
    const person = await anOfficial(cb);
    const incident = await anIncident(cb, { locations: [location.id] });
    const source = await aSource(cb);
    const alternativeName = (await cb.post('/api/v1/alternative-names', { location: location.id, name: 'Tsotsin-Yurt', kind: 'alias' })).body;
    const user = (await cb.as('admin').post('/api/v1/users', { name: 'target-account', role: 'journalist' })).body.account;
    const upload = await fetch(`${cb.url}/api/v1/evidence?protected=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'note.txt' },
      body: 'a note',
    });
    w = {
      location,
      organisation,
      person,
      incident,
      source,
      alternativeName,
      user,
      evidence: (await upload.json()) as { id: number },
      involvement: await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'commander' }),
      post: await aPost(cb, { person: person.id, organisation: organisation.id }),
      citation: await aCitation(cb, source, { kind: 'incident', id: incident.id }),
    };
  });
  after(() => cb.close());

  const records: [string, string, () => Record<string, unknown>, () => Record<string, unknown>][] = [
    ['incidents', 'incident', () => ({ title: 'Detentions', actTypes: ['torture'], date: '2017-02?', locations: [w.location!.id], victims: { min: 3, max: null } }), () => ({ summary: 'more' })],
    ['locations', 'location', () => ({ name: 'Argun', kind: 'settlement', point: { latitude: 43.29, longitude: 45.87, precisionMeters: 1000 } }), () => ({ description: 'x' })],
    ['organisations', 'organisation', () => ({ name: 'Terek', kind: 'security-unit' }), () => ({ description: 'x' })],
    ['persons', 'person', () => ({ name: 'A. Official', protection: 'public-figure' }), () => ({ description: 'x' })],
    ['alternative-names', 'alternativeName', () => ({ location: w.location!.id, name: 'Цоци-Юрт', kind: 'alias' }), () => ({ name: 'Tsotsi' })],
    ['posts', 'post', () => ({ person: w.person!.id, organisation: w.organisation!.id, role: 'Commander' }), () => ({ role: 'Deputy' })],
    ['involvements', 'involvement', () => ({ incident: w.incident!.id, organisation: w.organisation!.id, role: 'complicit' }), () => ({ description: 'x' })],
    ['sources', 'source', () => ({ kind: 'news-article', title: 'Report', reliability: 'C' }), () => ({ notes: 'x' })],
    ['citations', 'citation', () => ({ source: w.source!.id, claim: { kind: 'incident', id: w.incident!.id }, stance: 'disputes', credibility: 2 }), () => ({ quote: 'x' })],
  ];
  const routes: WriteRoute[] = [
    ...records.flatMap(([kind, key, create, update]): WriteRoute[] => [
      { method: 'POST', path: `/api/v1/${kind}`, who: 'researcher', body: create },
      { method: 'PATCH', path: `/api/v1/${kind}/:id`, who: 'researcher', id: () => w[key]!.id, body: update },
      { method: 'DELETE', path: `/api/v1/${kind}/:id`, who: 'researcher' },
    ]),
    { method: 'PATCH', path: '/api/v1/evidence/:id', who: 'researcher', id: () => w.evidence!.id, body: () => ({ correction: 'x', protected: true, linkIncidents: [w.incident!.id] }) },
    { method: 'POST', path: '/api/v1/evidence/:id/safe-copy', who: 'researcher' },
    { method: 'POST', path: '/api/v1/users', who: 'admin', body: () => ({ name: 'new-account', role: 'journalist' }) },
    { method: 'PATCH', path: '/api/v1/users/:id', who: 'admin', id: () => w.user!.id, body: () => ({ role: 'researcher', disabled: false }) },
    { method: 'POST', path: '/api/v1/users/:id/password-reset', who: 'admin' },
    { method: 'POST', path: '/api/v1/tokens', who: 'researcher', body: () => ({ label: 'script', expiresAt: '2999-01-01T00:00:00Z' }) },
    { method: 'DELETE', path: '/api/v1/tokens/:id', who: 'researcher' },
    // A wrong password, so that even a body that survives the garbage signs no one in.
    { method: 'POST', path: '/api/v1/session', who: 'researcher', body: () => ({ name: 'test-journalist', password: 'not the password' }) },
    { method: 'POST', path: '/api/v1/session/password', who: 'researcher', body: () => ({ currentPassword: 'not the password', newPassword: 'correct horse battery staple' }) },
  ];

  async function refusedUnchanged(hostile: Hostile, send: () => Promise<ApiResponse>): Promise<void> {
    const before = contentDigest(cb.db);
    const response = await send();
    const problem = `${hostile.label} → ${response.status} ${response.text.slice(0, 300)}`;
    assert.ok(response.status < 500, problem);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys, 'Object.prototype gained a key');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    if (hostile.mayPass && response.status < 400) return;
    assert.ok(response.status >= 400, `accepted: ${problem}`);
    assert.match(response.contentType, /^application\/problem\+json/, problem);
    assert.equal(typeof response.body.type, 'string', problem);
    assert.equal(typeof response.body.title, 'string', problem);
    assert.equal(response.body.status, response.status, problem);
    assert.equal(contentDigest(cb.db), before, `the database changed: ${problem}`);
    refusals += 1;
  }

  for (const [index, route] of routes.entries()) {
    it(`${route.method} ${route.path}: ${RUNS_PER_ROUTE} hostile requests, each refused with problem+json, changing nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(requestsFor(route), (hostile) => {
          const path = route.path.replace(':id', hostile.id ?? String(route.id?.() ?? ''));
          return refusedUnchanged(hostile, () => cb.as(route.who).request(route.method, path, hostile.text, hostile.headers));
        }),
        { seed: SEED + index, numRuns: RUNS_PER_ROUTE },
      );
    });
  }

  it(`POST /api/v1/evidence: ${RUNS_PER_ROUTE} uploads with hostile fields, each refused with problem+json, changing nothing`, async () => {
    const upload = fc.oneof(
      hostileString.filter((s) => s.length < 1_000 && s !== 'true' && s !== 'false').map((s) => ({ label: 'protected not a boolean', query: `protected=${percentEncoded(s)}` })),
      absurdId.map((id) => ({ label: 'absurd incident', query: `incident=${id}` })),
      // Kept under Node's 16 KiB header limit: past it Node itself answers a bare 431 before express sees the request.
      fc.integer({ min: 5_001, max: 12_000 }).map((n) => ({ label: 'description too long', query: `description=${'x'.repeat(n)}` })),
      fc.tuple(pollutingKey, hostileString.filter((s) => s.length < 1_000)).map(([key, value]) => ({ label: 'unknown field', query: `${key}=${percentEncoded(value)}` })),
      fc.constant({ label: 'JSON instead of a file', query: '', headers: { 'content-type': 'application/json' } }),
      badAuthorization.map((authorization) => ({ label: 'bad credentials', query: '', headers: { authorization } })),
    );
    await fc.assert(
      fc.asyncProperty(upload, (hostile: Hostile) =>
        refusedUnchanged(hostile, () =>
          cb.request('POST', `/api/v1/evidence?${hostile.query}`, `{"evidence":"${hostile.label}"}`, { 'content-type': 'application/octet-stream', 'x-file-name': 'note.txt', ...hostile.headers }),
        ),
      ),
      { seed: SEED - 1, numRuns: RUNS_PER_ROUTE },
    );
  });

  it('over a thousand requests were refused in all', () => {
    assert.ok(refusals >= 1_000, `only ${refusals} refusals`);
  });
});

describe('hostile input at the graph import', function () {
  this.timeout(120_000);
  let empty: TestCasebook;
  before(async () => {
    empty = await startCasebook();
  });
  after(() => empty.close());

  // The header announces one location more than the file holds, so no body here can be a whole,
  // valid graph by chance: every one must be refused, and the empty Casebook stay empty.
  const header = JSON.stringify({ kind: 'casebook-graph', version: 1, counts: { location: 2 } });
  const location = { id: 1, name: 'Argun', kind: 'settlement', parent: null, point: null, description: '', createdAt: '2017-01-01T00:00:00.000Z', updatedAt: '2017-01-01T00:00:00.000Z' };
  const entries = entriesOf(location);

  it(`POST /api/v1/graph: ${RUNS_PER_ROUTE} hostile graphs into an empty Casebook, each refused with problem+json, changing nothing`, async () => {
    const recordText = fc.oneof(
      fc.tuple(fc.constantFrom(...Object.keys(location)), hostileString).map(([key, s]) => objectText(entries.map(([k, v]) => [k, k === key ? JSON.stringify(s) : v]))),
      fc.tuple(fc.oneof(pollutingKey, hostileString), wrongTypeFor('null')).map(([key, value]) => objectText([...entries, [key, value.text]])),
      fc.constantFrom(...Object.keys(location)).chain((key) => wrongTypeFor(jsonTypeOf(location[key as keyof typeof location])).map((f) => objectText(entries.map(([k, v]) => [k, k === key ? f.text : v])))),
    );
    const body = fc.oneof(
      recordText.map((record) => ({ label: 'hostile record', text: `${header}\n{"kind":"location","record":${record}}\n` })),
      fc.tuple(fc.oneof(pollutingKey, hostileString), wrongTypeFor('null')).map(([key, value]) => ({ label: 'hostile header', text: `${objectText([['kind', '"casebook-graph"'], ['version', '1'], [key, value.text]])}\n` })),
      fc.tuple(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat()).map(([junk, at]) => ({ label: 'junk in a line', text: `${header}\n${objectText(entries).slice(0, at % 40)}\u0000${junk}\n` })),
      wrongTypeFor('object').map((f) => ({ label: 'a line not an object', text: `${header}\n${f.text}\n` })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (hostile) => {
        const before = contentDigest(empty.db);
        const response = await empty.as('admin').request('POST', '/api/v1/graph', hostile.text, { 'content-type': 'application/x-ndjson' });
        const problem = `${hostile.label} → ${response.status} ${response.text.slice(0, 300)}`;
        assert.ok(response.status >= 400 && response.status < 500, problem);
        assert.match(response.contentType, /^application\/problem\+json/, problem);
        assert.equal(contentDigest(empty.db), before, `the database changed: ${problem}`);
      }),
      { seed: SEED - 2, numRuns: RUNS_PER_ROUTE },
    );
  });
});
