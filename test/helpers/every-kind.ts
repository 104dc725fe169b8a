/**
 * Records of every kind the graph carries, planted through the real API, each chosen for what a
 * round trip could lose: parents made after their children, open ranges, EDTF dates of every
 * shape, protected persons, a restricted source, a relay, citations on every claim kind, and
 * evidence with its safe copy.
 */
import assert from 'node:assert/strict';
import { getTableName } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { graphTables } from '../../db/queries/graph.js';
import type { TestCasebook } from './casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOfficial, anOrganisation, aPerson, aPost, aSource } from './factories.js';
import { fixture, uploadRaw } from './files.js';

async function change(cb: TestCasebook, path: string, body: Record<string, unknown>) {
  const response = await cb.patch(path, body);
  assert.equal(response.status, 200, `changing ${path} failed: ${response.text}`);
}

export async function plantEveryKind(cb: TestCasebook) {
  const region = await aLocation(cb, { name: 'Planted Republic', kind: 'region' });
  const village = await aLocation(cb, {
    name: 'Planted-Yurt',
    parent: region.id,
    point: { latitude: 43.31, longitude: 45.92, precisionMeters: 800 },
    alternativeNames: [{ name: 'Плантед-Юрт', kind: 'native-script', language: 'ru' }],
  });
  // A parent made after its child: the export must still write it first.
  const district = await aLocation(cb, { name: 'Planted District', kind: 'district', parent: region.id });
  await change(cb, `/api/v1/locations/${village.id}`, { parent: district.id });

  const ministry = await anOrganisation(cb, { name: 'Planted Ministry', kind: 'ministry' });
  const unit = await anOrganisation(cb, { name: 'Planted Unit', alternativeNames: [{ name: 'Плантед', kind: 'native-script', language: 'ru' }] });
  const agency = await anOrganisation(cb, { name: 'Planted Agency', kind: 'security-agency', parent: ministry.id });
  await change(cb, `/api/v1/organisations/${unit.id}`, { parent: agency.id });

  const official = await anOfficial(cb, { name: 'Planted Official', alternativeNames: [{ name: 'Plantlord', kind: 'call-sign' }] });
  const victim = await aPerson(cb, { name: 'Planted Victim', pseudonymKind: 'victim', description: 'Fled abroad in 2017' });
  const witness = await aPerson(cb, { name: 'Planted Witness', pseudonymKind: 'witness' });
  const alias = await cb.post('/api/v1/alternative-names', { person: victim.id, name: 'Planted Alias', kind: 'alias', language: 'ru-Latn' });
  assert.equal(alias.status, 201, alias.text);

  const original = await aSource(cb, {
    kind: 'ngo-report',
    title: 'Planted report',
    publisher: 'Memorial',
    author: 'A. Author',
    url: 'https://example.org/report',
    published: '2017-04-01',
    language: 'ru',
    reliability: 'A',
    archiveUrl: 'https://web.archive.org/web/2017/https://example.org/report',
    notes: 'Read in full.',
  });
  const relay = await aSource(cb, { title: 'Planted echo', repeats: original.id, reliability: 'C' });
  const testimony = await aSource(cb, { kind: 'testimony', title: 'Planted testimony', restricted: true, published: '2017-02?' });
  const denial = await aSource(cb, { kind: 'official-statement', title: 'Planted denial', reliability: 'D' });

  const detentions = await anIncident(cb, {
    title: 'Planted detentions',
    actTypes: ['torture', 'arbitrary-detention'],
    date: '2016-12/2017-04',
    locations: [village.id, district.id],
    victims: { min: 3, max: null },
  });
  const abduction = await anIncident(cb, { title: 'Planted abduction', actTypes: ['abduction'], date: '2017-01~', victims: { min: 1, max: 2 } });
  await anIncident(cb, { title: 'Planted sighting', date: '2017-02?', summary: 'Planted Victim was seen there.' });
  await anIncident(cb, { title: 'Planted threats', actTypes: ['threats'], date: '../2017-01' });

  const command = await aPost(cb, { person: official.id, organisation: unit.id, period: '2016/2018' });
  await aPost(cb, { person: official.id, organisation: ministry.id, role: 'Adviser' });
  const held = await anInvolvement(cb, { incident: detentions.id, person: victim.id, role: 'victim' });
  await anInvolvement(cb, { incident: detentions.id, organisation: unit.id, role: 'perpetrator' });
  await anInvolvement(cb, { incident: abduction.id, person: witness.id, role: 'witness', description: 'Saw the car' });

  // The echo counts once with its original: the detentions are corroborated by the testimony, not by the echo.
  await aCitation(cb, original, { kind: 'incident', id: detentions.id }, { credibility: 2 });
  await aCitation(cb, relay, { kind: 'incident', id: detentions.id });
  await aCitation(cb, testimony, { kind: 'incident', id: detentions.id }, { quote: 'They kept us in the basement.' });
  await aCitation(cb, denial, { kind: 'incident', id: abduction.id }, { stance: 'disputes', credibility: 5 });
  await aCitation(cb, testimony, { kind: 'involvement', id: held.id });
  await aCitation(cb, original, { kind: 'post', id: command.id }, { locator: 'annex 2' });
  await aCitation(cb, original, { kind: 'location', id: village.id });
  await aCitation(cb, original, { kind: 'alternative-name', id: alias.body.id });

  const photo = await uploadRaw(cb, 'hematoma.jpg', fixture('gps.jpg'), `?incident=${detentions.id}&incident=${abduction.id}&description=After%20release`);
  assert.equal(photo.status, 201, photo.text);
  const plain = await uploadRaw(cb, 'plain.jpg', fixture('plain.jpg'), '?protected=false');
  assert.equal(plain.status, 201, plain.text);
  await change(cb, `/api/v1/evidence/${plain.body.id}`, { correction: 'Taken in 2017, not 2019' });
  const copy = await cb.post(`/api/v1/evidence/${photo.body.id}/safe-copy`, {});
  assert.equal(copy.status, 201, copy.text);
}

/** Every row of every graph table, in a stable order, for comparing two databases record by record. */
export function graphTableRows(db: Db): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.values(graphTables)) {
    const name = getTableName(table);
    rows[name] = (db.$client.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}
