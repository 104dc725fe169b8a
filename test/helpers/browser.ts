/**
 * Debian's chromium (/usr/bin/chromium, which .ci/run installs), driven by playwright-core; never
 * a downloaded browser. Offline and quiet: no first-run, sync, update or background requests, so
 * every request a page makes is one the page asked for.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestCasebook } from './casebook.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (spawnSync(CHROMIUM, ['--version']).status !== 0) throw new Error('chromium is needed for the browser tests (apt-get install chromium; .ci/run does)');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Signs in through the sign-in page in a fresh browser context (its own cookies) and returns its page. */
export async function signedInPage(browser: Browser, cb: TestCasebook, account: { name: string; password: string }, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
  // A page of Casebook answers in milliseconds; a locator that finds nothing should fail the test soon, with its name.
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  await page.goto(`${cb.url}/sign-in`);
  await page.getByLabel('Account name').fill(account.name);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  return page;
}
