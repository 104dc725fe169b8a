import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aSource } from '../helpers/factories.js';

describe('incidents over /api/v1/incidents', () => {
  let cb: TestCasebook;
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  const ids = (response: { body: { items: { id: number }[] } }) => response.body.items.map((item) => item.id);

  it('creates, reads, updates, lists and deletes an incident', async () => {
    const argun = await aLocation(cb, { name: 'Argun' });
    const created = await anIncident(cb, { title: 'First wave', actTypes: ['arbitrary-detention', 'torture'], date: '2016-12', locations: [argun.id], victims: { min: 100, max: null } });
    assert.equal(created.date, '2016-12');
    assert.deepEqual(created.dateRange, { earliest: '2016-12-01', latest: '2016-12-31' });
    assert.deepEqual(created.victims, { min: 100, max: null, text: '100 or more' });
    assert.deepEqual(created.locations.map((l: { name: string }) => l.name), ['Argun']);
    assert.equal(created.status.corroboration, 'unsourced');

    const updated = await cb.patch(`/api/v1/incidents/${created.id}`, { summary: 'Men held in a secret prison.', date: '2016-12/2017-01' });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.summary, 'Men held in a secret prison.');
    assert.equal(updated.body.title, 'First wave', 'a PATCH leaves other fields alone');
    assert.deepEqual(updated.body.victims.min, 100);

    assert.deepEqual(ids(await cb.get('/api/v1/incidents')), [created.id]);
    assert.equal((await cb.delete(`/api/v1/incidents/${created.id}`)).status, 204);
    assert.equal((await cb.get(`/api/v1/incidents/${created.id}`)).status, 404);
  });

  it('returns one incident with its places, involvements, citations and status', async () => {
    const place = await aLocation(cb);
    const unit = await anOrganisation(cb, { name: 'SOBR Terek' });
    const incident = await anIncident(cb, { locations: [place.id] });
    const involvement = await anInvolvement(cb, { incident: incident.id, organisation: unit.id, role: 'perpetrator' });
    const source = await aSource(cb);
    await aCitation(cb, source, { kind: 'incident', id: incident.id }, { quote: 'men were held' });
    const body = (await cb.get(`/api/v1/incidents/${incident.id}`)).body;
    assert.equal(body.locations[0].id, place.id);
    assert.equal(body.involvements[0].id, involvement.id);
    assert.deepEqual(body.involvements[0].actor, { kind: 'organisation', id: unit.id, name: 'SOBR Terek', href: `/api/v1/organisations/${unit.id}` });
    assert.equal(body.citations[0].quote, 'men were held');
    assert.equal(body.citations[0].source.id, source.id);
    assert.equal(body.status.corroboration, 'single-source');
  });

  describe('filters', () => {
    it('matches dates by overlap', async () => {
      const december = await anIncident(cb, { date: '2016-12' });
      const spring = await anIncident(cb, { date: '2016-12/2017-04' });
      const later = await anIncident(cb, { date: '2018' });
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?date=2016-12-15')), [december.id, spring.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?date=2017-01/2017-02')), [spring.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?date=2018-06~')), [later.id]);
    });

    it('filters by act type, any of several', async () => {
      const torture = await anIncident(cb, { actTypes: ['torture'] });
      const killing = await anIncident(cb, { actTypes: ['killing', 'abduction'] });
      await anIncident(cb, { actTypes: ['threats'] });
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?act=torture')), [torture.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?act=torture&act=killing')), [torture.id, killing.id]);
    });

    it('filters by a place including every place inside it', async () => {
      const republic = await aLocation(cb, { name: 'Chechen Republic', kind: 'region' });
      const argun = await aLocation(cb, { name: 'Argun', parent: republic.id });
      const prison = await aLocation(cb, { name: 'Argun prison', kind: 'detention-site', parent: argun.id });
      const elsewhere = await aLocation(cb, { name: 'Moscow' });
      const inPrison = await anIncident(cb, { locations: [prison.id] });
      const inArgun = await anIncident(cb, { locations: [argun.id] });
      await anIncident(cb, { locations: [elsewhere.id] });
      assert.deepEqual(ids(await cb.get(`/api/v1/incidents?location=${republic.id}`)), [inPrison.id, inArgun.id]);
      assert.deepEqual(ids(await cb.get(`/api/v1/incidents?location=${prison.id}`)), [inPrison.id]);
    });

    it('filters by person and by organisation including its units', async () => {
      const guard = await anOrganisation(cb, { name: 'Rosgvardia', kind: 'security-agency' });
      const terek = await anOrganisation(cb, { name: 'SOBR Terek', parent: guard.id });
      const daudov = await anOfficial(cb, { name: 'Magomed Daudov' });
      const byTerek = await anIncident(cb);
      const byDaudov = await anIncident(cb);
      await anIncident(cb);
      await anInvolvement(cb, { incident: byTerek.id, organisation: terek.id });
      await anInvolvement(cb, { incident: byDaudov.id, person: daudov.id, role: 'commander' });
      assert.deepEqual(ids(await cb.get(`/api/v1/incidents?organisation=${guard.id}`)), [byTerek.id]);
      assert.deepEqual(ids(await cb.get(`/api/v1/incidents?person=${daudov.id}`)), [byDaudov.id]);
    });

    it('filters by corroboration and by dispute', async () => {
      const unsourced = await anIncident(cb);
      const single = await anIncident(cb);
      const corroborated = await anIncident(cb);
      const [a, b] = [await aSource(cb), await aSource(cb)];
      await aCitation(cb, a, { kind: 'incident', id: single.id });
      await aCitation(cb, a, { kind: 'incident', id: corroborated.id });
      await aCitation(cb, b, { kind: 'incident', id: corroborated.id });
      await aCitation(cb, b, { kind: 'incident', id: single.id }, { stance: 'disputes' });
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?corroboration=unsourced')), [unsourced.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?corroboration=single-source')), [single.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?corroboration=corroborated')), [corroborated.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?disputed=true')), [single.id]);
      assert.deepEqual(ids(await cb.get('/api/v1/incidents?disputed=false')), [unsourced.id, corroborated.id]);
    });
  });

  it('pages with an opaque cursor until the last page says there is no next', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await anIncident(cb)).id);
    const seen: number[] = [];
    let path: string | null = '/api/v1/incidents?limit=2&act=arbitrary-detention';
    let pages = 0;
    while (path) {
      const page: { body: { items: { id: number }[]; links: { next: string | null } } } = await cb.get(path);
      seen.push(...page.body.items.map((item) => item.id));
      path = page.body.links.next;
      pages++;
    }
    assert.deepEqual(seen, created);
    assert.equal(pages, 3);
  });

  it('adds victim ranges into a summary and never gives a bare number for an open total', async () => {
    await anIncident(cb, { actTypes: ['arbitrary-detention', 'torture'], victims: { min: 100, max: null } });
    await anIncident(cb, { actTypes: ['killing'], victims: { min: 3, max: 5 } });
    await anIncident(cb, { actTypes: ['enforced-disappearance'] });
    const all = (await cb.get('/api/v1/incidents/summary')).body;
    assert.equal(all.incidents, 3);
    assert.deepEqual(all.victims, { min: 103, max: null, text: '103 or more' });
    const killings = (await cb.get('/api/v1/incidents/summary?act=killing')).body;
    assert.deepEqual(killings.victims, { min: 3, max: 5, text: '3 to 5' });
    assert.deepEqual(killings.byActType, [{ actType: 'killing', incidents: 1 }]);
  });
});
