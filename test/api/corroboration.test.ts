import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPost, aSource } from '../helpers/factories.js';

describe('status computed from citations', () => {
  let cb: TestCasebook;
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  const statusOf = async (incident: { id: number }) => (await cb.get(`/api/v1/incidents/${incident.id}`)).body.status;

  it('when a second outlet only relays the first report, then the incident stays single-source', async () => {
    const incident = await anIncident(cb);
    const original = await aSource(cb, { kind: 'ngo-report', title: 'Russian LGBT Network report' });
    const relay = await aSource(cb, { title: 'Outlet relaying the report', repeats: original.id });
    await aCitation(cb, original, { kind: 'incident', id: incident.id });
    await aCitation(cb, relay, { kind: 'incident', id: incident.id });
    const status = await statusOf(incident);
    assert.equal(status.corroboration, 'single-source');
    assert.equal(status.supportingOrigins, 1);
    assert.equal(status.supportingCitations, 2);
    assert.equal(relay.origin, original.id);
  });

  it('when two independent origins support it, then it is corroborated; a denial marks it disputed and is kept', async () => {
    const incident = await anIncident(cb);
    const [a, b, denial] = [await aSource(cb), await aSource(cb), await aSource(cb, { kind: 'official-statement' })];
    await aCitation(cb, a, { kind: 'incident', id: incident.id });
    await aCitation(cb, b, { kind: 'incident', id: incident.id });
    const disputing = await aCitation(cb, denial, { kind: 'incident', id: incident.id }, { stance: 'disputes', quote: 'one cannot persecute someone who simply isn’t there' });
    const status = await statusOf(incident);
    assert.equal(status.corroboration, 'corroborated');
    assert.equal(status.disputed, true);
    assert.equal(status.disputingCitations, 1);
    assert.match(status.explanation, /corroborated by 2 independent source origins; disputed by 1 citation/);
    const body = (await cb.get(`/api/v1/incidents/${incident.id}`)).body;
    assert.ok(body.citations.some((c: { id: number; stance: string }) => c.id === disputing.id && c.stance === 'disputes'));
  });

  it('refuses a relay of a relay, so every echo counts once', async () => {
    const original = await aSource(cb);
    const relay = await aSource(cb, { repeats: original.id });
    const response = await cb.post('/api/v1/sources', { kind: 'news-article', title: 'x', reliability: 'C', repeats: relay.id });
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].path, 'repeats');
    assert.match(response.body.errors[0].message, new RegExp(`point at the original, ${original.id}`));
  });

  it('computes status for involvements, posts, locations and alternative names too', async () => {
    const source = await aSource(cb);
    const incident = await anIncident(cb);
    const daudov = await anOfficial(cb, { name: 'Magomed Daudov', alternativeNames: [{ name: 'Lord', kind: 'call-sign', language: 'en' }] });
    const parliament = await anOrganisation(cb, { name: 'Chechen Parliament', kind: 'legislature' });
    const involvement = await anInvolvement(cb, { incident: incident.id, person: daudov.id, role: 'commander' });
    const post = await aPost(cb, { person: daudov.id, organisation: parliament.id, role: 'Speaker' });
    const place = await aLocation(cb);
    const lord = daudov.alternativeNames[0];
    for (const claim of [
      { kind: 'involvement', id: involvement.id },
      { kind: 'post', id: post.id },
      { kind: 'location', id: place.id },
      { kind: 'alternative-name', id: lord.id },
    ]) {
      await aCitation(cb, source, claim);
    }
    assert.equal((await cb.get(`/api/v1/involvements/${involvement.id}`)).body.status.corroboration, 'single-source');
    assert.equal((await cb.get(`/api/v1/posts/${post.id}`)).body.status.corroboration, 'single-source');
    assert.equal((await cb.get(`/api/v1/locations/${place.id}`)).body.status.corroboration, 'single-source');
    const name = (await cb.get(`/api/v1/alternative-names/${lord.id}`)).body;
    assert.equal(name.status.corroboration, 'single-source');
    assert.equal(name.citations.length, 1);
  });
});
