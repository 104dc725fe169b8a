/**
 * A protected person with a unique name, in Latin and Cyrillic and as an alias, written into
 * other records' free text. Every GET route a journalist can call, including searches for the
 * name itself, is read back whole: no byte of any response, and no line of the server's log,
 * holds any form of the name.
 */
import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOrganisation, aPerson, aPost, aSource } from '../helpers/factories.js';
import { fixture } from '../helpers/files.js';

const LATIN = 'Ruslanbek Qwertyname';
const CYRILLIC = 'Русланбек Квертинаме';
const ALIAS = 'Ruslo';
const FORMS = [LATIN, CYRILLIC, ALIAS, 'Ruslanbek', 'Qwertyname', 'Русланбек', 'Квертинаме'];

function leaks(text: string): string[] {
  const haystack = text.toLowerCase().normalize('NFC');
  return FORMS.filter((form) => haystack.includes(form.toLowerCase()));
}

describe('a planted protected name', () => {
  let cb: TestCasebook;
  let ids: Record<string, number>;
  let pseudonym: string;
  before(async () => {
    cb = await startCasebook();
    const person = await aPerson(cb, {
      name: LATIN,
      pseudonymKind: 'witness',
      alternativeNames: [
        { name: CYRILLIC, kind: 'native-script', language: 'ru' },
        { name: ALIAS, kind: 'alias' },
      ],
    });
    pseudonym = person.pseudonym;
    const place = await aLocation(cb, { name: 'Argun', description: `${ALIAS} was held here.` });
    const unit = await anOrganisation(cb, { description: `The unit that took ${ALIAS}.` });
    const incident = await anIncident(cb, { summary: `${LATIN} was detained in Argun.`, locations: [place.id] });
    const source = await aSource(cb, { title: `Interview about ${ALIAS}` });
    const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id }, { quote: `${CYRILLIC} рассказал о задержании.` });
    const involvement = await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'witness', description: `${ALIAS} saw the cells.` });
    const post = await aPost(cb, { person: person.id, organisation: unit.id, role: 'Driver' });
    const upload = await fetch(`${cb.url}/api/v1/evidence?protected=false&incident=${incident.id}&description=${encodeURIComponent(`Photo of ${LATIN}`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(`${ALIAS}-hematoma.jpg`) },
      body: new Blob([new Uint8Array(fixture('gps.jpg'))]),
    });
    const evidence = (await upload.json()) as { id: number };
    ids = { person: person.id, place: place.id, unit: unit.id, incident: incident.id, source: source.id, citation: citation.id, involvement: involvement.id, post: post.id, evidence: evidence.id, alias: person.alternativeNames[1].id };
  });
  after(() => cb.close());

  it('is planted: a researcher reads it (the positive control)', async () => {
    const incident = await cb.get(`/api/v1/incidents/${ids.incident}`);
    assert.deepEqual(leaks(incident.text).sort(), [LATIN, 'Ruslanbek', 'Qwertyname', CYRILLIC, 'Русланбек', 'Квертинаме', ALIAS].sort());
  });

  it('reaches a journalist in no response, while the pseudonym does', async () => {
    const searches = FORMS.flatMap((form) => [
      `/api/v1/persons?name=${encodeURIComponent(form)}`,
      `/api/v1/locations?name=${encodeURIComponent(form)}`,
      `/api/v1/organisations?name=${encodeURIComponent(form)}`,
    ]);
    const paths = [
      '/api/v1/incidents',
      `/api/v1/incidents?person=${ids.person}`,
      `/api/v1/incidents?location=${ids.place}`,
      '/api/v1/incidents/summary',
      `/api/v1/incidents/${ids.incident}`,
      '/api/v1/locations',
      `/api/v1/locations/${ids.place}`,
      '/api/v1/organisations',
      `/api/v1/organisations/${ids.unit}`,
      '/api/v1/persons',
      `/api/v1/persons/${ids.person}`,
      '/api/v1/persons?protection=protected',
      '/api/v1/alternative-names',
      `/api/v1/alternative-names?person=${ids.person}`,
      `/api/v1/alternative-names/${ids.alias}`,
      '/api/v1/posts',
      `/api/v1/posts?person=${ids.person}`,
      `/api/v1/posts/${ids.post}`,
      '/api/v1/involvements',
      `/api/v1/involvements?person=${ids.person}`,
      `/api/v1/involvements/${ids.involvement}`,
      '/api/v1/sources',
      `/api/v1/sources/${ids.source}`,
      '/api/v1/citations',
      `/api/v1/citations?claimKind=incident&claimId=${ids.incident}`,
      `/api/v1/citations/${ids.citation}`,
      '/api/v1/evidence',
      `/api/v1/evidence/${ids.evidence}`,
      `/api/v1/incidents/${ids.incident}/history`,
      `/api/v1/persons/${ids.person}/history`,
      `/api/v1/evidence/${ids.evidence}/custody`,
      '/api/v1/audit',
      '/api/v1/session',
      '/api/v1/tokens',
      '/api/v1/vocabularies',
      `/api/v1/persons/${encodeURIComponent(LATIN)}`,
      ...searches,
    ];
    let everything = '';
    for (const path of paths) {
      const response = await cb.as('journalist').get(path);
      assert.ok(response.status < 500, `${path}: ${response.status}`);
      assert.deepEqual(leaks(response.text), [], `${path} leaked: ${response.text.slice(0, 400)}`);
      everything += response.text;
    }
    for (const search of searches.filter((path) => path.startsWith('/api/v1/persons'))) {
      assert.deepEqual((await cb.as('journalist').get(search)).body.items, [], `${search} found him`);
    }
    assert.ok(everything.includes(pseudonym), 'the journalist sees the pseudonym');
    assert.match((await cb.as('journalist').get(`/api/v1/incidents/${ids.incident}`)).body.summary, new RegExp(`^${pseudonym} was detained`));
    const file = await fetch(`${cb.url}/api/v1/evidence/${ids.evidence}/file`, { headers: { authorization: `Bearer ${cb.account('journalist').token}` } });
    assert.deepEqual(leaks(Buffer.from(await file.arrayBuffer()).toString('latin1') + JSON.stringify([...file.headers])), []);
  });

  it('never appears in the server log, for any request of this test, writes included', () => {
    assert.ok(cb.logLines.length > 40);
    assert.deepEqual(leaks(cb.logLines.join('\n')), []);
  });
});
