/**
 * A researcher's desk in Debian's chromium: an incident created through its form with a vague
 * date (a mistake first, shown next to its field with the input kept), a citation added with
 * "cite this", a photo uploaded through the upload form with its metadata and hints shown, and a
 * search in Cyrillic that finds a name recorded in Latin. A real Casebook on loopback; the
 * source, the place and the person are made over the API beforehand; nothing is faked.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signedInPage } from '../helpers/browser.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aLocation, anOfficial, aSource } from '../helpers/factories.js';
import { fixtures } from '../helpers/files.js';
import { aWebAccount } from '../helpers/web.js';
import { join } from 'node:path';

describe("a researcher's desk, in a browser", function () {
  this.timeout(30_000);
  let cb: TestCasebook;
  let browser: Browser;
  let page: Page;
  let incidentPath: string;

  before(async () => {
    cb = await startCasebook();
    await aSource(cb, { title: 'Novaya Gazeta, 1 April 2017' });
    // Far from where the photo was taken (Argun), so the upload earns a distance hint.
    await aLocation(cb, { name: 'Moscow', point: { latitude: 55.75, longitude: 37.62, precisionMeters: 1000 } });
    await anOfficial(cb, { name: 'Magomed Daudov' });
    browser = await launchChromium();
    page = await signedInPage(browser, cb, await aWebAccount(cb, 'researcher'));
  });
  after(async () => {
    await browser?.close();
    await cb?.close();
  });

  it('when a date is not EDTF, shows the problem next to the date field and keeps everything typed', async () => {
    await page.goto(`${cb.url}/incidents`);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill('Detention of men in Argun');
    await page.getByLabel('Summary').fill('Men held for weeks; Коротко: задержаны.');
    await page.getByLabel('Torture', { exact: true }).check();
    await page.getByLabel('Date').fill('February 2017');
    await page.getByRole('button', { name: 'Save incident' }).click();

    const date = page.locator('.field.invalid', { has: page.getByLabel('Date') });
    assert.match(await date.locator('.error').innerText(), /^Error: /);
    assert.equal(await page.getByLabel('Date').inputValue(), 'February 2017');
    assert.equal(await page.getByLabel('Title').inputValue(), 'Detention of men in Argun');
    assert.equal(await page.getByLabel('Summary').inputValue(), 'Men held for weeks; Коротко: задержаны.');
    assert.ok(await page.getByLabel('Torture', { exact: true }).isChecked());
    assert.match(await page.locator('#problems').innerText(), /date/);
  });

  it('when the vague date is corrected, saves the incident and shows the date with the span of days it stands for', async () => {
    await page.getByLabel('Date').fill('2017-02/2017-04');
    await page.getByLabel('Places').selectOption({ label: 'Moscow' });
    await page.getByRole('button', { name: 'Save incident' }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    incidentPath = new URL(page.url()).pathname;
    assert.equal(await page.locator('h1').innerText(), 'Detention of men in Argun');
    const when = page.locator('dl.facts dt:text-is("When") + dd');
    assert.equal(await when.innerText(), '2017-02/2017-04 (between 2017-02-01 and 2017-04-30)');
    assert.match(await page.locator('.status').first().innerText(), /unsourced/i);
  });

  it('when the incident is cited with "cite this", shows the citation under the claim and the status it earns', async () => {
    await page.getByRole('link', { name: 'Cite this' }).click();
    assert.match(await page.locator('main').innerText(), /Citing/);
    await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Novaya Gazeta, 1 April 2017 (B)' });
    await page.getByLabel('Where in the source').fill('para. 6');
    await page.getByLabel('Quote').fill('They were held in a former military base.');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL((url) => url.pathname === incidentPath && url.hash.startsWith('#citation-'));
    const citation = page.locator(new URL(page.url()).hash);
    const text = await citation.innerText();
    assert.match(text, /Novaya Gazeta, 1 April 2017/);
    assert.match(text, /para\. 6/);
    assert.match(text, /They were held in a former military base\./);
    assert.match(await page.locator('dl.facts dt:text-is("Status") + dd').innerText(), /single source/i);
  });

  it('when a photo is uploaded through the form, shows its capture metadata and the hints to check', async () => {
    await page.goto(cb.url + incidentPath);
    await page.getByRole('link', { name: 'Upload evidence' }).click();
    await page.getByLabel(/^File/).setInputFiles(join(fixtures, 'gps.jpg'));
    await page.getByLabel('Description').fill('Hematoma after torture');
    await page.getByLabel('Protection').selectOption('false');
    await page.getByRole('button', { name: 'Upload' }).click();

    await page.waitForURL(/\/evidence\/\d+$/);
    assert.equal(await page.locator('h1').innerText(), 'Hematoma after torture');
    const fact = (term: string) => page.locator(`dl.facts dt:text-is("${term}") + dd`).first().innerText();
    assert.match(await fact('Taken'), /^2017:01:15 14:32:10 \(\+03:00\)$/);
    assert.match(await fact('GPS'), /^43\.29\d*, 45\.87\d*$/);
    assert.match(await fact('Device'), /Canon/);
    const hints = await page.locator('h2:text-is("Hints") + ul li').allInnerTexts();
    assert.ok(hints.some((hint) => /^GPS position \d+ km from incident \d+'s location$/.test(hint)), hints.join('\n'));
    assert.ok(hints.some((hint) => hint.startsWith('edited with Adobe Photoshop')), hints.join('\n'));
  });

  it('without JavaScript, the upload form posts the same upload and leads to the item', async () => {
    const plain = await signedInPage(browser, cb, await aWebAccount(cb, 'researcher', 'no-script'), { javaScriptEnabled: false });
    try {
      await plain.goto(`${cb.url}/evidence/new`);
      await plain.getByLabel(/^File/).setInputFiles(join(fixtures, 'plain.jpg'));
      await plain.getByLabel('Description').fill('Photo without metadata');
      await plain.getByRole('button', { name: 'Upload' }).click();
      await plain.waitForURL(/\/evidence\/\d+$/);
      assert.equal(await plain.locator('h1').innerText(), 'Photo without metadata');
      assert.deepEqual(await plain.locator('h2:text-is("Hints") + ul li').allInnerTexts(), ['no capture metadata (likely re-shared through a messenger)']);
    } finally {
      await plain.context().close();
    }
  });

  it('when searching in Cyrillic, finds the person recorded in Latin, the match highlighted', async () => {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('searchbox').fill('Даудов');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=/);
    const hits = page.locator('section[aria-label="Results"] ol > li');
    const hit = hits.filter({ has: page.getByRole('link', { name: 'Magomed Daudov' }) });
    assert.equal(await hit.count(), 1, await hits.allInnerTexts().then((all) => all.join('\n')));
    assert.deepEqual(await hit.locator('mark').allInnerTexts(), ['Daudov']);
  });
});
