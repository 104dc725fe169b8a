import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPerson, aPost, aSource } from '../helpers/factories.js';

describe('records other than incidents', () => {
  let cb: TestCasebook;
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  const names = (response: { body: { items: { name: string }[] } }) => response.body.items.map((item) => item.name);

  it('finds a person by any spelling, script or call sign', async () => {
    await anOfficial(cb, {
      name: 'Magomed Daudov',
      alternativeNames: [
        { name: 'Магомед Даудов', kind: 'native-script', language: 'ru' },
        { name: 'Lord', kind: 'call-sign', language: 'en' },
      ],
    });
    await anOfficial(cb, { name: 'Ayub Kataev' });
    for (const query of ['Даудов', 'даудов', 'Lord', 'daudov', 'Magomed']) {
      assert.deepEqual(names(await cb.get(`/api/v1/persons?name=${encodeURIComponent(query)}`)), ['Magomed Daudov'], query);
    }
    assert.deepEqual(names(await cb.get('/api/v1/persons?name=%25')), [], 'LIKE wildcards are matched literally');
  });

  it('finds a place by a variant spelling across hyphens and scripts', async () => {
    await aLocation(cb, {
      name: 'Tsotsi-Yurt',
      alternativeNames: [
        { name: 'Tsotsin-Yurt', kind: 'spelling-variant', language: 'ru-Latn' },
        { name: 'Цоци-Юрт', kind: 'native-script', language: 'ru' },
      ],
    });
    for (const query of ['Цоци-Юрт', 'tsotsin yurt', 'Tsotsi-Yurt']) {
      assert.deepEqual(names(await cb.get(`/api/v1/locations?name=${encodeURIComponent(query)}`)), ['Tsotsi-Yurt'], query);
    }
  });

  it('gives a protected person a stable pseudonym that reveals neither name nor order', async () => {
    const witness = await aPerson(cb, { name: 'Planted Witness', pseudonymKind: 'witness' });
    const victim = await aPerson(cb, { name: 'Planted Victim', pseudonymKind: 'victim' });
    assert.equal(witness.protection, 'protected', 'persons are protected unless said otherwise');
    assert.match(witness.pseudonym, /^W-\d{2}$/);
    assert.match(victim.pseudonym, /^V-\d{2}$/);
    const renamed = await cb.patch(`/api/v1/persons/${witness.id}`, { name: 'Renamed Witness', protection: 'public-figure' });
    assert.equal(renamed.body.pseudonym, witness.pseudonym, 'a pseudonym is for life');
    const refused = await cb.patch(`/api/v1/persons/${witness.id}`, { pseudonym: 'W-01' });
    assert.equal(refused.status, 400, 'a pseudonym cannot be typed in');
  });

  it('keeps a hierarchy from looping', async () => {
    const republic = await aLocation(cb, { kind: 'region' });
    const town = await aLocation(cb, { parent: republic.id });
    const response = await cb.patch(`/api/v1/locations/${republic.id}`, { parent: town.id });
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].path, 'parent');
  });

  it('lists places inside a place and units inside a unit', async () => {
    const russia = await aLocation(cb, { name: 'Russia', kind: 'country' });
    const chechnya = await aLocation(cb, { name: 'Chechen Republic', kind: 'region', parent: russia.id });
    await aLocation(cb, { name: 'Argun', parent: chechnya.id });
    assert.deepEqual(names(await cb.get(`/api/v1/locations?within=${russia.id}`)), ['Chechen Republic', 'Argun']);
    const guard = await anOrganisation(cb, { name: 'Rosgvardia', kind: 'security-agency' });
    await anOrganisation(cb, { name: 'SOBR Terek', parent: guard.id });
    assert.deepEqual(names(await cb.get(`/api/v1/organisations?within=${guard.id}`)), ['SOBR Terek']);
  });

  it('shows a person with posts over time and incidents', async () => {
    const daudov = await anOfficial(cb, { name: 'Magomed Daudov' });
    const parliament = await anOrganisation(cb, { name: 'Chechen Parliament', kind: 'legislature' });
    const post = await aPost(cb, { person: daudov.id, organisation: parliament.id, role: 'Speaker', period: '2016-12/2017-04' });
    assert.deepEqual(post.periodRange, { earliest: '2016-12-01', latest: '2017-04-30' });
    const incident = await anIncident(cb, { date: '2017-02' });
    await anInvolvement(cb, { incident: incident.id, person: daudov.id, role: 'commander' });
    const body = (await cb.get(`/api/v1/persons/${daudov.id}`)).body;
    assert.equal(body.posts[0].organisation.name, 'Chechen Parliament');
    assert.equal(body.involvements[0].incident.id, incident.id);
    const during = await cb.get(`/api/v1/posts?date=2017-02`);
    assert.deepEqual(during.body.items.map((p: { id: number }) => p.id), [post.id]);
    assert.deepEqual((await cb.get(`/api/v1/posts?date=2016-11`)).body.items, []);
  });

  it('creates, updates and deletes every kind of record', async () => {
    const source = await aSource(cb, { published: '2017-04~', language: 'en', url: 'https://example.org/a' });
    assert.deepEqual(source.publishedRange, { earliest: '2017-04-01', latest: '2017-04-30' });
    const place = await aLocation(cb, { point: { latitude: 43.29, longitude: 45.87, precisionMeters: 3000 } });
    assert.deepEqual(place.point, { latitude: 43.29, longitude: 45.87, precisionMeters: 3000 });
    const unit = await anOrganisation(cb);
    const person = await anOfficial(cb);
    const incident = await anIncident(cb);
    const involvement = await anInvolvement(cb, { incident: incident.id, organisation: unit.id });
    const post = await aPost(cb, { person: person.id, organisation: unit.id });
    const name = (await cb.post('/api/v1/alternative-names', { person: person.id, name: 'Alias', kind: 'alias', language: 'RU-cyrl' })).body;
    assert.equal(name.language, 'ru-Cyrl', 'language tags are canonicalised');
    const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id });

    const updates: [string, object][] = [
      [`sources/${source.id}`, { reliability: 'A' }],
      [`locations/${place.id}`, { point: null }],
      [`organisations/${unit.id}`, { name: 'Renamed unit' }],
      [`persons/${person.id}`, { description: 'Speaker' }],
      [`incidents/${incident.id}`, { victims: { min: 1, max: 2 } }],
      [`involvements/${involvement.id}`, { role: 'complicit' }],
      [`posts/${post.id}`, { period: '2017' }],
      [`alternative-names/${name.id}`, { kind: 'transliteration' }],
      [`citations/${citation.id}`, { credibility: 2 }],
    ];
    for (const [path, body] of updates) {
      const response = await cb.patch(`/api/v1/${path}`, body);
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      for (const [key, value] of Object.entries(body)) {
        if (key !== 'period' && key !== 'victims') assert.deepEqual(response.body[key], value, `${path} ${key}`);
      }
    }
    const deletions = [`citations/${citation.id}`, `alternative-names/${name.id}`, `posts/${post.id}`, `involvements/${involvement.id}`, `incidents/${incident.id}`, `persons/${person.id}`, `organisations/${unit.id}`, `locations/${place.id}`, `sources/${source.id}`];
    for (const path of deletions) {
      assert.equal((await cb.delete(`/api/v1/${path}`)).status, 204, path);
      assert.equal((await cb.get(`/api/v1/${path}`)).status, 404, path);
    }
  });

  it('serves the controlled vocabularies with HURIDOCS cross-references', async () => {
    const body = (await cb.get('/api/v1/vocabularies')).body;
    const torture = body.actTypes.find((term: { code: string }) => term.code === 'torture');
    assert.equal(torture.huridocs, '020111110000');
    assert.ok(body.actTypes.some((term: { code: string }) => term.code === 'entrapment'));
    assert.deepEqual(body.reliabilityGrades.map((t: { code: string }) => t.code), ['A', 'B', 'C', 'D', 'E', 'F']);
  });
});
