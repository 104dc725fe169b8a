/**
 * The export page's form over HTTP: empty fields left out, the rest checked with the API's schema
 * (mistakes next to their field, input kept), then a 303 to the API's export, which the session
 * cookie alone opens. A journalist is offered, and given, the public profile only. A real server
 * on a temporary SQLite file; nothing is faked.
 */
import assert from 'node:assert/strict';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, anIncident, aSource } from '../helpers/factories.js';
import { webVisitor, type WebVisitor } from '../helpers/web.js';

/** The form as a browser sends it: every field, the ones left blank empty. */
const blankForm = 'profile=public&q=&date=&location=&organisation=&person=&corroboration=&disputed=';

describe('the export page', () => {
  let cb: TestCasebook;
  let researcher: WebVisitor;
  let journalist: WebVisitor;
  let torture: { id: number };

  before(async () => {
    cb = await startCasebook();
    researcher = await webVisitor(cb, 'researcher');
    journalist = await webVisitor(cb, 'journalist');
    torture = await anIncident(cb, { title: 'Beaten in Argun', date: '2017-02', actTypes: ['torture'] });
    const detention = await anIncident(cb, { title: 'Held in Tsotsi-Yurt', date: '2016-12', actTypes: ['arbitrary-detention'] });
    // A report states only what a citation supports.
    const source = await aSource(cb, { title: 'Novaya Gazeta, 1 April 2017' });
    for (const incident of [torture, detention]) await aCitation(cb, source, { kind: 'incident', id: incident.id });
  });
  after(() => cb.close());

  it('offers a researcher every profile and a journalist the public one only, each field labelled', async () => {
    const radios = (text: string) => [...text.matchAll(/name="profile" value="(\w+)"/g)].map((match) => match[1]);
    const page = await researcher.get('/exports');
    assert.equal(page.status, 200);
    assert.deepEqual(radios(page.text), ['internal', 'partner', 'public']);
    assert.match(page.text, /value="public" checked/);
    assert.deepEqual(radios((await journalist.get('/exports')).text), ['public']);
    for (const id of ['f-q', 'f-date', 'f-act', 'f-location', 'f-incident']) assert.match(page.text, new RegExp(`<label for="${id}">`), id);
  });

  it('when the report is asked for, sends the browser to the API without the empty fields, and the session cookie opens it inline', async () => {
    const sent = await researcher.get(`/exports/report?${blankForm}&act=torture&format=html`);
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/api/v1/exports/report?profile=public&act=torture&format=html');
    const report = await fetch(cb.url + sent.location, { headers: { cookie: researcher.cookie } });
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-disposition') ?? '', /^inline; filename="casebook-report-public-/);
    const html = await report.text();
    assert.ok(html.includes('Beaten in Argun'));
    assert.ok(!html.includes('Held in Tsotsi-Yurt'), 'the selection holds');
  });

  it('when the bundle is asked for, sends the browser to the API bundle with the same selection names', async () => {
    const sent = await journalist.get(`/exports/bundle?${blankForm}&incident=${torture.id}`);
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `/api/v1/exports/bundle?profile=public&incident=${torture.id}`);
  });

  it('when a field is wrong, shows the page again with the problem next to it and what was typed kept', async () => {
    const page = await researcher.get('/exports/report?profile=partner&date=sometime+in+2017&format=html');
    assert.equal(page.status, 400);
    assert.match(page.text, /<div class="field invalid"><label for="f-date">/);
    assert.match(page.text, /value="sometime in 2017"/);
    assert.match(page.text, /value="partner" checked/);
  });

  it('when the search words do not parse, says why next to the field, on the page and from the API', async () => {
    const page = await researcher.get(`/exports/bundle?profile=public&q=${encodeURIComponent('"unbalanced')}`);
    assert.equal(page.status, 400);
    assert.match(page.text, /<div class="field invalid"><label for="f-q">/);
    assert.match(page.text, /value="&quot;unbalanced"/);
    const api = await fetch(`${cb.url}/api/v1/exports/csv/incidents?q=${encodeURIComponent('NEAR(')}`, { headers: { cookie: researcher.cookie } });
    assert.equal(api.status, 400);
    assert.equal(api.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const problem = (await api.json()) as { errors: { path: string; message: string }[] };
    assert.deepEqual(problem.errors.map((error) => error.path), ['query.q']);
  });

  it('when a journalist forges another profile, refuses it on the page, before any export', async () => {
    for (const path of ['/exports/report?profile=internal&format=html', '/exports/bundle?profile=partner', '/exports?profile=internal']) {
      const page = await journalist.get(path);
      assert.equal(page.status, 400, path);
      assert.match(page.text, /may export with the public profile only/);
    }
  });

  it('opened with the incident list\'s filters, starts the form from them and links the printable report of that selection', async () => {
    const list = await researcher.get('/incidents?act=torture');
    assert.ok(list.text.includes('href="/exports?act=torture"'), 'the incident list links its selection here');
    const page = await researcher.get('/exports?act=torture');
    assert.match(page.text, /<option value="torture" selected>/);
    assert.ok(page.text.includes('href="/api/v1/exports/report?profile=public&amp;act=torture&amp;format=html">Printable report of this selection'));
  });
});
