/**
 * A protected witness with a unique name, in Latin and Cyrillic and as an alias, written by a
 * researcher into other records' free text. A journalist then calls every GET route, lists with
 * and without filters and page by page, every record by id, and searches for the name itself:
 * no byte of any response, and no line of the server's log (researcher's writes included),
 * holds any form of the name, while the pseudonym shows where the name was. Nothing is faked:
 * a real server on a temporary SQLite file, accounts signed in by API token.
 */
import assert from 'node:assert/strict';
import { startCasebook, type ApiResponse, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, anOrganisation, aPost, aSource } from '../helpers/factories.js';
import { fixture } from '../helpers/files.js';
import { ALIAS, aPlantedPerson, CYRILLIC, FORMS, LATIN, plantedFormsIn as formsIn } from '../helpers/planted.js';

/** What a journalist might type into a search box. */
const SEARCHES = [...FORMS, LATIN.toLowerCase(), LATIN.toUpperCase(), LATIN.replace(' ', '-'), CYRILLIC.toUpperCase(), 'ruslo'];

const everything = (response: ApiResponse) => `${response.status}\n${JSON.stringify([...response.headers])}\n${response.text}`;

describe('a planted protected name', () => {
  let cb: TestCasebook;
  let ids: Record<'person' | 'place' | 'unit' | 'incident' | 'source' | 'citation' | 'involvement' | 'post' | 'evidence' | 'cyrillic' | 'alias', number>;
  let pseudonym: string;
  let requests = 0;

  before(async () => {
    cb = await startCasebook();
    const person = await aPlantedPerson(cb);
    assert.equal(person.protection, 'protected', 'a witness is protected by default');
    pseudonym = person.pseudonym;
    const place = await aLocation(cb, { name: 'Argun', description: `${ALIAS} was held here.` });
    const unit = await anOrganisation(cb, { description: `The unit that took ${ALIAS}.` });
    const incident = await anIncident(cb, {
      title: 'Detention in Argun',
      summary: `${LATIN} was detained in Argun. Later RUSLANBEK-QWERTYNAME was moved.`,
      locations: [place.id],
    });
    const source = await aSource(cb, { title: `Interview about ${ALIAS}`, restricted: false });
    const citation = await aCitation(cb, source, { kind: 'incident', id: incident.id }, { quote: `${CYRILLIC} рассказал о задержании.` });
    const involvement = await anInvolvement(cb, { incident: incident.id, person: person.id, role: 'witness', description: `${ALIAS} saw the cells.` });
    const post = await aPost(cb, { person: person.id, organisation: unit.id, role: 'Driver' });
    const upload = await fetch(`${cb.url}/api/v1/evidence?protected=false&incident=${incident.id}&description=${encodeURIComponent(`Photo of ${LATIN}`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(`${ALIAS}-hematoma.jpg`) },
      body: new Blob([new Uint8Array(fixture('gps.jpg'))]),
    });
    assert.equal(upload.status, 201);
    const evidence = (await upload.json()) as { id: number };
    const [cyrillic, alias] = person.alternativeNames as { id: number }[];
    ids = { person: person.id, place: place.id, unit: unit.id, incident: incident.id, source: source.id, citation: citation.id, involvement: involvement.id, post: post.id, evidence: evidence.id, cyrillic: cyrillic!.id, alias: alias!.id };
    requests += 9;
  });
  after(() => cb.close());

  /** GETs `path` as the journalist and asserts that no form of the name is in any byte of the answer. */
  async function readAsJournalist(path: string): Promise<ApiResponse> {
    const response = await cb.as('journalist').get(path);
    requests++;
    assert.ok(response.status < 500, `${path}: ${response.status} ${response.text.slice(0, 200)}`);
    assert.deepEqual(formsIn(everything(response)), [], `${path} answered with his name: ${response.text.slice(0, 400)}`);
    return response;
  }

  /** Reads a list one item per page, following `next` links to the end. */
  async function readEveryPage(path: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}limit=1`;
    for (let pages = 0; next && pages < 100; pages++) {
      const page = await readAsJournalist(next);
      assert.equal(page.status, 200, `${next}: ${page.text.slice(0, 200)}`);
      items.push(...(page.body.items ?? []));
      next = page.body.links?.next ?? null;
    }
    return items;
  }

  it('the leak detector sees his name through case, hyphens and escaping', () => {
    assert.deepEqual(formsIn('RUSLANBEK-QWERTYNAME'), [LATIN, 'Ruslanbek', 'Qwertyname']);
    assert.deepEqual(formsIn(encodeURIComponent(CYRILLIC.toUpperCase())), [CYRILLIC, 'Русланбек', 'Квертинаме']);
    assert.deepEqual(formsIn('{"a":"\\u0420\\u0443\\u0441\\u043b\\u0430\\u043d\\u0431\\u0435\\u043a"}'), ['Русланбек']);
    assert.deepEqual(formsIn('ruslo+was+here'), [ALIAS]);
    assert.deepEqual(formsIn(`Witness ${pseudonym} in Argun`), []);
  });

  it('is planted: a researcher reads his name in the incident (the positive control)', async () => {
    const incident = await cb.get(`/api/v1/incidents/${ids.incident}`);
    requests++;
    assert.equal(incident.status, 200);
    assert.ok(incident.text.includes(LATIN), 'the summary names him');
    assert.ok(formsIn(incident.text).includes(LATIN));
    const person = await cb.get(`/api/v1/persons/${ids.person}`);
    requests++;
    assert.deepEqual(formsIn(person.text).sort(), [...FORMS].sort(), 'the researcher sees every form of the name');
  });

  it('a journalist reads every list, with and without filters, page by page, and never meets his name', async () => {
    const lists = ['incidents', 'locations', 'organisations', 'persons', 'alternative-names', 'posts', 'involvements', 'sources', 'citations', 'evidence'];
    for (const list of lists) {
      const whole = await readAsJournalist(`/api/v1/${list}`);
      assert.equal((await readEveryPage(`/api/v1/${list}`)).length, whole.body.items.length, `${list}: every page read`);
    }
    const filtered = [
      `/api/v1/incidents?person=${ids.person}`,
      `/api/v1/incidents?location=${ids.place}`,
      `/api/v1/incidents?organisation=${ids.unit}`,
      '/api/v1/incidents?act=arbitrary-detention&date=2017',
      '/api/v1/incidents?corroboration=single-source',
      '/api/v1/incidents?disputed=false',
      '/api/v1/locations?kind=settlement',
      '/api/v1/organisations?kind=security-unit',
      '/api/v1/persons?protection=protected',
      '/api/v1/alternative-names?kind=alias',
      '/api/v1/alternative-names?kind=native-script',
      `/api/v1/posts?person=${ids.person}`,
      `/api/v1/posts?organisation=${ids.unit}`,
      `/api/v1/involvements?incident=${ids.incident}`,
      `/api/v1/involvements?person=${ids.person}`,
      '/api/v1/involvements?role=witness',
      '/api/v1/sources?kind=news-article&restricted=false',
      `/api/v1/citations?source=${ids.source}`,
      `/api/v1/citations?claimKind=incident&claimId=${ids.incident}`,
      `/api/v1/citations?claimKind=involvement&claimId=${ids.involvement}`,
      '/api/v1/citations?stance=supports',
      `/api/v1/evidence?incident=${ids.incident}`,
    ];
    for (const path of filtered) await readEveryPage(path);
    for (const summary of ['/api/v1/incidents/summary', `/api/v1/incidents/summary?person=${ids.person}`, `/api/v1/incidents/summary?location=${ids.place}`]) {
      assert.equal((await readAsJournalist(summary)).status, 200);
    }
    const byPerson = await readAsJournalist(`/api/v1/incidents?person=${ids.person}`);
    assert.deepEqual(byPerson.body.items.map((item: { id: number }) => item.id), [ids.incident], 'his incident is found by his id');
    assert.deepEqual((await readAsJournalist(`/api/v1/alternative-names?person=${ids.person}`)).body.items, [], 'his alternative names are not listed');
  });

  it('a journalist reads every record by id, and sees the pseudonym where the name was', async () => {
    const records = [
      `/api/v1/incidents/${ids.incident}`,
      `/api/v1/locations/${ids.place}`,
      `/api/v1/organisations/${ids.unit}`,
      `/api/v1/persons/${ids.person}`,
      `/api/v1/alternative-names/${ids.cyrillic}`,
      `/api/v1/alternative-names/${ids.alias}`,
      `/api/v1/posts/${ids.post}`,
      `/api/v1/involvements/${ids.involvement}`,
      `/api/v1/sources/${ids.source}`,
      `/api/v1/citations/${ids.citation}`,
      `/api/v1/evidence/${ids.evidence}`,
    ];
    const seen: string[] = [];
    for (const path of records) {
      seen.push((await readAsJournalist(path)).text);
      seen.push((await readAsJournalist(`${path}/history`)).text);
    }
    for (const path of [`/api/v1/evidence/${ids.evidence}/custody`, '/api/v1/audit', '/api/v1/users', '/api/v1/session', '/api/v1/tokens', '/api/v1/vocabularies']) {
      await readAsJournalist(path);
    }
    const incident = await readAsJournalist(`/api/v1/incidents/${ids.incident}`);
    assert.equal(incident.body.summary, `${pseudonym} was detained in Argun. Later ${pseudonym} was moved.`);
    assert.equal((await readAsJournalist(`/api/v1/persons/${ids.person}`)).body.name, pseudonym);
    for (const name of [ids.cyrillic, ids.alias]) {
      assert.equal((await readAsJournalist(`/api/v1/alternative-names/${name}`)).status, 404, 'his other names are not there for a journalist');
    }
    assert.equal((await readAsJournalist(`/api/v1/involvements/${ids.involvement}`)).body.description, `${pseudonym} saw the cells.`);
    assert.ok((await readAsJournalist(`/api/v1/citations/${ids.citation}`)).body.quote.startsWith(pseudonym));
    assert.ok(seen.join('\n').includes(pseudonym), 'the records are there, under the pseudonym');
  });

  it('a journalist searching for any form of his name finds nothing, yet finds him by pseudonym', async () => {
    for (const search of SEARCHES) {
      for (const list of ['persons', 'locations', 'organisations']) {
        const found = await readAsJournalist(`/api/v1/${list}?name=${encodeURIComponent(search)}`);
        assert.equal(found.status, 200);
        assert.deepEqual(found.body.items, [], `${list}?name=${search} found something`);
      }
    }
    const byPseudonym = await readAsJournalist(`/api/v1/persons?name=${encodeURIComponent(pseudonym)}`);
    assert.deepEqual(byPseudonym.body.items.map((item: { id: number }) => item.id), [ids.person]);
  });

  it('full-text search for any form of his name finds nothing, and search results around him hold no form of it', async () => {
    for (const search of [...SEARCHES, 'Ruslanbek*', 'Квертин*', `"${LATIN}"`, 'Qwertynamе', 'Квертинамы', 'Квертинаме OR Argun']) {
      const found = await readAsJournalist(`/api/v1/search?q=${encodeURIComponent(search)}&facets=true`);
      assert.equal(found.status, 200, found.text);
      const expected = search.includes('Argun') ? (await readAsJournalist('/api/v1/search?q=Argun&facets=true')).body : { items: [] };
      assert.deepEqual(found.body.items, expected.items, `search for ${search} found something`);
      if (search.includes('Argun')) assert.deepEqual(found.body.facets, expected.facets, 'the name changes no count');
    }
    for (const path of ['/api/v1/search?q=Argun OR cells OR рассказал OR Photo OR unit OR Interview&facets=true&limit=500', '/api/v1/search.json?q=Argun OR cells OR рассказал', '/api/v1/search.csv?q=Argun OR cells OR рассказал']) {
      const response = await readAsJournalist(path);
      assert.equal(response.status, 200, response.text);
      assert.ok(response.text.includes(pseudonym), `${path} shows the pseudonym where the name was`);
    }
    const byPseudonym = await readAsJournalist(`/api/v1/search?q=${encodeURIComponent(pseudonym)}&kind=person`);
    assert.deepEqual(byPseudonym.body.items.map((item: { id: number }) => item.id), [ids.person]);
  });

  it("a journalist downloading the evidence gets no form of his name in the file's bytes or headers", async () => {
    const file = await fetch(`${cb.url}/api/v1/evidence/${ids.evidence}/file`, { headers: { authorization: `Bearer ${cb.account('journalist').token}` } });
    requests++;
    assert.equal(file.status, 200);
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.deepEqual(formsIn(`${JSON.stringify([...file.headers])}\n${bytes.toString('latin1')}\n${bytes.toString('utf8')}`), []);
  });

  it('an address with his name in it is not echoed back to a journalist', async () => {
    const echoes: string[] = [];
    for (const path of [
      `/api/v1/persons/${encodeURIComponent(LATIN)}`,
      `/api/v1/incidents/${ids.incident}/${encodeURIComponent(CYRILLIC)}`,
      `/api/v1/${encodeURIComponent(ALIAS)}`,
    ]) {
      const response = await cb.as('journalist').get(path);
      requests++;
      assert.equal(response.status, 404);
      if (formsIn(everything(response)).length > 0) echoes.push(`${path} → ${response.text}`);
    }
    assert.deepEqual(echoes, []);
  });

  it('never appears in the server log, for any request of this test, writes included', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(cb.logLines.length >= requests, `${cb.logLines.length} log lines for ${requests} requests`);
    assert.deepEqual(formsIn(cb.logLines.join('\n')), []);
  });
});
