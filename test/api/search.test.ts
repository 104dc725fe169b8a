/**
 * Full-text search over HTTP on the founding case and planted records: scripts and spellings,
 * operators, filters and facets, the journalist's shielded world, whole results as JSON and CSV,
 * and every bad query answered with a 400 rather than a 500.
 */
import assert from 'node:assert/strict';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { asRole } from '../../server/viewer.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, anInvolvement, aPerson, aSource } from '../helpers/factories.js';

interface Hit {
  kind: string;
  id: number;
  title: string;
  snippet: { text: string; match?: true }[];
  href: string;
}

describe('search', () => {
  let cb: TestCasebook;
  const planted = 'Zelimkhan Shieldtestov';
  let protectedPerson: { id: number; pseudonym: string };
  let restrictedSource: { id: number };

  before(async () => {
    cb = await startCasebook();
    loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => {});
    protectedPerson = await aPerson(cb, { name: planted, protection: 'protected', description: 'Witness from Argun' });
    const alias = await cb.post('/api/v1/alternative-names', { person: protectedPerson.id, name: 'Зелимхан Шилдтестов', kind: 'native-script' });
    assert.equal(alias.status, 201, alias.text);
    const place = await aLocation(cb, { name: 'Plantedville' });
    const incident = await anIncident(cb, {
      title: 'Detention of a witness in Plantedville',
      summary: `Shieldtestova's brother said that ${planted} was held for two weeks. Тогда Шилдтестова задержали.`,
      actTypes: ['torture'],
      date: '2017-02',
      locations: [place.id],
    });
    await anInvolvement(cb, { incident: incident.id, person: protectedPerson.id, role: 'victim' });
    restrictedSource = await aSource(cb, { title: 'Confidential interview Quillfeather', restricted: true });
    await aCitation(cb, restrictedSource, { kind: 'incident', id: incident.id }, { quote: 'the quillfeather testimony about the cellar' });
  });
  after(() => cb.close());

  async function hits(query: string, who: 'researcher' | 'journalist' = 'researcher'): Promise<Hit[]> {
    const response = await cb.as(who).get(`/api/v1/search?q=${encodeURIComponent(query)}&limit=500`);
    assert.equal(response.status, 200, response.text);
    return response.body.items as Hit[];
  }

  const titles = (list: Hit[]) => list.map((hit) => `${hit.kind}: ${hit.title}`);

  it('finds a person by name in either script and by call sign, with a snippet and a link', async () => {
    for (const query of ['Daudov', 'Даудов', 'Lord', 'даудов']) {
      const found = await hits(query);
      assert.ok(found.some((hit) => hit.kind === 'person' && hit.title === 'Magomed Daudov'), `${query}: ${titles(found)}`);
    }
    const [person] = (await hits('Lord')).filter((hit) => hit.kind === 'person');
    assert.match(person!.href, /^\/api\/v1\/persons\/\d+$/);
    assert.ok(person!.snippet.some((part) => part.match && part.text === 'Lord'));
    // Incidents he took part in are found through him, and quotes naming him.
    const everything = await hits('Daudov');
    assert.ok(everything.some((hit) => hit.kind === 'incident'), titles(everything).join('\n'));
    assert.ok(everything.some((hit) => hit.kind === 'citation'));
  });

  it('finds places across spellings and scripts, and prefixes and phrases', async () => {
    for (const query of ['Tsotsi-Yurt', 'Цоци-Юрт', 'Tsotsin-Yurt', 'Kataev', 'Катаев', 'Дауд*', '"secret prison"']) {
      assert.ok((await hits(query)).length > 0, query);
    }
    const phrase = await hits('"secret prisons in Argun"');
    assert.ok(phrase.some((hit) => hit.title === 'Secret prisons in Argun and Tsotsi-Yurt'), titles(phrase).join('\n'));
    const marked = phrase.flatMap((hit) => hit.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase()));
    assert.ok(marked.includes('argun'));
  });

  it('combines words with AND, OR and NOT', async () => {
    const argun = await hits('Argun');
    const both = await hits('Argun AND Tsotsi-Yurt');
    const either = await hits('Argun OR Plantedville');
    const without = await hits('Argun NOT Tsotsi-Yurt');
    assert.ok(both.length > 0 && both.length < argun.length);
    assert.ok(either.length > argun.length);
    assert.equal(without.length + both.length, argun.length);
    assert.deepEqual(await hits('(Argun OR Plantedville) AND torture'), await hits('torture AND (Plantedville OR Argun)'));
  });

  it('applies the incident filters and counts facets over every hit', async () => {
    const response = await cb.get('/api/v1/search?q=Argun OR Plantedville&act=torture&date=2017&facets=true');
    assert.equal(response.status, 200, response.text);
    const found: Hit[] = response.body.items;
    assert.ok(found.length > 0);
    assert.ok(found.every((hit) => hit.kind === 'incident'));
    const facets = response.body.facets;
    assert.deepEqual(facets.kinds, [{ kind: 'incident', hits: found.length }]);
    assert.ok(facets.actTypes.some((row: { actType: string; hits: number }) => row.actType === 'torture' && row.hits === found.length));
    assert.ok(facets.places.some((row: { name: string }) => row.name === 'Plantedville'));
    const statusTotal = facets.statuses.reduce((sum: number, row: { hits: number }) => sum + row.hits, 0);
    assert.equal(statusTotal, found.length);
    const onlyPersons = await cb.get('/api/v1/search?q=Argun&kind=person');
    assert.ok(onlyPersons.body.items.every((hit: Hit) => hit.kind === 'person'));
  });

  it('pages through every hit without repeating one, ranked and newest first', async () => {
    for (const order of ['relevance', 'newest']) {
      const all = await cb.get(`/api/v1/search?q=Argun OR Chechnya OR Daudov&order=${order}&limit=500`);
      const seen: string[] = [];
      let next: string | null = `/api/v1/search?q=Argun OR Chechnya OR Daudov&order=${order}&limit=3`;
      while (next) {
        const page = await cb.get(next);
        assert.equal(page.status, 200, page.text);
        seen.push(...page.body.items.map((hit: Hit) => `${hit.kind}${hit.id}`));
        next = page.body.links.next;
      }
      assert.deepEqual(seen, all.body.items.map((hit: Hit) => `${hit.kind}${hit.id}`), order);
      assert.equal(new Set(seen).size, seen.length);
    }
  });

  it('finds a record as soon as it is written, and its new words after an edit', async () => {
    const incident = await anIncident(cb, { title: 'Freshly written Xylophonic record' });
    assert.deepEqual((await hits('xylophonic')).map((hit) => hit.id), [incident.id]);
    await cb.patch(`/api/v1/incidents/${incident.id}`, { title: 'Renamed Marimbaic record' });
    assert.deepEqual(await hits('xylophonic'), []);
    assert.equal((await hits('marimbaic')).length, 1);
    await cb.delete(`/api/v1/incidents/${incident.id}`);
    assert.deepEqual(await hits('marimbaic'), []);
  });

  it('finds a record that code wrote straight into the database, bypassing the services', async () => {
    cb.db.$client
      .prepare(`UPDATE locations SET description = 'Bypassingly described' WHERE name = 'Plantedville'`)
      .run();
    assert.deepEqual((await hits('bypassingly')).map((hit) => hit.title), ['Plantedville']);
  });

  describe('for a journalist', () => {
    it('a protected name finds nothing in either script or any case form, and shows in no snippet', async () => {
      for (const query of [planted, 'Shieldtestov', 'Шилдтестов', 'Шилдтестова', 'Shieldtest*', 'Зелимхан', '"Zelimkhan Shieldtestov"']) {
        assert.deepEqual(await hits(query, 'journalist'), [], query);
        assert.ok((await hits(query, 'researcher')).length > 0, `the researcher finds ${query}`);
      }
      const incident = (await hits('Plantedville', 'journalist')).find((hit) => hit.kind === 'incident');
      assert.ok(incident);
      const text = JSON.stringify(await cb.as('journalist').get('/api/v1/search?q=Plantedville OR Argun OR witness&facets=true&limit=500'));
      for (const leak of [/shieldtest/i, /шилдтест/i, /Zelimkhan/i, /Зелимхан/i]) assert.doesNotMatch(text, leak);
    });

    it('finds the protected person by pseudonym, and counts the same as if the name were not there', async () => {
      const byPseudonym = await hits(protectedPerson.pseudonym, 'journalist');
      assert.ok(byPseudonym.some((hit) => hit.kind === 'person' && hit.id === protectedPerson.id));
      const facets = await cb.as('journalist').get(`/api/v1/search?q=${encodeURIComponent(planted)} OR Plantedville&facets=true`);
      const plain = await cb.as('journalist').get('/api/v1/search?q=Plantedville&facets=true');
      assert.deepEqual(facets.body.facets, plain.body.facets);
    });

    it('does not search restricted sources or their quotes', async () => {
      assert.ok((await hits('quillfeather', 'researcher')).length >= 2);
      assert.deepEqual(await hits('quillfeather', 'journalist'), []);
    });

    it('a name protected after it was indexed disappears from the shielded world at once, titles and snippets too', async () => {
      const person = await aPerson(cb, { name: 'Later Protectedovich', protection: 'public-figure' });
      const incident = await anIncident(cb, { title: 'Statement by Later Protectedovich', summary: 'Protectedovich spoke on television.' });
      assert.ok((await hits('Protectedovich', 'journalist')).length >= 2);
      const changed = await cb.patch(`/api/v1/persons/${person.id}`, { protection: 'protected' });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(await hits('Protectedovich', 'journalist'), []);
      assert.ok((await hits('Protectedovich', 'researcher')).length >= 2);
      const shown = (await hits('television', 'journalist')).filter((hit) => hit.id === incident.id);
      assert.equal(shown.length, 1);
      assert.doesNotMatch(JSON.stringify(shown), /Protectedovich/);
      assert.match(shown[0]!.title, new RegExp(changed.body.pseudonym));
    });
  });

  describe('whole results', () => {
    it('as JSON: every hit, not one page', async () => {
      const response = await cb.get('/api/v1/search.json?q=Argun OR Chechnya OR Daudov');
      assert.equal(response.status, 200, response.text);
      assert.match(response.contentType, /application\/json/);
      const paged = await cb.get('/api/v1/search?q=Argun OR Chechnya OR Daudov&order=newest&limit=500');
      assert.deepEqual(response.body, paged.body.items);
    });

    it('as CSV with a BOM, formulas neutralised, and the journalist still shielded', async () => {
      await anIncident(cb, { title: '=HYPERLINK("http://evil") Formulaic record' });
      const response = await cb.get('/api/v1/search.csv?q=formulaic');
      assert.equal(response.status, 200, response.text);
      // fetch's text() drops a BOM, so the bytes are read as they came.
      const bytes = Buffer.from(await (await fetch(`${cb.url}/api/v1/search.csv?q=formulaic`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` } })).arrayBuffer());
      assert.ok(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'starts with a UTF-8 BOM');
      assert.ok(response.text.startsWith('kind,id,title,snippet,url'), response.text.slice(0, 40));
      assert.match(response.text, /'=HYPERLINK/);
      const journalist = await cb.as('journalist').get('/api/v1/search.csv?q=Plantedville OR witness');
      assert.equal(journalist.status, 200);
      assert.doesNotMatch(journalist.text, /shieldtest|шилдтест/i);
    });
  });

  describe('bad queries get a 400 saying what is wrong, never a 500', () => {
    const bad = ['"unbalanced', '*', 'NEAR(', 'AND', 'Argun AND', 'OR Argun', 'NOT Argun', '(Argun', 'Argun)', '()', 'x'.repeat(10_000), 'Argun\u0000', 'Ar*gun', '☃', 'ab*', ''];
    for (const query of bad) {
      it(JSON.stringify(query.length > 40 ? `${query.slice(0, 20)}… (${query.length} characters)` : query), async () => {
        const response = await cb.get(`/api/v1/search?q=${encodeURIComponent(query)}`);
        assert.equal(response.status, 400, response.text);
        assert.match(response.contentType, /application\/problem\+json/);
        assert.ok(response.body.errors?.[0]?.message || response.body.detail, response.text);
        const csv = await cb.get(`/api/v1/search.csv?q=${encodeURIComponent(query)}`);
        assert.equal(csv.status, 400);
      });
    }

    it('a query in a script without a romanisation table still searches', async () => {
      for (const query of ['北京', 'مركز', 'Ελλάδα']) assert.equal((await cb.get(`/api/v1/search?q=${encodeURIComponent(query)}`)).status, 200, query);
    });

    it('unknown parameters and bad filters are refused', async () => {
      assert.equal((await cb.get('/api/v1/search?q=Argun&bogus=1')).status, 400);
      assert.equal((await cb.get('/api/v1/search?q=Argun&kind=evidence')).status, 400);
      assert.equal((await cb.get('/api/v1/search?q=Argun&order=random')).status, 400);
      assert.equal((await cb.get('/api/v1/search?q=Argun&cursor=zzz')).status, 400);
    });
  });
});
