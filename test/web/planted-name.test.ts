/**
 * The planted-name test of test/api/planted-name.test.ts, on every web page: a protected witness
 * with a unique name (Latin, Cyrillic, an alias) written by a researcher into other records' free
 * text and into an evidence item, then a journalist signed in on the web opens every page (lists
 * filtered and not, every record, search for each form of the name, timeline, map, exports, the
 * thumbnail's bytes) and finds no form of the name in any byte, no edit control, and the
 * pseudonym where the name was. Nothing is faked: a real server on a temporary SQLite file.
 */
import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { ALIAS, CYRILLIC, FORMS, LATIN, plantedFormsIn as formsIn, plantProtectedName, type PlantedIds } from '../helpers/planted.js';
import { webVisitor, type WebResponse, type WebVisitor } from '../helpers/web.js';

const everything = (response: WebResponse) => `${response.status}\n${JSON.stringify([...response.headers])}\n${response.text}`;
/** What a page offers for changing records: links to forms, "cite this", POST forms other than signing out and one's own account (password, tokens). */
const EDIT_CONTROLS = /href="[^"]*\/(new|edit)\b|Cite this|<form[^>]* method="post" action="(?!\/sign-out|\/account\b)/;

describe('a planted protected name on the web pages', () => {
  let cb: TestCasebook;
  let journalist: WebVisitor;
  let researcher: WebVisitor;
  let ids: PlantedIds;
  let pseudonym: string;

  before(async () => {
    cb = await startCasebook();
    ({ ids, pseudonym } = await plantProtectedName(cb));
    journalist = await webVisitor(cb, 'journalist');
    researcher = await webVisitor(cb, 'researcher');
  });
  after(() => cb.close());

  const pagePaths = () => [
    '/incidents',
    `/incidents?person=${ids.person}`,
    `/incidents?location=${ids.place}&act=arbitrary-detention&date=2017`,
    `/incidents?organisation=${ids.unit}`,
    '/incidents?limit=1',
    `/incidents/${ids.incident}`,
    '/persons',
    '/persons?protection=protected',
    `/persons/${ids.person}`,
    '/organisations',
    `/organisations/${ids.unit}`,
    '/locations',
    `/locations/${ids.place}`,
    '/sources',
    `/sources/${ids.source}`,
    '/evidence',
    `/evidence?incident=${ids.incident}`,
    `/evidence/${ids.evidence}`,
    '/search',
    '/search?q=Argun',
    '/search?q=Argun%20OR%20cells%20OR%20рассказал%20OR%20Photo%20OR%20unit%20OR%20Interview',
    `/search?q=${encodeURIComponent(pseudonym)}`,
    '/timeline',
    '/timeline?date=2017',
    '/map',
    '/exports',
    '/account',
  ];

  it('is planted: the researcher reads his name on the pages (the positive control)', async () => {
    for (const path of [`/incidents/${ids.incident}`, `/persons/${ids.person}`, `/evidence/${ids.evidence}`]) {
      const page = await researcher.get(path);
      assert.equal(page.status, 200);
      assert.ok(formsIn(page.text).length > 0, `${path} names him for a researcher`);
    }
    assert.deepEqual(formsIn((await researcher.get(`/persons/${ids.person}`)).text).sort(), [...FORMS].sort());
  });

  it('a journalist opens every page and meets no form of his name and no edit control, and the pseudonym where he was', async () => {
    const seen: string[] = [];
    for (const path of pagePaths()) {
      const page = await journalist.get(path);
      assert.equal(page.status, 200, `${path}: ${page.text.slice(0, 200)}`);
      assert.deepEqual(formsIn(everything(page)), [], `${path} shows his name`);
      assert.ok(!EDIT_CONTROLS.test(page.text), `${path} offers the journalist an edit control: ${EDIT_CONTROLS.exec(page.text)?.[0]}`);
      seen.push(page.text);
    }
    const incident = await journalist.get(`/incidents/${ids.incident}`);
    assert.ok(incident.text.includes(`${pseudonym} was detained in Argun. Later ${pseudonym} was moved.`));
    assert.match((await journalist.get(`/persons/${ids.person}`)).text, new RegExp(`<h1>${pseudonym}</h1>`));
    assert.ok(seen.join('\n').includes(pseudonym));
  });

  it('a journalist searching the pages for any form of his name finds nothing, and no count changes', async () => {
    const argun = await journalist.get('/search?q=Argun');
    const facets = (text: string) => /<aside[\s\S]*?<\/aside>/.exec(text)?.[0].replace(/href="[^"]*"/g, '');
    for (const search of [...FORMS, LATIN.toUpperCase(), 'ruslo', 'Квертин*', `"${LATIN}"`]) {
      const page = await journalist.get(`/search?q=${encodeURIComponent(search)}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Nothing found/, `search for ${search}`);
      // The page repeats what was typed (the box, the title, the JSON and CSV links); what it found is the results and the facets.
      const found = `${facets(page.text) ?? ''}${/<section aria-label="Results">[\s\S]*?<\/section>/.exec(page.text)![0].replace(/<p class="no-print">[\s\S]*?<\/p>/, '')}`;
      assert.deepEqual(formsIn(found), [], `search for ${search} shows him`);
      const either = await journalist.get(`/search?q=${encodeURIComponent(`${search} OR Argun`)}`);
      assert.equal(facets(either.text), facets(argun.text), 'his name changes no count');
    }
    for (const path of [`/persons?name=${encodeURIComponent(LATIN)}`, `/locations?name=${encodeURIComponent(ALIAS)}`]) {
      assert.match((await journalist.get(path)).text, /Nothing matches/);
    }
  });

  it('the thumbnail a journalist is shown holds no form of his name and no GPS', async () => {
    const response = await fetch(`${cb.url}/evidence/${ids.evidence}/thumbnail`, { headers: { cookie: journalist.cookie } });
    assert.equal(response.status, 200);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(formsIn(`${JSON.stringify([...response.headers])}\n${bytes.toString('latin1')}\n${bytes.toString('utf8')}`), []);
    assert.ok(!bytes.toString('latin1').includes('GPS'), 'the stripped copy carries no GPS block');
  });

  it('a journalist may open no form, and a researcher may: forms are the edit controls', async () => {
    const forms = ['/incidents/new', `/incidents/${ids.incident}/edit`, '/persons/new', `/persons/${ids.person}/edit`, '/evidence/new', `/citations/new?claimKind=incident&claimId=${ids.incident}`, `/posts/new?person=${ids.person}`, '/admin/users', '/admin/audit'];
    for (const path of forms) {
      const page = await journalist.get(path);
      assert.equal(page.status, 403, path);
      assert.deepEqual(formsIn(everything(page)), []);
    }
    for (const path of forms.slice(0, 7)) assert.equal((await researcher.get(path)).status, 200, path);
  });

  it('an address with his name in it is not echoed back to a journalist', async () => {
    for (const path of [`/persons/${encodeURIComponent(LATIN)}`, `/${encodeURIComponent(CYRILLIC)}`, `/incidents/${ids.incident}/${encodeURIComponent(ALIAS)}`]) {
      const page = await journalist.get(path);
      assert.equal(page.status, 404);
      assert.deepEqual(formsIn(everything(page).replace(/<title>[^<]*<\/title>/, '')), [], path);
    }
  });

  it('never appears in the server log', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(formsIn(cb.logLines.join('\n')), []);
  });
});

