/**
 * The sourced report (issue 7) over the real API, read back as a reader would: footnote numbers
 * against the citations the API lists for each claim, the command chain's certain / possible /
 * no match over fuzzy dates, a planted protected name (Latin, Cyrillic, alias) searched in every
 * byte of every partner and public report, and the report printed to PDF by Debian's chromium
 * and turned into pictures by pdftoppm (saved under test-output/report for a person to look at).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, anIncident, anInvolvement, anOfficial, anOrganisation, aPerson, aPost, aSource } from '../helpers/factories.js';

const LATIN = 'Ruslan Reportovsky';
const CYRILLIC = 'Руслан Репортовский';
const ALIAS = 'Rusik';
const FORMS = [LATIN, CYRILLIC, ALIAS, ...LATIN.split(' '), ...CYRILLIC.split(' ')];
const squeeze = (text: string) => text.toLowerCase().replace(/[\s\p{Pd}_\\]+/gu, '');
const formsIn = (text: string) => FORMS.filter((form) => text.toLowerCase().includes(form.toLowerCase()) || squeeze(text).includes(squeeze(form)));
const HOSTILE = '<script>alert(1)</script> *bold* [link](http://evil.example)';

describe('sourced report', () => {
  let cb: TestCasebook;
  let ids: Record<string, number>;
  let pseudonym: string;

  async function report(query: string, who: 'admin' | 'researcher' | 'journalist' = 'researcher') {
    const response = await fetch(`${cb.url}/api/v1/exports/report?${query}`, { headers: { authorization: `Bearer ${cb.account(who).token}` } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy') ?? '', text: await response.text() };
  }

  before(async () => {
    cb = await startCasebook();
    const victim = await aPerson(cb, {
      name: LATIN,
      pseudonymKind: 'victim',
      alternativeNames: [
        { name: CYRILLIC, kind: 'native-script', language: 'ru' },
        { name: ALIAS, kind: 'alias' },
      ],
    });
    pseudonym = victim.pseudonym;
    const ministry = await anOrganisation(cb, { name: 'Ministry of the Interior' });
    const unit = await anOrganisation(cb, { name: 'Special unit Terek', parent: ministry.id });
    const head = await anOfficial(cb, { name: 'Minister Headov' });
    const commander = await anOfficial(cb, { name: 'Commander Certainov' });
    const earlier = await anOfficial(cb, { name: 'Commander Formerov' });
    const article = await aSource(cb, { title: 'Novaya report on the round-ups', publisher: 'Novaya Gazeta', reliability: 'B', published: '2017-04-01' });
    const denial = await aSource(cb, { kind: 'official-statement', title: 'Statement of the spokesman', reliability: 'D', published: '2017-04-03' });
    const testimony = await aSource(cb, { kind: 'testimony', title: 'Testimony of a man who fled to Moscow', reliability: 'B', restricted: true });

    const february = await anIncident(cb, { title: 'Detentions in February', date: '2017-02', actTypes: ['arbitrary-detention', 'torture'], victims: { min: 100, max: null }, summary: `${LATIN} was among those held. ${HOSTILE}` });
    const may = await anIncident(cb, { title: 'Detentions about May', date: '2017-05~', actTypes: ['arbitrary-detention'], victims: { min: 3, max: 5 } });
    const unsourced = await anIncident(cb, { title: 'Rumoured detention with no source', date: '2017-03' });
    const hostile = await anIncident(cb, { title: HOSTILE, date: '2017-02-10', actTypes: ['threats'] });

    await aCitation(cb, article, { kind: 'incident', id: february.id }, { quote: `${ALIAS} was beaten`, locator: 'para. 4', credibility: 2 });
    await aCitation(cb, testimony, { kind: 'incident', id: february.id }, { quote: 'They took my phone', locator: '00:12:30', credibility: 2 });
    await aCitation(cb, denial, { kind: 'incident', id: february.id }, { quote: 'There are no such people in Chechnya', stance: 'disputes', credibility: 5 });
    await aCitation(cb, article, { kind: 'incident', id: may.id }, { quote: 'More were taken in spring' });
    await aCitation(cb, denial, { kind: 'incident', id: may.id }, { quote: 'There are no such people in Chechnya', stance: 'disputes', credibility: 5 });
    await aCitation(cb, article, { kind: 'incident', id: hostile.id });

    const byUnit = await anInvolvement(cb, { incident: february.id, organisation: unit.id, role: 'perpetrator' });
    const byUnitInMay = await anInvolvement(cb, { incident: may.id, organisation: unit.id, role: 'perpetrator' });
    const ofVictim = await anInvolvement(cb, { incident: february.id, person: victim.id, role: 'victim' });
    await anInvolvement(cb, { incident: may.id, person: victim.id, role: 'witness' });
    for (const involvement of [byUnit, byUnitInMay, ofVictim]) await aCitation(cb, article, { kind: 'involvement', id: involvement.id });

    const certainPost = await aPost(cb, { person: commander.id, organisation: unit.id, role: 'Commander', period: '2016-12/2017-04' });
    const formerPost = await aPost(cb, { person: earlier.id, organisation: unit.id, role: 'Commander', period: '2015/2016-11' });
    const headPost = await aPost(cb, { person: head.id, organisation: ministry.id, role: 'Minister', period: '2014/..' });
    for (const post of [certainPost, formerPost, headPost]) await aCitation(cb, article, { kind: 'post', id: post.id });

    ids = { february: february.id, may: may.id, unsourced: unsourced.id, hostile: hostile.id, unit: unit.id, certainPost: certainPost.id, formerPost: formerPost.id };
  });
  after(() => cb.close());

  it('numbers every footnote once, and each lists exactly the citations the API has for its claim', async () => {
    const { status, type, text } = await report('profile=internal');
    assert.equal(status, 200, text);
    assert.match(type, /^text\/html; charset=utf-8/);
    const notes = [...text.matchAll(/<li id="fn-(\d+)" value="\d+" data-claim="([a-z-]+):(\d+)" data-citations="([\d ]*)">/g)];
    assert.ok(notes.length >= 8, `found ${notes.length} footnotes`);
    assert.deepEqual(notes.map((note) => Number(note[1])), notes.map((_, index) => index + 1), 'numbered 1, 2, 3… without gaps');
    for (const [, , kind, claimId, citationIds] of notes) {
      const listed = await cb.get(`/api/v1/citations?claimKind=${kind}&claimId=${claimId}&limit=500`);
      assert.deepEqual(citationIds!.split(' ').map(Number).sort(), listed.body.items.map((c: { id: number }) => c.id).sort(), `${kind} ${claimId}`);
    }
    const referenced = new Set([...text.matchAll(/<a href="#fn-(\d+)">/g)].map((match) => Number(match[1])));
    assert.deepEqual([...referenced].sort((a, b) => a - b), notes.map((note) => Number(note[1])), 'every footnote is referenced and every reference has a footnote');
  });

  it('matches posts to incidents over fuzzy dates: certain, possible, or not at all, with the parent unit one level up', async () => {
    const { text } = await report('profile=internal&format=md');
    const section = (title: string) => {
      const start = text.indexOf(`\n### ${title}`);
      return text.slice(start, text.slice(start + 1).search(/\n##? /) + start + 1);
    };
    const feb = section('Detentions in February');
    assert.match(feb, /Commander Certainov: Commander, Special unit Terek \(2016-12/);
    assert.match(feb, /Commander Certainov[^\n]*\*\*certain\*\*/);
    assert.doesNotMatch(feb, /Formerov/, 'a post that ended in 2016-11 does not match 2017-02');
    assert.match(feb, /Ministry of the Interior \(parent unit, one level up\):\n {2}- Minister Headov: Minister[^\n]*\*\*certain\*\*/);
    const may = section('Detentions about May');
    assert.match(may, /Commander Certainov[^\n]*\*\*possible\*\*/, 'a post ending 2017-04 against 2017-05~ is possible');
    assert.match(text, /## Persons of interest[\s\S]*### Commander Certainov\n/);
  });

  it('states no claim without a citation and says how many were left out', async () => {
    const { text } = await report('profile=internal&format=md');
    assert.doesNotMatch(text, /Rumoured detention/);
    assert.match(text, /Left out because no citation supports or disputes them: 1 incident, 1 involvement\./);
  });

  it('lists the official denial once, in date order, against each incident it disputes', async () => {
    const { text } = await report('profile=internal&format=md');
    const responses = text.slice(text.indexOf('## Official responses'), text.indexOf('## Persons of interest'));
    assert.equal(responses.match(/There are no such people in Chechnya/g)?.length, 1);
    assert.match(responses, /2017-04-03\*\* — Statement of the spokesman.*Disputes: Detentions in February\[\^\d+\]; Detentions about May\[\^\d+\]/);
  });

  it('adds victims as ranges, never a bare number for an open one', async () => {
    const { text } = await report('profile=internal&format=md');
    assert.match(text, /Victims documented: \*\*103 or more\*\*/);
  });

  it('escapes what researchers typed: no markup from the records in the HTML or the Markdown', async () => {
    const html = (await report('profile=internal')).text;
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('&lt;script>alert(1)&lt;/script>'));
    const md = (await report('profile=internal&format=md')).text;
    assert.ok(md.includes('\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](http://evil.example)'));
    assert.doesNotMatch(md, /(^|[^\\])<script/);
  });

  for (const profile of ['partner', 'public'] as const) {
    it(`with the ${profile} profile, no byte of the HTML or Markdown holds any form of the protected name`, async () => {
      for (const format of ['html', 'md']) {
        const { status, text } = await report(`profile=${profile}&format=${format}`);
        assert.equal(status, 200);
        assert.deepEqual(formsIn(text), [], `${format} leaks the name`);
        assert.ok(text.includes(pseudonym));
      }
    });
  }

  it('reduces a restricted source to its grades for the public, and the footnote still counts', async () => {
    const { text } = await report('profile=public&format=md');
    assert.doesNotMatch(text, /fled to Moscow|took my phone|00:12:30/);
    assert.match(text, /restricted source — supports; graded B2/);
    assert.match(text, /Restricted sources \(withheld by this profile\) \| — \| B \| 1 \|/);
    const partner = (await report('profile=partner&format=md')).text;
    assert.match(partner, /Testimony of a man who fled to Moscow.*They took my phone/);
  });

  it('covers a selection: filters, a search query, a list of incidents; one that matches nothing is an empty, valid report', async () => {
    const torture = (await report('profile=public&format=md&act=torture')).text;
    assert.match(torture, /\*\*Incidents:\*\* 1\n/);
    assert.match(torture, /\*\*Scope:\*\* act type: Torture/);
    const listed = (await report(`profile=public&format=md&incident=${ids.may}`)).text;
    assert.match(listed, /### Detentions about May/);
    assert.doesNotMatch(listed, /### Detentions in February/);
    const searched = (await report('profile=public&format=md&q=February')).text;
    assert.match(searched, /### Detentions in February/);
    assert.doesNotMatch(searched, /### Detentions about May/);
    const none = await report('profile=public&date=1990');
    assert.equal(none.status, 200);
    assert.match(none.text, /No incident matches this selection/);
    assert.match(none.text, /<\/html>\n$/);
  });

  it('searching the public report for the protected name finds nothing, and the scope does not repeat it', async () => {
    const { text } = await report(`profile=public&format=md&q=${encodeURIComponent(LATIN.split(' ')[1]!)}`);
    assert.match(text, /\*\*Incidents:\*\* 0\n/);
    assert.deepEqual(formsIn(text), []);
  });

  it('refuses what it should: a journalist asking for a partner report, an unknown incident, a bad filter', async () => {
    const forbidden = await report('profile=partner', 'journalist');
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.type, /application\/problem\+json/);
    assert.equal((await report('profile=public', 'journalist')).status, 200);
    const unknown = await report('profile=public&incident=999999');
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /There is no incident 999999/);
    assert.equal((await report('profile=public&act=nonsense')).status, 400);
    assert.equal((await report('profile=public&format=pdf')).status, 400);
  });

  it('is an audit entry, and prints the audit chain head it was read at', async () => {
    const exports = async () => (await cb.as('admin').get('/api/v1/audit?kind=incidents&limit=500')).body.items.filter((entry: { action: string }) => entry.action === 'export');
    const before = (await exports()).length;
    const { text } = await report('profile=public&format=md');
    const entries = await exports();
    assert.equal(entries.length, before + 1);
    const head = /Audit chain head when this report was read: entry (\d+), `([0-9a-f]{64})`/.exec(text);
    assert.ok(head, 'the head is printed');
    const newest = entries.reduce((a: { id: number }, b: { id: number }) => (a.id > b.id ? a : b));
    assert.equal(Number(head[1]), newest.id, 'the head is the export entry itself');
    assert.equal(head[2], newest.hash);
  });

  it('prints to PDF in chromium: pictures of its pages are saved for a person to look at', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'casebook-report-'));
    try {
      const served = await report('profile=public');
      const style = /<style>([\s\S]*?)<\/style>/.exec(served.text)![1]!;
      assert.ok(served.csp.startsWith(`default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the policy lets exactly its own style in');
      writeFileSync(join(dir, 'report.html'), served.text);
      execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'report.pdf')}`, `file://${join(dir, 'report.html')}`], { stdio: 'ignore', timeout: 50_000 });
      const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-']).toString();
      assert.match(text, /Detentions in February/);
      assert.deepEqual(formsIn(text), []);
      const out = join('test-output', 'report');
      mkdirSync(out, { recursive: true });
      execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, 'report.pdf'), join(out, 'public-report-page')]);
      assert.ok(readdirSync(out).filter((name) => name.startsWith('public-report-page')).length >= 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
