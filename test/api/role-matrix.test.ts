/**
 * Every route of /api/v1 called as anonymous, journalist, researcher and admin. A refused call
 * answers problem+json and changes nothing; a journalist's refused write leaves a log line.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPost, aSource } from '../helpers/factories.js';
import { fixture } from '../helpers/files.js';
import { contentDigest } from '../helpers/snapshot.js';

const WHO = ['anonymous', 'journalist', 'researcher', 'admin'] as const;
type Who = (typeof WHO)[number];

interface Row {
  readonly method: string;
  /** Builds the path (and any record it needs) fresh for each call. */
  readonly path: (cb: TestCasebook) => Promise<string> | string;
  readonly body?: () => unknown;
  readonly raw?: () => { bytes: Buffer; headers: Record<string, string> };
  readonly expect: readonly [number, number, number, number];
}

const read = [401, 200, 200, 200] as const;
const write = (ok: number) => [401, 403, ok, ok] as const;
const adminOnly = (ok: number) => [401, 403, 403, ok] as const;

let n = 0;
const unique = () => `${++n}-${randomBytes(3).toString('hex')}`;

async function world(cb: TestCasebook) {
  const location = await aLocation(cb, { alternativeNames: [{ name: 'Alt place', kind: 'alias' }] });
  const organisation = await anOrganisation(cb);
  const person = await anOfficial(cb);
  const incident = await anIncident(cb, { locations: [location.id] });
  const involvement = await anInvolvement(cb, { incident: incident.id, organisation: organisation.id });
  const post = await aPost(cb, { person: person.id, organisation: organisation.id });
  const source = await aSource(cb);
  const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id });
  return { location, organisation, person, incident, involvement, post, source, citation, alternativeName: location.alternativeNames[0] };
}

type World = Awaited<ReturnType<typeof world>>;

function recordRows(w: () => World): [string, Row][] {
  const kinds: [string, (cb: TestCasebook) => Promise<{ id: number }>, () => unknown, () => unknown][] = [
    ['incidents', (cb) => anIncident(cb), () => ({ title: `t ${unique()}`, actTypes: ['torture'], date: '2017' }), () => ({ summary: 'changed' })],
    ['locations', (cb) => aLocation(cb), () => ({ name: `p ${unique()}`, kind: 'settlement' }), () => ({ description: 'changed' })],
    ['organisations', (cb) => anOrganisation(cb), () => ({ name: `o ${unique()}`, kind: 'ngo' }), () => ({ description: 'changed' })],
    ['persons', (cb) => anOfficial(cb), () => ({ name: `n ${unique()}` }), () => ({ description: 'changed' })],
    ['sources', (cb) => aSource(cb), () => ({ kind: 'news-article', title: `s ${unique()}`, reliability: 'C' }), () => ({ notes: 'changed' })],
    ['posts', (cb) => aPost(cb, { person: w().person.id, organisation: w().organisation.id }), () => ({ person: w().person.id, organisation: w().organisation.id, role: 'Head' }), () => ({ role: 'Deputy' })],
    ['involvements', (cb) => anInvolvement(cb, { incident: w().incident.id, organisation: w().organisation.id }), () => ({ incident: w().incident.id, person: w().person.id, role: 'commander' }), () => ({ description: 'changed' })],
    ['citations', (cb) => aCitation(cb, w().source, { kind: 'incident', id: w().incident.id }), () => ({ source: w().source.id, claim: { kind: 'incident', id: w().incident.id }, stance: 'supports', credibility: 2 }), () => ({ credibility: 3 })],
    [
      'alternative-names',
      async (cb) => (await cb.post('/api/v1/alternative-names', { location: w().location.id, name: `a ${unique()}`, kind: 'alias' })).body,
      () => ({ location: w().location.id, name: `a ${unique()}`, kind: 'alias' }),
      () => ({ kind: 'spelling-variant' }),
    ],
  ];
  const rows: [string, Row][] = [];
  for (const [kind, make, createBody, updateBody] of kinds) {
    const existing = () => (w() as unknown as Record<string, { id: number }>)[kind === 'alternative-names' ? 'alternativeName' : kind.replace(/s$/, '')]!.id;
    rows.push(
      [`GET /api/v1/${kind}`, { method: 'GET', path: () => `/api/v1/${kind}`, expect: read }],
      [`GET /api/v1/${kind}/:id`, { method: 'GET', path: () => `/api/v1/${kind}/${existing()}`, expect: read }],
      [`GET /api/v1/${kind}/:id/history`, { method: 'GET', path: () => `/api/v1/${kind}/${existing()}/history`, expect: [401, 403, 200, 200] }],
      [`POST /api/v1/${kind}`, { method: 'POST', path: () => `/api/v1/${kind}`, body: createBody, expect: write(201) }],
      [`PATCH /api/v1/${kind}/:id`, { method: 'PATCH', path: () => `/api/v1/${kind}/${existing()}`, body: updateBody, expect: write(200) }],
      [`DELETE /api/v1/${kind}/:id`, { method: 'DELETE', path: async (cb) => `/api/v1/${kind}/${(await make(cb)).id}`, expect: write(204) }],
    );
  }
  return rows;
}

describe('who may call which route', () => {
  let cb: TestCasebook;
  let w: World;
  let evidenceId: number;
  before(async () => {
    cb = await startCasebook();
    w = await world(cb);
    const upload = await fetch(`${cb.url}/api/v1/evidence?protected=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'e.jpg' },
      body: new Blob([new Uint8Array(fixture('gps.jpg'))]),
    });
    evidenceId = ((await upload.json()) as { id: number }).id;
  });
  after(() => cb.close());

  const uniqueJpeg = () => ({
    bytes: Buffer.concat([fixture('plain.jpg'), randomBytes(8)]),
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': `${unique()}.jpg` },
  });

  const rows: [string, Row][] = [
    ...recordRows(() => w),
    ['GET /api/v1/incidents/summary', { method: 'GET', path: () => '/api/v1/incidents/summary', expect: read }],
    ['GET /api/v1/vocabularies', { method: 'GET', path: () => '/api/v1/vocabularies', expect: [200, 200, 200, 200] }],
    ['GET /api/v1/session', { method: 'GET', path: () => '/api/v1/session', expect: read }],
    ['GET /api/v1/tokens', { method: 'GET', path: () => '/api/v1/tokens', expect: read }],
    ['POST /api/v1/tokens', { method: 'POST', path: () => '/api/v1/tokens', body: () => ({ label: 'matrix' }), expect: [401, 201, 201, 201] }],
    ['GET /api/v1/users', { method: 'GET', path: () => '/api/v1/users', expect: adminOnly(200) }],
    ['POST /api/v1/users', { method: 'POST', path: () => '/api/v1/users', body: () => ({ name: `user-${unique()}`, role: 'journalist' }), expect: adminOnly(201) }],
    ['PATCH /api/v1/users/:id', { method: 'PATCH', path: (c) => `/api/v1/users/${c.account('journalist').id}`, body: () => ({ role: 'journalist' }), expect: adminOnly(200) }],
    ['POST /api/v1/users/:id/password-reset', { method: 'POST', path: async (c) => `/api/v1/users/${(await c.as('admin').post('/api/v1/users', { name: `r-${unique()}`, role: 'journalist' })).body.account.id}/password-reset`, expect: adminOnly(200) }],
    ['GET /api/v1/audit', { method: 'GET', path: () => '/api/v1/audit', expect: adminOnly(200) }],
    ['GET /api/v1/evidence', { method: 'GET', path: () => '/api/v1/evidence', expect: read }],
    ['GET /api/v1/evidence/:id', { method: 'GET', path: () => `/api/v1/evidence/${evidenceId}`, expect: read }],
    ['GET /api/v1/evidence/:id/file', { method: 'GET', path: () => `/api/v1/evidence/${evidenceId}/file`, expect: read }],
    ['GET /api/v1/evidence/:id/custody', { method: 'GET', path: () => `/api/v1/evidence/${evidenceId}/custody`, expect: [401, 403, 200, 200] }],
    ['POST /api/v1/evidence', { method: 'POST', path: () => '/api/v1/evidence', raw: uniqueJpeg, expect: write(201) }],
    ['PATCH /api/v1/evidence/:id', { method: 'PATCH', path: () => `/api/v1/evidence/${evidenceId}`, body: () => ({ correction: `c ${unique()}` }), expect: write(200) }],
    ['POST /api/v1/evidence/:id/safe-copy', { method: 'POST', path: () => `/api/v1/evidence/${evidenceId}/safe-copy`, expect: write(201) }],
  ];

  for (const [name, row] of rows) {
    WHO.forEach((who: Who, index) => {
      const expected = row.expect[index]!;
      it(`${name} as ${who} → ${expected}`, async () => {
        const path = await row.path(cb);
        const before = contentDigest(cb.db);
        const logLines = cb.logLines.length;
        let status: number;
        let contentType: string;
        let text: string;
        if (row.raw) {
          const { bytes, headers } = row.raw();
          const auth: Record<string, string> = who === 'anonymous' ? {} : { authorization: `Bearer ${cb.account(who).token}` };
          const response = await fetch(cb.url + path, { method: row.method, headers: { ...auth, ...headers }, body: new Blob([new Uint8Array(bytes)]) });
          status = response.status;
          contentType = response.headers.get('content-type') ?? '';
          text = await response.text();
        } else {
          const response = await cb.as(who).request(row.method, path, row.body?.());
          ({ status, contentType, text } = response);
        }
        assert.equal(status, expected, text.slice(0, 300));
        if (expected === 401 || expected === 403) {
          assert.match(contentType, /^application\/problem\+json/);
          assert.equal(contentDigest(cb.db), before, 'a refused call changes nothing');
        }
        if (who === 'journalist' && expected === 403 && row.method !== 'GET') {
          const refusal = cb.logLines.slice(logLines).find((line) => line.includes('refused'));
          assert.ok(refusal, 'the refusal is logged');
          assert.equal(JSON.parse(refusal).level, 40);
        }
      });
    });
  }
});
