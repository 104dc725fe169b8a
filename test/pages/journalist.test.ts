/**
 * A journalist in Debian's chromium walks every page Casebook links to: the sections of the
 * navigation and, breadth-first, every link on the same origin from them (record pages, filtered
 * lists, search facets), skipping signing out and the API's downloads. On no page does any form
 * of a planted protected name appear, in the text shown or anywhere in the HTML, and no page
 * offers a control that changes records. A real Casebook on loopback; the name is planted over
 * the API by a researcher; nothing is faked.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage } from '../helpers/browser.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { plantedFormsIn, plantProtectedName, type PlantedIds } from '../helpers/planted.js';
import { aWebAccount } from '../helpers/web.js';

/** More than the planted records link to; a walk that reaches it has found a loop of ever-new addresses. */
const MOST_PAGES = 400;

/** Addresses that are not pages to read: signing out, and files (the API's JSON, CSV, reports and bundles, pictures). */
const notAPage = (url: URL) => url.pathname === '/sign-out' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/') || /\/(thumbnail|file)$/.test(url.pathname);

/** What a journalist may send by POST: her own sign-out, password and API tokens. */
const ownAccount = (path: string) => path === '/sign-out' || path === '/account' || path.startsWith('/account/');

interface Visited {
  readonly path: string;
  readonly leaks: string[];
  readonly editControls: string[];
  readonly text: string;
  /** Bytes of the HTML as sent, and the stylesheets it links. */
  readonly htmlBytes: number;
  readonly stylesheets: string[];
}

async function visit(page: Page, url: string): Promise<{ visited: Visited; links: string[] }> {
  // Server-rendered: the whole page is in the document; pictures need not have loaded.
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  assert.equal(response?.status(), 200, `${url} answers ${response?.status()}`);
  const html = await page.content();
  const text = await page.locator('body').innerText();
  const found = await page.evaluate(() => ({
    // The attribute, resolved here: an SVG link's .href (the map's markers) is not a string.
    links: [...document.querySelectorAll('a[href]')].map((link) => new URL(link.getAttribute('href')!, document.baseURI).href),
    // Attributes, not form.action and form.method: a field named "action" would shadow those.
    stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map((link) => (link as HTMLLinkElement).href),
    posts: [...document.querySelectorAll('form')].filter((form) => form.getAttribute('method')?.toLowerCase() === 'post').map((form) => new URL(form.getAttribute('action') ?? '', document.baseURI).pathname),
  }));
  const path = new URL(url).pathname + new URL(url).search;
  const editLinks = found.links.map((link) => new URL(link).pathname).filter((linked) => /\/(new|edit)$/.test(linked));
  const editControls = [...found.posts.filter((action) => !ownAccount(action)).map((action) => `form posting to ${action}`), ...editLinks.map((link) => `link to ${link}`)];
  const htmlBytes = (await response!.body()).byteLength;
  return { visited: { path, leaks: plantedFormsIn(`${text}\n${html}`), editControls, text, htmlBytes, stylesheets: found.stylesheets }, links: found.links };
}

describe("a journalist's walk through every page, in a browser", function () {
  this.timeout(60_000);
  let cb: TestCasebook;
  let browser: Browser;
  let ids: PlantedIds;
  let pseudonym: string;
  const visited: Visited[] = [];

  before(async () => {
    cb = await startCasebook();
    ({ ids, pseudonym } = await plantProtectedName(cb));
    browser = await launchChromium();
    const page = await signedInPage(browser, cb, await aWebAccount(cb, 'journalist'));
    const origin = new URL(cb.url).origin;
    const seen = new Set<string>();
    // The navigation's search page holds no results; one search that finds every planted record opens its hits and facets to the walk.
    const queue = [`${cb.url}/incidents`, `${cb.url}/search?q=${encodeURIComponent('Argun OR cells OR Interview OR Photo OR unit')}`];
    while (queue.length > 0 && seen.size < MOST_PAGES) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const { visited: one, links } = await visit(page, url);
      visited.push(one);
      for (const link of links) {
        const next = new URL(link);
        next.hash = '';
        // Facets add filters in any order; one order per set of filters is the same page.
        next.searchParams.sort();
        if (next.origin === origin && !notAPage(next) && !seen.has(next.href)) queue.push(next.href);
      }
    }
    assert.ok(seen.size < MOST_PAGES, `the walk stopped at ${MOST_PAGES} pages; the links loop`);
  });
  after(async () => {
    await browser?.close();
    await cb?.close();
  });

  it('reaches every section of the navigation and every planted record', () => {
    const paths = new Set(visited.map((one) => one.path));
    for (const path of ['/incidents', '/search', '/timeline', '/map', '/persons', '/organisations', '/locations', '/sources', '/evidence', '/exports', '/account']) assert.ok(paths.has(path), `${path} was not reached`);
    const records = [`/incidents/${ids.incident}`, `/persons/${ids.person}`, `/locations/${ids.place}`, `/organisations/${ids.unit}`, `/sources/${ids.source}`, `/evidence/${ids.evidence}`];
    for (const path of records) assert.ok(paths.has(path), `${path} was not reached`);
  });

  it('meets no form of the protected name on any page, in its text or its HTML, and the pseudonym where he is', () => {
    assert.deepEqual(
      visited.filter((one) => one.leaks.length > 0).map((one) => `${one.path}: ${one.leaks.join(', ')}`),
      [],
    );
    assert.ok(visited.length > 20, `${visited.length} pages`);
    const incident = visited.find((one) => one.path === `/incidents/${ids.incident}`)!;
    assert.ok(incident.text.includes(`${pseudonym} was detained in Argun. Later ${pseudonym} was moved.`), incident.text);
    assert.equal(visited.find((one) => one.path === `/persons/${ids.person}`)!.text.includes(pseudonym), true);
  });

  it('is offered no control that changes records on any page', () => {
    assert.deepEqual(
      visited.filter((one) => one.editControls.length > 0).map((one) => `${one.path}: ${one.editControls.join(', ')}`),
      [],
    );
  });

  it('finds every page under 100 KB of HTML and CSS (its pictures aside)', async () => {
    const styleBytes = new Map<string, number>();
    for (const href of new Set(visited.flatMap((one) => one.stylesheets))) styleBytes.set(href, (await (await fetch(href)).arrayBuffer()).byteLength);
    assert.ok(styleBytes.size > 0, 'pages link their stylesheet');
    const heavy = visited
      .map((one) => ({ path: one.path, bytes: one.htmlBytes + one.stylesheets.reduce((sum, href) => sum + styleBytes.get(href)!, 0) }))
      .filter((one) => one.bytes >= 100_000);
    assert.deepEqual(heavy, []);
  });

  it('positive control: a researcher on the same pages meets his name', async () => {
    const page = await signedInPage(browser, cb, await aWebAccount(cb, 'researcher'));
    const { visited: one } = await visit(page, `${cb.url}/persons/${ids.person}`);
    assert.ok(one.leaks.length > 0);
    assert.ok(one.editControls.length > 0);
  });
});
