/**
 * Signing in as a person does, in Debian's chromium: a new account's one-time password is
 * replaced on the page it leads to, every page then says who is signed in and with which role,
 * and signing out ends the session. A real Casebook on loopback; nothing is faked.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createAccount } from '../../server/services/accounts.js';
import { asRole } from '../../server/viewer.js';
import { launchChromium } from '../helpers/browser.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { WEB_PASSWORD } from '../helpers/web.js';

describe('signing in, in a browser', function () {
  this.timeout(30_000);
  let cb: TestCasebook;
  let browser: Browser;

  before(async () => {
    cb = await startCasebook();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await cb?.close();
  });

  it('when a new researcher signs in with the one-time password, makes her choose her own, then shows who she is; signing out ends it', async () => {
    const { oneTimePassword } = await createAccount({ db: cb.db, now: () => new Date() }, asRole('admin'), { name: 'zarema', role: 'researcher' });
    const page = await browser.newPage();
    try {
      await page.goto(`${cb.url}/incidents`);
      assert.equal(new URL(page.url()).pathname, '/sign-in', 'a page asks for signing in first');
      await page.getByLabel('Account name').fill('zarema');
      await page.getByLabel('Password').fill(oneTimePassword);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL('**/account/password');
      await page.goto(`${cb.url}/incidents`);
      assert.equal(new URL(page.url()).pathname, '/account/password', 'nothing else until the password is her own');
      await page.getByLabel('Current password').fill(oneTimePassword);
      await page.getByLabel('New password', { exact: true }).fill(WEB_PASSWORD);
      await page.getByLabel('New password again').fill(WEB_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();

      await page.waitForURL('**/account');
      assert.equal(await page.locator('.who span').innerText(), 'Signed in as zarema (researcher)');
      assert.deepEqual(await page.locator('dl.facts dd').allInnerTexts(), ['zarema', 'researcher']);
      await page.getByRole('link', { name: 'Incidents' }).click();
      assert.match(await page.locator('.who').innerText(), /Signed in as zarema \(researcher\)/);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      assert.equal(await page.locator('.who').count(), 0, 'no one is signed in');
      await page.goto(`${cb.url}/account`);
      assert.equal(new URL(page.url()).pathname, '/sign-in', 'the session is over');
    } finally {
      await page.close();
    }
  });

  it('when the password is wrong, says so on the sign-in page, keeps the name and signs no one in', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${cb.url}/sign-in`);
      await page.getByLabel('Account name').fill(cb.account('journalist').name);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.summary[role="alert"]').waitFor();
      assert.equal(await page.getByLabel('Account name').inputValue(), cb.account('journalist').name);
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'a password is never sent back');
      assert.equal(await page.locator('.who').count(), 0);
    } finally {
      await page.close();
    }
  });
});
