/**
 * Every refused request gets a precise 4xx as problem+json, with every problem listed by field
 * path, and leaves the database exactly as it was.
 */
import assert from 'node:assert/strict';
import { startCasebook, type ApiResponse, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anOfficial, aSource } from '../helpers/factories.js';
import { contentDigest } from '../helpers/snapshot.js';

describe('bad input', () => {
  let cb: TestCasebook;
  let ids: { location: number; incident: number; source: number; person: number };
  before(async () => {
    cb = await startCasebook();
    const location = await aLocation(cb);
    const incident = await anIncident(cb, { locations: [location.id] });
    const source = await aSource(cb);
    const person = await anOfficial(cb);
    await aCitation(cb, source, { kind: 'incident', id: incident.id });
    ids = { location: location.id, incident: incident.id, source: source.id, person: person.id };
  });
  after(() => cb.close());

  async function refused(send: () => Promise<ApiResponse>, status: number, type: string): Promise<ApiResponse> {
    const before = contentDigest(cb.db);
    const response = await send();
    assert.equal(response.status, status, response.text);
    assert.match(response.contentType, /^application\/problem\+json/);
    assert.equal(response.body.type, type);
    assert.equal(response.body.status, status);
    assert.ok(response.body.detail, 'says what is wrong');
    assert.doesNotMatch(response.text, /at .*\.(ts|js):\d+/, 'no stack trace');
    assert.equal(contentDigest(cb.db), before, 'the database is unchanged');
    return response;
  }

  const paths = (response: ApiResponse) => response.body.errors.map((e: { path: string }) => e.path).sort();

  it('malformed JSON: 400', async () => {
    await refused(() => cb.request('POST', '/api/v1/incidents', '{"title": "x",'), 400, 'malformed-json');
  });

  it('a wrong type, an unknown field, a bad EDTF date, min over max and an unknown term, all listed at once', async () => {
    const response = await refused(
      () => cb.post('/api/v1/incidents', { title: 42, actTypes: ['tortur'], date: 'December 2016', victims: { min: 100, max: 3 }, colour: 'red' }),
      400,
      'validation-failed',
    );
    assert.deepEqual(paths(response), ['', 'actTypes.0', 'date', 'title', 'victims.max']);
    assert.match(JSON.stringify(response.body.errors), /Unrecognized key.*colour/);
  });

  it('a wrong type inside a nested object names the nested path', async () => {
    const response = await refused(
      () => cb.post('/api/v1/locations', { name: 'X', kind: 'settlement', point: { latitude: 'north', longitude: 200, precisionMeters: 10 } }),
      400,
      'validation-failed',
    );
    assert.deepEqual(paths(response), ['point.latitude', 'point.longitude']);
  });

  it('a reference to a record that does not exist is named with its path', async () => {
    const response = await refused(
      () => cb.post('/api/v1/incidents', { title: 'x', actTypes: ['torture'], date: '2017', locations: [ids.location, 999999] }),
      400,
      'validation-failed',
    );
    assert.deepEqual(response.body.errors, [{ path: 'locations.1', message: 'there is no location 999999' }]);
    await refused(() => cb.post('/api/v1/citations', { source: ids.source, claim: { kind: 'post', id: 424242 }, stance: 'supports', credibility: 2 }), 400, 'validation-failed');
  });

  it('an unknown id in the path: 404, for reads, updates and deletes alike', async () => {
    for (const resource of ['incidents', 'locations', 'persons', 'organisations', 'posts', 'involvements', 'sources', 'citations', 'alternative-names']) {
      await refused(() => cb.get(`/api/v1/${resource}/987654`), 404, 'not-found');
      await refused(() => cb.patch(`/api/v1/${resource}/987654`, {}), 404, 'not-found');
      await refused(() => cb.delete(`/api/v1/${resource}/987654`), 404, 'not-found');
      await refused(() => cb.get(`/api/v1/${resource}/..%2F..%2Fetc%2Fpasswd`), 404, 'not-found');
    }
  });

  it('a body over 1 MB: 413', async () => {
    await refused(() => cb.post('/api/v1/incidents', { title: 'x', summary: 'a'.repeat(1_100_000), actTypes: ['torture'], date: '2017' }), 413, 'payload-too-large');
  });

  it('a body that is not JSON: 415', async () => {
    await refused(() => cb.request('POST', '/api/v1/incidents', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    await refused(() => cb.request('PATCH', `/api/v1/incidents/${ids.incident}`, 'x', { 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
  });

  it('a bad filter or cursor: 400 naming the query parameter', async () => {
    const response = await refused(() => cb.get('/api/v1/incidents?date=soon&act=nope&limit=0&colour=red'), 400, 'validation-failed');
    assert.deepEqual(paths(response), ['query', 'query.act', 'query.date', 'query.limit']);
    await refused(() => cb.get('/api/v1/incidents?cursor=not-a-cursor'), 400, 'validation-failed');
  });

  it('deleting a record others still reference: 409 naming them', async () => {
    const response = await refused(() => cb.delete(`/api/v1/locations/${ids.location}`), 409, 'conflict');
    assert.deepEqual(response.body.referencedBy, [{ kind: 'incidents', count: 1, ids: [ids.incident] }]);
    assert.match(response.body.detail, new RegExp(`location ${ids.location} is still referenced by incidents ${ids.incident}`));
    const incident = await refused(() => cb.delete(`/api/v1/incidents/${ids.incident}`), 409, 'conflict');
    assert.deepEqual(incident.body.referencedBy.map((r: { kind: string }) => r.kind), ['citations']);
    await refused(() => cb.delete(`/api/v1/sources/${ids.source}`), 409, 'conflict');
  });

  it('a method a resource does not have: 405; a path that does not exist: 404', async () => {
    await refused(() => cb.request('PUT', '/api/v1/incidents', {}), 405, 'method-not-allowed');
    await refused(() => cb.get('/api/v1/nothing-here'), 404, 'not-found');
  });

  it('SQL and script text are stored and returned as text', async () => {
    const title = `Robert'); DROP TABLE incidents;-- <script>alert(1)</script>`;
    const created = await anIncident(cb, { title });
    assert.equal((await cb.get(`/api/v1/incidents/${created.id}`)).body.title, title);
    assert.equal((await cb.get('/api/v1/incidents')).status, 200);
  });

  it('prototype-pollution keys are refused as unknown fields', async () => {
    const response = await refused(() => cb.request('POST', '/api/v1/persons', '{"name":"x","__proto__":{"protection":"public-figure"}}'), 400, 'validation-failed');
    assert.match(response.text, /__proto__/);
  });
});
