/**
 * Who may call which route: every route of /api/v1, from one table, as anonymous, journalist,
 * researcher and admin. Nothing is faked: a real server on a temporary SQLite file, three
 * accounts signed in by API token. A refused call answers problem+json and leaves the database
 * as it was; a refused write leaves a warning in the log; no log line ever holds a request body.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPost, aSource } from '../helpers/factories.js';
import { fixture } from '../helpers/files.js';
import { contentDigest } from '../helpers/snapshot.js';

const WHO = ['anonymous', 'journalist', 'researcher', 'admin'] as const;
type Who = (typeof WHO)[number];
type Expect = readonly [anonymous: number, journalist: number, researcher: number, admin: number];

const reads: Expect = [401, 200, 200, 200];
const writes = (ok: number): Expect => [401, 403, ok, ok];
/** Histories and custody chains hold full before-and-after states, names included: researchers and admins only. */
const writersRead: Expect = [401, 403, 200, 200];
const adminsOnly = (ok: number): Expect => [401, 403, 403, ok];

/** What one call sends. `marker` is text of the body that must never reach the log. */
interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly upload?: { bytes: Buffer; headers: Record<string, string> };
  readonly marker?: string;
}

interface Row {
  readonly route: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly expect: Expect;
  /** Builds the call for one role; records it needs (one to delete, say) are made here, before the digest is taken. */
  readonly call: (who: Who) => Call | Promise<Call>;
}

const aMarker = () => `body-${randomBytes(6).toString('hex')}`;

/** Builds a write call whose body carries a fresh marker. */
const withMarker = (path: string, body: (marker: string) => unknown): Call => {
  const marker = aMarker();
  return { path, body: body(marker), marker };
};

describe('the route × role matrix', () => {
  let cb: TestCasebook;
  let w: Awaited<ReturnType<typeof aWorld>>;
  const markers: string[] = [];

  /** One record of every kind, made by the researcher before any row runs. */
  async function aWorld() {
    const location = await aLocation(cb);
    const organisation = await anOrganisation(cb);
    const person = await anOfficial(cb);
    const incident = await anIncident(cb, { locations: [location.id] });
    const involvement = await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'commander' });
    const post = await aPost(cb, { person: person.id, organisation: organisation.id });
    const source = await aSource(cb);
    const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id });
    const alternativeName = await anAlternativeName(location.id);
    const evidence = await anEvidenceItem();
    return { location, organisation, person, incident, involvement, post, source, citation, alternativeName, evidence };
  }

  async function anAlternativeName(location: number): Promise<{ id: number }> {
    const created = await cb.post('/api/v1/alternative-names', { location, name: `Alias ${aMarker()}`, kind: 'alias' });
    assert.equal(created.status, 201, created.text);
    return created.body;
  }

  /**
   * A photo with GPS and device tags that no other upload shares, not even once stripped: random
   * bytes sit in a second JFIF segment, which safe copies keep.
   */
  function aPhoto(): Buffer {
    const photo = fixture('gps.jpg');
    const payload = Buffer.concat([Buffer.from('JFIF\0', 'latin1'), randomBytes(16)]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(payload.length + 2);
    return Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xe0]), length, payload, photo.subarray(2)]);
  }

  const anUpload = (bytes = aPhoto()) => ({ bytes, headers: { 'content-type': 'application/octet-stream', 'x-file-name': `${aMarker()}.jpg` } });

  async function anEvidenceItem(bytes?: Buffer): Promise<{ id: number }> {
    const { headers } = anUpload();
    const response = await fetch(`${cb.url}/api/v1/evidence?protected=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, ...headers },
      body: new Blob([new Uint8Array(bytes ?? aPhoto())]),
    });
    assert.ok(response.status === 201 || response.status === 200, `upload: ${response.status}`);
    return (await response.json()) as { id: number };
  }

  async function anAccount(): Promise<{ id: number; name: string; oneTimePassword: string }> {
    const created = await cb.as('admin').post('/api/v1/users', { name: `account-${randomBytes(4).toString('hex')}`, role: 'journalist' });
    assert.equal(created.status, 201, created.text);
    return { ...created.body.account, oneTimePassword: created.body.oneTimePassword };
  }

  before(async () => {
    cb = await startCasebook();
    w = await aWorld();
  });
  after(() => cb.close());

  /** The six routes every record kind has. `make` builds a fresh record, so a delete touches nothing another row reads. */
  function recordRows(
    kind: string,
    existing: () => { id: number },
    make: () => Promise<{ id: number }>,
    createBody: (marker: string) => unknown,
    updateBody: (marker: string) => unknown,
  ): Row[] {
    const collection = `/api/v1/${kind}`;
    return [
      { route: `GET ${collection}`, method: 'GET', expect: reads, call: () => ({ path: collection }) },
      { route: `GET ${collection}/:id`, method: 'GET', expect: reads, call: () => ({ path: `${collection}/${existing().id}` }) },
      { route: `GET ${collection}/:id/history`, method: 'GET', expect: writersRead, call: () => ({ path: `${collection}/${existing().id}/history` }) },
      { route: `POST ${collection}`, method: 'POST', expect: writes(201), call: () => withMarker(collection, createBody) },
      { route: `PATCH ${collection}/:id`, method: 'PATCH', expect: writes(200), call: () => withMarker(`${collection}/${existing().id}`, updateBody) },
      { route: `DELETE ${collection}/:id`, method: 'DELETE', expect: writes(204), call: async () => ({ path: `${collection}/${(await make()).id}` }) },
    ];
  }

  const rows: Row[] = [
    ...recordRows('incidents', () => w.incident, () => anIncident(cb), (title) => ({ title, actTypes: ['torture'], date: '2017' }), (summary) => ({ summary })),
    { route: 'GET /api/v1/incidents/summary', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/incidents/summary' }) },
    { route: 'GET /api/v1/search', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/search?q=Argun&facets=true' }) },
    { route: 'GET /api/v1/search.json', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/search.json?q=Argun' }) },
    { route: 'GET /api/v1/search.csv', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/search.csv?q=Argun' }) },
    ...recordRows('locations', () => w.location, () => aLocation(cb), (name) => ({ name, kind: 'settlement' }), (description) => ({ description })),
    ...recordRows('organisations', () => w.organisation, () => anOrganisation(cb), (name) => ({ name, kind: 'ngo' }), (description) => ({ description })),
    ...recordRows('persons', () => w.person, () => anOfficial(cb), (name) => ({ name, protection: 'public-figure' }), (description) => ({ description })),
    ...recordRows(
      'alternative-names',
      () => w.alternativeName,
      () => anAlternativeName(w.location.id),
      (name) => ({ location: w.location.id, name, kind: 'alias' }),
      (name) => ({ name }),
    ),
    ...recordRows(
      'posts',
      () => w.post,
      () => aPost(cb, { person: w.person.id, organisation: w.organisation.id }),
      (role) => ({ person: w.person.id, organisation: w.organisation.id, role }),
      (role) => ({ role }),
    ),
    ...recordRows(
      'involvements',
      () => w.involvement,
      () => anInvolvement(cb, { incident: w.incident.id, organisation: w.organisation.id }),
      (description) => ({ incident: w.incident.id, organisation: w.organisation.id, role: 'complicit', description }),
      (description) => ({ description }),
    ),
    ...recordRows('sources', () => w.source, () => aSource(cb), (title) => ({ kind: 'news-article', title, reliability: 'C' }), (notes) => ({ notes })),
    ...recordRows(
      'citations',
      () => w.citation,
      () => aCitation(cb, w.source, { kind: 'incident', id: w.incident.id }),
      (quote) => ({ source: w.source.id, claim: { kind: 'incident', id: w.incident.id }, quote, stance: 'disputes', credibility: 2 }),
      (quote) => ({ quote }),
    ),

    { route: 'GET /api/v1/evidence', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/evidence' }) },
    { route: 'GET /api/v1/evidence/:id', method: 'GET', expect: reads, call: () => ({ path: `/api/v1/evidence/${w.evidence.id}` }) },
    { route: 'GET /api/v1/evidence/:id/file', method: 'GET', expect: reads, call: () => ({ path: `/api/v1/evidence/${w.evidence.id}/file` }) },
    {
      // A journalist only ever receives the safe copy; for a photo with no metadata it is byte-identical to the original.
      route: 'GET /api/v1/evidence/:id/file of a photo with nothing to strip',
      method: 'GET',
      expect: reads,
      call: async () => ({ path: `/api/v1/evidence/${(await anEvidenceItem(fixture('plain.jpg'))).id}/file` }),
    },
    { route: 'GET /api/v1/evidence/:id/custody', method: 'GET', expect: writersRead, call: () => ({ path: `/api/v1/evidence/${w.evidence.id}/custody` }) },
    {
      route: 'POST /api/v1/evidence',
      method: 'POST',
      expect: writes(201),
      call: () => {
        const marker = aMarker();
        return { path: `/api/v1/evidence?protected=false&description=${marker}`, upload: anUpload(), marker };
      },
    },
    { route: 'PATCH /api/v1/evidence/:id', method: 'PATCH', expect: writes(200), call: () => withMarker(`/api/v1/evidence/${w.evidence.id}`, (correction) => ({ correction })) },
    { route: 'POST /api/v1/evidence/:id/safe-copy', method: 'POST', expect: writes(201), call: async () => ({ path: `/api/v1/evidence/${(await anEvidenceItem()).id}/safe-copy` }) },
    {
      // The same picture sent again with other bytes after its end: its safe copy is one already stored.
      route: 'POST /api/v1/evidence/:id/safe-copy of a second upload of the same picture',
      method: 'POST',
      expect: writes(201),
      call: async () => {
        await anEvidenceItem(fixture('plain.jpg'));
        return { path: `/api/v1/evidence/${(await anEvidenceItem(Buffer.concat([fixture('plain.jpg'), randomBytes(16)]))).id}/safe-copy` };
      },
    },

    { route: 'GET /api/v1/vocabularies', method: 'GET', expect: [200, 200, 200, 200], call: () => ({ path: '/api/v1/vocabularies' }) },
    {
      route: 'POST /api/v1/session with the right password',
      method: 'POST',
      expect: [201, 201, 201, 201],
      call: async () => {
        const { name, oneTimePassword } = await anAccount();
        return { path: '/api/v1/session', body: { name, password: oneTimePassword }, marker: oneTimePassword };
      },
    },
    {
      route: 'POST /api/v1/session with a wrong password',
      method: 'POST',
      expect: [401, 401, 401, 401],
      call: () => withMarker('/api/v1/session', (password) => ({ name: cb.account('journalist').name, password })),
    },
    { route: 'GET /api/v1/session', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/session' }) },
    { route: 'DELETE /api/v1/session', method: 'DELETE', expect: [401, 204, 204, 204], call: () => ({ path: '/api/v1/session' }) },
    {
      route: 'POST /api/v1/session/password with a wrong current password',
      method: 'POST',
      expect: [401, 400, 400, 400],
      call: () => withMarker('/api/v1/session/password', (currentPassword) => ({ currentPassword, newPassword: `${currentPassword} correct horse battery` })),
    },
    { route: 'GET /api/v1/tokens', method: 'GET', expect: reads, call: () => ({ path: '/api/v1/tokens' }) },
    { route: 'POST /api/v1/tokens', method: 'POST', expect: [401, 201, 201, 201], call: () => withMarker('/api/v1/tokens', (label) => ({ label })) },
    {
      route: 'DELETE /api/v1/tokens/:id (one\'s own)',
      method: 'DELETE',
      expect: [401, 204, 204, 204],
      call: async (who) => {
        const owner = who === 'anonymous' ? 'journalist' : who;
        const created = await cb.as(owner).post('/api/v1/tokens', { label: 'to revoke' });
        assert.equal(created.status, 201, created.text);
        return { path: `/api/v1/tokens/${created.body.id}` };
      },
    },
    { route: 'GET /api/v1/users', method: 'GET', expect: adminsOnly(200), call: () => ({ path: '/api/v1/users' }) },
    { route: 'POST /api/v1/users', method: 'POST', expect: adminsOnly(201), call: () => withMarker('/api/v1/users', (name) => ({ name, role: 'journalist' })) },
    { route: 'PATCH /api/v1/users/:id', method: 'PATCH', expect: adminsOnly(200), call: async () => ({ path: `/api/v1/users/${(await anAccount()).id}`, body: { role: 'researcher' } }) },
    { route: 'POST /api/v1/users/:id/password-reset', method: 'POST', expect: adminsOnly(200), call: async () => ({ path: `/api/v1/users/${(await anAccount()).id}/password-reset` }) },
    { route: 'GET /api/v1/audit', method: 'GET', expect: adminsOnly(200), call: () => ({ path: '/api/v1/audit' }) },
    { route: 'GET /api/v1/graph', method: 'GET', expect: adminsOnly(200), call: () => ({ path: '/api/v1/graph' }) },
    {
      // This Casebook is not empty: the admin's import is refused, but only after the role check has let it through.
      route: 'POST /api/v1/graph',
      method: 'POST',
      expect: adminsOnly(409),
      call: () => ({ path: '/api/v1/graph', upload: { bytes: Buffer.from('{"kind":"casebook-graph","version":1,"counts":{}}\n'), headers: { 'content-type': 'application/x-ndjson' } } }),
    },
    { route: 'GET /api/v1/no-such-route', method: 'GET', expect: [401, 404, 404, 404], call: () => ({ path: '/api/v1/no-such-route' }) },
  ];

  async function send(who: Who, method: string, call: Call): Promise<{ status: number; contentType: string; text: string }> {
    if (!call.upload) return cb.as(who).request(method, call.path, call.body);
    const auth: Record<string, string> = who === 'anonymous' ? {} : { authorization: `Bearer ${cb.account(who).token}` };
    const response = await fetch(cb.url + call.path, { method, headers: { ...auth, ...call.upload.headers }, body: new Blob([new Uint8Array(call.upload.bytes)]) });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  /** The log lines written since `from`, once the server has finished logging the request. */
  async function logSince(from: number): Promise<string[]> {
    await new Promise((resolve) => setImmediate(resolve));
    return cb.logLines.slice(from);
  }

  for (const row of rows) {
    WHO.forEach((who, index) => {
      const expected = row.expect[index]!;
      it(`${row.route} as ${who} → ${expected}`, async () => {
        const call = await row.call(who);
        if (call.marker) markers.push(call.marker);
        const before = contentDigest(cb.db);
        const from = cb.logLines.length;

        const response = await send(who, row.method, call);

        assert.equal(response.status, expected, response.text.slice(0, 300));
        const logged = await logSince(from);
        const bodyText = call.body === undefined ? undefined : JSON.stringify(call.body);
        for (const line of logged) {
          if (call.marker) assert.ok(!line.includes(call.marker), `the log holds the request body: ${line}`);
          if (bodyText) assert.ok(!line.includes(bodyText), `the log holds the request body: ${line}`);
        }
        if (expected !== 401 && expected !== 403) return;

        assert.match(response.contentType, /^application\/problem\+json/);
        assert.equal(JSON.parse(response.text).status, expected);
        assert.equal(contentDigest(cb.db), before, 'a refused call changes nothing');
        if (expected === 403) assert.equal(JSON.parse(response.text).type, 'forbidden');
        if (expected === 403 && row.method !== 'GET') {
          const refusals = logged.map((line) => JSON.parse(line)).filter((entry) => String(entry.msg).includes('refused'));
          assert.equal(refusals.length, 1, `one refusal is logged; the log says: ${logged.join('\n')}`);
          const refusal = refusals[0];
          assert.equal(refusal.level, 40, 'a refusal is a warning');
          assert.equal(refusal.userId, cb.account(who as Exclude<Who, 'anonymous'>).id, 'it names the account');
          assert.equal(refusal.method, row.method);
          assert.equal(refusal.body, undefined);
          assert.equal(refusal.req?.body, undefined);
        }
      });
    });
  }

  it('when every row has run, no log line holds any request body', async () => {
    const log = (await logSince(0)).join('\n');
    assert.ok(markers.length > 50);
    assert.deepEqual(markers.filter((marker) => log.includes(marker)), []);
  });
});
