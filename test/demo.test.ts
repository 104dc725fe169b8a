/**
 * The founding case as `npm run demo` loads it, read back over HTTP the way a journalist checking
 * it would: every claim cited, every quote really in the article, the places and names findable.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { asRole } from '../server/viewer.js';
import { startCasebook, type TestCasebook } from './helpers/casebook.js';

const article = readFileSync(join(import.meta.dirname, '../../shared/context/seed-article.txt'), 'utf8');
const normalise = (text: string) => text.replace(/[“”"]/g, '"').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

describe('the founding case (npm run demo)', () => {
  let cb: TestCasebook;
  before(async () => {
    cb = await startCasebook();
    loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => {});
  });
  after(() => cb.close());

  async function all(path: string) {
    const items = [];
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}limit=500`;
    while (next) {
      const page: { body: { items: any[]; links: { next: string | null } } } = await cb.get(next);
      items.push(...page.body.items);
      next = page.body.links.next;
    }
    return items;
  }

  it('cites every incident, involvement, post and alternative name of an official, with quotes from the article', async () => {
    const incidents = await all('/api/v1/incidents');
    assert.ok(incidents.length >= 8);
    for (const incident of incidents) assert.notEqual(incident.status.corroboration, 'unsourced', incident.title);
    for (const involvement of await all('/api/v1/involvements')) assert.notEqual(involvement.status.corroboration, 'unsourced', `involvement ${involvement.id}`);
    for (const post of await all('/api/v1/posts')) assert.notEqual(post.status.corroboration, 'unsourced', `post ${post.id}`);
    const citations = await all('/api/v1/citations');
    assert.ok(citations.length > 40);
    const text = normalise(article);
    for (const citation of citations) {
      assert.ok(citation.quote && text.includes(normalise(citation.quote)), `citation ${citation.id} quotes words not in the article: ${citation.quote}`);
      assert.ok(citation.locator, `citation ${citation.id} has a locator`);
    }
  });

  it('records the official denials as disputing citations', async () => {
    const disputing = await all('/api/v1/citations?stance=disputes');
    const quotes = disputing.map((c) => c.quote).join(' ');
    for (const words of ['simply isn', 'complete nonsense']) assert.ok(quotes.includes(words), words);
    const prisons = (await all('/api/v1/incidents?disputed=true')).length;
    assert.ok(prisons >= 3);
  });

  it('has cited incidents at Argun and at Tsotsi-Yurt, found by any spelling of the place', async () => {
    for (const name of ['Argun', 'Цоци-Юрт', 'Tsotsin-Yurt']) {
      const [place] = (await cb.get(`/api/v1/locations?name=${encodeURIComponent(name)}&kind=settlement`)).body.items;
      assert.ok(place, `no settlement found for ${name}`);
      const incidents = await all(`/api/v1/incidents?location=${place.id}`);
      assert.ok(incidents.length > 0, `no incident at ${name}`);
      const detail = (await cb.get(`/api/v1/incidents/${incidents[0].id}`)).body;
      assert.ok(detail.citations.some((c: { stance: string }) => c.stance === 'supports'));
    }
  });

  it('finds Magomed Daudov as Даудов and by his call sign "Lord"', async () => {
    for (const name of ['Даудов', 'Lord', 'Daudov']) {
      const found = (await cb.get(`/api/v1/persons?name=${encodeURIComponent(name)}`)).body.items.map((p: { name: string }) => p.name);
      assert.deepEqual(found, ['Magomed Daudov'], name);
    }
  });

  it('keeps the article\'s minimums as open ranges: at least 100 held, at least three killed', async () => {
    const held = (await cb.get('/api/v1/incidents/summary?act=torture&act=arbitrary-detention')).body;
    assert.equal(held.victims.max, null);
    assert.ok(held.victims.min >= 100);
    const killings = (await all('/api/v1/incidents?act=killing')).filter((i) => i.victims);
    assert.ok(killings.some((i) => i.victims.min === 3 && i.victims.max === null));
    assert.match(held.victims.text, /or more$/);
  });

  it('protects the men who fled', async () => {
    const protectedPersons = await all('/api/v1/persons?protection=protected');
    assert.ok(protectedPersons.length >= 1);
    for (const person of protectedPersons) assert.match(person.pseudonym, /^[VWP]-\d+$/);
  });
});
