/**
 * verify.html as a reader of an archived bundle would use it: Debian's chromium, driven by
 * playwright-core, opens the page from file:// inside an unzipped bag, offline, and the bag's
 * folder is chosen in its folder picker. Untouched, every file matches; with one byte changed,
 * a file added and one removed, each is named. Nothing is faked: the bag comes from a real
 * Casebook's GET /api/v1/exports/bundle.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { unzipBundle } from '../helpers/bag.js';
import { launchChromium } from '../helpers/browser.js';
import { startCasebook } from '../helpers/casebook.js';
import { anIncident } from '../helpers/factories.js';
import { fixture, uploadRaw } from '../helpers/files.js';

describe('verify.html in a browser', function () {
  this.timeout(60_000);
  let dir: string;
  let bag: string;
  let browser: Browser;
  let payloadFiles: number;
  const requested: string[] = [];

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'casebook-verify-'));
    const cb = await startCasebook();
    try {
      const incident = await anIncident(cb, { title: 'Detention in Argun', summary: 'Held for two weeks.' });
      assert.equal((await uploadRaw(cb, 'bruise.jpg', fixture('gps.jpg'), `?protected=false&incident=${incident.id}`)).status, 201);
      assert.equal((await uploadRaw(cb, 'cell.png', fixture('text-location.png'), '?protected=false')).status, 201);
      const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=public`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` } });
      assert.equal(response.status, 200);
      const root = `casebook-public-${new Date().toISOString().slice(0, 10)}`;
      bag = unzipBundle(Buffer.from(await response.arrayBuffer()), dir, root);
    } finally {
      await cb.close();
    }
    payloadFiles = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8').trimEnd().split('\n').length;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function verify(): Promise<{ verdict: string; problems: string[] }> {
    const page: Page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto(pathToFileURL(join(bag, 'verify.html')).href);
      await page.locator('#folder').setInputFiles(bag);
      const verdict = page.locator('#verdict');
      await verdict.and(page.locator('.ok, .bad')).waitFor();
      return { verdict: (await verdict.textContent()) ?? '', problems: await page.locator('#problems li').allTextContents() };
    } finally {
      await page.close();
    }
  }

  it('when the bag is as exported, says that all its files match', async () => {
    assert.ok(payloadFiles >= 13, 'nine CSV files, the map, the graph, the receipt and the pictures');
    const result = await verify();
    assert.equal(result.verdict, `The bag is intact: all ${payloadFiles} files match the manifest.`);
    assert.deepEqual(result.problems, []);
  });

  it('when one byte of one file is changed, names that file', async () => {
    const path = join(bag, 'data/csv/incidents.csv');
    const bytes = readFileSync(path);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01;
    writeFileSync(path, bytes);
    const result = await verify();
    assert.match(result.verdict, /^1 problem found/);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!, /^data\/csv\/incidents\.csv: does not match/);
  });

  it('when a file is added and another removed, names both and the Payload-Oxum that no longer holds', async () => {
    writeFileSync(join(bag, 'data/added.txt'), 'not exported\n');
    unlinkSync(join(bag, 'data/incidents.geojson'));
    const { problems } = await verify();
    assert.ok(problems.includes('data/added.txt: not in the manifest'), problems.join('\n'));
    assert.ok(problems.includes('data/incidents.geojson: missing'), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.startsWith('Payload-Oxum: ')), problems.join('\n'));
  });

  it('asks for nothing but the page itself: no request leaves the machine', () => {
    assert.ok(requested.length > 0);
    assert.deepEqual(requested.filter((url) => !url.startsWith('file://')), []);
  });
});
