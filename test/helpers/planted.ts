/**
 * A protected witness with a unique name (Latin, Cyrillic, an alias), written by a researcher
 * into other records' free text and into an evidence item, so a test can look for every form of
 * the name where a reader without clearance must not meet it.
 */
import assert from 'node:assert/strict';
import type { TestCasebook } from './casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOrganisation, aPerson, aPost, aSource } from './factories.js';
import { fixture, uploadRaw } from './files.js';
import { formsIn } from './leaks.js';

export const LATIN = 'Ruslanbek Qwertyname';
export const CYRILLIC = 'Русланбек Квертинаме';
export const ALIAS = 'Ruslo';
export const FORMS = [LATIN, CYRILLIC, ALIAS, ...LATIN.split(' '), ...CYRILLIC.split(' ')];

/** The forms of the planted name found in `text`, through any escaping. */
export const plantedFormsIn = (text: string) => formsIn(FORMS, text);

export type PlantedIds = Record<'person' | 'place' | 'unit' | 'incident' | 'source' | 'evidence' | 'citation', number>;

/** The protected witness himself, under his name in both scripts and his alias. */
export function aPlantedPerson(cb: TestCasebook) {
  return aPerson(cb, {
    name: LATIN,
    pseudonymKind: 'witness',
    description: 'Fled in 2017; lives in hiding',
    alternativeNames: [
      { name: CYRILLIC, kind: 'native-script', language: 'ru' },
      { name: ALIAS, kind: 'alias' },
    ],
  });
}

/** Plants the name over the API as a researcher; returns the records it is in and his pseudonym. */
export async function plantProtectedName(cb: TestCasebook): Promise<{ ids: PlantedIds; pseudonym: string }> {
  const person = await aPlantedPerson(cb);
  const place = await aLocation(cb, { name: 'Argun', description: `${ALIAS} was held here.`, point: { latitude: 43.29, longitude: 45.87, precisionMeters: 100 } });
  const unit = await anOrganisation(cb, { description: `The unit that took ${ALIAS}.` });
  const incident = await anIncident(cb, { title: 'Detention in Argun', summary: `${LATIN} was detained in Argun. Later RUSLANBEK-QWERTYNAME was moved.`, locations: [place.id] });
  const source = await aSource(cb, { title: `Interview about ${ALIAS}` });
  const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id }, { quote: `${CYRILLIC} рассказал о задержании.` });
  await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'witness', description: `${ALIAS} saw the cells.` });
  await anInvolvement(cb, { incident: incident.id, organisation: unit.id, role: 'perpetrator' });
  await aPost(cb, { person: person.id, organisation: unit.id, role: 'Driver', period: '2016' });
  const upload = await uploadRaw(cb, `${ALIAS}-hematoma.jpg`, fixture('gps.jpg'), `?protected=false&incident=${incident.id}&description=${encodeURIComponent(`Photo of ${LATIN}`)}`);
  assert.equal(upload.status, 201);
  return {
    ids: { person: person.id, place: place.id, unit: unit.id, incident: incident.id, source: source.id, evidence: upload.body.id, citation: citation.id },
    pseudonym: person.pseudonym,
  };
}
