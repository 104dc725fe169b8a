/**
 * The export page in Debian's chromium: the form's buttons build a public bundle (caught as a
 * download, a BagIt bag whose manifests hold), open the printable report of a selection in the
 * browser, and download it as Markdown. A real Casebook on loopback; the records are made over
 * the API beforehand; nothing is faked.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkBag, unzipBundle } from '../helpers/bag.js';
import { launchChromium, signedInPage } from '../helpers/browser.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aCitation, anIncident, aSource } from '../helpers/factories.js';
import { fixture, uploadRaw } from '../helpers/files.js';
import { aWebAccount } from '../helpers/web.js';

describe('the export page, in a browser', function () {
  this.timeout(30_000);
  let cb: TestCasebook;
  let browser: Browser;
  let page: Page;
  let dir: string;

  before(async () => {
    cb = await startCasebook();
    dir = mkdtempSync(join(tmpdir(), 'casebook-export-page-'));
    const source = await aSource(cb, { title: 'Novaya Gazeta, 1 April 2017' });
    const beaten = await anIncident(cb, { title: 'Beaten in Argun', date: '2017-02', actTypes: ['torture'] });
    const held = await anIncident(cb, { title: 'Held in Tsotsi-Yurt', date: '2016-12', actTypes: ['arbitrary-detention'] });
    for (const incident of [beaten, held]) await aCitation(cb, source, { kind: 'incident', id: incident.id });
    assert.equal((await uploadRaw(cb, 'bruise.jpg', fixture('gps.jpg'), `?protected=false&incident=${beaten.id}`)).status, 201);
    browser = await launchChromium();
    page = await signedInPage(browser, cb, await aWebAccount(cb, 'researcher'));
  });
  after(async () => {
    await browser?.close();
    await cb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openExports(): Promise<void> {
    await page.goto(`${cb.url}/incidents`);
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await page.waitForURL('**/exports');
  }

  it('when the bundle button is pressed with the public profile, downloads a BagIt bag whose manifests hold', async () => {
    await openExports();
    assert.ok(await page.getByRole('radio', { name: /^public:/ }).isChecked(), 'public is the profile a form starts with');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the bundle (ZIP)' }).click()]);
    const root = `casebook-public-${new Date().toISOString().slice(0, 10)}`;
    assert.equal(download.suggestedFilename(), `${root}.zip`);
    const zip = readFileSync(await download.path());
    assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
    const bag = unzipBundle(zip, dir, root);
    checkBag(bag);
    assert.match(readFileSync(join(bag, 'bag-info.txt'), 'utf8'), /public/);
  });

  it('when the printable report is asked for over a selection, opens it in the browser with only what was selected', async () => {
    await openExports();
    await page.getByLabel('Act types').selectOption({ label: 'Torture' });
    await page.getByRole('button', { name: 'Open the printable report' }).click();
    await page.waitForURL('**/api/v1/exports/report?**');
    assert.equal(new URL(page.url()).search, '?profile=public&act=torture&format=html');
    assert.equal(await page.locator('h1').first().innerText(), 'Casebook report');
    const text = await page.locator('body').innerText();
    assert.ok(text.includes('Beaten in Argun'));
    assert.ok(!text.includes('Held in Tsotsi-Yurt'));
  });

  it('when the Markdown report is asked for, downloads it, the selection kept', async () => {
    await page.goto(`${cb.url}/exports?act=arbitrary-detention`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the report (Markdown)' }).click()]);
    assert.match(download.suggestedFilename(), /^casebook-report-public-\d{4}-\d\d-\d\d\.md$/);
    const markdown = readFileSync(await download.path(), 'utf8');
    assert.ok(markdown.includes('Held in Tsotsi-Yurt'));
    assert.ok(!markdown.includes('Beaten in Argun'));
  });

  it('when a date in the selection is wrong, shows the page again with the problem next to it and nothing downloaded', async () => {
    await openExports();
    await page.getByLabel('Date (EDTF)').fill('spring 2017');
    await page.getByRole('button', { name: 'Open the printable report' }).click();
    await page.waitForURL('**/exports/report?**');
    assert.match(await page.locator('.field.invalid', { has: page.getByLabel('Date (EDTF)') }).locator('.error').innerText(), /^Error: /);
    assert.equal(await page.getByLabel('Date (EDTF)').inputValue(), 'spring 2017');
  });
});
