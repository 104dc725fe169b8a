/**
 * A place where something happened to a protected person is shown to a journalist only as a
 * coarse point, as in a public export, so the API cannot undo the exported map.
 */
import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aLocation, anIncident, anInvolvement, aPerson } from '../helpers/factories.js';

describe('points of places tied to protected persons', () => {
  let cb: TestCasebook;
  let tied: { id: number };
  let untied: { id: number };
  const exact = { latitude: 43.2917123, longitude: 45.8722456, precisionMeters: 50 };
  const elsewhere = { latitude: 43.3178, longitude: 45.6981, precisionMeters: 500 };

  before(async () => {
    cb = await startCasebook();
    tied = await aLocation(cb, { name: 'Safe house street', point: exact });
    untied = await aLocation(cb, { name: 'Town square', point: elsewhere });
    const witness = await aPerson(cb, { name: 'Hidden Witnessov', protection: 'protected' });
    const incident = await anIncident(cb, { locations: [tied.id] });
    await anInvolvement(cb, { incident: incident.id, person: witness.id, role: 'victim' });
    await anIncident(cb, { locations: [untied.id] });
  });
  after(() => cb.close());

  it('a journalist gets the tied place coarsened, in the list and by id; researchers get it exact', async () => {
    const byId = await cb.as('journalist').get(`/api/v1/locations/${tied.id}`);
    assert.equal(byId.status, 200, byId.text);
    assert.deepEqual(byId.body.point, { latitude: 43.3, longitude: 45.9, precisionMeters: 10_000 });
    const listed = (await cb.as('journalist').get('/api/v1/locations?limit=500')).body.items.find((item: { id: number }) => item.id === tied.id);
    assert.deepEqual(listed.point, byId.body.point);
    assert.doesNotMatch(JSON.stringify((await cb.as('journalist').get('/api/v1/locations?limit=500')).body), /43\.2917|45\.8722/);
    assert.deepEqual((await cb.as('researcher').get(`/api/v1/locations/${tied.id}`)).body.point, exact);
  });

  it('a place tied to no protected person stays exact for a journalist', async () => {
    assert.deepEqual((await cb.as('journalist').get(`/api/v1/locations/${untied.id}`)).body.point, elsewhere);
  });
});
