/**
 * The incident pages over HTTP: the list with the API's filters and paging, the record, and the
 * forms (errors next to their fields, input kept, nothing saved; a vague date shown as its span).
 * A real server on a temporary SQLite file; nothing is faked.
 */
import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, aLocation, anIncident, aSource } from '../helpers/factories.js';
import { webVisitor, type WebVisitor } from '../helpers/web.js';

const SCRIPT = '<script>alert("stored")</script>';
const ATTRIBUTE = '"><img src=x onerror=alert(1)>';

describe('incident pages', () => {
  let cb: TestCasebook;
  let researcher: WebVisitor;
  let journalist: WebVisitor;
  let argun: { id: number };
  let hostile: { id: number };

  before(async () => {
    cb = await startCasebook();
    researcher = await webVisitor(cb, 'researcher');
    journalist = await webVisitor(cb, 'journalist');
    argun = await aLocation(cb, { name: 'Аргун' });
    hostile = await anIncident(cb, { title: SCRIPT, summary: ATTRIBUTE, locations: [argun.id], date: '2017-02', actTypes: ['torture'] });
    for (let i = 0; i < 3; i++) await anIncident(cb, { title: `Detention ${i}`, date: '2016-12' });
  });
  after(() => cb.close());

  it('stored script and attribute payloads are shown as text, never as markup', async () => {
    for (const path of ['/incidents', `/incidents/${hostile.id}`, `/incidents/${hostile.id}/edit`]) {
      const page = await researcher.get(path);
      assert.equal(page.status, 200, path);
      assert.ok(!page.text.includes('<script>alert'), `${path} holds a live script tag`);
      assert.ok(!page.text.includes('<img src=x'), `${path} holds a live img tag`);
      assert.ok(page.text.includes('&lt;script>alert(&quot;stored&quot;)&lt;/script>') || page.text.includes('&lt;script>alert("stored")&lt;/script>'), path);
    }
    const record = await researcher.get(`/incidents/${hostile.id}`);
    assert.ok(record.text.includes('&quot;>&lt;img src=x onerror=alert(1)>'));
  });

  it('the list filters as the API does, pages with the filters kept, and links to the same selection as JSON', async () => {
    const filtered = await researcher.get('/incidents?date=2016-12-15&act=arbitrary-detention&limit=2');
    assert.equal(filtered.status, 200);
    assert.match(filtered.text, /3 incidents match/);
    assert.equal((filtered.text.match(/<tr><td><a href="\/incidents\/\d+">Detention/g) ?? []).length, 2);
    const next = /<a href="(\/incidents\?[^"]*cursor=[^"]+)">Next page<\/a>/.exec(filtered.text)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next, 'a next page link');
    assert.match(next, /date=2016-12-15/);
    const second = await researcher.get(next);
    assert.equal((second.text.match(/<tr><td><a href="\/incidents\/\d+">Detention/g) ?? []).length, 1);
    assert.match(filtered.text, /href="\/api\/v1\/incidents\?date=2016-12-15&amp;act=arbitrary-detention&amp;limit=2"/);
    const byPlace = await researcher.get(`/incidents?location=${argun.id}`);
    assert.match(byPlace.text, /1 incident matches/);
  });

  it('a bad filter is shown next to its field with 400, the rest of the form kept', async () => {
    const page = await researcher.get('/incidents?date=sometime&act=torture');
    assert.equal(page.status, 400);
    assert.match(page.text, /id="f-date-error-0">Error: not an EDTF date/);
    assert.match(page.text, /value="sometime"/);
    assert.match(page.text, /<option value="torture" selected>/);
  });

  it('a researcher creates an incident with a vague date and sees the span it stands for', async () => {
    const created = await researcher.post('/incidents/new', { title: 'Detentions in Argun', summary: 'Men held.', actTypes: ['arbitrary-detention', 'torture'], date: '2016-12/2017-04', locations: String(argun.id), 'victims.min': '100', 'victims.max': '' });
    assert.equal(created.status, 303);
    const page = await researcher.get(created.location!);
    assert.match(page.text, /<code>2016-12\/2017-04<\/code> <span class="muted">\(between 2016-12-01 and 2017-04-30\)<\/span>/);
    assert.match(page.text, /100 or more/);
    assert.match(page.text, /Аргун/);
    const api = await cb.get(`/api/v1${created.location}`);
    assert.deepEqual(api.body.victims, { min: 100, max: null, text: '100 or more' });
  });

  it('a form with errors comes back with each error next to its field, the input kept, and nothing saved', async () => {
    const before = (await cb.get('/api/v1/incidents/summary')).body.incidents;
    const page = await researcher.post('/incidents/new', { title: 'Kept title', date: '2017-02-30', 'victims.min': '5', 'victims.max': '2' });
    assert.equal(page.status, 400);
    assert.match(page.text, /id="f-actTypes-error-0">Error: name at least one act type/);
    assert.match(page.text, /id="f-date-error-0">Error: /);
    assert.match(page.text, /id="f-victims-max-error-0">Error: max must not be below min/);
    assert.match(page.text, /aria-describedby="f-date-hint f-date-error-0"/);
    assert.match(page.text, /value="Kept title"/);
    assert.match(page.text, /value="2017-02-30"/);
    assert.equal((await cb.get('/api/v1/incidents/summary')).body.incidents, before);
  });

  it('the edit form holds the record and saves a change, which shows in its history', async () => {
    const form = await researcher.get(`/incidents/${hostile.id}/edit`);
    assert.match(form.text, /value="2017-02"/);
    assert.match(form.text, /value="torture" checked/);
    const saved = await researcher.post(`/incidents/${hostile.id}/edit`, { title: 'Renamed', summary: '', actTypes: 'torture', date: '2017-02~', locations: String(argun.id) });
    assert.equal(saved.status, 303);
    const page = await researcher.get(`/incidents/${hostile.id}`);
    assert.match(page.text, /<h1>Renamed<\/h1>/);
    assert.match(page.text, /History of changes/);
    assert.match(page.text, /update<span class="muted"> \([^)]*title/);
  });

  it('the incident page shows the status with its reasons, citations, and denials apart', async () => {
    const incident = await anIncident(cb, { title: 'Denied detention' });
    const paper = await aSource(cb, { title: 'Novaya Gazeta report' });
    const ministry = await aSource(cb, { title: 'Ministry statement', kind: 'official-statement' });
    await aCitation(cb, paper, { kind: 'incident', id: incident.id }, { quote: 'Men were held' });
    await aCitation(cb, ministry, { kind: 'incident', id: incident.id }, { stance: 'disputes', quote: 'No such people' });
    const page = await researcher.get(`/incidents/${incident.id}`);
    assert.match(page.text, /supported by 1 source origin; disputed by 1 citation/);
    const denials = page.text.slice(page.text.indexOf('Official responses'));
    assert.match(denials, /Ministry statement/);
    assert.ok(!denials.includes('Novaya Gazeta report'));
  });

  it('a journalist reads the incident pages without any edit control, and may not open the forms', async () => {
    for (const path of ['/incidents', `/incidents/${hostile.id}`]) {
      const page = await journalist.get(path);
      assert.equal(page.status, 200);
      assert.ok(!/\/(new|edit)\b|Cite this|History of changes/.test(page.text.replace(/<header[\s\S]*?<\/header>/, '')), `${path} offers an edit control`);
    }
    assert.equal((await journalist.get('/incidents/new')).status, 403);
    assert.equal((await journalist.post('/incidents/new', { title: 'x', actTypes: 'torture', date: '2017' })).status, 403);
    assert.equal((await journalist.get(`/incidents/${hostile.id}/edit`)).status, 403);
  });

  it('an id that is not a record is a 404 page', async () => {
    assert.equal((await researcher.get('/incidents/999999')).status, 404);
    assert.equal((await researcher.get('/incidents/abc')).status, 404);
  });
});
