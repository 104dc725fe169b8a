/**
 * A browser-less visitor of the web pages: signs in through the sign-in form like a person
 * would, keeps the session cookie, and sends forms with the CSRF token the pages carry.
 */
import assert from 'node:assert/strict';
import { findUserByName } from '../../db/queries/accounts.js';
import { changeOwnPassword, createAccount } from '../../server/services/accounts.js';
import { asAccount, asRole, type Role } from '../../server/viewer.js';
import type { TestCasebook } from './casebook.js';

export const WEB_PASSWORD = 'quiet lantern orchard 7 bicycle';

export interface WebResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  readonly location: string | null;
}

export interface WebVisitor {
  readonly csrf: string;
  /** The session cookie, `casebook_session=…`, for a request the visitor cannot make. */
  readonly cookie: string;
  get(path: string): Promise<WebResponse>;
  /** Sends a urlencoded form, with this session's CSRF token unless `fields` sets `_csrf` itself. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<WebResponse>;
  /** Sends multipart form data as the upload form does, the CSRF token in the query string. */
  upload(path: string, form: FormData, csrf?: string): Promise<WebResponse>;
}

export function encodeForm(fields: Record<string, string | string[]>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) form.append(key, one);
  return form.toString();
}

async function fetchPage(url: string, init: RequestInit): Promise<WebResponse> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  return { status: response.status, text: await response.text(), headers: response.headers, location: response.headers.get('location') };
}

/** A page visitor with no session at all. */
export function anonymousVisitor(cb: TestCasebook): Pick<WebVisitor, 'get' | 'post'> {
  return {
    get: (path) => fetchPage(cb.url + path, {}),
    post: (path, fields = {}) => fetchPage(cb.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encodeForm(fields) }),
  };
}

/** Creates an account of `role` with a password of its own (the one-time password already changed). */
export async function aWebAccount(cb: TestCasebook, role: Role, name = `web-${role}`): Promise<{ name: string; password: string }> {
  const ctx = { db: cb.db, now: () => new Date() };
  const { oneTimePassword } = await createAccount(ctx, asRole('admin'), { name, role });
  const user = findUserByName(cb.db, name)!;
  await changeOwnPassword(ctx, asAccount(user), { currentPassword: oneTimePassword, newPassword: WEB_PASSWORD });
  return { name, password: WEB_PASSWORD };
}

/** Signs in through the form and returns a visitor holding the session cookie. */
export async function signInOnWeb(cb: TestCasebook, account: { name: string; password: string }): Promise<WebVisitor> {
  const signIn = await anonymousVisitor(cb).post('/sign-in', { name: account.name, password: account.password });
  assert.equal(signIn.status, 303, `sign-in failed: ${signIn.text.slice(0, 300)}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.match(cookie, /^casebook_session=/);
  const headers = { cookie };
  const account_ = await fetchPage(`${cb.url}/account`, { headers });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(account_.text)?.[1];
  assert.ok(csrf, 'the account page carries a CSRF token');
  return {
    csrf,
    cookie,
    get: (path) => fetchPage(cb.url + path, { headers }),
    post: (path, fields = {}) =>
      fetchPage(cb.url + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: encodeForm({ _csrf: csrf, ...fields }) }),
    upload: (path, form, token = csrf) => fetchPage(`${cb.url}${path}?_csrf=${encodeURIComponent(token)}`, { method: 'POST', headers, body: form }),
  };
}

/** An account of `role` signed in on the web pages. */
export async function webVisitor(cb: TestCasebook, role: Role): Promise<WebVisitor> {
  return signInOnWeb(cb, await aWebAccount(cb, role));
}
