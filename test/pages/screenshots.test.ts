/**
 * The main pages with the founding case loaded, photographed in Debian's chromium at desktop
 * (1280×800), phone (390×844) and 400%-zoom (320 wide) sizes into test-output/pages/ for a person
 * to look at. At every size no page scrolls sideways and no text is cut off by a box too small for
 * it (a wide table scrolls inside its own box instead), and no page asks anything of another
 * origin. A real Casebook on loopback; nothing is faked.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadFoundingCase } from '../../scripts/demo/founding-case.js';
import { asRole } from '../../server/viewer.js';
import { launchChromium, signedInPage } from '../helpers/browser.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { fixture, uploadRaw } from '../helpers/files.js';
import { aWebAccount } from '../helpers/web.js';

const OUT = join(import.meta.dirname, '../../test-output/pages');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
  { width: 320, height: 640 },
];

/** Boxes narrower than what they hold that hide the rest (overflow hidden or clip), and how far the page itself scrolls sideways. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth - root.clientWidth}px wider than the window`);
    for (const element of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (hides && element.scrollWidth > element.clientWidth + 1) problems.push(`<${element.tagName.toLowerCase()} class="${element.className}"> cuts off ${(element.textContent ?? '').trim().slice(0, 40)}`);
    }
    return problems;
  });
}

describe('the main pages at desktop, phone and 400% zoom widths, in a browser', function () {
  this.timeout(60_000);
  let cb: TestCasebook;
  let browser: Browser;
  let account: { name: string; password: string };
  let pagesToShoot: Record<string, string>;
  const foreign: string[] = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    cb = await startCasebook();
    loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => undefined);
    const incidents = (await cb.get('/api/v1/incidents?limit=500')).body.items as { id: number; title: string }[];
    const incident = incidents.find((one) => one.title.includes('Argun')) ?? incidents[0]!;
    const daudov = (await cb.get('/api/v1/persons?name=Daudov')).body.items[0];
    const photo = await uploadRaw(cb, 'hematoma.jpg', fixture('gps.jpg'), `?protected=false&incident=${incident.id}&description=${encodeURIComponent('Hematoma after torture')}`);
    assert.equal(photo.status, 201);
    pagesToShoot = {
      incidents: '/incidents',
      incident: `/incidents/${incident.id}`,
      person: `/persons/${daudov.id}`,
      evidence: `/evidence/${photo.body.id}`,
      search: `/search?q=${encodeURIComponent('Даудов OR Argun')}`,
      timeline: '/timeline',
      map: '/map',
      exports: '/exports',
      admin: '/admin/users',
      audit: '/admin/audit',
    };
    account = await aWebAccount(cb, 'admin');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await cb?.close();
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}, every main page lays out without sideways scrolling or cut text`, async () => {
      const page = await signedInPage(browser, cb, account);
      await page.setViewportSize(size);
      page.on('request', (request) => {
        if (new URL(request.url()).origin !== new URL(cb.url).origin) foreign.push(request.url());
      });
      const problems: string[] = [];
      try {
        for (const [name, path] of Object.entries(pagesToShoot)) {
          const response = await page.goto(cb.url + path);
          assert.equal(response?.status(), 200, path);
          await page.screenshot({ path: join(OUT, `${name}-${size.width}.png`), fullPage: true });
          problems.push(...(await layoutProblems(page)).map((problem) => `${name}: ${problem}`));
        }
      } finally {
        await page.context().close();
      }
      assert.deepEqual(problems, []);
    });
  }

  it('no page asked anything of another origin: no fonts, scripts, styles or map tiles from elsewhere', () => {
    assert.deepEqual(foreign, []);
  });
});
